/**
 * Packaged Helm subcharts (charts/NAME-VERSION.tgz, as `helm dependency build` writes them) and a packaged chart
 * named as a PATH (as `helm pull` writes it), read through discovery and the CLI.
 */
import {rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {chartArchive, chartYaml} from '../support/chart-archive.js'
import {runCli} from '../support/cli.js'
import {makeFifo} from '../support/fifo.js'
import {discoverPaths} from '../../src/discover/index.js'
import {makeTree, refsAt, scanTree} from './tree.js'

const app = chartYaml('app', '1.0.0', 'dependencies:\n  - name: cache\n    version: 1.0.0\n')

async function cache(): Promise<Buffer> {
  const common = await chartArchive({
    'common/Chart.yaml': chartYaml('common', '2.0.0', 'appVersion: "2.0"\n'),
    'common/values.yaml': 'image:\n  repository: example.org/common-helper\n',
    // The tag the templates give an image whose values name none: the appVersion (helm-values/app-version-tag.ts).
    'common/templates/_image.tpl':
      '{{- define "common.tag" -}}{{ .Values.image.tag | default .Chart.AppVersion }}{{- end -}}\n',
  })
  return chartArchive({
    'cache/Chart.yaml': chartYaml(
      'cache',
      '1.0.0',
      'appVersion: "7.2"\ndependencies:\n  - name: common\n    version: 2.0.0\n',
    ),
    'cache/values.yaml': 'image:\n  registry: registry.example.org\n  repository: cache/server\n',
    'cache/templates/deployment.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\n',
    'cache/charts/common-2.0.0.tgz': common,
    'cache/README.md': '# cache\n',
  })
}

const member = 'app/charts/cache-1.0.0.tgz!/cache'
/** Real packaged charts from Helm's own test data (./__fixtures__/helm-archives/SOURCES.md). */
const real = join(import.meta.dirname, '__fixtures__', 'helm-archives')

describe('packaged Helm charts', () => {
  it('read as the unpacked chart would be: values, Chart.yaml dependencies, the archives inside, templates skipped', async () => {
    const inventory = await scanTree({
      'app/Chart.yaml': app,
      'app/charts/cache-1.0.0.tgz': await cache(),
      'app/charts/cache-1.0.0.tgz.prov': 'signature',
      'app/charts/local/Chart.yaml': chartYaml('local'),
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      'cache@1.0.0 app/Chart.yaml:5:11',
      `common@2.0.0 ${member}/Chart.yaml:6:11`,
      `example.org/common-helper:2.0 ${member}/charts/common-2.0.0.tgz!/common/values.yaml:2:15`,
      `registry.example.org/cache/server:7.2 ${member}/values.yaml:3:15`,
    ])
    expect(inventory.skipped).toEqual([
      expect.objectContaining({file: `${member}/templates/deployment.yaml`, reason: 'helm-template'}),
    ])
    // Chart.yaml twice (the app's, cache's), cache's values and template, common's Chart.yaml and values.
    expect(inventory.files).toBe(7)
  })

  it("of the real world: Bitnami's MariaDB chart packaged as a subchart, with both its images", async () => {
    const dir = join(real, 'chart-with-compressed-dependencies')
    const inventory = await discoverPaths([dir])
    const archive = `${dir}/charts/mariadb-4.3.1.tgz!/mariadb`
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      `docker.io/bitnami/mariadb:10.1.34-debian-9 ${archive}/values.yaml:6:15`,
      `docker.io/prom/mysqld-exporter:v0.10.0 ${archive}/values.yaml:227:17`,
    ])
    // Its ten templates, each skipped as an unpacked chart's would be.
    expect(inventory.skipped.map((s) => s.reason)).toEqual(Array(10).fill('helm-template'))
  })

  it("of the real world: Helm's frobnitz chart, named as a PATH, and the charts packaged inside it", async () => {
    const file = join(real, 'frobnitz-1.2.3.tgz')
    const inventory = await discoverPaths([file])
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual([
      `albatross@0.1.0 ${file}!/frobnitz/charts/mariner-4.3.2.tgz!/mariner/Chart.yaml:7:11`,
      `alpine@0.1.0 ${file}!/frobnitz/Chart.lock:2:11`,
      `alpine@0.1.0 ${file}!/frobnitz/Chart.yaml:22:11`,
      `mariner@4.3.2 ${file}!/frobnitz/Chart.lock:5:11`,
      `mariner@4.3.2 ${file}!/frobnitz/Chart.yaml:25:11`,
    ])
    // frobnitz's Chart.yaml, Chart.lock and values; alpine's (a folder) Chart.yaml, values and template; mast1's
    // (a folder) and mast2's (an archive) Chart.yaml and values; mariner's (an archive) Chart.yaml and values and
    // albatross's (an archive in it) Chart.yaml and values.
    expect(inventory.files).toBe(14)
  })

  it('are not read outside a chart (a chart repository publishing archives)', async () => {
    const inventory = await scanTree({
      'repo/charts/cache-1.0.0.tgz': await cache(),
      'repo/index.yaml': 'apiVersion: v1\nentries: {}\n',
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components).toEqual([])
  })

  it('are left out by --exclude (the archive, a folder above it, a folder or file in it) and --include', async () => {
    const files = {'app/Chart.yaml': app, 'app/charts/cache-1.0.0.tgz': await cache()}
    const refs = async (options: {exclude?: string[]; include?: string[]}) =>
      refsAt(await scanTree(files, options)).map((ref) => ref.split(' ')[0])
    for (const options of [{exclude: ['*.tgz']}, {exclude: ['app/charts']}, {include: ['Chart.yaml']}])
      expect(await refs(options)).toEqual(['cache@1.0.0'])
    expect(await refs({exclude: ['**/common-*.tgz!']})).toEqual([
      'cache@1.0.0',
      'common@2.0.0',
      'registry.example.org/cache/server:7.2',
    ])
    expect(await refs({exclude: ['values.yaml']})).toEqual(['cache@1.0.0', 'common@2.0.0'])
    const skipped = await scanTree(files, {exclude: ['**/templates']})
    expect(skipped.skipped).toEqual([])
  })

  it('that cannot be read are an error naming the archive, and the run is incomplete (exit 2)', async () => {
    const dir = await makeTree({'Chart.yaml': app, 'charts/cache-1.0.0.tgz': 'not gzip'})
    try {
      const result = await runCli(['inventory', dir])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(
        `error: ${dir}/charts/cache-1.0.0.tgz: not a gzip archive (incorrect header check); its images and dependencies are not read [chart-archive-not-read]`,
      )
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('unpack to at most --max-file-size', async () => {
    const big = await chartArchive({
      'big/Chart.yaml': chartYaml('big'),
      'big/values.yaml': `a: ${'x'.repeat(300_000)}\n`,
    })
    const dir = await makeTree({'Chart.yaml': app, 'charts/big-1.0.0.tgz': big})
    try {
      const result = await runCli(['inventory', dir, '--max-file-size', '200KB', '--json'])
      expect(result.code).toBe(2)
      expect(JSON.parse(result.stdout).errors).toEqual([
        {
          file: `${dir}/charts/big-1.0.0.tgz`,
          code: 'chart-archive-not-read',
          message:
            'unpacks to more than the 204800-byte limit (--max-file-size); its images and dependencies are not read',
        },
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('named as a PATH are read (helm pull), and one that is no chart is an error', async () => {
    const dir = await makeTree({
      'cache-1.0.0.tgz': await cache(),
      'package.tgz': await chartArchive({'package/package.json': '{}'}),
    })
    try {
      const read = await runCli(['inventory', join(dir, 'cache-1.0.0.tgz'), '--json'])
      expect(read.code).toBe(0)
      const inventory = JSON.parse(read.stdout.replaceAll(`${dir}/`, ''))
      expect(refsAt(inventory)).toEqual([
        'common@2.0.0 cache-1.0.0.tgz!/cache/Chart.yaml:6:11',
        'example.org/common-helper:2.0 cache-1.0.0.tgz!/cache/charts/common-2.0.0.tgz!/common/values.yaml:2:15',
        'registry.example.org/cache/server:7.2 cache-1.0.0.tgz!/cache/values.yaml:3:15',
      ])
      const refused = await runCli(['inventory', join(dir, 'package.tgz')])
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain('package.tgz: holds no Chart.yaml in its top folder: not a Helm chart;')
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('that are a link leaving the tree are an error, as any file a format would read', async () => {
    const outside = await makeTree({'cache-1.0.0.tgz': await cache()})
    const dir = await makeTree({'Chart.yaml': app, 'charts/README.md': '# vendored subcharts\n'})
    try {
      await symlink(join(outside, 'cache-1.0.0.tgz'), join(dir, 'charts', 'cache-1.0.0.tgz'))
      const result = await runCli(['inventory', dir, '--json'])
      expect(result.code).toBe(2)
      expect(JSON.parse(result.stdout).errors).toEqual([
        expect.objectContaining({file: `${dir}/charts/cache-1.0.0.tgz`, code: 'symlink-outside-root'}),
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
      await rm(outside, {recursive: true, force: true})
    }
  })
})

describe('packaged Helm charts and the tree around them', () => {
  it('refuse an archive when a file of the tree is printed as one of its files (a folder named NAME.tgz!)', async () => {
    const inventory = await scanTree({
      'app/Chart.yaml': app,
      'app/charts/cache-1.0.0.tgz': await cache(),
      'app/charts/cache-1.0.0.tgz!/cache/values.yaml': 'image:\n  repository: example.org/decoy\n  tag: "1"\n',
    })
    expect(inventory.errors).toEqual([
      {
        file: 'app/charts/cache-1.0.0.tgz',
        code: 'chart-archive-not-read',
        message: `the tree holds a file named as one in this archive (${member}/values.yaml); its images and dependencies are not read`,
      },
    ])
  })

  it('named as a PATH but not a regular file (a FIFO) is an error, not a format question', async () => {
    const dir = await makeTree({})
    try {
      const fifo = makeFifo(join(dir, 'chart.tgz'))
      const result = await runCli(['inventory', fifo])
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('chart.tgz: not a regular file (FIFO, socket or device)')
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})

describe('a file in a packaged chart', () => {
  it('reads only the files of its archive, never a file on disk', async () => {
    const kustomization = 'resources:\n  - ../../../deploy.yaml\nimages:\n  - name: nginx\n    newTag: "9.9"\n'
    const inventory = await scanTree({
      'app/Chart.yaml': app,
      'app/charts/x-1.0.0.tgz': await chartArchive({
        'x/Chart.yaml': chartYaml('x'),
        'x/kustomization.yaml': kustomization,
      }),
      'app/deploy.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.0\n',
    })
    // The override as written is listed; the resource outside the archive is not rendered with it.
    expect(refsAt(inventory).filter((ref) => ref.startsWith('nginx'))).toEqual([
      'nginx:1.0 app/deploy.yaml:8:14',
      'nginx:9.9 app/charts/x-1.0.0.tgz!/x/kustomization.yaml:4:11',
    ])
    expect(inventory.skipped).toEqual([
      expect.objectContaining({
        file: 'app/charts/x-1.0.0.tgz!/x/kustomization.yaml',
        line: 2,
        reason: 'missing-resource',
      }),
    ])
  })
})
