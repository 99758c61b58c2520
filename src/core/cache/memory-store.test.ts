import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DiskCache} from './disk-cache.js'
import {MemoryCache} from './memory-store.js'
import type {CacheEntry, CacheStore, NamespacedEntry} from './store.js'

const entry = (key: string, body = '{"a":1}'): CacheEntry => ({
  key,
  storedAt: 1,
  status: 200,
  etag: '"abc"',
  headers: {'Content-Type': 'application/json', Authorization: 'token secret', 'Set-Cookie': 'session=1'},
  body,
})

async function listed(store: CacheStore): Promise<NamespacedEntry[]> {
  const out: NamespacedEntry[] = []
  for await (const e of store.list()) out.push(e)
  return out
}

/** The same steps on a store; what each step gave back. */
async function script(store: CacheStore): Promise<unknown[]> {
  const seen: unknown[] = []
  await store.put('github', entry('GET /repos/b/b', '{"full_name":"b/b"}'))
  await store.put('github', entry('GET /repos/a/a'))
  await store.put('deps.dev', entry('GET /v3/packages/x'))
  seen.push(await store.get('github', 'GET /repos/a/a'))
  seen.push(await store.get('github', 'GET /repos/none'))
  // A second put under the same key replaces the first.
  await store.put('github', {...entry('GET /repos/a/a', '{"v":2}'), storedAt: 2})
  seen.push(await store.get('github', 'GET /repos/a/a'))
  await store.delete('deps.dev', 'GET /v3/packages/x')
  seen.push(await store.get('deps.dev', 'GET /v3/packages/x'))
  seen.push(await listed(store))
  // A name the store refuses (a key with a control character, a namespace that could climb out of a folder).
  for (const [namespace, key] of [
    ['github', 'GET /repos/a\u0007'],
    ['../up', 'GET /x'],
  ])
    seen.push(await store.get(namespace, key).catch((error: Error) => error.message))
  // An entry with fields the disk store does not keep.
  await store.put('npm', {...entry('GET /left-pad'), etag: undefined, extra: 'not kept'} as CacheEntry)
  seen.push(Object.keys((await store.get('npm', 'GET /left-pad'))!).sort())
  return seen
}

describe('MemoryCache', () => {
  it('gives back what the disk store gives back, step for step (credential headers dropped, list sorted)', async () => {
    const disk = await script(new DiskCache(await mkdtemp(join(tmpdir(), 'stewards-memory-parity-'))))
    const memory = await script(new MemoryCache('the snapshot'))
    expect(memory).toEqual(disk)
    const got = memory[0] as CacheEntry
    expect(got.headers).toEqual({'content-type': 'application/json'})
    expect((memory[4] as NamespacedEntry[]).map((e) => e.key)).toEqual(['GET /repos/a/a', 'GET /repos/b/b'])
    expect(memory[5]).toMatch(/^invalid cache entry: key /)
    expect(memory[6]).toMatch(/^invalid cache entry: namespace /)
    expect(memory[7]).toEqual(['body', 'headers', 'key', 'status', 'storedAt'])
  })

  it('holds a bundle exported from a disk cache, and names where it came from', async () => {
    const disk = new DiskCache(await mkdtemp(join(tmpdir(), 'stewards-memory-bundle-')))
    await disk.put('github', entry('GET /repos/a/a'))
    await disk.put('npm', entry('GET /left-pad'))
    const store = await MemoryCache.of(await disk.exportBundle(), 'snapshot.json')
    expect(store.location).toBe('snapshot.json')
    expect(await listed(store)).toEqual(await listed(disk))
  })

  it('keeps nothing a caller changes in what it got', async () => {
    const store = new MemoryCache('the snapshot')
    await store.put('github', entry('GET /repos/a/a'))
    const got = (await store.get('github', 'GET /repos/a/a'))!
    got.storedAt = 99
    got.headers['content-type'] = 'text/html'
    for await (const e of store.list()) e.headers.etag = 'changed'
    expect(await store.get('github', 'GET /repos/a/a')).toMatchObject({
      storedAt: 1,
      headers: {'content-type': 'application/json'},
    })
  })
})
