/**
 * Hostile inputs, generated here: each ends in a clear error or skip naming the file (and line), within
 * seconds, while the other files are still listed; the CLI exits 2 because some input could not be read.
 * Lockfiles and the PATH checks: ./unread.test.ts.
 */
import {rm, symlink} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Inventory} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {runCli} from '../support/cli.js'
import {makeTree} from './tree.js'
import {makeFifo} from '../support/fifo.js'

const pod = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`

function aliasBomb(): string {
  const lines = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'data:',
    '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ]
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i)
    lines.push(
      `  ${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(',')}]`,
    )
  }
  return `${lines.join('\n')}\n`
}

const MAX = 4 * 1024 * 1024

let dir: string
let outside: string
let inventory: Inventory

beforeAll(async () => {
  outside = await makeTree({
    'secret.yaml': pod('registry.example.com/outside:1'),
    'd/x.yaml': pod('registry.example.com/outside:2'),
  })
  dir = await makeTree({
    'good.yaml': pod('registry.example.com/good:1.0'),
    'bomb.yaml': aliasBomb(),
    'many.yaml': Array.from({length: 10_000}, () => pod('registry.example.com/many:1')).join('---\n'),
    'bad-utf8.yaml': Buffer.concat([
      Buffer.from('apiVersion: v1\nkind: Pod\n# caf'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]),
    'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pod('x:1'), 'utf16le')]),
    'utf16-nobom.yaml': Buffer.from(pod('x:1'), 'utf16le'),
    'python.yaml': 'apiVersion: v1\nkind: Pod\nspec: !!python/object:os.system {}\n',
    'proto.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  __proto__: {polluted: true}\n${pod('registry.example.com/proto:1').split('\n').slice(4).join('\n')}`,
    'fields.yaml': `${pod('1.10')}---\n${pod('[a, b]')}---\n${pod('null')}`,
    // A Kubernetes object's keys first: a YAML file that writes no apiVersion and kind is no manifest, and its
    // problems one skip (k8s-manifest), not errors.
    'deep.yaml': `apiVersion: v1\nkind: List\nitems: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    'big.yaml': `${pod('registry.example.com/big:1')}#${'x'.repeat(MAX)}\n`,
    'chart/Chart.lock': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0xff]),
    'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
  })
  await symlink('.', join(dir, 'loop'))
  await symlink('self.yaml', join(dir, 'self.yaml'))
  await symlink(join(outside, 'secret.yaml'), join(dir, 'escape.yaml'))
  await symlink(join(outside, 'd'), join(dir, 'escape-dir'))
  await symlink('good.yaml', join(dir, 'alias.yaml'))
  makeFifo(join(dir, 'pipe.yaml'))
  inventory = JSON.parse(JSON.stringify(await discoverPaths([dir], {maxFileSize: MAX})).replaceAll(`${dir}/`, ''))
}, 30_000)

afterAll(async () => {
  await rm(dir, {recursive: true, force: true})
  await rm(outside, {recursive: true, force: true})
})

describe('hostile inputs', () => {
  it('still lists the good files, and what symlinks inside the root point to', () => {
    const refs = inventory.components.map((c) => `${c.ref} ${[...new Set(c.locations.map((l) => l.file))].join(',')}`)
    expect(refs).toEqual([
      // UTF-16 with its byte-order mark, as PowerShell 5.1 writes a file, is read as the mark says (docker.io/library/x)
      'x:1 utf16.yaml',
      // alias.yaml links to good.yaml: one file, read once, at its own path
      'registry.example.com/good:1.0 good.yaml',
      'registry.example.com/many:1 many.yaml',
      // an image next to a forbidden key is still listed
      'registry.example.com/proto:1 proto.yaml',
    ])
    // every one of the 10,000 documents is read
    expect(inventory.components.find((c) => c.ref === 'registry.example.com/many:1')?.locations).toHaveLength(10_000)
    expect(JSON.stringify(inventory)).not.toContain('registry.example.com/outside')
  })

  it('ends each unreadable input in an error naming the file and line', () => {
    const errors = inventory.errors.map((e) => `${e.file}:${e.line ?? ''} ${e.code}`)
    expect(errors).toEqual([
      'bad-utf8.yaml:3 invalid-utf8',
      'big.yaml: too-large',
      'bomb.yaml:1 yaml-alias-budget',
      'chart/Chart.lock: binary',
      // the yaml library's own stack guard or our depth limit, whichever comes first
      expect.stringMatching(/^deep\.yaml:1 (yaml-too-deep|yaml-syntax)$/),
      // a file a format would read that is not read makes the run incomplete, whatever stands in its way
      'escape.yaml: symlink-outside-root',
      'fields.yaml:8 invalid-image-field',
      'fields.yaml:17 invalid-image-field',
      'fields.yaml:26 invalid-image-field',
      'pipe.yaml: not-regular-file',
      'proto.yaml:4 forbidden-key',
      'self.yaml: symlink-loop',
      'utf16-nobom.yaml: unsupported-encoding',
    ])
    const byFile = Object.fromEntries(inventory.errors.toReversed().map((e) => [e.file, e.message]))
    expect(byFile['fields.yaml']).toBe('image field (containers) must be a string, found a number (1.10)')
    expect(byFile['utf16-nobom.yaml']).toBe(
      'UTF-16 text without a byte-order mark is not supported; save the file as UTF-8',
    )
    // `!!python/object:os.system` is read as kubectl reads it: go-yaml never looks at a mapping's tag, so the mapping is
    // itself, untagged (nothing is ever constructed from a tag), and no error.
    expect(byFile['python.yaml']).toBeUndefined()
    expect(byFile['chart/Chart.lock']).toBe('gzip data in a file named like a helm-chart file; not read')
    expect(byFile['big.yaml']).toMatch(/^\d+ bytes, over the 4194304-byte limit \(--max-file-size\); not read$/)
  })

  it('skips, with a reason, the links no format would read (a link to a YAML file read at its own path is no skip)', () => {
    expect(inventory.skipped.map((s) => `${s.file} ${s.reason}`)).toEqual([
      'escape-dir symlink-outside-root',
      'loop symlink-loop',
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('the CLI exits 2 and prints the same JSON bytes on every run', async () => {
    const args = ['inventory', dir, '--max-file-size', '4MB', '--json']
    const first = await runCli(args)
    const second = await runCli(args)
    expect(first.code).toBe(2)
    expect(second.stdout).toBe(first.stdout)
    const json = JSON.parse(first.stdout)
    expect(Object.keys(json)).toEqual(['components', 'skipped', 'errors', 'files'])
    expect(json.errors.map((e: {file: string}) => e.file.replace(`${dir}/`, ''))).toEqual(
      inventory.errors.map((e) => e.file),
    )
  }, 60_000)
})
