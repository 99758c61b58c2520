import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type GithubEmulator, startGithubEmulator} from '../../../../tests/support/github-emulator/index.js'
import {parseRepo, type RepoRef} from '../../../core/repo-name.js'
import type {ResolvedOptions, SourceSession} from '../../types.js'
import {source} from './index.js'

/** The plug-in on its own, against the GitHub API emulator (real HTTP on 127.0.0.1, the real octokit client). */
const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'tests', 'collect', '__fixtures__', 'github')
const WINDOW = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

let emulator: GithubEmulator
let session: SourceSession
beforeAll(async () => {
  emulator = await startGithubEmulator({roots: [fixtures]})
  const options: ResolvedOptions = {
    window: WINDOW,
    apiUrl: emulator.url,
    cacheDir: mkdtempSync(join(tmpdir(), 'stewards-github-source-')),
    http: {retries: 1, retryBaseMs: 1, secondaryRetries: 1, acceptedRetries: 1, acceptedDelayMs: 1},
    timeoutMs: 5_000,
  }
  session = await source.open(options)
})
afterAll(async () => {
  await session?.close?.()
  await emulator?.close()
})

function ref(name: string): RepoRef {
  const parsed = parseRepo(name)
  if ('error' in parsed) throw new Error(parsed.error)
  return parsed
}

describe('github source', () => {
  it('reads facts, the commits authored in the window (UTC) and the governance files of a repository', async () => {
    const {project, incomplete} = await session.collectProject(ref('example/widget'), new AbortController().signal)
    expect(incomplete).toBe(false)
    expect(project).toMatchObject({repo: 'github.com/example/widget', source: 'github', status: 'ok', window: WINDOW})
    expect(project.facts?.defaultBranch).toBe('main')
    // 23:30 at -02:00 on 2023-12-31 is 2024 in UTC (in); 20:00 at -01:00 is still 2023 (out).
    const authors = project.commits.map((c) => c.author.email)
    expect(authors).toContain('alice@example.com')
    expect(authors).not.toContain('bob@example.org')
    for (const c of project.commits) expect(Date.parse(c.author.date)).toBeGreaterThanOrEqual(Date.parse(WINDOW.since))
    expect(project.governance.map((f) => f.path)).toEqual(['.github/CODEOWNERS', 'OWNERS', 'SECURITY.md'])
  })

  it('reports a repository GitHub does not have as unavailable, not as an incomplete run', async () => {
    const {project, incomplete} = await session.collectProject(ref('example/gone'), new AbortController().signal)
    expect(incomplete).toBe(false)
    expect(project.status).toBe('unavailable')
    expect(project.commits).toEqual([])
  })

  it('fetches each person once, keyed by lower-case login', async () => {
    const before = emulator.requests.length
    const {profiles, incomplete} = await session.fetchProfiles(['Alice', 'alice'], new AbortController().signal)
    expect(incomplete).toBe(false)
    expect([...profiles.keys()]).toEqual(['alice'])
    const urls = emulator.requests.slice(before).map((r) => r.url)
    expect(urls.some((url) => /\/users\/alice\b/i.test(url))).toBe(true)
    expect(urls).toEqual([...new Set(urls)])
  })
})
