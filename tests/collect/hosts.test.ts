import {writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkApiUrl, collectProjects, resolveTokens} from '../../src/collect/index.js'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import {StewardsError} from '../../src/core/errors.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, FAST_HTTP, fixtureRoot, freshCacheDir, TOKEN, WINDOW_2024} from './helpers.js'

/**
 * Two GitHubs in one run: an emulator standing for an Enterprise Server (`http://127.0.0.1:P/api/v3`, host
 * `127.0.0.1:P`) and one standing for github.com (a plain URL). No test here lets a request leave this machine:
 * github.com is always given its emulator, or kept out with `onlyHost`.
 */
const ENTERPRISE_TOKEN = 'ghe_enterprise_token_0123456789abcdef'

describe('an Enterprise Server and github.com in one run', () => {
  let ghes: GithubEmulator
  let dotcom: GithubEmulator
  beforeAll(async () => {
    ghes = await startGithubEmulator({roots: [fixtureRoot], token: ENTERPRISE_TOKEN})
    dotcom = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
  })
  afterAll(async () => {
    await ghes.close()
    await dotcom.close()
  })

  it('collects github.com repositories from github.com and the Enterprise Server ones from it, each with its own token', async () => {
    const onServer = `${ghes.host}/example/widget`
    const run = await collectFrom([`${ghes.url}/api/v3`, dotcom.url], ['github.com/example/widget', onServer], {
      token: ENTERPRISE_TOKEN,
      githubComToken: TOKEN,
    })
    expect(run.incomplete).toBe(false)
    const by = Object.fromEntries(run.projects.map((p) => [p.repo, p]))
    expect(by['github.com/example/widget'].status).toBe('ok')
    expect(by[onServer].status).toBe('ok')
    // The same fixtures behind both: the same figures, each under its own name.
    // The places searched are the server's own; the CNCF foundation list lives on github.com only.
    const fromGithub = by['github.com/example/widget']
    const serverHost = onServer.split('/')[0]
    expect({...by[onServer], repo: 'x'}).toEqual({
      ...fromGithub,
      repo: 'x',
      searched: fromGithub.searched
        ?.filter((s) => s.place !== 'foundation')
        .map((s) => ({...s, repo: s.repo.replace('github.com/', `${serverHost}/`)})),
    })
    // Each host was asked for its own repository only, with its own token only.
    expect(ghes.requests.length).toBeGreaterThan(0)
    expect(ghes.requests.every((r) => /^\/api\/(v3\/|graphql$)/.test(r.url))).toBe(true)
    expect(new Set(ghes.requests.map((r) => r.authorization))).toEqual(new Set([`token ${ENTERPRISE_TOKEN}`]))
    expect(dotcom.requests.length).toBeGreaterThan(0)
    expect(dotcom.requests.some((r) => r.url.startsWith('/api/'))).toBe(false)
    expect(new Set(dotcom.requests.map((r) => r.authorization))).toEqual(new Set([`token ${TOKEN}`]))
  })

  it('under --only-host reports github.com repositories unavailable with the reason, and asks github.com nothing', async () => {
    const before = dotcom.requests.length
    const run = await collectFrom(`${ghes.url}/api/v3`, ['github.com/example/widget', `${ghes.host}/example/widget`], {
      token: ENTERPRISE_TOKEN,
      onlyHost: true,
    })
    const by = Object.fromEntries(run.projects.map((p) => [p.repo, p]))
    expect(by['github.com/example/widget']).toMatchObject({
      status: 'unavailable',
      reason: `github.com/example/widget: github.com is not collected: --only-host keeps this run to ${ghes.host}`,
    })
    expect(by[`${ghes.host}/example/widget`].status).toBe('ok')
    expect(run.incomplete).toBe(false)
    expect(dotcom.requests.length).toBe(before)
  })

  it('names a repository on a host no API was given for as not collected, with what to do, and asks nothing', async () => {
    const before = dotcom.requests.length + ghes.requests.length
    const run = await collectFrom(dotcom.url, ['gitlab.com/example/widget', 'ghe.example.com/team/app'])
    expect(run.projects.map((p) => [p.repo, p.status, p.reason])).toEqual([
      [
        'ghe.example.com/team/app',
        'unavailable',
        'ghe.example.com/team/app: ghe.example.com is not collected: stewards collects from github.com and the GitHub Enterprise Server hosts given with --github-api-url (for ghe.example.com, if it is one: --github-api-url https://ghe.example.com/api/v3)',
      ],
      [
        'gitlab.com/example/widget',
        'unavailable',
        expect.stringMatching(
          /^gitlab\.com\/example\/widget: gitlab\.com is not collected: stewards collects from github\.com/,
        ),
      ],
    ])
    expect(run.incomplete).toBe(false)
    expect(dotcom.requests.length + ghes.requests.length).toBe(before)
  })

  it('keeps people apart per host: profiles of the Enterprise Server are asked of it', async () => {
    const before = {ghes: ghes.requests.length, dotcom: dotcom.requests.length}
    const run = await collectFrom([`${ghes.url}/api/v3`, dotcom.url], [`${ghes.host}/example/widget`], {
      token: ENTERPRISE_TOKEN,
      githubComToken: TOKEN,
    })
    expect(Object.keys(run.projects[0].profiles).sort()).toEqual(['alice', 'bob', 'carol', 'frank'])
    expect(dotcom.requests.length).toBe(before.dotcom)
    expect(ghes.requests.slice(before.ghes).filter((r) => r.url === '/api/graphql').length).toBe(2)
  })
})

