import type {CacheStore} from '../../../core/cache/store.js'
import {DiskCache, defaultCacheDir} from '../../../core/cache/disk-cache.js'
import {compare} from '../../../core/compare.js'
import {DAY_MS} from '../../../core/dates.js'
import {StewardsError} from '../../../core/errors.js'
import type {
  AffiliationFileSet,
  CollectedProject,
  GovernanceFile,
  RepoFacts,
  RequestStats,
} from '../../../core/model.js'
import {parseRepo, type RepoRef, repoIdentity} from '../../../core/repo-name.js'
import {EXTERNAL_GOVERNANCE, externalPrefix} from '../../governance-files.js'
import {addMissing, unreadProject} from '../../missing.js'
import {createClient, graphqlUrl, type StewardsOctokit} from '../../octokit/client.js'
import {type CollectFailure, isOfflineMiss, toFailure} from '../../octokit/errors.js'
import type {StewardsHttpOptions} from '../../octokit/options.js'
import {WaitBudget} from '../../octokit/waits.js'
import type {OrgAccountResult, ProfileResult, ProjectResult, ResolvedOptions, SourceSession} from '../../types.js'
import {DEFAULT_MAX_COMMITS, lastCommitBefore, listWindowCommits, type WindowCommits} from './commits.js'
import {type FetchedFacts, factsFrom, factsFromGraphql, fetchFacts, GraphqlFacts} from './facts.js'
import {RepoResponse} from './schema.js'
import {keptAnswer} from '../../octokit/cache-plugin.js'
import {fetchGovernance, type GovernanceTarget} from './governance.js'
import {type GithubEndpoint, githubEndpoints, notCollectedReason} from './hosts.js'
import {GovernancePlaces, type PlacesPlan} from './places.js'
import {DEFAULT_PROFILE_MAX_AGE_MS, fetchProfiles, type ProfileFailure} from './profiles.js'
import {fetchOrgAccounts} from './org-accounts.js'
import {fetchGitdmFiles} from './gitdm.js'
import {CACHE_SHAPE} from './schema.js'

export {DEFAULT_API_URL} from './hosts.js'

/** How governance files and profiles are read: GraphQL batches (needs a token) or REST, one request each. */
type Strategy = 'graphql' | 'rest'

/** Defaults of the retry policy (README, "Collection"): what a nightly job can rely on. */
export const HTTP_DEFAULTS = {
  /**
   * plugin-retry waits (n + 1)² × retryBaseMs before retry n (1 s, 4 s, 9 s...); the same unit turns GitHub's
   * `retry-after` seconds into a wait. Ten retries: a request failing 4 times in 10 still succeeds.
   */
  retries: 10,
  retryBaseMs: 1_000,
  secondaryRetries: 10,
  acceptedRetries: 10,
  acceptedDelayMs: 2_000,
  /** The sum of every wait of a run (secondary limits, retries, 202s): 30 minutes. */
  maxWaitMs: 30 * 60_000,
  /** Waits shorter than this are not announced (a second: every secondary limit, the retries after the first). */
  announceAfterMs: 1_000,
  /** An answer taking longer than this is announced, then every 30 s. */
  slowNoticeMs: 10_000,
  /** One answer's body: GitHub's largest (a GraphQL batch of big files) stays far below. */
  maxResponseBytes: 64 * 1024 * 1024,
}

/** One GitHub host: its client, options and how its files and profiles are read. */
interface HostClient {
  client: StewardsOctokit
  http: StewardsHttpOptions
  graphqlUrl: string
  preferred: Strategy
  /** Offline: the strategy the cache answered last (a bundle holds one or the other), tried first. */
  cacheHolds?: Strategy
}

