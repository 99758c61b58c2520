import type {CollectedProject, GovernanceFile, Profile, RequestStats} from '../../../core/model.js'
import {DiskCache, defaultCacheDir} from '../../../core/cache/disk-cache.js'
import {EXTERNAL_GOVERNANCE, externalPrefix} from '../../governance-files.js'
import {addMissing, unreadProject} from '../../missing.js'
import {createClient, graphqlUrl, type StewardsOctokit} from '../../octokit/client.js'
import {type CollectFailure, isOfflineMiss, toFailure} from '../../octokit/errors.js'
import type {StewardsHttpOptions} from '../../octokit/options.js'
import {parseRepo, type RepoRef, repoIdentity} from '../../../core/repo-name.js'
import type {ProfileResult, ProjectResult, ResolvedOptions, SourceSession} from '../../types.js'
import {lastCommitBefore, listWindowCommits} from './commits.js'
import {fetchFacts} from './facts.js'
import {fetchGovernance, type GovernanceTarget} from './governance.js'
import {GovernancePlaces} from './places.js'
import {fetchProfiles, type ProfileFailure} from './profiles.js'
import {DAY_MS} from '../../../core/dates.js'

export const DEFAULT_API_URL = 'https://api.github.com'

/** How governance files and profiles are read: GraphQL batches (needs a token) or REST, one request each. */
type Strategy = 'graphql' | 'rest'

export function openGithubSession(options: ResolvedOptions): GithubSession {
  const apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, '')
  const stats: RequestStats = {total: 0, byStatus: {}, cached: 0}
  const http: StewardsHttpOptions = {
    apiUrl,
    token: options.token || undefined,
    stats,
    cache: new DiskCache(options.cacheDir ?? defaultCacheDir()),
    maxAgeMs: options.maxAge ?? DAY_MS,
    offline: options.offline ?? false,
    timeoutMs: options.timeoutMs ?? 30_000,
    acceptedRetries: options.http?.acceptedRetries ?? 5,
    acceptedDelayMs: options.http?.acceptedDelayMs ?? 2_000,
    state: {},
    now: () => Date.now(),
  }
  // Concurrent requests hit the same limit: one announcement per wait, not one per request.
  let announcedUntil = 0
  const client = createClient(http, {
    onRateLimit: options.onRateLimit ?? 'wait',
    retries: options.http?.retries ?? 3,
    retryBaseMs: options.http?.retryBaseMs ?? 1_000,
    secondaryRetries: options.http?.secondaryRetries ?? 3,
    onWait: (seconds) => {
      const now = Date.now()
      if (now < announcedUntil) return
      announcedUntil = now + seconds * 1_000
      const until = new Date(Math.ceil(announcedUntil / 1_000) * 1_000).toISOString().replace('.000Z', 'Z')
      options.onProgress?.({type: 'rate-limit-wait', seconds, until})
    },
  })
  // GraphQL needs a token: anonymous runs read files and profiles through REST instead.
  return new GithubSession(client, http, options, graphqlUrl(apiUrl), http.token ? 'graphql' : 'rest')
}

export class GithubSession implements SourceSession {
  /** Offline: the strategy the cache answered last (a bundle holds one or the other), tried first. */
  private cacheHolds: Strategy | undefined
  /** The organisation's and foundation's places, read once per run (places.ts). */
  private readonly places: GovernancePlaces

  constructor(
    private readonly client: StewardsOctokit,
    private readonly http: StewardsHttpOptions,
    private readonly options: ResolvedOptions,
    private readonly graphqlUrl: string,
    private readonly preferred: Strategy,
  ) {
    this.places = new GovernancePlaces(
      (targets, signal) => this.readGovernance(targets, signal),
      client,
      Boolean(http.token),
    )
  }

  stats(): RequestStats {
    return this.http.stats
  }

  async collectProject(ref: RepoRef, signal: AbortSignal): Promise<ProjectResult> {
    // Synchronously, before any await: projects claim shared places in the order they start.
    const plan = this.places.plan(ref)
    try {
      return await this.collectPlanned(ref, plan, signal)
    } finally {
      this.places.release(plan)
    }
  }

