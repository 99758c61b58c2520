/**
 * The walk passes nothing over in silence (./walk.ts): an entry it cannot examine is an error naming it, a name that
 * is not UTF-8 is read by its bytes and shown escaped, and a file a format would read that is not read (a symlink
 * leaving the tree, a FIFO, a broken link) makes the run incomplete. Real trees under the system's temporary folder.
 */
import {execFileSync} from 'node:child_process'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {gzipSync} from 'node:zlib'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Inventory} from '../core/model.js'
import {makeTree} from '../../tests/discover/tree.js'
import {makeFifo} from '../../tests/support/fifo.js'
import {runCli} from '../../tests/support/cli.js'
import {discoverPaths} from './index.js'
import {escapeName} from './walk.js'

const trees: string[] = []

async function tree(files: Record<string, string> = {}): Promise<string> {
  const dir = await makeTree(files)
  trees.push(dir)
  return dir
}

/** Paths relative to the tree, as the tests write them. */
async function inventoryOf(dir: string): Promise<Inventory> {
  return JSON.parse(JSON.stringify(await discoverPaths([dir])).replaceAll(`${dir}/`, ''))
}

/** Bytes of a path: `\xFF` in `name` stands for that byte. */
function bytes(dir: string, name: string): Buffer {
  const parts = name
    .split(/(\\x[0-9A-F]{2})/)
    .map((part) => (part.startsWith('\\x') ? Buffer.from([Number.parseInt(part.slice(2), 16)]) : Buffer.from(part)))
  return Buffer.concat([Buffer.from(`${dir}/`), ...parts])
}

afterAll(() => {
  // rm(1): Node's recursive removal cannot reach below PATH_MAX.
  for (const dir of trees) execFileSync('rm', ['-rf', dir])
})

describe('paths longer than the system allows (PATH_MAX)', () => {
  let dir: string
  let deep: string
  let inventory: Inventory

  beforeAll(async () => {
    dir = await tree({'ok/Dockerfile': 'FROM registry.example.com/ok:1\n'})
    // Folders down to a path of 4,090 bytes: it can be listed, but none of its entries (6 bytes or more) examined.
    const segments: string[] = []
    let left = 4090 - dir.length
    while (left > 201) {
      segments.push('d'.repeat(200))
      left -= 201
    }
    if (left === 1) {
      segments[segments.length - 1] = 'd'.repeat(199)
      left = 2
    }
    segments.push('e'.repeat(left - 1))
    deep = segments.join('/')
    // Each `cd` is relative and short: the shell builds what no absolute path could name.
    const steps = segments.map((segment) => `mkdir ${segment} && cd ${segment}`).join(' && ')
    execFileSync(
      'sh',
      [
        '-c',
        `${steps} && printf 'FROM registry.example.com/deep:1\\n' > Dockerfile && : > notes.txt && mkdir subdir node_modules`,
      ],
      {cwd: dir},
    )
    expect(`${dir}/${deep}`).toHaveLength(4090)
    inventory = await inventoryOf(dir)
  })

  it('are errors naming the entry; a file no format reads, or a folder never walked, is not one', () => {
    expect(inventory.errors).toEqual([
      {file: `${deep}/Dockerfile`, code: 'read-failed', message: 'cannot examine: the path is too long'},
      {
        file: `${deep}/subdir`,
        code: 'read-failed',
        message: 'cannot examine: the path is too long; nothing under it is read',
      },
    ])
  })

  it('the scan goes on, and the inventory is incomplete (exit 2)', async () => {
    expect(inventory.components.map((c) => c.ref)).toEqual(['registry.example.com/ok:1'])
    const result = await runCli(['inventory', dir])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('1 components in 1 files; 0 skipped; 2 errors')
  })
})

