/**
 * Files a format reads beside the one it was given (a requirements file's `-r` include, a GitLab pipeline's `local:`
 * include, a kustomization's resources): one that is there but cannot be read whole is an error, whether or not a
 * format reads it as a file of its own.
 */
import {rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
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
      // The resource the kustomization names is the link, and it is not read: one error, at the link.
      expect(inventory.errors.map((e) => `${e.file.replace(`${dir}/`, '')} ${e.code}`)).toEqual([
        'base symlink-outside-root',
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
      await rm(outside, {recursive: true, force: true})
    }
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
