import {gzipSync} from 'node:zlib'
import {Redis} from 'ioredis'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {REDIS_MISSING, type RedisServer, sharedRedis, startRedis} from '../../../tests/support/redis.js'
import {StewardsError} from '../errors.js'
import {exportBundle} from './bundle.js'
import {openCacheStore} from './open.js'
import {parseCacheUrl, RedisStore} from './redis-store.js'
import type {CacheEntry} from './store.js'

const entry = (key: string, body = '{"a":1}', storedAt = 1): CacheEntry => ({
  key,
  storedAt,
  status: 200,
  etag: '"abc"',
  headers: {'Content-Type': 'application/json', Authorization: 'token secret'},
  body,
})

let server: RedisServer | null = null
const raw: Redis[] = []
beforeAll(async () => {
  server = await sharedRedis()
  if (!server) console.warn(REDIS_MISSING)
})
afterAll(async () => {
  for (const client of raw) client.disconnect()
  await server?.kill()
})

function rawClient(url: string): Redis {
  const client = new Redis(url)
  raw.push(client)
  return client
}

/** A store on database `db` of the shared test server; the test is skipped, loudly, without redis-server. */
function store(context: {skip(): void}, db: number, options: ConstructorParameters<typeof RedisStore>[1] = {}) {
  if (!server) {
    console.warn(REDIS_MISSING)
    context.skip()
    throw new Error('unreachable')
  }
  return new RedisStore(new URL(`${server.url}/${db}`), options)
}