  private async collectPlanned(
    ref: RepoRef,
    plan: ReturnType<GovernancePlaces['plan']>,
    signal: AbortSignal,
  ): Promise<ProjectResult> {
    const {window} = this.options
    const project: CollectedProject = {
      repo: ref.key,
      source: 'github',
      status: 'ok',
      window,
      commits: [],
      governance: [],
      profiles: {},
    }
    let located: Awaited<ReturnType<typeof fetchFacts>>
    try {
      located = await fetchFacts(this.client, ref.owner, ref.name, signal)
    } catch (error) {
      const failure = this.fail(error, ref.key)
      const problems = failure.incomplete ? [failure.message] : []
      if (failure.aboutProject)
        return {
          project: {...project, status: 'unavailable', reason: failure.message},
          incomplete: failure.incomplete,
          problems,
        }
      return {project: unreadProject(ref.key, 'github', window, failure.message), incomplete: true, problems}
    }
    project.facts = located.facts
    const repo = {owner: located.owner, name: located.name}
    const gaps: string[] = []
    let tip: string | null = null
    let commitsRead = false
    try {
      const listed = await listWindowCommits(this.client, repo, located.facts.defaultBranch, window, signal)
      if (listed.empty) {
        project.status = 'empty'
        project.reason = 'the repository has no commits'
        return {project, incomplete: false, problems: []}
      }
      project.commits = listed.commits
      tip = listed.tip
      commitsRead = true
    } catch (error) {
      gaps.push(this.fail(error, `${ref.key} commits`).message)
      addMissing(project, 'commits')
    }
    try {
      // Without the listing C is still the window end, not today's head: files from another time are not these.
      const branch = located.facts.defaultBranch
      const at =
        tip ?? (commitsRead ? null : await lastCommitBefore(this.client, repo, branch, window.until, signal)) ?? branch
      const targets = await this.governanceTargets(ref, repo, at, signal)
      const read = await this.places.collect(plan, targets, signal)
      project.governance = read.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      project.searched = read.searched
      if (read.teams) project.teams = read.teams
    } catch (error) {
      gaps.push(this.fail(error, `${ref.key} governance files`).message)
      addMissing(project, 'governance')
    }
    if (gaps.length > 0) {
      project.status = 'partial'
      project.reason = gaps.join('; ')
    }
    return {project, incomplete: gaps.length > 0, problems: gaps}
  }

  async fetchProfiles(logins: string[], signal: AbortSignal): Promise<ProfileResult> {
    const [first, second] = this.strategies()
    const profiles = new Map<string, Profile>()
    let result = await fetchProfiles(this.client, logins, this.mode(first), signal)
    for (const [login, profile] of result.profiles) profiles.set(login, profile)
    let failed: ProfileFailure[] = result.failed
    const retry = failed.filter((f) => isOfflineMiss(f.error)).flatMap((f) => f.logins)
    if (second && retry.length > 0) {
      result = await fetchProfiles(this.client, retry, this.mode(second), signal)
      for (const [login, profile] of result.profiles) profiles.set(login, profile)
      failed = [...failed.filter((f) => !isOfflineMiss(f.error)), ...result.failed]
    }
    const problems = failed.map((f) => this.fail(f.error, 'profiles').message)
    return {
      profiles,
      incomplete: failed.length > 0,
      problems: [...new Set(problems)],
      failed: [...new Set(failed.flatMap((f) => f.logins))].sort(),
    }
  }

  /**
   * Online: the strategy the token allows. Offline (and snapshots): both, the one the cache answered last
   * first, so a bundle recorded with a token replays without one and the other way round, and a miss
   * of one strategy never becomes a request.
   */
  private strategies(): Strategy[] {
    if (!this.http.offline) return [this.preferred]
    const first = this.cacheHolds ?? this.preferred
    return [first, first === 'graphql' ? 'rest' : 'graphql']
  }

  private mode(strategy: Strategy): {graphqlUrl: string | null} {
    return {graphqlUrl: strategy === 'graphql' ? this.graphqlUrl : null}
  }

  private async readGovernance(targets: GovernanceTarget[], signal: AbortSignal): Promise<GovernanceFile[]> {
    let firstMiss: unknown
    for (const strategy of this.strategies()) {
      try {
        const files = await fetchGovernance(this.client, targets, this.mode(strategy), signal)
        if (this.http.offline) this.cacheHolds = strategy
        return files
      } catch (error) {
        if (!isOfflineMiss(error)) throw error
        firstMiss ??= error
      }
    }
    throw firstMiss
  }

  /** The repository's own tree at C, plus maintainer files kept in another repository of the project. */
  private async governanceTargets(
    ref: RepoRef,
    repo: {owner: string; name: string},
    at: string,
    signal: AbortSignal,
  ): Promise<GovernanceTarget[]> {
    const targets: GovernanceTarget[] = [{...repo, at, prefix: ''}]
    for (const key of EXTERNAL_GOVERNANCE[repoIdentity(ref)] ?? []) {
      const external = parseRepo(key)
      if ('error' in external) continue
      try {
        const externalAt = await lastCommitBefore(this.client, external, null, this.options.window.until, signal)
        if (externalAt)
          targets.push({
            owner: external.owner,
            name: external.name,
            at: externalAt,
            prefix: externalPrefix(external.owner, external.name),
            origin: {place: 'project', repo: external.key},
          })
      } catch (error) {
        if ((error as {status?: number}).status !== 404) throw error
      }
    }
    return targets
  }

  /** A 401 stops the whole run at once (every later request would fail the same way). */
  private fail(error: unknown, what: string): CollectFailure {
    const failure = toFailure(error, what)
    if (failure.kind === 'unauthorized') {
      this.http.state.stopped = 'stopped after GitHub answered 401'
      throw failure
    }
    return failure
  }
}