describe('names that are not UTF-8', () => {
  let dir: string

  beforeAll(async () => {
    dir = await tree({'x\uFFFDy/Dockerfile': 'FROM registry.example.com/replacement-char:1\n'})
    mkdirSync(bytes(dir, 'dir\\xFF\\xFE/sub'), {recursive: true})
    writeFileSync(bytes(dir, 'dir\\xFF\\xFE/Dockerfile'), 'FROM registry.example.com/latin:1\n')
    writeFileSync(bytes(dir, 'dir\\xFF\\xFE/sub/requirements.txt'), 'flask==3.0.0\n')
    writeFileSync(bytes(dir, 'compose-\\xE9.yaml'), 'services:\n  web:\n    image: registry.example.com/web:2\n')
    symlinkSync(bytes(dir, 'dir\\xFF\\xFE/sub/requirements.txt'), join(dir, 'requirements.txt'))
  })

  it('are read by their bytes and shown with each byte that is not UTF-8 escaped', async () => {
    const inventory = await inventoryOf(dir)
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map((c) => `${c.ref} ${c.locations.map((l) => `${l.file}:${l.line}`).join(',')}`),
    ).toEqual([
      // requirements.txt links to it: one file, read once, at its own path
      'flask==3.0.0 dir\\xFF\\xFE/sub/requirements.txt:1',
      'registry.example.com/latin:1 dir\\xFF\\xFE/Dockerfile:1',
      'registry.example.com/replacement-char:1 x\uFFFDy/Dockerfile:1',
      'registry.example.com/web:2 compose-\\xE9.yaml:3',
    ])
    expect(inventory.files).toBe(4)
    expect(inventory.skipped).toEqual([
      {
        file: 'requirements.txt',
        reason: 'unsupported',
        message: 'symlink to dir\\xFF\\xFE/sub/requirements.txt, which is read at its own path; not read twice',
      },
    ])
  })

  it('the CLI reads them all (exit 0)', async () => {
    const result = await runCli(['inventory', dir, '--format', 'json'])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).components.map((c: {locations: {file: string}[]}) => c.locations[0].file)).toEqual(
      [
        `${dir}/dir\\xFF\\xFE/sub/requirements.txt`,
        `${dir}/dir\\xFF\\xFE/Dockerfile`,
        `${dir}/x\uFFFDy/Dockerfile`,
        `${dir}/compose-\\xE9.yaml`,
      ],
    )
  })

  it('lets a format read the files beside one (a pip include, the packaged subcharts of a chart)', async () => {
    const beside = await tree()
    mkdirSync(bytes(beside, 'app\\xE9/charts'), {recursive: true})
    writeFileSync(bytes(beside, 'app\\xE9/requirements.txt'), '-r base.txt\n')
    writeFileSync(bytes(beside, 'app\\xE9/base.txt'), 'django==5.0.0\n')
    writeFileSync(bytes(beside, 'app\\xE9/Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n')
    writeFileSync(bytes(beside, 'app\\xE9/charts/cache-1.0.0.tgz'), gzipSync('cache/Chart.yaml'))
    const inventory = await inventoryOf(beside)
    expect(inventory.components.map((c) => `${c.ref} ${c.locations[0].file}`)).toEqual([
      'django==5.0.0 app\\xE9/base.txt',
    ])
    expect(inventory.errors.map((e) => `${e.file} ${e.code}`)).toEqual([
      'app\\xE9/charts/cache-1.0.0.tgz chart-archive-not-read',
    ])
  })

  it('escapes each byte outside a well-formed UTF-8 sequence, keeps the characters', () => {
    const name = (...parts: Array<string | number[]>) =>
      escapeName(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))))
    expect(name('café', [0xff])).toBe('café\\xFF')
    // a truncated sequence, a surrogate (ED A0 80), an overlong slash (C0 AF), then a four-byte character
    expect(name([0xc3], 'a', [0xed, 0xa0, 0x80], [0xc0, 0xaf], '😀', [0xf0, 0x9f])).toBe(
      '\\xC3a\\xED\\xA0\\x80\\xC0\\xAF😀\\xF0\\x9F',
    )
  })
})

