import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach} from 'vitest'
import {collectProjects} from '../../src/collect/index.js'
import type {CollectOptions} from '../../src/collect/types.js'
import {type EmulatorOptions, type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'

export const fixtureRoot = join(import.meta.dirname, '__fixtures__', 'github')
export const TOKEN = 'ghp_testtoken0123456789abcdefABCDEF0123'
export const WINDOW_2024 = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

/** Retry and wait tuning that keeps every backoff in milliseconds. */
export const FAST_HTTP: CollectOptions['http'] = {
  retries: 8,
  retryBaseMs: 1,
  secondaryRetries: 8,
  acceptedRetries: 8,
  acceptedDelayMs: 1,
}

export async function freshCacheDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'stewards-cache-'))
}

export async function collectFrom(apiUrl: string | string[], repos: string[], options: Partial<CollectOptions> = {}) {
  return collectProjects(repos, {
    apiUrl,
    token: TOKEN,
    ...WINDOW_2024,
    cacheDir: options.cacheDir ?? (await freshCacheDir()),
    http: FAST_HTTP,
    timeoutMs: 5_000,
    ...options,
  })
}

/** (sha, author email, author instant): what the acceptance compares. */
export function commitKeys(commits: Array<{sha: string; author: {email: string; date: string}}>): string[] {
  return commits.map((c) => `${c.sha} ${c.author.email} ${new Date(c.author.date).toISOString()}`).sort()
}

/**
 * `const start = emulatorPerTest()` at the top of a test file: `await start({faults})` serves the fixtures with a
 * token and closes after the test.
 */
export function emulatorPerTest(): (options?: Partial<EmulatorOptions>) => Promise<GithubEmulator> {
  let emulator: GithubEmulator | undefined
  afterEach(async () => {
    await emulator?.close()
    emulator = undefined
  })
  return async (options = {}) => {
    emulator = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN, ...options})
    return emulator
  }
}
