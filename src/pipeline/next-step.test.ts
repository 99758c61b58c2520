import {describe, expect, it} from 'vitest'
import {cacheMissMessage, rateLimitMessage, snapshotMissMessage} from '../collect/index.js'
import {nextStep, nextStepFor} from './next-step.js'

const unread = (repo: string, reason: string) => ({
  repo,
  status: 'partial' as const,
  reason,
  missing: ['facts', 'commits', 'governance', 'profiles'] as const,
})
const cacheMiss = (repo: string) =>
  unread(repo, `${repo}: ${cacheMissMessage(`/repos/${repo.slice('github.com/'.length)} (github.com)`)}`)

describe('nextStep', () => {
  it('a cache miss offline: fill the cache, or go online', () => {
    expect(nextStep([cacheMiss('github.com/a/b')], {offline: true, anonymous: false})).toBe(
      'Next: the cache does not hold 1 project: drop --offline to collect it from GitHub, or `stewards cache import BUNDLE` (a bundle from `stewards cache export` on a machine that collected it).',
    )
  })

  it('a project a recorded snapshot does not hold: the same one line, naming the snapshot and --snapshot', () => {
    const projects = [
      unread('github.com/a/b', snapshotMissMessage('github.com/a/b')),
      // Joined with another gap, as a project's gaps are.
      unread('github.com/c/d', `${snapshotMissMessage('github.com/c/d')}; github.com/c/d governance files: timeout`),
      {repo: 'github.com/e/f', status: 'ok' as const},
    ]
    const step = nextStepFor(projects, {offline: true, snapshot: 'recorded.json', anonymous: true})
    expect(step).toEqual({
      line: 'Next: the snapshot recorded.json does not hold 2 projects: set GITHUB_TOKEN and drop --snapshot to collect them from GitHub, or replay a bundle that holds them (`stewards cache export` on the machine that collected them).',
      repos: ['github.com/a/b', 'github.com/c/d'],
    })
  })

  it('text that only mentions a snapshot or the cache is no miss; a rate-limit stop has its own line', () => {
    const lookalike = unread('github.com/a/b', 'github.com/a/b: the file says: not in the snapshot folder')
    expect(nextStep([lookalike], {offline: true, snapshot: 's.json', anonymous: false})).toBeNull()
    const limited = unread('github.com/a/b', rateLimitMessage('github.com/a/b commits'))
    expect(nextStep([limited], {offline: false, anonymous: false})).toMatch(/^Next: GitHub's rate limit stopped/)
    // The abuse-detection kind of secondary limit names no rate limit in its words, and is one all the same.
    const abuse = unread('github.com/a/c', rateLimitMessage('github.com/a/c commits', 'abuse detection'))
    expect(nextStep([abuse], {offline: false, anonymous: false})).toMatch(
      /^Next: GitHub's rate limit stopped collecting 1 project/,
    )
  })
})
