import type {CollectedProject, RequestStats} from '../../../core/model.js'
import {DiskCache, defaultCacheDir} from '../../cache/disk-cache.js'
import {EXTERNAL_GOVERNANCE, externalPrefix} from '../../governance-files.js'
import {createClient, graphqlUrl, type StewardsOctokit} from '../../octokit/client.js'
import {type CollectFailure, toFailure} from '../../octokit/errors.js'
import type {StewardsHttpOptions} from '../../octokit/options.js'
import {parseRepo, type RepoRef, repoIdentity} from '../../repo-name.js'
import type {ProfileResult, ProjectResult, ResolvedOptions, SourceSession} from '../../types.js'
import {lastCommitBefore, listWindowCommits} from './commits.js'
import {fetchFacts} from './facts.js'
import {fetchGovernance, type GovernanceTarget} from './governance.js'
import {fetchProfiles} from './profiles.js'

export const DEFAULT_API_URL = 'https://api.github.com'
const DAY_MS = 86_400_000

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
  const client = createClient(http, {
    onRateLimit: options.onRateLimit ?? 'wait',
    retries: options.http?.retries ?? 3,
    retryBaseMs: options.http?.retryBaseMs ?? 1_000,
    secondaryRetries: options.http?.secondaryRetries ?? 3,
    onWait: (seconds) => options.onProgress?.({type: 'rate-limit-wait', seconds}),
  })
  // GraphQL needs a token: anonymous runs read files and profiles through REST instead.
  return new GithubSession(client, http, options, http.token ? graphqlUrl(apiUrl) : null)
}

export class GithubSession implements SourceSession {
  constructor(
    private readonly client: StewardsOctokit,
    private readonly http: StewardsHttpOptions,
    private readonly options: ResolvedOptions,
    private readonly graphqlUrl: string | null,
  ) {}

  stats(): RequestStats {
    return this.http.stats
  }

  async collectProject(ref: RepoRef, signal: AbortSignal): Promise<ProjectResult> {
    const {window} = this.options
    const project: CollectedProject = {repo: ref.key, source: 'github', status: 'ok', window, commits: [], governance: [], profiles: {}}
    let located: Awaited<ReturnType<typeof fetchFacts>>
    try {
      located = await fetchFacts(this.client, ref.owner, ref.name, signal)
    } catch (error) {
      const failure = this.fail(error, ref.key)
      project.status = 'unavailable'
      project.reason = failure.message
      return {project, incomplete: failure.incomplete, problems: failure.incomplete ? [failure.message] : []}
    }
    project.facts = located.facts
    const repo = {owner: located.owner, name: located.name}
    const gaps: string[] = []
    let tip: string | null = null
    try {
      const listed = await listWindowCommits(this.client, repo, located.facts.defaultBranch, window, signal)
      if (listed.empty) {
        project.status = 'empty'
        project.reason = 'the repository has no commits'
        return {project, incomplete: false, problems: []}
      }
      project.commits = listed.commits
      tip = listed.tip
    } catch (error) {
      gaps.push(this.fail(error, `${ref.key} commits`).message)
    }
    try {
      const targets = await this.governanceTargets(ref, repo, tip ?? located.facts.defaultBranch, signal)
      project.governance = await fetchGovernance(this.client, targets, {graphqlUrl: this.graphqlUrl}, signal)
    } catch (error) {
      gaps.push(this.fail(error, `${ref.key} governance files`).message)
    }
    if (gaps.length > 0) {
      project.status = 'partial'
      project.reason = gaps.join('; ')
    }
    return {project, incomplete: gaps.length > 0, problems: gaps}
  }

  async fetchProfiles(logins: string[], signal: AbortSignal): Promise<ProfileResult> {
    const {profiles, errors} = await fetchProfiles(this.client, logins, {graphqlUrl: this.graphqlUrl}, signal)
    const problems = errors.map((error) => this.fail(error, 'profiles').message)
    return {profiles, incomplete: problems.length > 0, problems: [...new Set(problems)]}
  }

  /** The repository's own tree at C, plus maintainer files kept in another repository of the project. */
  private async governanceTargets(ref: RepoRef, repo: {owner: string; name: string}, at: string, signal: AbortSignal): Promise<GovernanceTarget[]> {
    const targets: GovernanceTarget[] = [{...repo, at, prefix: ''}]
    for (const key of EXTERNAL_GOVERNANCE[repoIdentity(ref)] ?? []) {
      const external = parseRepo(key)
      if ('error' in external) continue
      try {
        const externalAt = await lastCommitBefore(this.client, external, null, this.options.window.until, signal)
        if (externalAt) targets.push({owner: external.owner, name: external.name, at: externalAt, prefix: externalPrefix(external.owner, external.name)})
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
