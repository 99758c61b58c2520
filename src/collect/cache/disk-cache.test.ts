import {mkdtemp, readdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DiskCache} from './disk-cache.js'

const entry = (key: string) => ({key, storedAt: 1, status: 200, etag: '"abc"', headers: {'Content-Type': 'application/json', Authorization: 'token secret'}, body: '{"a":1}'})

describe('DiskCache', () => {
  it('stores and returns entries, dropping credential headers', async () => {
    const cache = new DiskCache(await mkdtemp(join(tmpdir(), 'cache-')))
    await cache.put('github', entry('GET /repos/a/b'))
    const got = await cache.get('github', 'GET /repos/a/b')
    expect(got).toEqual({key: 'GET /repos/a/b', storedAt: 1, status: 200, etag: '"abc"', headers: {'content-type': 'application/json'}, body: '{"a":1}'})
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
})
