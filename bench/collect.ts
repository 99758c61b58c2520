/**
 * Cold and warm collection of the ten shared projects (../shared/affiliation) against the GitHub
 * emulator: requests per project and wall time. Targets (issue 4): cold ≤ 4 requests per project plus
 * one per 100 commits in the window; warm within --max-age, zero requests.
 * Runs alone with `tsx bench/collect.ts`.
 */
import {existsSync, readFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {collectProjects} from '../src/collect/index.js'
import {startGithubEmulator} from '../tests/support/github-emulator/index.js'

export const name = 'collect: ten shared projects from the GitHub emulator'

export async function run(): Promise<void> {
  const affiliation = join(import.meta.dirname, '..', '..', 'shared', 'affiliation')
  if (!existsSync(join(affiliation, 'sources.json'))) {
    console.log(`skipped: ${affiliation} is absent`)
    return
  }
  const sources = JSON.parse(readFileSync(join(affiliation, 'sources.json'), 'utf8')) as Record<string, {commit_count: number}>
  const repos = Object.keys(sources).sort()
  const commits = repos.reduce((n, r) => n + sources[r].commit_count, 0)
  const token = 'bench-token'
  const emulator = await startGithubEmulator({roots: [affiliation], token})
  const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-bench-'))
  try {
    const budget = 4 * repos.length + commits / 100
    for (const label of ['cold', 'warm']) {
      const started = performance.now()
      const result = await collectProjects(
        repos.map((r) => `github.com/${r}`),
        {apiUrl: emulator.url, token, since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z', cacheDir},
      )
      const ms = performance.now() - started
      const target = label === 'cold' ? result.requests.total <= budget : result.requests.total === 0
      console.log(
        `${label}: ${result.requests.total} requests (${(result.requests.total / repos.length).toFixed(1)} per project; target ${label === 'cold' ? `≤ ${budget.toFixed(0)}` : '0'}: ${target ? 'met' : 'MISSED'}), ${result.requests.cached} from cache, ${ms.toFixed(0)} ms, ${commits} commits`,
      )
    }
  } finally {
    await emulator.close()
    await rm(cacheDir, {recursive: true, force: true})
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
