/**
 * When projects could not be collected, the one line that says what to do next (issue #15): the cause is the run's
 * (offline with a cache that does not hold them, GitHub's rate limit, anonymous or not), not the projects', so it is
 * said once for all of them instead of once per project.
 */
import {type CollectOptions, isRateLimitReason, isRecordedDataMiss} from '../collect/index.js'
import type {DataPart, ProjectStatus} from '../core/model.js'

export interface RunContext {
  /** `--offline` (or `offline: true`). */
  offline: boolean
  /** `--snapshot FILE`. */
  snapshot?: string
  /** No token for any GitHub host: GitHub allows 60 requests an hour. */
  anonymous: boolean
}

/** What the collecting options say about the run. */
export function runContext(
  options: Pick<CollectOptions, 'offline' | 'snapshot' | 'token' | 'githubComToken'>,
): RunContext {
  return {
    offline: Boolean(options.offline),
    ...(options.snapshot ? {snapshot: options.snapshot} : {}),
    anonymous: !options.token && !options.githubComToken,
  }
}

interface ProjectLike {
  repo: string
  status: ProjectStatus
  reason?: string
  missing?: readonly DataPart[]
}

function projects(n: number): string {
  return `${n} project${n === 1 ? '' : 's'}`
}

/** The next step for the projects a run could not read, or null when nothing is missing for a cause it can name. */
export function nextStep(all: readonly ProjectLike[], run: RunContext): string | null {
  return nextStepFor(all, run)?.line ?? null
}

/** The next step, with the repositories it covers (their own warnings would only repeat it). */
export function nextStepFor(all: readonly ProjectLike[], run: RunContext): {line: string; repos: string[]} | null {
  const step = stepFor(all, run)
  return step ? {line: step.line, repos: step.projects.map((p) => p.repo)} : null
}

function stepFor(all: readonly ProjectLike[], run: RunContext): {line: string; projects: ProjectLike[]} | null {
  const short = all.filter((p) => (p.missing?.length ?? 0) > 0)
  const offline = short.filter((p) => isRecordedDataMiss(p.reason ?? ''))
  const limited = short.filter((p) => !isRecordedDataMiss(p.reason ?? '') && isRateLimitReason(p.reason ?? ''))
  if (offline.length > 0) {
    const where = run.snapshot ? `the snapshot ${run.snapshot}` : 'the cache'
    // A snapshot run reads only the snapshot (it implies --offline): dropping --snapshot is what goes to GitHub.
    const online = `${run.anonymous ? 'set GITHUB_TOKEN and ' : ''}drop ${run.snapshot ? '--snapshot' : '--offline'}`
    const them = offline.length === 1 ? 'it' : 'them'
    const fill = run.snapshot
      ? `or replay a bundle that holds ${them} (\`stewards cache export\` on the machine that collected ${them})`
      : `or \`stewards cache import BUNDLE\` (a bundle from \`stewards cache export\` on a machine that collected ${them})`
    return {
      line: `Next: ${where} does not hold ${projects(offline.length)}: ${online} to collect ${them} from GitHub, ${fill}.`,
      projects: offline,
    }
  }
  if (limited.length > 0) {
    const line = run.anonymous
      ? `Next: GitHub's anonymous rate limit (60 requests an hour) stopped collecting ${projects(limited.length)}: set GITHUB_TOKEN (5,000 an hour) and run again; what was read is cached.`
      : `Next: GitHub's rate limit stopped collecting ${projects(limited.length)}: run again after the reset (--on-rate-limit wait waits for it); what was read is cached.`
    return {line, projects: limited}
  }
  return null
}
