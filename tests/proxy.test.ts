/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY (src/core/proxy.ts) for GitHub (the `collect` command through octokit,
 * against the GitHub emulator) and the registries (resolve's HTTP client, against the registry emulators), through
 * a local proxy that counts what it forwards (tests/support/proxy.ts). Everything is on 127.0.0.1.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {proxyFetch, proxySettings} from '../src/core/proxy.js'
import {resolveComponents} from '../src/resolve/index.js'
import {fixtureRoot, freshCacheDir, TOKEN} from './collect/helpers.js'
import {runCli} from './support/cli.js'
import {type GithubEmulator, startGithubEmulator} from './support/github-emulator/index.js'
import {type TestProxy, startProxy} from './support/proxy.js'
import {pkg, summarise, tempCacheDir} from './support/registry-emulators/fixtures.js'
import {type RegistryEmulators, startRegistryEmulators} from './support/registry-emulators/index.js'

const NO_PROXY_VARS = {http_proxy: '', https_proxy: '', no_proxy: '', HTTP_PROXY: '', HTTPS_PROXY: '', NO_PROXY: ''}

let proxy: TestProxy
let github: GithubEmulator
beforeAll(async () => {
  proxy = await startProxy()
  github = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
})
afterAll(async () => {
  await proxy.close()
  await github.close()
})

/** What the emulator answered, as the proxy names it (`METHOD host:port/path?query`). */
function emulated(emulator: {url: string; requests: Array<{method: string; url: string}>}): string[] {
  const host = new URL(emulator.url).host
  return emulator.requests.map((r) => `${r.method} ${host}${r.url}`)
}

describe('proxy settings', () => {
  it('reads the lower-case variables first, ignores empty ones, and needs no proxy at all', () => {
    expect(proxySettings({})).toBeNull()
    expect(proxySettings({HTTPS_PROXY: ' ', HTTP_PROXY: ''})).toBeNull()
    expect(proxySettings({https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2', NO_PROXY: 'x.example'})).toEqual({
      httpsProxy: 'http://a:1',
      noProxy: 'x.example',
    })
    expect(proxyFetch({})).toBe(globalThis.fetch)
  })
})

describe('GitHub through a proxy', () => {
  const collect = (env: Record<string, string>) =>
    runCli(
      [
        'collect',
        'example/widget',
        '--json',
        '--github-api-url',
        github.url,
        '--since',
        '2024-01-01',
        '--until',
        '2025-01-01',
        '--max-age',
        '0',
      ],
      {env: {...NO_PROXY_VARS, GITHUB_TOKEN: TOKEN, ...env}},
    )

  it('HTTP_PROXY carries every request to the API; proxy credentials and the token are never printed', async () => {
    github.requests.length = 0
    const before = proxy.requests().length
    const withCredentials = proxy.url.replace('http://', 'http://ci-user:proxy-secret-42@')
    const r = await collect({HTTP_PROXY: withCredentials, XDG_CACHE_HOME: await freshCacheDir()})
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).projects[0]).toMatchObject({repo: 'github.com/example/widget', status: 'ok'})
    const forwarded = proxy.requests().slice(before)
    expect(github.requests.length).toBeGreaterThan(3)
    expect(forwarded.sort()).toEqual(emulated(github).sort())
    expect(proxy.tunnels).toContain(new URL(github.url).host)
    // undici sends the URL's credentials to the proxy as Basic authentication, and nothing prints them.
    expect(proxy.authorizations).toContain(`Basic ${Buffer.from('ci-user:proxy-secret-42').toString('base64')}`)
    expect(r.stdout + r.stderr).not.toContain('proxy-secret-42')
    expect(r.stdout + r.stderr).not.toContain(TOKEN)
    // The token went through the tunnel to the API, as without a proxy.
    expect(github.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('NO_PROXY names hosts reached directly', async () => {
    github.requests.length = 0
    const before = proxy.requests().length
    const r = await collect({https_proxy: proxy.url, http_proxy: proxy.url, no_proxy: '127.0.0.1'})
    expect(r.code).toBe(0)
    expect(github.requests.length).toBeGreaterThan(0)
    expect(proxy.requests().slice(before)).toEqual([])
  })

  it('a proxy that cannot be reached is a network failure (the run is incomplete), named as one, credentials unprinted', async () => {
    const r = await collect({HTTP_PROXY: 'http://u:proxy-secret-42@127.0.0.1:1', XDG_CACHE_HOME: await freshCacheDir()})
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('github.com/example/widget: network error (connect ECONNREFUSED 127.0.0.1:1)')
    expect(r.stdout + r.stderr).not.toContain('proxy-secret-42')
  })
})

describe('registries through a proxy', () => {
  let registries: RegistryEmulators
  beforeAll(async () => {
    registries = await startRegistryEmulators()
  })
  afterAll(() => registries.close())

  it('HTTP_PROXY carries the registry requests of resolve', async () => {
    const saved = {...process.env}
    Object.assign(process.env, NO_PROXY_VARS, {HTTP_PROXY: proxy.url})
    const before = proxy.requests().length
    try {
      const run = await resolveComponents([pkg('npm', '@babel/core', '7.24.0', 'web/package-lock.json', 10)], {
        cacheDir: await tempCacheDir(),
        endpoints: registries.endpoints,
        retries: 0,
        prefer: 'native',
      })
      expect(summarise(run)).toEqual({
        '@babel/core@7.24.0': 'github.com/babel/babel (packages/babel-core) medium npm-registry',
      })
    } finally {
      for (const key of Object.keys(NO_PROXY_VARS)) delete process.env[key]
      Object.assign(process.env, saved)
    }
    const npm = registries.servers.npm
    const forwarded = proxy.requests().slice(before)
    expect(npm.requests.length).toBeGreaterThan(0)
    expect(forwarded.sort()).toEqual(emulated({url: npm.url, requests: npm.requests}).sort())
  })
})
