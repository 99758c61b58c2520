/**
 * Nothing unread passes the gate (issue #11, part 3): a file a format reads is read completely, or each part that
 * is not is an error naming the file (and line), and the run is incomplete (exit 2); what can still be read is
 * listed. A PATH that does not exist and a named file no format reads are usage errors (exit 3). Large valid
 * inputs are read whole. YAML manifests and the file system: ./hostile.test.ts.
 */
import {rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {StewardsError} from '../../src/core/errors.js'
import type {Inventory} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {runCli} from '../support/cli.js'
import {makeTree, scanTree} from './tree.js'

const yarnEntry = (name: string, version: string) =>
  `${name}@^${version}:\n  version "${version}"\n  resolved "https://registry.yarnpkg.com/${name}/-/${name}-${version}.tgz"\n\n`

const files: Record<string, string | Uint8Array> = {
  'nul/requirements.txt': 'flask==1.0\nreq\0uests==2.0\ndjango==3.0\n',
  'nul/yarn.lock': `# yarn lockfile v1\n\n\n${yarnEntry('left-pad', '1.3.0')}${yarnEntry('bad', '1.0.0').replace('"1.0.0"', '"1.0\x01.0"')}${yarnEntry('right-pad', '1.0.1')}`,
  'esc/Gemfile.lock':
    'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.0)\n    \x1b[31mevil (6.6.6)\n    rake (13.0.0)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  rack\n',
  'latin1/requirements.txt': Buffer.concat([
    Buffer.from('flask==1.0\n# caf'),
    Buffer.from([0xe9]),
    Buffer.from('\ndjango==3.0\n'),
  ]),
  'gz/package-lock.json': Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]),
  'zip/Gemfile.lock': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('GEM\n')]),
  'elf/go.sum': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]), Buffer.alloc(16)]),
  // What PowerShell 5.1's `pip freeze > requirements.txt` writes: read by its byte-order mark, as pip reads it.
  'utf16/requirements.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('flask==1.0\n', 'utf16le')]),
  'utf16-nobom/requirements.txt': Buffer.from('flask==2.0\n', 'utf16le'),
  'dup/package-lock.json':
    '{\n  "name": "x",\n  "lockfileVersion": 3,\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/dup": {"version": "1.0.0"}\n  }\n}\n',
  'proto/package-lock.json':
    '{\n  "lockfileVersion": 3,\n  "__proto__": {"polluted": true},\n  "packages": {\n    "node_modules/kept": {"version": "1.0.0", "__proto__": {}}\n  }\n}\n',
  'proto/Cargo.lock': 'version = 4\n\n[[package]]\nname = "kept-crate"\nversion = "1.0.0"\n__proto__ = "x"\n',
  'syntax/package-lock.json': '{"lockfileVersion": 3,\n',
  'big/package-lock.json': `{"lockfileVersion": 3, "packages": {}, "padding": "${'x'.repeat(70_000)}"}`,
}

let inventory: Inventory

beforeAll(async () => {
  inventory = await scanTree(files, {maxFileSize: 64 * 1024})
})

