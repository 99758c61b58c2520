import {createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {describe, expect, it} from 'vitest'
import {type ProgressEvent, parseRepo, rateLimitNotice} from '../../src/collect/index.js'
import {StewardsError} from '../../src/core/errors.js'
import {collectFrom, emulatorPerTest, FAST_HTTP, freshCacheDir} from './helpers.js'

const WIDGET = 'github.com/example/widget'
const start = emulatorPerTest()

describe('GitHub collection from the emulator', () => {
  it('keeps non-merge commits reachable from the window end whose UTC author date is in the window', async () => {
    const emu = await start()
    const run = await collectFrom(emu.url, [WIDGET])
    const [project] = run.projects
    expect(run.incomplete).toBe(false)
    expect(project.status).toBe('ok')
    // pushed_at is the emulator's newest commit (1…, committed 2025-01-05T09:00:00Z, after the window).
    // a…: 2023-12-31T23:30-02:00 is 2024 in UTC; b…: committed in 2024, authored in 2023; c…: a merge;
    // f…: authored in 2024 on a branch merged in 2025; 1…: committed after the window end.
    expect(project.commits.map((c) => c.sha[0])).toEqual(['a', 'd', 'e'])
    expect(project.commits.map((c) => c.login)).toEqual(['alice', 'carol', 'alice'])
    expect(project.facts).toEqual({
      fullName: 'example/widget',
      archived: false,
      fork: false,
      defaultBranch: 'main',
      createdAt: '2020-02-02T00:00:00Z',
      pushedAt: '2025-01-05T09:00:00Z',
      license: 'Apache-2.0',
    })
    expect(project.governance.map((f) => f.path)).toEqual(['.github/CODEOWNERS', 'OWNERS', 'SECURITY.md'])
    expect(project.governance.find((f) => f.path === 'OWNERS')?.content).toContain('- bob')
    // Commit authors and people named by OWNERS/CODEOWNERS; GitHub knows alice and frank only... and the authors.
    expect(project.profiles.alice).toEqual({
      login: 'alice',
      name: 'Alice Example',
      company: '@example-corp',
      blog: 'https://alice.example.com',
      email: 'alice@example.com',
      createdAt: '2012-03-04T05:06:07Z',
      orgs: ['example-corp', 'widget-project'],
    })
    expect(Object.keys(project.profiles).sort()).toEqual(['alice', 'bob', 'carol', 'frank'])
  })

  it('reports 404 and 451 as unavailable, 409 as empty, follows a 301 rename, and the run stays complete', async () => {
    const emu = await start()
    const run = await collectFrom(emu.url, [
      'github.com/example/gone',
      'github.com/example/blocked',
      'github.com/example/empty',
      'github.com/example/old-name',
    ])
    const by = Object.fromEntries(run.projects.map((p) => [p.repo, p]))
    expect(run.incomplete).toBe(false)
    expect(by['github.com/example/gone']).toMatchObject({status: 'unavailable', reason: expect.stringContaining('404')})
    expect(by['github.com/example/blocked']).toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('451'),
    })
    expect(by['github.com/example/empty']).toMatchObject({status: 'empty', commits: []})
    const renamed = by['github.com/example/old-name']
    expect(renamed.status).toBe('ok')
    expect(renamed.facts).toMatchObject({fullName: 'example/widget', renamedFrom: 'example/old-name'})
    expect(renamed.commits.map((c) => c.sha[0])).toEqual(['a', 'd', 'e'])
  })

  it('fetches each repository once however it is spelled', async () => {
    const emu = await start()
    const run = await collectFrom(emu.url, [WIDGET, 'github.com/Example/Widget', 'example/widget'])
    expect(run.projects).toHaveLength(1)
    expect(emu.requests.filter((r) => r.url === '/repos/example/widget')).toHaveLength(1)
  })

  it('waits for the primary rate-limit reset when asked, and stops with partial results otherwise', async () => {
    const rule = {kind: 'rate-limit' as const, match: /commits/, times: 1, resetSeconds: 1}
    let emu = await start({faults: [rule]})
    const waited = await collectFrom(emu.url, [WIDGET], {onRateLimit: 'wait'})
    expect(waited.incomplete).toBe(false)
    expect(waited.projects[0].commits).toHaveLength(3)
    await emu.close()
    emu = await start({faults: [rule]})
    const stopped = await collectFrom(emu.url, [WIDGET, 'github.com/example/old-name'], {
      onRateLimit: 'stop',
      concurrency: 1,
    })
    expect(stopped.incomplete).toBe(true)
    // Without the commits, C (the window end) is unknown too: the files are missing, not read at today's head.
    expect(stopped.projects[1]).toMatchObject({
      repo: 'github.com/example/widget',
      status: 'partial',
      missing: ['commits', 'governance'],
      reason: expect.stringContaining('rate limit'),
    })
    // After the stop no request reaches the network: the second project fails at once, nothing of it read.
    expect(stopped.projects[0]).toMatchObject({
      status: 'partial',
      missing: ['facts', 'commits', 'governance', 'profiles'],
      reason: expect.stringContaining('rate limit'),
    })
    expect(emu.requests.filter((r) => r.status === 403)).toHaveLength(1)
  })

  it('announces a rate-limit wait once, as it starts: how long and until when', async () => {
    // Both projects' first requests meet the limit at once: one wait, one announcement.
    const emu = await start({
      faults: [{kind: 'rate-limit', match: /^GET \/repos\/example\/(widget|empty)$/, times: 2, resetSeconds: 2}],
    })
    const waits: Array<Extract<ProgressEvent, {type: 'rate-limit-wait'}>> = []
    const started = Date.now()
    const run = await collectFrom(emu.url, [WIDGET, 'github.com/example/empty'], {
      onProgress: (e) => e.type === 'rate-limit-wait' && waits.push(e),
    })
    expect(run.incomplete).toBe(false)
    expect(emu.requests.filter((r) => r.fault === 'rate-limit')).toHaveLength(2)
    expect(waits).toHaveLength(1)
    expect(waits[0].seconds).toBeGreaterThanOrEqual(1)
    expect(waits[0].until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    // until = when the wait began + its length, to the second.
    expect(Date.parse(waits[0].until)).toBeGreaterThanOrEqual(
      Math.floor(started / 1000) * 1000 + waits[0].seconds * 1000,
    )
    expect(rateLimitNotice(waits[0])).toBe(
      `GitHub rate limit reached: waiting ${waits[0].seconds}s, until ${waits[0].until}, for the reset (--on-rate-limit stop ends the run with partial results instead)`,
    )
  })

  it('retries secondary limits (retry-after), 5xx bursts, 202s and truncated bodies, reporting them in the request counts', async () => {
    const emu = await start({
      faults: [
        {kind: 'secondary-limit', match: /^GET \/repos\/example\/widget$/, times: 2, retryAfter: 1},
        {kind: 'server-error', match: /commits/, times: 3},
        {kind: 'accepted', match: /^POST/, times: 2},
        {kind: 'truncated', match: /^POST/, times: 1},
      ],
    })
    const run = await collectFrom(emu.url, [WIDGET])
    expect(run.incomplete).toBe(false)
    expect(run.projects[0].commits).toHaveLength(3)
    expect(Object.keys(run.projects[0].profiles)).toHaveLength(4)
    expect(run.requests.byStatus).toMatchObject({'403': 2, '502': 3, '202': 2})
    expect(emu.requests.filter((r) => r.fault)).toHaveLength(8)
  })

  it('gives up on endless 5xx and 202 with a reason, and maps 204 to an empty list', async () => {
    let emu = await start({faults: [{kind: 'server-error', match: /commits/}]})
    let run = await collectFrom(emu.url, [WIDGET])
    expect(run.incomplete).toBe(true)
    expect(run.projects[0]).toMatchObject({status: 'partial', reason: expect.stringContaining('server error (502)')})
    await emu.close()
    emu = await start({faults: [{kind: 'accepted', match: /commits/}]})
    run = await collectFrom(emu.url, [WIDGET])
    expect(run.projects[0]).toMatchObject({status: 'partial', reason: expect.stringContaining('202')})
    expect(run.projects[0].commits).toEqual([])
    await emu.close()
    emu = await start({faults: [{kind: 'no-content', match: /commits/}]})
    run = await collectFrom(emu.url, [WIDGET])
    expect(run.incomplete).toBe(false)
    expect(run.projects[0]).toMatchObject({status: 'ok', commits: []})
  })

  it('does not take a 403 "too large" for a rate limit: no wait, no stop, the other projects go on', async () => {
    const emu = await start({
      faults: [{kind: 'too-large', match: /^GET \/repos\/example\/widget\/commits\?sha=main&since=/}],
    })
    // FAST_HTTP allows 8 quick retries, so a retried 403 would show in the request log below.
    const run = await collectFrom(emu.url, [WIDGET, 'github.com/example/empty'], {onRateLimit: 'stop'})
    const by = Object.fromEntries(run.projects.map((p) => [p.repo, p]))
    expect(by[WIDGET]).toMatchObject({
      status: 'partial',
      missing: ['commits'],
      reason: 'github.com/example/widget commits: GitHub refuses, the list is too large for the API (403)',
    })
    expect(by['github.com/example/empty']).toMatchObject({status: 'empty', reason: 'the repository has no commits'})
    expect(run.incomplete).toBe(true)
    // Each request once: no retry of the 403, and the run did not stop (the empty project and the profiles went on).
    // Without the listing, C is asked for directly (one commit before the window end) to read the files there. A
    // profile's company "@example-corp" is looked up as an organisation account (the emulator has none).
    const commits = 'commits?sha=main&since=2024-01-01T00%3A00%3A00.000Z&per_page=100'
    expect(emu.requests.map((r) => `${r.method} ${r.url} ${r.status}`).sort()).toEqual([
      'GET /orgs/example-corp 404',
      'GET /repos/example/empty 200',
      `GET /repos/example/empty/${commits} 409`,
      'GET /repos/example/widget 200',
      `GET /repos/example/widget/${commits} 403`,
      'GET /repos/example/widget/commits?sha=main&until=2025-01-01T00%3A00%3A00.000Z&per_page=1 200',
      'POST /graphql 200',
      'POST /graphql 200',
    ])
    expect(run.requests).toEqual({total: 8, byStatus: {'200': 5, '403': 1, '404': 1, '409': 1}, cached: 0})
    expect(by[WIDGET].governance.map((f) => f.path)).toEqual(['.github/CODEOWNERS', 'OWNERS', 'SECURITY.md'])
  })

  it('fails fast on 401 with a hint about the token, without showing it', async () => {
    const emu = await start()
    // One project at a time, so "fast" is exact: the first 401 ends the run before the second project is asked.
    const error = await collectFrom(emu.url, [WIDGET, 'github.com/example/gone'], {
      token: 'ghp_wrongtoken_ABCDEF123456',
      concurrency: 1,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(StewardsError)
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe('GitHub rejected the token (401 Bad credentials)')
    expect(error.hint).toMatch(/GITHUB_TOKEN/)
    expect(`${error.message} ${error.hint} ${error.stack}`).not.toContain('ghp_wrongtoken_ABCDEF123456')
    expect(emu.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toEqual(['GET /repos/example/widget 401'])
  })

  it('bounds every request and every project in time', async () => {
    let emu = await start({faults: [{kind: 'slow', match: /commits/, delayMs: 3_000}]})
    const run = await collectFrom(emu.url, [WIDGET], {timeoutMs: 150, http: {...FAST_HTTP, retries: 1}})
    expect(run.incomplete).toBe(true)
    expect(run.projects[0]).toMatchObject({status: 'partial', reason: expect.stringContaining('timed out')})
    await emu.close()
    // Every request is slower than the project's budget: the project gives up after its first request,
    // with no retry (how soon is measured in bench/collect.ts, not here).
    emu = await start({faults: [{kind: 'slow', delayMs: 3_000}]})
    const bounded = await collectFrom(emu.url, [WIDGET], {projectTimeoutMs: 300})
    expect(bounded.incomplete).toBe(true)
    expect(bounded.projects[0]).toMatchObject({
      status: 'partial',
      missing: ['facts', 'commits', 'governance', 'profiles'],
      reason: 'github.com/example/widget: timed out (the project time limit)',
    })
    expect(emu.requests.map((r) => `${r.method} ${r.url} ${r.fault}`)).toEqual(['GET /repos/example/widget slow'])
  })

  it('reports a refused connection as a network error at once, without retries: the run is incomplete, the project not "unavailable"', async () => {
    // A port that was just listening and is closed now: the connection is refused. FAST_HTTP would allow 8 retries.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const run = await collectFrom(`http://127.0.0.1:${port}`, [WIDGET])
    const reason = `github.com/example/widget: network error (connect ECONNREFUSED 127.0.0.1:${port})`
    expect(run.projects[0]).toMatchObject({
      status: 'partial',
      missing: ['facts', 'commits', 'governance', 'profiles'],
      reason,
    })
    expect(run.incomplete).toBe(true)
    expect(run.problems).toEqual([reason])
    expect(run.requests).toEqual({total: 1, byStatus: {error: 1}, cached: 0})
    // Port 1 (the QA report's --github-api-url http://127.0.0.1:1): fetch itself refuses it, no server error either.
    const blocked = await collectFrom('http://127.0.0.1:1', [WIDGET])
    expect(blocked.projects[0]).toMatchObject({
      status: 'partial',
      reason: 'github.com/example/widget: network error (bad port)',
    })
    expect(blocked.requests).toEqual({total: 1, byStatus: {error: 1}, cached: 0})
  })

  it('keeps a GraphQL answer whose organisation nodes are hidden (SAML), reads those memberships from REST, and asks nothing warm', async () => {
    const emu = await start({hiddenOrgs: ['example-corp']})
    const cacheDir = await freshCacheDir()
    const cold = await collectFrom(emu.url, [WIDGET], {cacheDir})
    expect(cold.incomplete).toBe(false)
    expect(cold.projects[0].profiles.alice.orgs).toEqual(['example-corp', 'widget-project'])
    expect(
      emu.requests.filter((r) => r.url.startsWith('/users/')).map((r) => `${r.method} ${r.url} ${r.status}`),
    ).toEqual(['GET /users/alice/orgs?per_page=100 200'])
    const before = emu.requests.length
    const warm = await collectFrom(emu.url, [WIDGET], {cacheDir})
    expect(emu.requests.length).toBe(before)
    // Each person is a cache record of their own: the warm run reads 4 of them where the cold one made one
    // GraphQL batch and one REST request for alice's memberships.
    expect(warm.requests).toEqual({total: 0, byStatus: {}, cached: cold.requests.total - 2 + 4})
    expect(warm.projects).toEqual(cold.projects)
  })

  it('never builds a URL from an invalid name', async () => {
    const emu = await start()
    for (const bad of [
      'github.com/example/..',
      'github.com/../widget',
      'example/.',
      'github.com/example/widget%2F..',
      'github.com/example/a/b',
      'github.com/-x/y',
    ]) {
      expect(parseRepo(bad)).toHaveProperty('error')
    }
    const run = await collectFrom(emu.url, ['github.com/example/..', 'github.com/..%2F../x'])
    expect(run.projects.map((p) => p.status)).toEqual(['unavailable', 'unavailable'])
    expect(run.projects[0].reason).toMatch(/invalid repository name/)
    expect(emu.requests).toEqual([])
  })

  it('sends the token to the API origin only: a foreign Link URL or redirect is refused', async () => {
    const seen: Array<string | undefined> = []
    const foreign = createServer((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(200, {'content-type': 'application/json'})
      res.end('[]')
    })
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve))
    const foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`
    try {
      // Two commits per page, so the second page's URL comes from the (foreign) Link header.
      const emu = await start({
        linkBase: foreignUrl,
        maxPerPage: 2,
        faults: [{kind: 'moved', match: /^GET \/repos\/example\/gone$/, location: `${foreignUrl}/repositories/1`}],
      })
      const run = await collectFrom(emu.url, [WIDGET, 'github.com/example/gone'])
      expect(seen).toEqual([])
      const by = Object.fromEntries(run.projects.map((p) => [p.repo, p]))
      expect(by[WIDGET]).toMatchObject({status: 'partial', reason: expect.stringContaining('refused to call')})
      expect(by['github.com/example/gone']).toMatchObject({
        status: 'unavailable',
        reason: expect.stringContaining('refused a redirect'),
      })
      expect(run.incomplete).toBe(true)
    } finally {
      foreign.close()
    }
  })
})
