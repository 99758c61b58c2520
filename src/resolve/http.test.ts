import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type Emulator, startEmulator} from '../../tests/support/registry-emulators/index.js'
import {tempCacheDir} from '../../tests/support/registry-emulators/fixtures.js'
import {DiskCache} from '../core/cache/disk-cache.js'
import {HttpClient, type HttpOptions} from './http.js'

let server: Emulator
let other: Emulator
let flaky = 0

beforeAll(async () => {
  other = await startEmulator((req, res) => {
    res.writeHead(200, {'content-type': 'text/plain'}).end(req.headers.authorization ? 'leaked' : 'clean')
  })
  server = await startEmulator((req, res) => {
    if (req.url === '/etag') {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end()
      return void res.writeHead(200, {etag: '"v1"', 'content-type': 'application/json'}).end('{"v":1}')
    }
    if (req.url === '/flaky') {
      flaky++
      return void (flaky < 3 ? res.writeHead(503).end('busy') : res.writeHead(200).end('{"ok":true}'))
    }
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 400)
    if (req.url === '/big') return void res.writeHead(200).end('x'.repeat(5000))
    if (req.url === '/elsewhere') return void res.writeHead(302, {location: `${other.url}/target`}).end()
    if (req.url === '/missing') return void res.writeHead(404).end('{}')
    res
      .writeHead(200, {'content-type': 'application/json'})
      .end(JSON.stringify({url: req.url, authorization: req.headers.authorization ?? null}))
  })
})
afterAll(async () => {
  await server.close()
  await other.close()
})

async function client(overrides: Partial<HttpOptions> = {}): Promise<HttpClient> {
  return new HttpClient({
    cache: new DiskCache(await tempCacheDir()),
    offline: false,
    timeoutMs: 500,
    retries: 2,
    retryDelayMs: 1,
    maxAgeMs: 60_000,
    maxBodyBytes: 1000,
    userAgent: 'test',
    ...overrides,
  })
}

describe('HttpClient', () => {
  it('caches 200 and 404 answers under a logical key and serves them offline', async () => {
    const cache = new DiskCache(await tempCacheDir())
    const online = await client({cache})
    const first = await online.get(`${server.url}/pkg/a`, {namespace: 'npm'})
    expect(first.ok && first.response.status).toBe(200)
    expect(first.ok && first.response.fromCache).toBe(false)
    const missing = await online.get(`${server.url}/missing`, {namespace: 'npm'})
    expect(missing.ok && missing.response.status).toBe(404)
    // Offline, against another origin: the key is the path, so the cache answers; nothing is sent.
    const offline = await client({cache, offline: true})
    const before = server.requests.length
    const again = await offline.get('http://127.0.0.1:9/pkg/a', {namespace: 'npm'})
    expect(again.ok && JSON.parse(again.response.body)).toEqual({url: '/pkg/a', authorization: null})
    expect(again.ok && again.response.fromCache).toBe(true)
    const gone = await offline.get('http://127.0.0.1:9/missing', {namespace: 'npm'})
    expect(gone.ok && gone.response.status).toBe(404)
    expect(await offline.get('http://127.0.0.1:9/pkg/b', {namespace: 'npm'})).toEqual({
      ok: false,
      failure: 'offline-cache-miss',
      detail: 'offline and not cached: npm GET /pkg/b',
    })
    expect(server.requests.length).toBe(before)
    expect(offline.stats).toEqual({total: 0, byStatus: {}, cached: 2})
  })

  it('revalidates a stale entry with its ETag and keeps the body on 304', async () => {
    const cache = new DiskCache(await tempCacheDir())
    await (await client({cache})).get(`${server.url}/etag`, {namespace: 'npm'})
    const stale = await client({cache, maxAgeMs: 0})
    const result = await stale.get(`${server.url}/etag`, {namespace: 'npm'})
    expect(result.ok && result.response.body).toBe('{"v":1}')
    expect(server.requests.filter((r) => r.url === '/etag').map((r) => r.headers['if-none-match'] ?? null)).toEqual([
      null,
      '"v1"',
    ])
    expect(stale.stats.byStatus).toEqual({'304': 1})
  })

  it('retries 5xx with backoff, then succeeds', async () => {
    const http = await client()
    const result = await http.get(`${server.url}/flaky`, {namespace: 'npm'})
    expect(result.ok && result.response.status).toBe(200)
    expect(http.stats.byStatus).toEqual({'200': 1, '503': 2})
  })

  it('reports a timeout as a network error naming the URL, after the retries', async () => {
    const http = await client({timeoutMs: 100, retries: 1})
    const result = await http.get(`${server.url}/slow`, {namespace: 'npm'})
    expect(result).toEqual({
      ok: false,
      failure: 'network-error',
      detail: `timeout after 100 ms: GET ${server.url}/slow`,
    })
  })

  it('reports an unreachable host as a network error', async () => {
    const closed = await startEmulator(() => undefined)
    await closed.close()
    const http = await client({retries: 0})
    const result = await http.get(`${closed.url}/x`, {namespace: 'npm'})
    expect(result).toEqual({
      ok: false,
      failure: 'network-error',
      detail: `fetch failed (ECONNREFUSED): GET ${closed.url}/x`,
    })
  })

  it('caps response bodies', async () => {
    const http = await client({maxBodyBytes: 1000})
    const result = await http.get(`${server.url}/big`, {namespace: 'npm'})
    expect(result).toEqual({
      ok: false,
      failure: 'network-error',
      detail: `response larger than 1000 bytes: ${server.url}/big`,
    })
  })

  it('never forwards an Authorization header to another origin on redirect, and sends none of its own', async () => {
    const http = await client()
    const redirected = await http.get(`${server.url}/elsewhere`, {
      namespace: 'oci',
      headers: {authorization: 'Bearer anon'},
      cache: false,
    })
    expect(redirected.ok && redirected.response.body).toBe('clean')
    const plain = await http.get(`${server.url}/plain`, {namespace: 'npm'})
    expect(plain.ok && JSON.parse(plain.response.body).authorization).toBeNull()
  })

  it('shares one request between concurrent callers of the same key', async () => {
    const http = await client()
    const before = server.requests.filter((r) => r.url === '/same').length
    await Promise.all([1, 2, 3].map(() => http.get(`${server.url}/same`, {namespace: 'npm'})))
    expect(server.requests.filter((r) => r.url === '/same').length - before).toBe(1)
  })

  it('does not send POSTs offline', async () => {
    const http = await client({offline: true})
    expect(await http.post(`${server.url}/batch`, '{}')).toEqual({
      ok: false,
      failure: 'offline-cache-miss',
      detail: `offline: POST ${server.url}/batch not sent`,
    })
  })
})