describe('replaying under another API URL', () => {
  let dotcom: GithubEmulator
  let ghes: GithubEmulator
  beforeAll(async () => {
    dotcom = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    ghes = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
  })
  afterAll(async () => {
    await dotcom.close()
    await ghes.close()
  })

  it('replays a bundle recorded through one URL for github.com through another, without a request', async () => {
    const cacheDir = await freshCacheDir()
    const online = await collectFrom(dotcom.url, ['github.com/example/widget'], {cacheDir})
    const bundle = join(cacheDir, '..', `hosts-bundle-${process.pid}.json`)
    await writeFile(bundle, JSON.stringify(await new DiskCache(cacheDir).exportBundle()))
    const before = dotcom.requests.length
    for (const apiUrl of [undefined, 'https://github-proxy.example.com/api', 'http://127.0.0.1:9']) {
      const run = await collectProjects(['github.com/example/widget'], {
        source: 'snapshot',
        snapshot: bundle,
        apiUrl,
        ...WINDOW_2024,
      })
      expect(run.incomplete, String(apiUrl)).toBe(false)
      expect(run.projects.map((p) => ({...p, source: 'github'}))).toEqual(online.projects)
    }
    // Offline from the cache directory itself, through yet another URL standing for github.com.
    const offline = await collectFrom('http://127.0.0.1:9', ['github.com/example/widget'], {cacheDir, offline: true})
    expect(offline.projects).toEqual(online.projects)
    expect(dotcom.requests.length).toBe(before)
  })

  it('replays an Enterprise Server bundle without its URL, and says why an offline cache cannot without it', async () => {
    const cacheDir = await freshCacheDir()
    const repo = `${ghes.host}/example/widget`
    const online = await collectFrom(`${ghes.url}/api/v3`, [repo], {cacheDir, onlyHost: true})
    expect(online.incomplete).toBe(false)
    const bundle = join(cacheDir, '..', `ghes-bundle-${process.pid}.json`)
    await writeFile(bundle, JSON.stringify(await new DiskCache(cacheDir).exportBundle()))
    const before = ghes.requests.length
    const replay = await collectProjects([repo], {source: 'snapshot', snapshot: bundle, ...WINDOW_2024})
    expect(replay.incomplete).toBe(false)
    expect(replay.projects.map((p) => ({...p, source: 'github'}))).toEqual(online.projects)
    const offline = await collectProjects([repo], {...WINDOW_2024, cacheDir, offline: true, http: FAST_HTTP})
    expect(offline.projects[0]).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining(`(for ${ghes.host}, if it is one: --github-api-url https://${ghes.host}/api/v3)`),
    })
    expect(ghes.requests.length).toBe(before)
  })
})

describe('the token travels over https, or over http to this machine only', () => {
  const SECRET = 'ghp_transport_canary_0123456789abcdef'
  const refused = (fn: () => unknown) => {
    try {
      fn()
    } catch (error) {
      expect(error).toBeInstanceOf(StewardsError)
      expect((error as StewardsError).exitCode).toBe(3)
      return `${(error as Error).message} ${(error as StewardsError).hint}`
    }
    throw new Error('accepted')
  }

  it('refuses a plain-http API on another machine when a token would go there, naming it without the token', () => {
    const message = refused(() => checkApiUrl(['http://ghe.example.com/api/v3'], {token: SECRET}))
    expect(message).toContain('--github-api-url http://ghe.example.com/api/v3: a token is sent only over https')
    expect(message).not.toContain(SECRET)
    // github.com's own token, to a plain-http stand-in for api.github.com.
    expect(
      refused(() =>
        checkApiUrl(['https://ghe.example.com/api/v3', 'http://mirror.example.com'], {
          token: 'a-token',
          githubComToken: SECRET,
        }),
      ),
    ).toContain('http://mirror.example.com')
  })

  it('accepts https anywhere, http to loopback, and plain http without a token', () => {
    for (const url of [
      'https://ghe.example.com/api/v3',
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://localhost',
    ])
      expect(checkApiUrl([url], {token: SECRET})).toEqual([url])
    expect(checkApiUrl(['http://ghe.example.com/api/v3'], {})).toEqual(['http://ghe.example.com/api/v3'])
  })

  it('never sends a token over plain http to another machine, even when the check above was skipped', async () => {
    const error = await collectProjects(['ghe.example.invalid/team/app'], {
      apiUrl: 'http://ghe.example.invalid/api/v3',
      token: SECRET,
      onlyHost: true,
      ...WINDOW_2024,
      cacheDir: await freshCacheDir(),
      http: FAST_HTTP,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(StewardsError)
    expect(error.exitCode).toBe(3)
    expect(`${error.message} ${error.hint} ${error.stack}`).not.toContain(SECRET)
  })

  it('gives each token to one host (the GitHub CLI convention for Enterprise tokens)', () => {
    const env = {GITHUB_TOKEN: 'dotcom', GH_ENTERPRISE_TOKEN: 'enterprise'}
    expect(resolveTokens(undefined, undefined, env)).toEqual({token: 'dotcom'})
    expect(resolveTokens(undefined, ['https://ghe.example.com/api/v3'], env)).toEqual({
      token: 'enterprise',
      githubComToken: 'dotcom',
    })
    // Only the plain variable: it goes to the Enterprise Server as before, github.com is read anonymously.
    expect(resolveTokens(undefined, ['https://ghe.example.com/api/v3'], {GITHUB_TOKEN: 'plain'})).toEqual({
      token: 'plain',
    })
    expect(resolveTokens('flag', ['https://ghe.example.com/api/v3'], {GH_TOKEN: 'dotcom'})).toEqual({
      token: 'flag',
      githubComToken: 'dotcom',
    })
  })
})