describe('files a format reads but cannot read completely', () => {
  it('are errors naming the file, the line and the reason', () => {
    expect(inventory.errors.map((e) => `${e.file}:${e.line ?? ''}:${e.column ?? ''} ${e.code}`)).toEqual([
      'big/package-lock.json:: too-large',
      'dup/package-lock.json:4:3 duplicate-key',
      'elf/go.sum:: binary',
      'esc/Gemfile.lock:5:5 control-character',
      'gz/package-lock.json:: binary',
      'latin1/requirements.txt:2: invalid-utf8',
      'nul/requirements.txt:2:4 control-character',
      // the entry whose version line is not read has no version
      'nul/yarn.lock:8:1 invalid-entry',
      'nul/yarn.lock:9:15 control-character',
      'proto/Cargo.lock:6: forbidden-key',
      'proto/package-lock.json:3:3 forbidden-key',
      'proto/package-lock.json:5:47 forbidden-key',
      'syntax/package-lock.json:2:1 invalid-json',
      'utf16-nobom/requirements.txt:: unsupported-encoding',
      'zip/Gemfile.lock:: binary',
    ])
    const message = (file: string) => inventory.errors.find((e) => e.file === file)?.message
    expect(message('big/package-lock.json')).toBe('70053 bytes, over the 65536-byte limit (--max-file-size); not read')
    expect(message('elf/go.sum')).toBe('ELF executable data in a file named like a go-sum file; not read')
    expect(message('gz/package-lock.json')).toBe('gzip data in a file named like a npm-package-lock file; not read')
    expect(message('nul/requirements.txt')).toBe('control character NUL at line 2; the line is not read')
    expect(message('esc/Gemfile.lock')).toBe('control character U+001B at line 5; the line is not read')
    expect(message('latin1/requirements.txt')).toBe('line 2 is not valid UTF-8; the line is not read')
    expect(message('dup/package-lock.json')).toBe("duplicate key 'lockfileVersion' (the last value is used)")
    expect(message('utf16-nobom/requirements.txt')).toBe(
      'UTF-16 text without a byte-order mark is not supported; save the file as UTF-8',
    )
    expect(inventory.skipped).toEqual([])
  })

  it('keep every entry they could read', () => {
    const refs = inventory.components.map((c) => `${c.name}@${c.version} ${c.locations.map((l) => l.file).join(',')}`)
    expect(refs).toEqual([
      'django@3.0 latin1/requirements.txt,nul/requirements.txt',
      'dup@1.0.0 dup/package-lock.json',
      'flask@1.0 latin1/requirements.txt,nul/requirements.txt,utf16/requirements.txt',
      'kept@1.0.0 proto/package-lock.json',
      'kept-crate@1.0.0 proto/Cargo.lock',
      'left-pad@1.3.0 nul/yarn.lock',
      'rack@3.0.0 esc/Gemfile.lock',
      'rake@13.0.0 esc/Gemfile.lock',
      'right-pad@1.0.1 nul/yarn.lock',
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('lists at most 20 bad lines of one file, and counts the rest', async () => {
    const lines = Array.from({length: 50}, (_, i) => (i % 2 === 0 ? `pkg${i}==1.0` : `bad\0${i}==1.0`))
    const many = await scanTree({'requirements.txt': `${lines.join('\n')}\n`})
    expect(many.components).toHaveLength(25)
    expect(many.errors).toHaveLength(21)
    expect(many.errors.at(-1)).toMatchObject({
      line: 42,
      code: 'control-character',
      message: '5 more lines from line 42 are not valid text; they are not read',
    })
  })
})

describe('large valid inputs', () => {
  it('merges more components than fit in a call (no stack overflow)', async () => {
    const count = 130_000
    const lines = Array.from({length: count}, (_, i) => `example.com/m${i.toString(36)} v1.0.0 h1:abc=`)
    const large = await scanTree({'go.sum': `${lines.join('\n')}\n`})
    expect(large.errors).toEqual([])
    expect(large.components).toHaveLength(count)
  }, 60_000)
})

describe('PATHs', () => {
  let dir: string
  beforeAll(async () => {
    dir = await makeTree({'bom.json': '{"hello": 1}\n', 'notes.txt': 'hello\n'})
  })
  afterAll(() => rm(dir, {recursive: true, force: true}))

  async function usage(paths: string[]): Promise<StewardsError> {
    const error = await discoverPaths(paths).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(StewardsError)
    expect((error as StewardsError).exitCode).toBe(3)
    return error as StewardsError
  }

  it('a PATH that does not exist is a usage error, before anything is read', async () => {
    const error = await usage([dir, join(dir, 'no', 'such')])
    expect(error.message).toBe(`${dir}/no/such: no such file or directory`)
    expect(error.code).toBe('path-not-found')
  })

  it('a file named as PATH that no format reads is a usage error naming the known formats', async () => {
    expect((await usage([join(dir, 'notes.txt')])).message).toMatch(
      /^no format reads .*\/notes\.txt; known formats: helm-chart, helm-values, k8s-manifest, /,
    )
    expect((await usage([join(dir, 'bom.json')])).message).toMatch(
      /^no format reads .*\/bom\.json \(its content is not what [^)]*k8s-json[^)]* reads\); known formats: /,
    )
    // the same files found by walking a directory are passed over
    expect(await discoverPaths([dir])).toEqual({components: [], skipped: [], errors: [], files: 0})
  })
})

describe('the CLI', () => {
  let dir: string
  let empty: string
  beforeAll(async () => {
    dir = await makeTree(files)
    empty = await makeTree({})
    await writeFile(join(empty, 'README.md'), 'nothing to read\n')
  })
  afterAll(async () => {
    await rm(dir, {recursive: true, force: true})
    await rm(empty, {recursive: true, force: true})
  })

  it('inventory: exit 2, each unread part on stderr with file:line, the rest listed', async () => {
    const r = await runCli(['inventory', dir, '--max-file-size', '64KB'])
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/^flask==1\.0 +package +pypi +1\.0 +.*latin1\/requirements\.txt:1 \(\+2\)$/m)
    expect(r.stderr).toContain(
      `error: ${dir}/nul/requirements.txt:2:4: control character NUL at line 2; the line is not read [control-character]`,
    )
    expect(r.stderr).toContain(
      `error: ${dir}/gz/package-lock.json: gzip data in a file named like a npm-package-lock file; not read [binary]`,
    )
    expect(r.stderr).toContain(`error: ${dir}/dup/package-lock.json:4:3: duplicate key 'lockfileVersion'`)
  }, 60_000)

  it('inventory: a missing PATH and an unclaimed named file are usage errors (exit 3)', async () => {
    const missing = await runCli(['inventory', join(dir, 'nope')])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toBe(`Error: ${dir}/nope: no such file or directory\nHint: check the PATH arguments\n`)
    const unclaimed = await runCli(['inventory', join(empty, 'README.md')])
    expect(unclaimed.code).toBe(3)
    expect(unclaimed.stderr).toMatch(/^Error: no format reads .*README\.md; known formats: helm-chart, /)
  }, 60_000)

  it('scan: an unread lockfile makes the scan incomplete (exit 2) and is in the report; an empty tree is clean', async () => {
    const args = ['--offline', '--format', 'json']
    const unread = await runCli(['scan', join(dir, 'gz'), ...args])
    expect(unread.code).toBe(2)
    const report = JSON.parse(unread.stdout)
    expect(report.summary.incomplete).toBe(true)
    expect(report.errors.map((e: {code: string}) => e.code)).toEqual(['binary'])
    const clean = await runCli(['scan', empty, ...args])
    expect(clean.code).toBe(0)
    expect(JSON.parse(clean.stdout).summary.incomplete).toBe(false)
    const missing = await runCli(['scan', join(dir, 'nope'), ...args])
    expect(missing.code).toBe(3)
  }, 120_000)
})
