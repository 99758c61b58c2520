import {mkdir, mkdtemp, readdir, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DiskCache, unsafeCacheDir} from './disk-cache.js'

const entry = (key: string) => ({
  key,
  storedAt: 1,
  status: 200,
  etag: '"abc"',
  headers: {'Content-Type': 'application/json', Authorization: 'token secret'},
  body: '{"a":1}',
})

describe('DiskCache', () => {
  it('stores and returns entries, dropping credential headers', async () => {
    const cache = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await cache.put('github', entry('GET /repos/a/b'))
    const got = await cache.get('github', 'GET /repos/a/b')
    expect(got).toEqual({
      key: 'GET /repos/a/b',
      storedAt: 1,
      status: 200,
      etag: '"abc"',
      headers: {'content-type': 'application/json'},
      body: '{"a":1}',
    })
    expect(await cache.get('github', 'GET /repos/a/c')).toBeNull()
  })

  it('heals a corrupt entry by treating it as a miss and deleting it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cache-'))
    const cache = new DiskCache(dir)
    await cache.put('github', entry('k'))
    const [shard] = await readdir(join(dir, 'github'))
    const [file] = await readdir(join(dir, 'github', shard))
    await writeFile(join(dir, 'github', shard, file), '{"key": "k", "trunc')
    expect(await cache.get('github', 'k')).toBeNull()
    expect(await readdir(join(dir, 'github', shard))).toEqual([])
  })

  it('exports a sorted bundle that imports into another directory', async () => {
    const a = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await a.put('npm', entry('z'))
    await a.put('github', entry('b'))
    await a.put('github', entry('a'))
    const bundle = await a.exportBundle()
    expect(bundle.entries.map((e) => `${e.namespace}:${e.key}`)).toEqual(['github:a', 'github:b', 'npm:z'])
    const b = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    expect(await b.importBundle(bundle)).toBe(3)
    expect(await b.exportBundle()).toEqual(bundle)
  })

  it('rejects namespaces that could escape the cache directory', async () => {
    const cache = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await expect(cache.put('../x', entry('k'))).rejects.toThrow(/invalid cache namespace/)
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
