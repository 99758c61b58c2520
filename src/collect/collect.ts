import type {CollectedProject, Profile} from '../core/model.js'
import {StewardsError, usageError} from '../core/errors.js'
import {mapLimit} from '../core/map-limit.js'
import {governanceOf} from './governance/index.js'
import {addMissing, unreadProject} from './missing.js'
import {collectOrgAccounts} from './org-accounts.js'
import {CollectFailure} from './octokit/errors.js'
import {parseRepo, type RepoRef, repoIdentity, isValidLogin, hostOfKey} from '../core/repo-name.js'
import {sources} from './registry.js'
import type {
  CollectOptions,
  CollectRun,
  ProfileResult,
  ProjectResult,
  ResolvedOptions,
  SourcePeers,
  SourceSession,
} from './types.js'
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
  const session = await source.open(resolved, sourcePeers())
  const problems: string[] = []
  let incomplete = false
  const results: ProjectResult[] = []
  try {
    const wanted: RepoRef[] = []
    const seen = new Set<string>()
    for (const input of repos) {
      const ref = parseTarget(input, session)
      if ('reason' in ref) {
        // An invalid name is the input's fault and is listed; a host not collected is an answer about the project.
        const problems = ref.reason.startsWith('invalid') ? [ref.reason] : []
        results.push({project: emptyProject(input, resolved, 'unavailable', ref.reason), incomplete: false, problems})
        continue
      }
      if (seen.has(repoIdentity(ref))) continue
      seen.add(repoIdentity(ref))
      wanted.push(ref)
    }
    results.push(...(await mapLimit(wanted, options.concurrency ?? 4, (ref) => collectOne(session, ref, resolved))))
    const profiles = await collectProfiles(session, results, resolved)
    incomplete ||= profiles.incomplete
    problems.push(...profiles.problems)
    const accounts = await collectOrgAccounts(
      session,
      results.map((r) => r.project),
      AbortSignal.timeout(resolved.projectTimeoutMs ?? DEFAULT_PROJECT_TIMEOUT_MS),
    )
    incomplete ||= accounts.incomplete
    problems.push(...accounts.problems)
  } catch (error) {
    if (error instanceof CollectFailure && error.kind === 'unauthorized') {
      throw new StewardsError('github-unauthorized', 'GitHub rejected the token (401 Bad credentials)', {
        hint: 'check --token, GITHUB_TOKEN or GH_TOKEN (expired or revoked?), or unset them to run anonymously',
      })
    }
    if (error instanceof CollectFailure && error.kind === 'insecure-transport') {
      throw usageError('insecure-transport', error.message, 'use an https --github-api-url, or run without a token')
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
  return redact({projects, requests: session.stats(), incomplete, problems: [...new Set(problems)].sort()}, [
    options.token,
    options.githubComToken,
  ])
}

/**
 * A repository to collect, or why not: an invalid name, or a host this session does not collect from (another
 * forge, an Enterprise Server not given, github.com under --only-host), said with what to do.
 */
function parseTarget(input: string, session: SourceSession): RepoRef | {reason: string} {
  const hosts = session.hosts()
  const ref = parseRepo(input, hosts)
  if (!('error' in ref)) return ref
  const elsewhere = parseRepo(input, [
    ...hosts,
    input
      .replace(/^https?:\/\//i, '')
      .split('/')[0]
      .toLowerCase(),
  ])
  if (!('error' in elsewhere)) return {reason: `${elsewhere.key}: ${session.notCollected(elsewhere.host)}`}
  return {reason: `invalid repository name: ${ref.error}`}
}

/** Opens registered sources for one another: plug-ins never import each other (a snapshot replays through github). */
export function sourcePeers(): SourcePeers {
  const peers: SourcePeers = {
    open(id, peerOptions) {
      const peer = sources.find((s) => s.id === id)
      if (!peer) throw new StewardsError('unknown-source', `unknown collection source '${id}'`)
      return peer.open(peerOptions, peers)
    },
  }
  return peers
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

/**
 * Commit authors and people named in governance files, fetched once per run and host (a login on an
 * Enterprise Server is another person than the same login on github.com), then shared out per project.
 */
async function collectProfiles(session: SourceSession, results: ProjectResult[], options: ResolvedOptions) {
  const perProject = new Map<CollectedProject, {host: string; logins: string[]}>()
  const byHost = new Map<string, Set<string>>()
  const extra = (options.extraLogins ?? []).map((l) => l.toLowerCase())
  for (const {project} of results) {
    if (project.status === 'unavailable') continue
    const logins = [
      ...project.commits.flatMap((c) => (c.login ? [c.login.toLowerCase()] : [])),
      ...namedLogins(project),
      ...extra,
    ]
    const valid = [...new Set(logins)].filter(isValidLogin)
    const host = hostOfKey(project.repo)
    perProject.set(project, {host, logins: valid})
    const set = byHost.get(host) ?? new Set<string>()
    for (const login of valid) set.add(login)
    byHost.set(host, set)
  }
  const count = [...byHost.values()].reduce((n, set) => n + set.size, 0)
  if (count === 0) return {incomplete: false, problems: []}
  options.onProgress?.({type: 'profiles', count})
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), options.projectTimeoutMs ?? DEFAULT_PROJECT_TIMEOUT_MS)
  try {
    const fetchedByHost = new Map<string, ProfileResult>()
    for (const host of [...byHost.keys()].sort()) {
      const logins = [...(byHost.get(host) ?? [])].sort()
      if (logins.length > 0) fetchedByHost.set(host, await session.fetchProfiles(logins, controller.signal, host))
    }
    const problems = [...fetchedByHost.values()].flatMap((f) => f.problems)
    const incomplete = [...fetchedByHost.values()].some((f) => f.incomplete)
    for (const [project, {host, logins}] of perProject) {
      const fetched = fetchedByHost.get(host)
      if (!fetched) continue
      const failed = new Set(fetched.failed)
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
    return {incomplete, problems: [...new Set(problems)]}
  } finally {
    clearTimeout(timer)
  }
}

/** People named by governance files, team members included (a parser bug surfaces here rather than being papered over). */
function namedLogins(project: CollectedProject): string[] {
  return governanceOf(project).roles.map((role) => role.login.toLowerCase())
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

/** Belt and braces: whatever a server echoed back, no token ever leaves in our output. */
function redact(run: CollectRun, tokens: Array<string | undefined>): CollectRun {
  const secrets = tokens.filter((t): t is string => t !== undefined && t.length >= 4)
  if (secrets.length === 0) return run
  const text = JSON.stringify(run)
  if (!secrets.some((t) => text.includes(t))) return run
  return JSON.parse(secrets.reduce((out, t) => out.split(t).join('***'), text)) as CollectRun
}
