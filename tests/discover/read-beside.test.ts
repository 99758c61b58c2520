/**
 * Files a format reads beside the one it was given (a requirements file's `-r` include, a GitLab pipeline's `local:`
 * include, a kustomization's resources): one that is there but cannot be read whole is an error, whether or not a
 * format reads it as a file of its own.
 */
import {rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {chartArchive} from '../support/chart-archive.js'
import {makeFifo} from '../support/fifo.js'
import {makeTree, refsAt, scanTree} from './tree.js'

const pipeline = 'include:\n  - local: .gitlab/ci/build.yml\nlint:\n  image: example.org/lint:1\n'

describe('a file read beside another', () => {
  it('with a line that is not UTF-8 is an error at that line (a requirements include no format claims)', async () => {
    const base = Buffer.concat([Buffer.from('django==5.0.0\nrequests==2.'), Buffer.from([0xff]), Buffer.from('\n')])
    const inventory = await scanTree({'requirements.txt': '-r base.txt\nflask==3.0.0\n', 'base.txt': base})
    expect(inventory.errors).toEqual([expect.objectContaining({file: 'base.txt', line: 2, code: 'invalid-utf8'})])
    expect(refsAt(inventory).map((ref) => ref.split(' ')[0])).toEqual(['django==5.0.0', 'flask==3.0.0'])
  })

  it('with a line that is not UTF-8 is an error at that line (a pipeline include)', async () => {
    const build = Buffer.concat([
      Buffer.from('build:\n  image: example.org/ok:1\nbad:\n  image: "bad'),
      Buffer.from([0xff]),
      Buffer.from(':1"\n'),
    ])
    const inventory = await scanTree({'.gitlab-ci.yml': pipeline, '.gitlab/ci/build.yml': build})
    expect(inventory.errors).toEqual([
      expect.objectContaining({file: '.gitlab/ci/build.yml', line: 4, code: 'invalid-utf8'}),
    ])
    expect(refsAt(inventory).map((ref) => ref.split(' ')[0])).toEqual(['example.org/lint:1', 'example.org/ok:1'])
  })

  it('that is too large, a FIFO, or a link leaving the tree is an error; a missing one is the format’s to tell', async () => {
    const outside = await makeTree({'base.txt': 'django==5.0.0\n'})
    const dir = await makeTree({
      'a/requirements.txt': '-r big.txt\nflask==3.0.0\n',
      'a/big.txt': `# ${'x'.repeat(2000)}\nrequests==2.0.0\n`,
      'b/requirements.txt': '-r fifo.txt\n',
      'c/requirements.txt': '-r linked.txt\n',
      'd/requirements.txt': '-r missing.txt\n',
    })
    try {
      makeFifo(join(dir, 'b', 'fifo.txt'))
      await symlink(join(outside, 'base.txt'), join(dir, 'c', 'linked.txt'))
      const {discoverPaths} = await import('../../src/discover/index.js')
      const inventory = JSON.parse(
        JSON.stringify(await discoverPaths([dir], {maxFileSize: 1024})).replaceAll(`${dir}/`, ''),
      )
      const errors = inventory.errors.map((e: {file: string; code: string}) => `${e.file} ${e.code}`)
      // Each cause at its file, beside the requirements format's own report at the include (as before).
      expect(errors).toEqual([
        'a/big.txt too-large',
        'a/requirements.txt include-not-read',
        'b/fifo.txt not-regular-file',
        'b/requirements.txt include-not-read',
        'c/linked.txt symlink-outside-root',
        'c/requirements.txt include-not-read',
        'd/requirements.txt include-not-read',
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
      await rm(outside, {recursive: true, force: true})
    }
  })
})

describe('a file read beside another, and on its own too', () => {
  const template = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: example.org/{{ .Values.x }}\n'

  it('is told once, in its own words (a Chart.yaml of gzip data, which every template below reads)', async () => {
    const inventory = await scanTree({
      'c/Chart.yaml': gzipSync('apiVersion: v2\n'),
      'c/templates/a.yaml': template,
      'c/templates/b.yaml': template,
    })
    expect(inventory.errors).toEqual([
      expect.objectContaining({file: 'c/Chart.yaml', code: 'binary', message: expect.stringContaining('named like a')}),
    ])
  })

  it('that cannot be read still makes the files under its templates/ chart templates (a FIFO Chart.yaml)', async () => {
    const dir = await makeTree({
      'c/templates/a.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.25\n',
    })
    try {
      makeFifo(join(dir, 'c', 'Chart.yaml'))
      const {discoverPaths} = await import('../../src/discover/index.js')
      const inventory = await discoverPaths([dir])
      expect(inventory.components).toEqual([])
      expect(inventory.skipped.map((s) => s.reason)).toEqual(['helm-template'])
      expect(inventory.errors.map((e) => `${e.file.replace(`${dir}/`, '')} ${e.code}`)).toEqual([
        'c/Chart.yaml not-regular-file',
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('left out by --exclude is not an error when another file reads it', async () => {
    const dir = await makeTree({'c/templates/a.yaml': template})
    try {
      makeFifo(join(dir, 'c', 'Chart.yaml'))
      const {discoverPaths} = await import('../../src/discover/index.js')
      const inventory = await discoverPaths([dir], {exclude: ['c/Chart.yaml']})
      expect(inventory.errors).toEqual([])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })

  it('under a folder link leaving the tree is told at the link, not at each name a format probes there', async () => {
    const outside = await makeTree({'base/kustomization.yaml': 'resources: []\n', 'base/Kustomization': 'x'})
    const dir = await makeTree({'overlay/kustomization.yaml': 'resources:\n  - ../base\n'})
    try {
      await symlink(join(outside, 'base'), join(dir, 'base'))
      const {discoverPaths} = await import('../../src/discover/index.js')
      const inventory = await discoverPaths([dir])
      // The resource the kustomization names is the link, and it is not read: an error at the link, and the
      // kustomization's own (nothing at the names it probed under it).
      expect(inventory.errors.map((e) => `${e.file.replace(`${dir}/`, '')} ${e.code}`)).toEqual([
        'base symlink-outside-root',
        'overlay/kustomization.yaml include-not-read',
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
      await rm(outside, {recursive: true, force: true})
    }
  })
})

describe('an include that is there but cannot be read', () => {
  it('is an error of the including file, even when --include leaves the included one out (its images are lost)', async () => {
    const files = {
      '.gitlab-ci.yml': 'include:\n  - local: ci/big.yml\nlint:\n  image: example.org/lint:1\n',
      'ci/big.yml': `build:\n  image: example.org/build:1\n# ${'x'.repeat(3000)}\n`,
      'k/kustomization.yaml': 'resources:\n  - big.yaml\n',
      'k/big.yaml': `apiVersion: v1\nkind: Pod\n# ${'x'.repeat(3000)}\n`,
    }
    for (const include of [[], ['.gitlab-ci.yml', 'kustomization.yaml']]) {
      const inventory = await scanTree(files, {maxFileSize: 1000, include})
      const errors = inventory.errors.map((e) => `${e.file}:${e.line ?? ''} ${e.code}`)
      expect(errors).toEqual(
        include.length === 0
          ? [
              '.gitlab-ci.yml:2 include-not-read',
              'ci/big.yml: too-large',
              'k/big.yaml: too-large',
              'k/kustomization.yaml:2 include-not-read',
            ]
          : ['.gitlab-ci.yml:2 include-not-read', 'k/kustomization.yaml:2 include-not-read'],
      )
      expect(inventory.skipped.filter((s) => s.reason === 'missing-resource')).toEqual([])
    }
  })
})

describe('a file in an archive read by another of its files', () => {
  it('left out by --exclude is not an error (as on disk)', async () => {
    const archive = await chartArchive({
      'redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.0.0\n\u0007\n',
      'redis/values.yaml': 'image:\n  repository: example.org/redis\n  tag: "7"\n',
    })
    const files = {
      'app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'app/charts/redis-1.0.0.tgz': archive,
    }
    const read = await scanTree(files)
    expect(read.errors.map((e) => `${e.file} ${e.code}`)).toEqual([
      'app/charts/redis-1.0.0.tgz!/redis/Chart.yaml control-character',
    ])
    const left = await scanTree(files, {exclude: ['Chart.yaml']})
    expect(left.errors).toEqual([])
  })
})

describe('YAML beside a GitLab pipeline', () => {
  it('is still read for Kubernetes objects, under .gitlab/ or named *.gitlab-ci.yml, with !reference tags read', async () => {
    const deployment = (image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`
    const inventory = await scanTree({
      '.gitlab/k8s/deploy.yaml': deployment('example.org/agent-deployed:1'),
      'deploy/app.gitlab-ci.yml': deployment('example.org/review:1'),
      '.gitlab/ci/build.yml': 'build:\n  script: !reference [.setup, script]\n  image: example.org/builder:1\n',
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory).map((ref) => ref.split(' ')[0])).toEqual([
      'example.org/agent-deployed:1',
      'example.org/review:1',
    ])
  })
})
