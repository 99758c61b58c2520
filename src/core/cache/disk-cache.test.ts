import {createHash} from 'node:crypto'
import {mkdir, mkdtemp, readdir, readFile, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {UNUSABLE_DIRS, withUnusableDir} from '../../../tests/support/unusable-dirs.js'
import {StewardsError} from '../errors.js'
import {checkBundle} from './bundle.js'
import {COMPILE_CACHE_FOLDER} from './compile-cache.js'
import {DiskCache, unsafeCacheDir} from './disk-cache.js'
import type {CacheEntry} from './store.js'

const entry = (key: string, body = '{"a":1}'): CacheEntry => ({
  key,
  storedAt: 1,
  status: 200,
  etag: '"abc"',
  headers: {'Content-Type': 'application/json', Authorization: 'token secret'},
  body,
})

async function onlyFile(dir: string, namespace: string): Promise<string> {
  const [shard] = await readdir(join(dir, namespace))
  const [file] = await readdir(join(dir, namespace, shard))
  return join(dir, namespace, shard, file)
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const d of await readdir(dir, {withFileTypes: true, recursive: true}))
    if (d.isFile()) out.push(join(d.parentPath, d.name))
  return out
}

describe('DiskCache', () => {
  it('stores and returns entries, dropping credential headers, the body kept as written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'))
    const cache = new DiskCache(dir)
    await cache.put('github', entry('GET /repos/a/b', '{"full_name":"a/b"}'))
    expect(await cache.get('github', 'GET /repos/a/b')).toEqual({
      key: 'GET /repos/a/b',
      storedAt: 1,
      status: 200,
      etag: '"abc"',
      headers: {'content-type': 'application/json'},
      body: '{"full_name":"a/b"}',
    })
    expect(await cache.get('github', 'GET /repos/a/c')).toBeNull()
    // The body follows the header line as it is, not as an escaped string.
    const text = await readFile(await onlyFile(dir, 'github'), 'utf8')
    expect(text.split('\n')[1]).toBe('{"full_name":"a/b"}')
    expect(text).not.toContain('secret')
  })

  it('treats a cut, altered, foreign or older entry as a miss and deletes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'))
    const cache = new DiskCache(dir)
    const damage: Array<(text: string) => string> = [
      (text) => text.slice(0, text.length - 3), // cut write
      (text) => text.replace('"a":1', '"a":2'), // a flipped value: still JSON, fails the checksum
      (text) => text.replace('"status":200', '"status":404'), // the header altered
      () => JSON.stringify({key: 'k', storedAt: 1, status: 200, headers: {}, body: '{"a":1}'}), // version 1
      () => '', // empty file
    ]
    for (const alter of damage) {
      await cache.put('github', entry('k'))
      const file = await onlyFile(dir, 'github')
      await writeFile(file, alter(await readFile(file, 'utf8')))
      expect(await cache.get('github', 'k')).toBeNull()
      expect(await readdir(join(file, '..'))).toEqual([])
    }
    expect(cache.healed).toBe(damage.length)
  })

  it('refuses names that could escape the cache directory or are not plain text', async () => {
    const cache = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await expect(cache.put('../x', entry('k'))).rejects.toThrow(/namespace '..\/x' is not a plain name/)
    await expect(cache.put('github', entry('a\nb'))).rejects.toThrow(/key 'a\\nb' is not plain text/)
  })

  it('exports a sorted bundle with checksums that imports into another directory', async () => {
    const a = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await a.put('npm', entry('z'))
    await a.put('github', entry('b'))
    await a.put('github', entry('a'))
    const bundle = await a.exportBundle()
    expect(bundle.version).toBe(2)
    expect(bundle.entries.map((e) => `${e.namespace}:${e.key}`)).toEqual(['github:a', 'github:b', 'npm:z'])
    expect(bundle.entries.every((e) => /^[0-9a-f]{64}$/.test(e.sha256))).toBe(true)
    const b = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    expect(await b.importBundle(checkBundle(bundle, 'bundle.json').bundle)).toBe(3)
    expect(await b.exportBundle()).toEqual(bundle)
  })

  it('checks bundles: plain names (exit 3, one line), checksums, version', async () => {
    const a = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await a.put('github', entry('GET github.com/repos/a/b'))
    await a.put('github', entry('GET github.com/repos/a/c'))
    const bundle = await a.exportBundle()
    const usage = (json: unknown) => {
      try {
        checkBundle(json, 'b.json')
      } catch (error) {
        expect(error).toBeInstanceOf(StewardsError)
        expect((error as StewardsError).exitCode).toBe(3)
        return (error as Error).message
      }
      throw new Error('accepted')
    }
    const renamed = (field: 'namespace' | 'key', value: string) =>
      structuredClone({...bundle, entries: [bundle.entries[0], {...bundle.entries[1], [field]: value}]})
    expect(usage(renamed('namespace', '../../etc'))).toBe("b.json: entry 2: namespace '../../etc' is not a plain name")
    expect(usage(renamed('namespace', '/abs'))).toBe("b.json: entry 2: namespace '/abs' is not a plain name")
    expect(usage(renamed('key', 'GET \u001b[31mred'))).toBe(
      "b.json: entry 2: key 'GET \\u001b[31mred' is not plain text",
    )
    expect(usage({...bundle, version: 1})).toMatch(/^b\.json: cache bundle version 1, this stewards reads version 2/)
    expect(usage({format: 'stewards-cache-bundle', version: 2, entries: [{namespace: 'x'}]})).toMatch(
      /^b\.json: not a stewards cache bundle \(no entries\.0\.key \(a string is expected\)\)$/,
    )
    const altered = structuredClone(bundle)
    altered.entries[1].body = '{"a":666}'
    const checked = checkBundle(altered, 'b.json')
    expect(checked.bundle.entries.map((e) => e.key)).toEqual(['GET github.com/repos/a/b'])
    expect(checked.corrupt).toEqual(['github GET github.com/repos/a/c'])
  })

  it('lists and clears every namespace, keeping folders that hold anything it did not write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'))
    const cache = new DiskCache(dir)
    for (const namespace of ['pypi', 'github', 'deps-dev']) await cache.put(namespace, entry(`GET /${namespace}`))
    await cache.put('github', entry('GET /other'))
    await mkdir(join(dir, 'photos', 'ab'), {recursive: true})
    await writeFile(join(dir, 'photos', 'ab', 'holiday.jpg'), 'x')
    await mkdir(join(dir, '.hidden'))
    const elsewhere = await mkdtemp(join(tmpdir(), 'elsewhere-'))
    await cache.put('npm', entry('k'))
    await symlink(elsewhere, join(dir, 'linked'))
    expect(await cache.namespaces()).toEqual(['deps-dev', 'github', 'npm', 'photos', 'pypi'])
    expect(await cache.clear()).toEqual({
      removed: [
        {namespace: 'deps-dev', entries: 1},
        {namespace: 'github', entries: 2},
        {namespace: 'npm', entries: 1},
        {namespace: 'pypi', entries: 1},
      ],
      kept: ['photos'],
    })
    expect((await readdir(dir)).sort()).toEqual(['.hidden', 'linked', 'photos'])
    expect(await cache.get('github', 'GET /github')).toBeNull()
    expect(await cache.clear()).toEqual({removed: [], kept: ['photos']})
  })

  it("clears Node's compiled code of stewards kept in the directory, never through a link", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'))
    const cache = new DiskCache(dir)
    await cache.put('npm', entry('k'))
    // As Node lays it out: one folder per Node version and architecture, a file per compiled module.
    await mkdir(join(dir, COMPILE_CACHE_FOLDER, 'v22.23.3-x64-9de703df-0'), {recursive: true})
    for (const name of ['1f6b6333', '60e673c2'])
      await writeFile(join(dir, COMPILE_CACHE_FOLDER, 'v22.23.3-x64-9de703df-0', name), 'x')
    expect(await cache.clear()).toEqual({
      removed: [
        {namespace: 'npm', entries: 1},
        {namespace: COMPILE_CACHE_FOLDER, entries: 2},
      ],
      kept: [],
    })
    expect(await readdir(dir)).toEqual([])
    // A link of that name is not the cache's: neither it nor what it points to is touched.
    const elsewhere = await mkdtemp(join(tmpdir(), 'elsewhere-'))
    await writeFile(join(elsewhere, 'keep'), 'x')
    await symlink(elsewhere, join(dir, COMPILE_CACHE_FOLDER))
    expect(await cache.clear()).toEqual({removed: [], kept: []})
    expect(await readdir(elsewhere)).toEqual(['keep'])
  })

  it('names the filesystem root and the home directory as unsafe to clear, however they are spelled', async () => {
    const home = await mkdtemp(join(tmpdir(), 'home-'))
    await symlink(home, `${home}-link`)
    expect(unsafeCacheDir('/', home)).toBe('filesystem root')
    expect(unsafeCacheDir('/tmp/..', home)).toBe('filesystem root')
    expect(unsafeCacheDir(`${home}/`, home)).toBe('home directory')
    expect(unsafeCacheDir(`${home}-link`, home)).toBe('home directory')
    expect(unsafeCacheDir(join(home, '.cache', 'stewards'), home)).toBeNull()
  })
})