export function openGithubSession(options: ResolvedOptions): GithubSession {
  const {endpoints, refused} = githubEndpoints(options)
  const stats: RequestStats = {total: 0, byStatus: {}, cached: 0}
  const tuning = {...HTTP_DEFAULTS, ...options.http}
  const waits = new WaitBudget(tuning.maxWaitMs, tuning.announceAfterMs, (event) =>
    options.onProgress?.({type: 'wait', ...event}),
  )
  const cache: CacheStore =
    options.cache ??
    new DiskCache(options.cacheDir ?? defaultCacheDir(), {
      onUnusable: (message) => options.onProgress?.({type: 'notice', message}),
    })
  const state: StewardsHttpOptions['state'] = {}
  // Concurrent requests hit the same limit: one announcement per wait, not one per request.
  let announcedUntil = 0
  const onWait = (seconds: number) => {
    const now = Date.now()
    if (now < announcedUntil) return
    announcedUntil = now + seconds * 1_000
    const until = new Date(Math.ceil(announcedUntil / 1_000) * 1_000).toISOString().replace('.000Z', 'Z')
    // Without a token GitHub allows 60 requests an hour: the notice says how to get more.
    options.onProgress?.({type: 'rate-limit-wait', seconds, until, anonymous: endpoints.every((e) => !e.token)})
  }
  const hosts = new Map<string, HostClient>()
  for (const endpoint of endpoints) {
    const http: StewardsHttpOptions = {
      apiUrl: endpoint.apiUrl,
      host: endpoint.host,
      token: endpoint.token || undefined,
      ...(endpoint.token && endpoint.renewToken ? {renewToken: endpoint.renewToken} : {}),
      stats,
      cache,
      schema: CACHE_SHAPE,
      maxAgeMs: options.maxAge ?? DAY_MS,
      offline: options.offline ?? false,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxResponseBytes: tuning.maxResponseBytes,
      retries: tuning.retries,
      retryBaseMs: tuning.retryBaseMs,
      acceptedRetries: tuning.acceptedRetries,
      acceptedDelayMs: tuning.acceptedDelayMs,
      slowNoticeMs: tuning.slowNoticeMs,
      waits,
      state,
      now: tuning.clock ?? (() => Date.now()),
    }
    const client = createClient(http, {
      onRateLimit: options.onRateLimit ?? 'wait',
      secondaryRetries: tuning.secondaryRetries,
      onWait,
    })
    // GraphQL needs a token: anonymous runs read files and profiles through REST instead.
    hosts.set(endpoint.host, {
      client,
      http,
      graphqlUrl: graphqlUrl(endpoint.apiUrl),
      preferred: http.token ? 'graphql' : 'rest',
    })
  }
  return new GithubSession(hosts, refused, stats, options)
}

/** The hosts a session opened with these options answers for (without opening it). */
export function sessionHosts(options: ResolvedOptions): string[] {
  return githubEndpoints(options).endpoints.map((e: GithubEndpoint) => e.host)
}

export class GithubSession implements SourceSession {
  /** The organisation's and foundation's places of each host, read once per run (places.ts). */
  private readonly places = new Map<string, GovernancePlaces>()

  constructor(
    private readonly clients: Map<string, HostClient>,
    private readonly refused: Map<string, string>,
    private readonly requestStats: RequestStats,
    private readonly options: ResolvedOptions,
  ) {
    for (const [name, host] of clients)
      this.places.set(
        name,
        new GovernancePlaces(
          (targets, signal) => this.readGovernance(host, targets, signal),
          host.client,
          Boolean(host.http.token),
        ),
      )
  }

  stats(): RequestStats {
    return this.requestStats
  }

  hosts(): string[] {
    return [...this.clients.keys()]
  }

  notCollected(host: string): string {
    return notCollectedReason(host, this.refused)
  }

  async collectProject(ref: RepoRef, signal: AbortSignal): Promise<ProjectResult> {
    // Synchronously, before any await: projects claim shared places in the order they start.
    const places = this.places.get(ref.host)
    const plan = places?.plan(ref)
    try {
      return await this.collectPlanned(ref, plan, signal)
    } finally {
      if (plan) places?.release(plan)
    }
  }

