import type {CollectedProject, Profile} from '../core/model.js'
import {StewardsError} from '../core/errors.js'
import {mapLimit} from '../core/map-limit.js'
import {parseGovernance} from './governance/index.js'
import {addMissing, unreadProject} from './missing.js'
import {CollectFailure} from './octokit/errors.js'
import {parseRepo, type RepoRef, repoIdentity, isValidLogin} from '../core/repo-name.js'
import {sources} from './registry.js'
import type {CollectOptions, CollectRun, ProjectResult, ResolvedOptions, SourcePeers, SourceSession} from './types.js'
import {compare} from '../core/compare.js'

const DEFAULT_PROJECT_TIMEOUT_MS = 10 * 60_000

/**
 * Collects every repository once (names are deduplicated case-insensitively), then every person once.
 * Expected failures are data: a 404/451 project is `unavailable` and the run goes on; a rate-limit
 * stop, a timeout, a network error or an offline miss lists the parts not read in `missing` (the project
 * is `partial`) and makes the run `incomplete`. A 401 aborts
 * the run with a usage error (exit 3): no later request could succeed.
 */
export async function collectProjects(repos: string[], options: CollectOptions): Promise<CollectRun> {
  const resolved: ResolvedOptions = options
  const source = sources.find((s) => s.id === (options.source ?? 'github'))
  if (!source) throw new StewardsError('unknown-source', `unknown collection source '${options.source}'`)
  const hosts = source.hosts(resolved)
  const problems: string[] = []
  let incomplete = false
  const results: ProjectResult[] = []
  const wanted: RepoRef[] = []
  const seen = new Set<string>()
  for (const input of repos) {
    const ref = parseRepo(input, hosts)
    if ('error' in ref) {
      const reason = `invalid repository name: ${ref.error}`
      results.push({
        project: emptyProject(input, resolved, 'unavailable', reason),
        incomplete: false,
        problems: [reason],
      })
      continue
    }
    if (seen.has(repoIdentity(ref))) continue
    seen.add(repoIdentity(ref))
    wanted.push(ref)
  }
  const peers: SourcePeers = {
    open(id, peerOptions) {
      const peer = sources.find((s) => s.id === id)
      if (!peer) throw new StewardsError('unknown-source', `unknown collection source '${id}'`)
      return peer.open(peerOptions, peers)
    },
  }
  const session = await source.open(resolved, peers)
  try {
    results.push(...(await mapLimit(wanted, options.concurrency ?? 4, (ref) => collectOne(session, ref, resolved))))
    const profiles = await collectProfiles(session, results, resolved)
    incomplete ||= profiles.incomplete
    problems.push(...profiles.problems)
  } catch (error) {
    if (error instanceof CollectFailure && error.kind === 'unauthorized') {
      throw new StewardsError('github-unauthorized', 'GitHub rejected the token (401 Bad credentials)', {
        hint: 'check --token, GITHUB_TOKEN or GH_TOKEN (expired or revoked?), or unset them to run anonymously',
      })
    }
    throw error
  } finally {
    await session.close?.()
  }
  for (const result of results) {
    incomplete ||= result.incomplete
    problems.push(...result.problems)
  }
  const projects = results.map((r) => r.project).sort((a, b) => compare(a.repo.toLowerCase(), b.repo.toLowerCase()))
  return redact(
    {projects, requests: session.stats(), incomplete, problems: [...new Set(problems)].sort()},
    options.token,
  )
}

async function collectOne(session: SourceSession, ref: RepoRef, options: ResolvedOptions): Promise<ProjectResult> {
  options.onProgress?.({type: 'project-start', repo: ref.key})
  const limit = options.projectTimeoutMs ?? DEFAULT_PROJECT_TIMEOUT_MS
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), limit)
  // The signal stops requests cooperatively; the race bounds a source that does not listen.
  let hard: NodeJS.Timeout | undefined
  const deadline = new Promise<ProjectResult>((resolve) => {
    hard = setTimeout(() => {
      const reason = `${ref.key}: timed out after ${limit} ms`
      resolve({
        project: unreadProject(ref.key, options.source ?? 'github', options.window, reason),
        incomplete: true,
        problems: [reason],
      })
    }, limit + 1_000)
  })
  try {
    const result = await Promise.race([session.collectProject(ref, controller.signal), deadline])
    options.onProgress?.({type: 'project-done', repo: ref.key, status: result.project.status})
    return result
  } finally {
    clearTimeout(timer)
    clearTimeout(hard)
  }
}

/** Commit authors and people named in governance files, fetched once per run, then shared out per project. */
async function collectProfiles(session: SourceSession, results: ProjectResult[], options: ResolvedOptions) {
  const perProject = new Map<CollectedProject, string[]>()
  const all = new Set<string>()
  const extra = (options.extraLogins ?? []).map((l) => l.toLowerCase())
  for (const {project} of results) {
    if (project.status === 'unavailable') continue
    const logins = [
      ...project.commits.flatMap((c) => (c.login ? [c.login.toLowerCase()] : [])),
      ...namedLogins(project),
      ...extra,
    ]
    const valid = [...new Set(logins)].filter(isValidLogin)
    perProject.set(project, valid)
    for (const login of valid) all.add(login)
  }
  if (all.size === 0) return {incomplete: false, problems: []}
  options.onProgress?.({type: 'profiles', count: all.size})
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.projectTimeoutMs ?? DEFAULT_PROJECT_TIMEOUT_MS)
  try {
    const fetched = await session.fetchProfiles([...all].sort(), controller.signal)
    const failed = new Set(fetched.failed)
    for (const [project, logins] of perProject) {
      const record: Record<string, Profile> = {}
      for (const login of logins.sort()) {
        const profile = fetched.profiles.get(login)
        if (profile) record[profile.login] = profile
      }
      project.profiles = {...project.profiles, ...record}
      if (!logins.some((login) => failed.has(login))) continue
      addMissing(project, 'profiles')
      if (project.status === 'ok') {
        project.status = 'partial'
        project.reason = 'some profiles could not be fetched'
      }
    }
    return {incomplete: fetched.incomplete, problems: fetched.problems}
  } finally {
    clearTimeout(timer)
  }
}

/** People named by governance files (a parser bug surfaces here rather than being papered over). */
function namedLogins(project: CollectedProject): string[] {
  return parseGovernance(project.governance).map((role) => role.login.toLowerCase())
}

function emptyProject(
  repo: string,
  options: ResolvedOptions,
  status: CollectedProject['status'],
  reason: string,
): CollectedProject {
  return {
    repo,
    source: options.source ?? 'github',
    status,
    reason,
    window: options.window,
    commits: [],
    governance: [],
    profiles: {},
  }
}

/** Belt and braces: whatever a server echoed back, the token never leaves in our output. */
function redact(run: CollectRun, token: string | undefined): CollectRun {
  if (!token || token.length < 4) return run
  const text = JSON.stringify(run)
  return text.includes(token) ? (JSON.parse(text.split(token).join('***')) as CollectRun) : run
}
