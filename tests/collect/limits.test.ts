import {describe, expect, it} from 'vitest'
import {type ProgressEvent, waitNotice} from '../../src/collect/index.js'
import {startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, emulatorPerTest, FAST_HTTP, fixtureRoot, TOKEN} from './helpers.js'

const WIDGET = 'github.com/example/widget'
const start = emulatorPerTest()

describe('the commit cap (--max-commits)', () => {
  it('lists at most N commits, and a project over it is partial and says what was cut', async () => {
    const emu = await start({maxPerPage: 2})
    const full = await collectFrom(emu.url, [WIDGET])
    const listed = emu.requests.filter((r) => r.url.includes('/commits?sha=main&since=')).length
    expect(listed).toBeGreaterThan(2)
    const before = emu.requests.length
    const cut = await collectFrom(emu.url, [WIDGET], {maxCommits: 3})
    const [project] = cut.projects
    expect(project.status).toBe('partial')
    expect(project.missing).toEqual(['commits'])
    expect(project.reason).toMatch(
      /^github\.com\/example\/widget commits: more than 3 commits listed since 2024-01-01 \(the --max-commits cap\): the newest 3 were read, those committed before \d{4}-\d\d-\d\dT[\d:]+Z were not$/,
    )
    expect(cut.incomplete).toBe(true)
    // Two pages of two: the cap is reached without listing the rest.
    expect(emu.requests.slice(before).filter((r) => r.url.includes('/commits?sha=main&since=')).length).toBe(2)
    // What was read is what the full listing holds for those commits, nothing invented.
    for (const commit of project.commits) expect(full.projects[0].commits).toContainEqual(commit)
    // A cap above the project's size changes nothing.
    const roomy = await collectFrom(emu.url, [WIDGET], {maxCommits: 1_000})
    expect(roomy.projects).toEqual(full.projects)
  })
})

describe('answers over 10 MB', () => {
  it('parses a 12 MB answer (once, with JSON.parse)', async () => {
    const emu = await start({
      bloat: {match: /^GET \/repos\/example\/widget\/commits\?sha=main&since=/, bytes: 12 << 20},
    })
    const plain = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    try {
      const expected = await collectFrom(plain.url, [WIDGET])
      const run = await collectFrom(emu.url, [WIDGET])
      expect(run.incomplete).toBe(false)
      expect(run.projects).toEqual(expected.projects)
      expect(emu.requests.filter((r) => r.url.includes('/commits?sha=main&since='))).toHaveLength(1)
    } finally {
      await plain.close()
    }
  })

  it('refuses an answer over the limit once, with its size, and goes on', async () => {
    const emu = await start({bloat: {match: /^GET \/repos\/example\/widget\/commits\?sha=main&since=/, bytes: 3 << 20}})
    const run = await collectFrom(emu.url, [WIDGET], {http: {...FAST_HTTP, maxResponseBytes: 1 << 20}})
    expect(emu.requests.filter((r) => r.url.includes('/commits?sha=main&since='))).toHaveLength(1)
    expect(run.incomplete).toBe(true)
    expect(run.projects[0]).toMatchObject({status: 'partial', missing: ['commits']})
    expect(run.projects[0].reason).toBe(
      "github.com/example/widget commits: GitHub's answer to GET /repos/example/widget/commits?sha=main&since=2024-01-01T00%3A00%3A00.000Z&per_page=100 is larger than 1 MB, the limit on one answer: refused",
    )
    // The files were still read at the window end, asked for on its own.
    expect(run.projects[0].governance.map((f) => f.path)).toEqual(['.github/CODEOWNERS', 'OWNERS', 'SECURITY.md'])
  })
})

describe('announcing long waits', () => {
  it('says when an answer is taking long, and each wait before asking again', async () => {
    const emu = await start({
      faults: [
        {kind: 'slow', match: /^GET \/repos\/example\/widget$/, times: 1, delayMs: 400},
        {kind: 'server-error', match: /commits\?sha=main&since=/, times: 1, status: 503},
        {kind: 'abuse', match: /^POST/, times: 1, retryAfter: 30},
      ],
    })
    const events: Array<Extract<ProgressEvent, {type: 'wait'}>> = []
    const run = await collectFrom(emu.url, [WIDGET], {
      http: {...FAST_HTTP, retryBaseMs: 2, announceAfterMs: 0, slowNoticeMs: 100},
      onProgress: (e) => e.type === 'wait' && events.push(e),
    })
    expect(run.incomplete).toBe(false)
    const lines = events.map(waitNotice)
    expect(lines[0]).toMatch(/^still waiting for GitHub's answer to GET \/repos\/example\/widget \(\d+ms so far\)$/)
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^GET \/repos\/example\/widget\/commits\?\S+: HTTP 503; asking GitHub again in 2ms, attempt 2 of 9 \(2ms of at most 30m waited in this run\)$/,
      ),
    )
    expect(lines).toContainEqual(
      'GitHub abuse detection on POST /graphql: waiting 60ms before asking again (62ms of at most 30m waited in this run)',
    )
  })
})
