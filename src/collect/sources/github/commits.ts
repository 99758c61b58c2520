import {z} from 'zod'
import type {CommitRecord, Window} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {readRecord, writeRecord} from '../../octokit/cache-plugin.js'
import type {StewardsHttpOptions} from '../../octokit/options.js'
import {sortCommits} from '../../window.js'
import {inWindow} from '../../../core/window.js'
import {getPage} from './http.js'
import {CommitList, type CommitResponse} from './schema.js'
import {thousands} from '../../../core/figures.js'

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
  /** The branch got commits since the listing kept (or none was kept): the repository's facts changed too. */
  moved: boolean
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
 * With a cache (`http`), the listing is refreshed incrementally (`listBranch`).
 */
export async function listWindowCommits(
  client: StewardsOctokit,
  repo: Repo,
  branch: string,
  window: Window,
  signal: AbortSignal,
  maxCommits: number = DEFAULT_MAX_COMMITS,
  http?: StewardsHttpOptions,
): Promise<WindowCommits> {
  let listing: Listing
  try {
    listing = await listBranch(client, http, repo, branch, window.since, maxCommits, signal)
  } catch (error) {
    if ((error as {status?: number}).status === 409) return {commits: [], tip: null, empty: true, moved: false}
    throw error
  }
  const {commits: listed, more} = listing
  const byId = new Map(listed.map((c) => [c.sha, c]))
  let tip: string | null
  if (listed.length > 0) tip = windowEnd(byId, window.until)
  else if (listing.head) tip = listing.head.sha
  else {
    // Nothing since the window start: the newest commit before its end is the branch head, kept for the refresh.
    const last = await newestBefore(client, repo, branch, window.until, signal)
    tip = last?.sha ?? null
    if (last) await listing.remember?.({sha: last.sha, date: last.commit.committer.date})
  }
  const reachable = reachableFrom(tip, byId)
  const commits = listed
    .filter((c) => reachable.has(c.sha) && c.parents.length <= 1 && inWindow(c.commit.author.date, window))
    .map(toRecord)
  const result: WindowCommits = {commits: sortCommits(commits), tip, empty: false, moved: listing.moved}
  if (more) {
    const oldest = listed.at(-1)?.commit.committer.date ?? window.since
    result.cut = `more than ${thousands(maxCommits)} commits listed since ${window.since.slice(0, 10)} (the --max-commits cap): the newest ${thousands(maxCommits)} were read, those committed before ${oldest} were not`
  }
  return result
}

/** The record of a branch's listing (`LISTING <host>/<owner>/<name>@<branch>`). */
const LISTING = 'LISTING'
const Head = z.object({sha: z.string(), date: z.string()})
const ListingRecord = z.object({
  /** The window start the listing was asked from (committer dates). */
  since: z.string(),
  /** What was listed since then, newest first. */
  commits: CommitList,
  /** The branch head when the listing was made, also when it is older than `since` (a dormant project). */
  head: Head.optional(),
  /**
   * The commit a refresh asks from (`since` its date): kept while the page since it stays small, so the same question
   * is asked day after day and answers 304 until something is pushed, not a new question the day after a push.
   */
  anchor: Head.optional(),
  /** The listing stopped at --max-commits. */
  more: z.boolean().optional(),
  /** The repository had no commits (GitHub 409). */
  empty: z.boolean().optional(),
})

interface Listing {
  commits: CommitResponse[]
  more: boolean
  /** Commits came since the listing kept, or none was kept. */
  moved: boolean
  /** The branch head, when the listing knows it and it is older than the window (a dormant branch). */
  head?: z.infer<typeof Head>
  /** Keeps the head of a dormant branch in the record (found by the caller). */
  remember?: (head: z.infer<typeof Head>) => Promise<void>
}

/**
 * Incremental refresh (#18). The listing of a branch since the window start is kept as one record (its pages are not
 * cached besides online: the commits are kept once). Fresh (within max-age) or offline, the record answers. Past
 * max-age, only the commits committed since the branch head known are asked for: one page, cached with its ETag,
 * so an unchanged project's refresh is a 304 (no rate limit on GitHub) and a lightly active one's one 200. The
 * answer is merged with the listing kept, by sha; commits before a later window start are dropped (the window
 * moved forward: nothing to ask). A whole listing, as a cold run makes, when there is no record, the window starts
 * earlier than the record's, the record was cut at --max-commits, the head known is no longer in the branch (a
 * rewritten history), or a new commit has a parent in neither listing (a merge of commits committed before the
 * head known).
 */
async function listBranch(
  client: StewardsOctokit,
  http: StewardsHttpOptions | undefined,
  repo: Repo,
  branch: string,
  since: string,
  maxCommits: number,
  signal: AbortSignal,
): Promise<Listing> {
  if (!http?.cache) return {...(await listAll(client, repo, {sha: branch, since}, maxCommits, signal)), moved: true}
  const id = `${repo.owner}/${repo.name}@${branch}`.toLowerCase()
  const record = await readRecord(http, LISTING, id, ListingRecord)
  const kept = record?.value
  const start = Date.parse(since)
  if (kept && Date.parse(kept.since) <= start && !(kept.more && kept.since !== since)) {
    const old = kept.commits.filter((c) => Date.parse(c.commit.committer.date) >= start)
    if (record.fresh || http.offline) {
      http.stats.cached++
      if (kept.empty) throw Object.assign(new Error('the repository has no commits'), {status: 409})
      return {commits: old, more: kept.more === true, moved: false, ...dormant(kept.head, old)}
    }
    if (!kept.more && !kept.empty) {
      const refreshed = await refresh(client, http, repo, branch, since, kept, old, maxCommits, signal)
      if (refreshed) return refreshed
    }
  }
  // Pages are cached only offline (a cache of an older stewards, a bundle): online the record keeps them.
  let listed: Listing
  try {
    const whole = await listAll(client, repo, {sha: branch, since}, maxCommits, signal, http.offline)
    listed = {...whole, moved: headMoved(kept, whole.commits)}
  } catch (error) {
    if ((error as {status?: number}).status === 409)
      await writeRecord(http, LISTING, id, {since, commits: [], empty: true})
    throw error
  }
  const write = (head: z.infer<typeof Head> | undefined) =>
    writeRecord(http, LISTING, id, {
      since,
      commits: listed.commits,
      ...(head ? {head} : {}),
      ...(listed.more ? {more: true} : {}),
    })
  await write(headOf(listed.commits))
  return listed.commits.length > 0 ? listed : {...listed, remember: write}
}