describe('DiskCache on a directory it cannot use', () => {
  it('says a file stands in the way when one takes the place of a folder it makes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stewards-cache-eexist-'))
    const shard = createHash('sha256').update('k0').digest('hex').slice(0, 2)
    await mkdir(join(dir, 'github'), {recursive: true})
    await writeFile(join(dir, 'github', shard), 'not a folder\n')
    const notices: string[] = []
    const cache = new DiskCache(dir, {onUnusable: (m) => notices.push(m)})
    await cache.put('github', entry('k0'))
    expect(notices).toEqual([
      `cache directory ${dir} cannot be written (a file stands where one of its folders must be): going on without a cache, nothing fetched is kept`,
    ])
  })

  for (const kind of UNUSABLE_DIRS) {
    it(`turns itself off with one notice and no temp file: ${kind.label}`, (context) =>
      withUnusableDir(context, kind, async (dir) => {
        const notices: string[] = []
        const cache = new DiskCache(join(dir, 'stewards'), {onUnusable: (m) => notices.push(m)})
        // Forty entries of 2 KiB: a 16 KiB file system fills part-way through.
        for (let i = 0; i < 40; i++) await cache.put('github', entry(`k${i}`, `"${'x'.repeat(2048)}"`))
        expect(notices).toHaveLength(1)
        expect(notices[0]).toMatch(kind.reason)
        expect(notices[0]).toMatch(/going on without a cache/)
        expect(cache.unusable).not.toBeNull()
        // Reads of what made it (a full disk) still verify; nothing half-written stays.
        for (let i = 0; i < 40; i++) {
          const got = await cache.get('github', `k${i}`)
          if (got) expect(got.body).toHaveLength(2050)
        }
        const files = await allFiles(dir).catch(() => [])
        expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
      }))
  }
})
