import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import {join, relative} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {CollectRun} from '../../src/collect/index.js'
import {sharedDir} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, commitKeys, freshCacheDir, TOKEN} from './helpers.js'

const affiliation = join(sharedDir, 'affiliation')
const present = existsSync(join(affiliation, 'sources.json'))
if (!present) console.warn(`skipping shared-corpus collection tests: ${affiliation} is absent`)

const sources = present
  ? (JSON.parse(readFileSync(join(affiliation, 'sources.json'), 'utf8')) as Record<string, {commit_count: number}>)
  : {}
const repos = Object.keys(sources).sort()

function governanceFiles(folder: string): string[] {
  const root = join(affiliation, folder, 'governance')
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else out.push(relative(root, full))
    }
  }
  walk(root)
  return out.sort()
}

describe.skipIf(!present)('the ten shared projects collected from the GitHub emulator', () => {
  let emulator: GithubEmulator
  let cacheDir: string
  let cold: CollectRun
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [affiliation], token: TOKEN})
    cacheDir = await freshCacheDir()
    cold = await collectFrom(
      emulator.url,
      repos.map((r) => `github.com/${r}`),
      {cacheDir},
    )
  })
  afterAll(() => emulator?.close())

  it('gives exactly the commit sets (sha, author email, author date) of commits.json for 2024', () => {
    expect(cold.incomplete).toBe(false)
    expect(cold.projects.map((p) => p.status)).toEqual(repos.map(() => 'ok'))
    for (const repo of repos) {
      const expected = JSON.parse(readFileSync(join(affiliation, repo.replace('/', '__'), 'commits.json'), 'utf8'))
      const project = cold.projects.find((p) => p.repo === `github.com/${repo}`)!
      expect(project.commits.length, repo).toBe(sources[repo].commit_count)
      expect(commitKeys(project.commits), repo).toEqual(commitKeys(expected))
    }
  })

  it('fetches the governance files, external ones included', () => {
    for (const repo of repos) {
      const project = cold.projects.find((p) => p.repo === `github.com/${repo}`)!
      const folder = repo.replace('/', '__')
      expect(
        project.governance.map((f) => f.path),
        repo,
      ).toEqual(governanceFiles(folder))
      for (const file of project.governance) {
        expect(file.content).toBe(readFileSync(join(affiliation, folder, 'governance', file.path), 'utf8'))
      }
    }
  })

  it('spends at most 4 requests per project plus one per 100 commits, and none when warm', async () => {
    const commits = repos.reduce((n, r) => n + sources[r].commit_count, 0)
    expect(cold.requests.total).toBeLessThanOrEqual(4 * repos.length + commits / 100)
    const warm = await collectFrom(
      emulator.url,
      repos.map((r) => `github.com/${r}`),
      {cacheDir},
    )
    expect(warm.requests.total).toBe(0)
    expect(warm.projects).toEqual(cold.projects)
  })

  it('collects identical data when 20 % of the answers are faults (5xx, secondary limits, 202, truncated)', async () => {
    const faulty = await startGithubEmulator({
      roots: [affiliation],
      token: TOKEN,
      faultRatio: 0.2,
      faultKinds: ['server-error', 'secondary-limit', 'accepted', 'truncated'],
      seed: 2024,
    })
    try {
      const run = await collectFrom(
        faulty.url,
        repos.map((r) => `github.com/${r}`),
      )
      expect(faulty.requests.filter((r) => r.fault).length).toBeGreaterThan(20)
      expect(run.incomplete).toBe(false)
      expect(JSON.stringify(run.projects)).toBe(JSON.stringify(cold.projects))
    } finally {
      await faulty.close()
    }
  })

  it('never writes the token into the output or the cache', async () => {
    expect(JSON.stringify(cold)).not.toContain(TOKEN)
    const stack = [cacheDir]
    while (stack.length > 0) {
      const dir = stack.pop()!
      for (const entry of await readdir(dir, {withFileTypes: true})) {
        const full = join(dir, entry.name)
        if (entry.isDirectory()) stack.push(full)
        else expect(readFileSync(full, 'utf8').includes(TOKEN), full).toBe(false)
      }
    }
  })
})