  private async collectPlanned(
    ref: RepoRef,
    plan: PlacesPlan | undefined,
    signal: AbortSignal,
    ride = true,
    early: {kept: FetchedFacts; listed: WindowCommits} | null = null,
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
    const host = this.clients.get(ref.host)
    if (!host) {
      const reason = `${ref.key}: ${this.notCollected(ref.host)}`
      return {project: {...project, status: 'unavailable', reason}, incomplete: false, problems: []}
    }
    const {client} = host
    const listedFirst = ride && plan ? await this.listBeforeFacts(host, ref, signal) : null
    if (listedFirst && plan) {
      const ridden = listedFirst.ride ? await this.collectRiding(host, ref, plan, listedFirst, project, signal) : null
      // Not ridden (the files at the window end were kept already, a rename, another default branch, a failure): the
      // usual order, with the listing just made when the facts agree, and the records just made.
      return ridden ?? this.collectPlanned(ref, plan, signal, false, listedFirst)
    }
    let located: Awaited<ReturnType<typeof fetchFacts>>
    try {
      located = await fetchFacts(client, ref.owner, ref.name, signal)
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
    const same =
      early !== null &&
      early.kept.owner === located.owner &&
      early.kept.name === located.name &&
      early.kept.facts.defaultBranch === located.facts.defaultBranch
    try {
      const listed = same
        ? early.listed
        : await listWindowCommits(
            client,
            repo,
            located.facts.defaultBranch,
            window,
            signal,
            this.options.maxCommits ?? DEFAULT_MAX_COMMITS,
            host.http,
          )
      if (listed.empty) {
        project.status = 'empty'
        project.reason = 'the repository has no commits'
        return {project, incomplete: false, problems: []}
      }
      project.commits = listed.commits
      tip = listed.tip
      commitsRead = true
      if (listed.cut) {
        gaps.push(`${ref.key} commits: ${listed.cut}`)
        addMissing(project, 'commits')
      }
    } catch (error) {
      gaps.push(this.fail(error, `${ref.key} commits`).message)
      addMissing(project, 'commits')
    }
    try {
      // Without the listing C is still the window end, not today's head: files from another time are not these.
      const branch = located.facts.defaultBranch
      const at =
        tip ?? (commitsRead ? null : await lastCommitBefore(client, repo, branch, window.until, signal)) ?? branch
      const targets = await this.governanceTargets(host, ref, repo, at, signal)
      const places = this.places.get(ref.host)
      if (!places || !plan) throw new Error(`no governance places for ${ref.host}`)
      const read = await places.collect(plan, targets, signal)
      project.governance = read.files.sort((a, b) => compare(a.path, b.path))
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

  /**
   * A refresh with a token (the facts kept are past max-age): the commits first, on the default branch the facts
   * kept name. When the branch got commits, the facts changed too (`pushed_at`): they are then read in the
   * governance query at the new window end instead of a request of their own, so a project with new commits costs 2
   * requests (the commits since the newest known, the query), not 3: `ride`. Without new commits the listing is
   * still handed on, so the usual order (facts, commits, governance) does not read it again. Null: no listing.
   */
  private async listBeforeFacts(
    host: HostClient,
    ref: RepoRef,
    signal: AbortSignal,
  ): Promise<{kept: FetchedFacts; listed: WindowCommits; ride: boolean} | null> {
    if (host.http.offline || host.preferred !== 'graphql') return null
    const answer = await keptAnswer(host.http, `/repos/${ref.owner}/${ref.name}`, RepoResponse)
    if (!answer || answer.fresh) return null
    let kept: FetchedFacts
    try {
      kept = factsFrom(answer.value, ref.owner, ref.name)
    } catch {
      return null
    }
    if (kept.facts.renamedFrom) return null
    try {
      const listed = await listWindowCommits(
        host.client,
        {owner: kept.owner, name: kept.name},
        kept.facts.defaultBranch,
        this.options.window,
        signal,
        this.options.maxCommits ?? DEFAULT_MAX_COMMITS,
        host.http,
      )
      return {kept, listed, ride: listed.moved && !listed.empty && !listed.cut}
    } catch {
      return null
    }
  }

  /** The rest of a refresh whose listing came first: governance with the facts riding; null when they did not. */
  private async collectRiding(
    host: HostClient,
    ref: RepoRef,
    plan: PlacesPlan,
    early: {kept: FetchedFacts; listed: WindowCommits},
    project: CollectedProject,
    signal: AbortSignal,
  ): Promise<ProjectResult | null> {
    const {kept, listed} = early
    const repo = {owner: kept.owner, name: kept.name}
    let ridden: RepoFacts | null = null
    let read: Awaited<ReturnType<GovernancePlaces['collect']>>
    try {
      const targets = await this.governanceTargets(host, ref, repo, listed.tip ?? kept.facts.defaultBranch, signal)
      targets[0].facts = (repository) => {
        const parsed = GraphqlFacts.safeParse(repository)
        ridden = parsed.success ? factsFromGraphql(parsed.data) : null
      }
      read = await this.places.get(ref.host)!.collect(plan, targets, signal)
    } catch {
      return null
    }
    const facts = ridden as RepoFacts | null
    if (
      !facts ||
      facts.fullName.toLowerCase() !== kept.facts.fullName.toLowerCase() ||
      facts.defaultBranch !== kept.facts.defaultBranch
    )
      return null
    project.facts = facts
    project.commits = listed.commits
    project.governance = read.files.sort((a, b) => compare(a.path, b.path))
    project.searched = read.searched
    if (read.teams) project.teams = read.teams
    return {project, incomplete: false, problems: []}
  }

  async fetchProfiles(logins: string[], signal: AbortSignal, hostName = 'github.com'): Promise<ProfileResult> {
    const host = this.clients.get(hostName)
    // Projects on a host not collected are unavailable: nobody of theirs is asked for.
    if (!host) return {profiles: new Map(), incomplete: false, problems: [], failed: []}
    const mode = this.mode(host, host.preferred)
    const {profiles, failed} = await fetchProfiles(
      host.client,
      host.http,
      logins,
      mode,
      signal,
      this.options.profileMaxAge ?? DEFAULT_PROFILE_MAX_AGE_MS,
    )
    const problems = failed.map((f: ProfileFailure) => this.fail(f.error, 'profiles').message)
    return {
      profiles,
      incomplete: failed.length > 0,
      problems: [...new Set(problems)],
      failed: [...new Set(failed.flatMap((f) => f.logins))].sort(),
    }
  }

  async fetchOrgAccounts(handles: string[], signal: AbortSignal, hostName = 'github.com'): Promise<OrgAccountResult> {
    const host = this.clients.get(hostName)
    if (!host) return {accounts: new Map(), problems: [], failed: []}
    const {accounts, failed} = await fetchOrgAccounts(host.client, handles, signal)
    return {
      accounts,
      problems: [...new Set(failed.map((f) => this.fail(f.error, 'organisation accounts').message))],
      failed: failed.flatMap((f) => f.logins).sort(),
    }
  }

  /** The gitdm files live on github.com (cncf/gitdm), or on the stand-in given for it. */
  fetchAffiliationFiles(signal: AbortSignal): Promise<AffiliationFileSet> {
    const host = this.clients.get('github.com')
    if (!host)
      throw new StewardsError(
        'affiliations-host',
        `github.com is not collected in this run: ${this.notCollected('github.com')}`,
      )
    return fetchGitdmFiles(host.client, signal)
  }

  /**
   * Online: the strategy the token allows. Offline (and snapshots): both, the one the cache answered last
   * first, so a bundle recorded with a token replays without one and the other way round, and a miss
   * of one strategy never becomes a request.
   */
  private strategies(host: HostClient): Strategy[] {
    if (!host.http.offline) return [host.preferred]
    const first = host.cacheHolds ?? host.preferred
    return [first, first === 'graphql' ? 'rest' : 'graphql']
  }

  private mode(host: HostClient, strategy: Strategy): {graphqlUrl: string | null} {
    return {graphqlUrl: strategy === 'graphql' ? host.graphqlUrl : null}
  }

  private async readGovernance(
    host: HostClient,
    targets: GovernanceTarget[],
    signal: AbortSignal,
  ): Promise<GovernanceFile[]> {
    let firstMiss: unknown
    for (const strategy of this.strategies(host)) {
      try {
        const files = await fetchGovernance(host.client, targets, this.mode(host, strategy), signal, host.http)
        if (host.http.offline) host.cacheHolds = strategy
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
    host: HostClient,
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
        const externalAt = await lastCommitBefore(host.client, external, null, this.options.window.until, signal)
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
    if (failure.kind === 'unauthorized' || failure.kind === 'insecure-transport') {
      // One state for every host of the run: nothing more is asked anywhere.
      for (const host of this.clients.values()) host.http.state.stopped ??= `stopped: ${failure.message}`
      throw failure
    }
    return failure
  }
}