describe('parseCacheUrl', () => {
  it('takes redis:// and rediss:// URLs and refuses others with a hint that never quotes the password', () => {
    expect(parseCacheUrl('rediss://u:pw@cache.example.com:6380/2').host).toBe('cache.example.com:6380')
    for (const bad of ['http://u:hunter2@h/0', 'redis://u:hunter2@h/zero', 'not a url hunter2']) {
      let error: unknown
      try {
        parseCacheUrl(bad)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(StewardsError)
      expect(String((error as Error).message)).not.toContain('hunter2')
    }
  })
})

describe('RedisStore', () => {
  it('stores and returns entries like the disk cache (credential headers dropped), with a TTL from max-age', async (context) => {
    const cache = store(context, 1, {maxAgeMs: 60_000, ttlFactor: 10})
    try {
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
      const client = rawClient(`${server?.url}/1`)
      const [key] = await client.keys('stewards:2:github:*')
      const ttl = await client.pttl(key)
      expect(ttl).toBeGreaterThan(590_000)
      expect(ttl).toBeLessThanOrEqual(600_000)
      // Stored compressed, and without the credential header.
      const value = await client.getBuffer(key)
      expect(value?.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
      expect(value?.toString('latin1')).not.toContain('secret')
      expect(cache.location).toBe(`${server?.url}/1`)
    } finally {
      await cache.close()
    }
  })

  it('deletes a value that does not verify and reads it as a miss (healing)', async (context) => {
    const cache = store(context, 2)
    try {
      await cache.put('github', entry('GET /x'))
      const client = rawClient(`${server?.url}/2`)
      const [key] = await client.keys('stewards:2:github:*')
      const good = await client.getBuffer(key)
      const damaged = [
        Buffer.from('not gzip'),
        gzipSync('{"format":"stewards-cache-entry"}\n{}'),
        gzipSync(String(good && (await import('node:zlib')).gunzipSync(good)).replace('"a":1', '"a":2')),
      ]
      for (const value of damaged) {
        await client.set(key, value)
        expect(await cache.get('github', 'GET /x')).toBeNull()
        expect(await client.exists(key)).toBe(0)
      }
      expect(cache.healed).toBe(3)
    } finally {
      await cache.close()
    }
  })

  it('keeps every entry whole under concurrent writers (the last one wins), and lists them sorted', async (context) => {
    const writers = [store(context, 3), store(context, 3), store(context, 3)]
    try {
      await Promise.all(
        writers.flatMap((cache, w) =>
          Array.from({length: 40}, (_, i) => cache.put('github', entry(`GET /k/${i % 10}`, `{"w":${w},"i":${i}}`))),
        ),
      )
      for (let i = 0; i < 10; i++) {
        const got = await writers[0].get('github', `GET /k/${i}`)
        expect(got?.body).toMatch(/^\{"w":[012],"i":\d+\}$/)
      }
      const bundle = await exportBundle(writers[1])
      expect(bundle.entries.map((e) => e.key)).toEqual(Array.from({length: 10}, (_, i) => `GET /k/${i}`))
      expect(writers.map((w) => w.healed + w.leftOut)).toEqual([0, 0, 0])
    } finally {
      for (const w of writers) await w.close()
    }
  })

  it('does not store a value over the bound', async (context) => {
    const cache = store(context, 4, {maxValueBytes: 200})
    try {
      const big = JSON.stringify(Array.from({length: 500}, (_, i) => `${i}-${(i * 7919) % 1000}`))
      await cache.put('github', entry('GET /big', big))
      expect(cache.tooLarge).toBe(1)
      expect(await cache.get('github', 'GET /big')).toBeNull()
    } finally {
      await cache.close()
    }
  })

  it('takes the password from the URL or STEWARDS_CACHE_PASSWORD, and never prints it', async (context) => {
    const secured = await startRedis({password: 'pw-hunter2'})
    if (!secured) {
      console.warn(REDIS_MISSING)
      return context.skip()
    }
    try {
      const notices: string[] = []
      const fromEnv = openCacheStore({cacheUrl: secured.url, env: {STEWARDS_CACHE_PASSWORD: 'pw-hunter2'}})
      await fromEnv.put('github', entry('GET /p'))
      expect((await fromEnv.get('github', 'GET /p'))?.body).toBe('{"a":1}')
      await fromEnv.close?.()
      const fromUrl = openCacheStore({cacheUrl: `redis://:pw-hunter2@127.0.0.1:${secured.port}/0`, env: {}})
      expect(fromUrl.location).toBe(`redis://127.0.0.1:${secured.port}/0`)
      expect((await fromUrl.get('github', 'GET /p'))?.body).toBe('{"a":1}')
      await fromUrl.close?.()
      const wrong = openCacheStore({
        cacheUrl: `redis://:wrong-hunter3@127.0.0.1:${secured.port}/0`,
        env: {},
        onUnusable: (m) => notices.push(m),
      })
      expect(await wrong.get('github', 'GET /p')).toBeNull()
      await wrong.put('github', entry('GET /q'))
      await wrong.close?.()
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatch(/^cache server redis:\/\/127\.0\.0\.1:\d+\/0 cannot be used \(WRONGPASS/)
      expect(notices[0]).not.toContain('hunter')
    } finally {
      await secured.kill()
    }
  })

  it('turns itself off with one notice when the server goes away: misses, dropped writes, no throw', async (context) => {
    const doomed = await startRedis()
    if (!doomed) {
      console.warn(REDIS_MISSING)
      return context.skip()
    }
    const notices: string[] = []
    const cache = new RedisStore(new URL(doomed.url), {onUnusable: (m) => notices.push(m), timeoutMs: 2_000})
    await cache.put('github', entry('GET /a'))
    expect(await cache.get('github', 'GET /a')).not.toBeNull()
    await doomed.kill()
    expect(await cache.get('github', 'GET /a')).toBeNull()
    await cache.put('github', entry('GET /b'))
    expect(await cache.get('github', 'GET /b')).toBeNull()
    expect([...(await collect(cache.list()))]).toEqual([])
    await cache.close()
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(`cache server ${doomed.url} cannot be used`)
  })

  it('reports an unreachable server once and goes on uncached', async (context) => {
    if (!server) {
      console.warn(REDIS_MISSING)
      return context.skip()
    }
    const notices: string[] = []
    const cache = new RedisStore(new URL('redis://127.0.0.1:1/0'), {onUnusable: (m) => notices.push(m)})
    expect(await cache.get('github', 'GET /a')).toBeNull()
    await cache.put('github', entry('GET /a'))
    await cache.close()
    expect(notices).toEqual([
      expect.stringMatching(/^cache server redis:\/\/127\.0\.0\.1:1\/0 cannot be used \(.*ECONNREFUSED/),
    ])
  })
})

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}