describe('files a format would read that the walk does not read', () => {
  let dir: string
  let outside: string

  beforeAll(async () => {
    outside = await tree({'package-lock.json': '{"lockfileVersion": 3, "packages": {}}', 'docs/a.md': '#'})
    dir = await tree({'sub/.keep': ''})
    symlinkSync(join(outside, 'package-lock.json'), join(dir, 'package-lock.json'))
    symlinkSync(join(outside, 'docs'), join(dir, 'docs'))
    symlinkSync(join(outside, 'docs/a.md'), join(dir, 'notes.md'))
    // stewards' own settings file is not a manifest: a link to one outside is the settings loader's business
    symlinkSync(join(outside, 'docs/a.md'), join(dir, '.stewards.yaml'))
    symlinkSync('gone', join(dir, 'sub/go.sum'))
    symlinkSync('gone', join(dir, 'sub/readme.txt'))
    makeFifo(join(dir, 'sub/Cargo.lock'))
    makeFifo(join(dir, 'sub/pipe.txt'))
  })

  it('are errors (a symlink leaving the tree, a FIFO, a broken link); other names are skipped as before', async () => {
    const inventory = await inventoryOf(dir)
    expect(inventory.errors).toEqual([
      {
        file: 'package-lock.json',
        code: 'symlink-outside-root',
        message: 'symlink to a path outside the scanned directory; not followed',
      },
      {file: 'sub/Cargo.lock', code: 'not-regular-file', message: 'not a regular file (FIFO, socket or device)'},
      {file: 'sub/go.sum', code: 'read-failed', message: 'broken symlink (its target does not exist)'},
    ])
    expect(inventory.skipped.map((s) => `${s.file} ${s.reason}`)).toEqual([
      '.stewards.yaml symlink-outside-root',
      'docs symlink-outside-root',
      'notes.md symlink-outside-root',
    ])
  })

  it('make the scan incomplete (exit 2)', async () => {
    // --config: the tree's own .stewards.yaml is a link leaving it, which the settings loader refuses (exit 3)
    const settings = join(outside, 'settings.yaml')
    writeFileSync(settings, 'failOn: none\n')
    const result = await runCli(['scan', dir, '--offline', '--format', 'json', '--config', settings])
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout).errors.map((e: {file: string; code: string}) => `${e.file} ${e.code}`)).toEqual([
      `${dir}/package-lock.json symlink-outside-root`,
      `${dir}/sub/Cargo.lock not-regular-file`,
      `${dir}/sub/go.sum read-failed`,
    ])
  })
})

describe("package managers' vendor folders", () => {
  it("passes over Go's and Composer's vendor folders, saying why, and walks any other folder named vendor", async () => {
    const dir = await makeTree({
      'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire github.com/example/lib v1.2.0\n',
      'vendor/modules.txt': '# github.com/example/lib v1.2.0\n## explicit\ngithub.com/example/lib\n',
      'vendor/github.com/example/lib/Dockerfile': 'FROM alpine:3.19\n',
      'php/composer.json': '{"require": {"example/pkg": "1.0.0"}}\n',
      'php/vendor/autoload.php': '<?php\n',
      'php/vendor/example/pkg/composer.json': '{"require": {"example/inner": "2.0.0"}}\n',
      'web/vendor/Dockerfile': 'FROM nginx:1.27\n',
    })
    try {
      const inventory = await discoverPaths([dir])
      const rel = (file: string) => file.slice(dir.length + 1)
      expect(inventory.errors).toEqual([])
      expect(inventory.components.map((c) => `${rel(c.locations[0].file)} ${c.name}`).sort()).toEqual([
        'go.mod github.com/example/lib',
        'php/composer.json example/pkg',
        'web/vendor/Dockerfile docker.io/library/nginx',
      ])
      expect(inventory.skipped.map((s) => `${rel(s.file)} ${s.reason} ${s.message}`)).toEqual([
        "php/vendor unsupported Composer's vendor folder (installed packages): composer.lock lists them; their own files are not read",
        "vendor unsupported Go's vendor folder (go mod vendor): copies of the modules the go.mod beside it lists; their own files are not read",
      ])
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})
