import type {CommitRecord, Window} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {sortCommits} from '../../window.js'
import {inWindow} from '../../../core/window.js'
import {getPage} from './http.js'
import {CommitList, type CommitResponse} from './schema.js'

/**
 * Commits listed per project at most (`--max-commits`): 500 pages of 100, beyond any project's year in the
 * shared corpus (it tops out at 2,341 commits) and a bound on memory and requests for the largest ones.
 */
export const DEFAULT_MAX_COMMITS = 50_000

export interface WindowCommits {
  commits: CommitRecord[]
  /** The window-end commit C whose tree the governance files are read at; null when the branch is empty. */
  tip: string | null
  /** The repository has no commits at all (GitHub 409). */
  empty: boolean
  /** Set when the listing stopped at the cap: what was read and what was not. */
  cut?: string
}

interface Repo {
  owner: string
  name: string
}

/**
 * Non-merge commits reachable from C, the last first-parent commit of the default branch before the
 * window end, whose author date is in the window. GitHub filters `since` on committer dates from the
 * branch head, so the list (from the window start to now, one listing) is filtered again: C is found by
 * walking the head's first parents past the window end, then only C's ancestors are kept (a branch
 * authored in the window but merged after it is in the list, not in C's history), by author date.
 * When the window ends today, nothing lies after it and this costs no more than a bounded listing.
 */
export async function listWindowCommits(
  client: StewardsOctokit,
  repo: Repo,
  branch: string,
  window: Window,
  signal: AbortSignal,
  maxCommits: number = DEFAULT_MAX_COMMITS,
): Promise<WindowCommits> {
  let listed: CommitResponse[]
  let more: boolean
  try {
    ;({commits: listed, more} = await listAll(client, repo, {sha: branch, since: window.since}, maxCommits, signal))
  } catch (error) {
    if ((error as {status?: number}).status === 409) return {commits: [], tip: null, empty: true}
    throw error
  }
  const byId = new Map(listed.map((c) => [c.sha, c]))
  const tip =
    listed.length === 0
      ? await lastCommitBefore(client, repo, branch, window.until, signal)
      : windowEnd(byId, window.until)
  const reachable = reachableFrom(tip, byId)
  const commits = listed
    .filter((c) => reachable.has(c.sha) && c.parents.length <= 1 && inWindow(c.commit.author.date, window))
    .map(toRecord)
  const result: WindowCommits = {commits: sortCommits(commits), tip, empty: false}
  if (more) {
    const oldest = listed.at(-1)?.commit.committer.date ?? window.since
    result.cut = `more than ${maxCommits.toLocaleString('en-US')} commits listed since ${window.since.slice(0, 10)} (the --max-commits cap): the newest ${maxCommits.toLocaleString('en-US')} were read, those committed before ${oldest} were not`
  }
  return result
}

/** From the branch head (the newest tip of the listing) along first parents to the first commit before `until`. */
function windowEnd(byId: Map<string, CommitResponse>, until: string): string | null {
  const parents = new Set([...byId.values()].flatMap((c) => c.parents.map((p) => p.sha)))
  const tips = [...byId.values()].filter((c) => !parents.has(c.sha))
  let current: string | undefined = newestOf(tips)
  const end = Date.parse(until)
  while (current) {
    const commit = byId.get(current)
    // Left the listing: C is older than the window start (nothing of it is in the window).
    if (!commit || Date.parse(commit.commit.committer.date) < end) return current
    current = commit.parents[0]?.sha
  }
  return null
}

function newestOf(commits: CommitResponse[]): string | undefined {
  let best: CommitResponse | undefined
  for (const c of commits)
    if (!best || Date.parse(c.commit.committer.date) > Date.parse(best.commit.committer.date)) best = c
  return best?.sha
}

/** Newest first, at most `max` commits; `more` when the listing went on past them. */
async function listAll(
  client: StewardsOctokit,
  repo: Repo,
  query: Record<string, string>,
  max: number,
  signal: AbortSignal,
): Promise<{commits: CommitResponse[]; more: boolean}> {
  const out: CommitResponse[] = []
  let page = await getPage(
    client,
    'GET /repos/{owner}/{repo}/commits',
    {owner: repo.owner, repo: repo.name, ...query, per_page: Math.min(100, max)},
    CommitList,
    signal,
  )
  for (;;) {
    // A loop, not push(...page): a spread of a large array overflows the call stack.
    for (const commit of page.data) {
      if (out.length >= max) return {commits: out, more: true}
      out.push(commit)
    }
    if (!page.next) return {commits: out, more: false}
    if (out.length >= max) return {commits: out, more: true}
    page = await getPage(client, page.next, {}, CommitList, signal)
  }
}

function reachableFrom(tip: string | null, byId: Map<string, CommitResponse>): Set<string> {
  const seen = new Set<string>()
  const stack = tip ? [tip] : []
  while (stack.length > 0) {
    const sha = stack.pop()!
    const commit = byId.get(sha)
    if (!commit || seen.has(sha)) continue
    seen.add(sha)
    for (const parent of commit.parents) stack.push(parent.sha)
  }
  return seen
}

/** No commit in the window: C is simply the newest commit before its end (for the governance files). */
export async function lastCommitBefore(
  client: StewardsOctokit,
  repo: Repo,
  branch: string | null,
  until: string,
  signal: AbortSignal,
): Promise<string | null> {
  // Without `sha` GitHub lists the default branch.
  const ref = branch ? {sha: branch} : {}
  const {data} = await getPage(
    client,
    'GET /repos/{owner}/{repo}/commits',
    {owner: repo.owner, repo: repo.name, ...ref, until, per_page: 1},
    CommitList,
    signal,
  )
  return data[0]?.sha ?? null
}

function toRecord(c: CommitResponse): CommitRecord {
  const record: CommitRecord = {
    sha: c.sha,
    author: {...c.commit.author},
    committer: {...c.commit.committer},
    login: c.author?.login ?? null,
  }
  if (c.commit.verification) record.verified = c.commit.verification.verified
  return record
}
