import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {collectProjects} from '../../src/collect/index.js'
import type {CollectOptions} from '../../src/collect/types.js'

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

export async function collectFrom(apiUrl: string, repos: string[], options: Partial<CollectOptions> = {}) {
  return collectProjects(repos, {
    apiUrl,
    token: TOKEN,
    window: WINDOW_2024,
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