/**
 * Whether a whole listing found commits the record kept did not end with: its newest commit is not the head kept.
 * Without a record, or without a head on either side (nothing in the window), it may have.
 */
function headMoved(kept: z.infer<typeof ListingRecord> | null | undefined, commits: CommitResponse[]): boolean {
  const before = kept && !kept.empty ? (kept.head ?? headOf(kept.commits)) : undefined
  const now = headOf(commits)
  return before === undefined || now === undefined || now.sha !== before.sha
}

/** The head to report for a listing with nothing in the window (the window end), else nothing. */
function dormant(head: z.infer<typeof Head> | undefined, inWindow: CommitResponse[]): {head?: z.infer<typeof Head>} {
  return head && inWindow.length === 0 ? {head} : {}
}

/** The commits since the head known, merged with the listing kept; null when only a whole listing will do. */
async function refresh(
  client: StewardsOctokit,
  http: StewardsHttpOptions,
  repo: Repo,
  branch: string,
  since: string,
  kept: z.infer<typeof ListingRecord>,
  old: CommitResponse[],
  maxCommits: number,
  signal: AbortSignal,
): Promise<Listing | null> {
  const previous = kept.head ?? headOf(kept.commits)
  const known = kept.anchor ?? previous
  if (!known || !previous) return null
  const fresh = await listAll(client, repo, {sha: branch, since: known.date}, maxCommits, signal)
  // `since` is inclusive: the commit asked from is listed again unless the branch no longer holds it.
  if (fresh.more || !fresh.commits.some((c) => c.sha === known.sha)) return null
  const byId = new Map<string, CommitResponse>()
  for (const c of [...fresh.commits, ...old]) if (!byId.has(c.sha)) byId.set(c.sha, c)
  const oldIds = new Set(kept.commits.map((c) => c.sha))
  oldIds.add(known.sha)
  oldIds.add(previous.sha)
  const gap = fresh.commits.some(
    (c) => !oldIds.has(c.sha) && c.parents.some((p) => !byId.has(p.sha) && !oldIds.has(p.sha)),
  )
  if (gap) return null
  const merged = [...byId.values()]
    .filter((c) => Date.parse(c.commit.committer.date) >= Date.parse(since))
    .sort((a, b) => Date.parse(b.commit.committer.date) - Date.parse(a.commit.committer.date))
  if (merged.length > maxCommits) return null
  const head = headOf(fresh.commits) ?? known
  // A page over half full: ask from the head next time (the page since the anchor would soon need a second one).
  const anchor = fresh.commits.length > ANCHOR_PAGE / 2 ? head : known
  const id = `${repo.owner}/${repo.name}@${branch}`.toLowerCase()
  await writeRecord(http, LISTING, id, {since, commits: merged, head, anchor})
  return {commits: merged, more: false, moved: headMoved(kept, fresh.commits), ...dormant(head, merged)}
}

/** Commits a refresh page holds (GitHub's largest page). */
const ANCHOR_PAGE = 100

/** The newest commit of a listing (newest first: GitHub's order), as the head it was listed from. */
function headOf(commits: CommitResponse[]): z.infer<typeof Head> | undefined {
  const first = commits[0]
  return first ? {sha: first.sha, date: first.commit.committer.date} : undefined
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
  cache = true,
): Promise<{commits: CommitResponse[]; more: boolean}> {
  const out: CommitResponse[] = []
  let page = await getPage(
    client,
    'GET /repos/{owner}/{repo}/commits',
    {owner: repo.owner, repo: repo.name, ...query, per_page: Math.min(100, max)},
    CommitList,
    signal,
    cache,
  )
  for (;;) {
    // A loop, not push(...page): a spread of a large array overflows the call stack.
    for (const commit of page.data) {
      if (out.length >= max) return {commits: out, more: true}
      out.push(commit)
    }
    if (!page.next) return {commits: out, more: false}
    if (out.length >= max) return {commits: out, more: true}
    page = await getPage(client, page.next, {}, CommitList, signal, cache)
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
  return (await newestBefore(client, repo, branch, until, signal))?.sha ?? null
}

async function newestBefore(
  client: StewardsOctokit,
  repo: Repo,
  branch: string | null,
  until: string,
  signal: AbortSignal,
): Promise<CommitResponse | undefined> {
  // Without `sha` GitHub lists the default branch.
  const ref = branch ? {sha: branch} : {}
  const {data} = await getPage(
    client,
    'GET /repos/{owner}/{repo}/commits',
    {owner: repo.owner, repo: repo.name, ...ref, until, per_page: 1},
    CommitList,
    signal,
  )
  return data[0]
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
