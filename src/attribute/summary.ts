/**
 * Counts over an attributed project, named as in ../shared/affiliation/EXPECTED.json. The metrics stage
 * (src/measure) derives factors and shares; these are the raw tallies people and tests read.
 */
import type {AttributedProject, AttributedRoleHolder} from '../core/model.js'
import {INDEPENDENT} from './attribute-project.js'

export interface CommitSummary {
  commits_total: number
  bot_commits: number
  human_commits: number
  attributed_commits: number
  unknown_commits: number
  independent_commits: number
  ambiguous_commits: number
  distinct_authors: number
  attributed_authors: number
  /** How the deciding evidence matched the author (`email`, `noreply-login`, ...; `none` when unknown). */
  resolution_methods: Record<string, number>
  /** Per evidence source that decided (`none` when unknown). */
  sources: Record<string, number>
  commits_per_org: Record<string, number>
  authors_per_org: Record<string, number>
}

export function summarizeCommits(project: AttributedProject): CommitSummary {
  const humans = project.commits.filter((commit) => !commit.bot)
  const perOrg = new Map<string, number>()
  const authorsPerOrg = new Map<string, Set<string>>()
  const methods = new Map<string, number>()
  const sources = new Map<string, number>()
  const authors = new Set<string>()
  const attributedAuthors = new Set<string>()
  let ambiguous = 0
  for (const commit of humans) {
    const {organization, claim, resolution} = commit.attribution
    authors.add(commit.person)
    increment(methods, claim?.method ?? 'none')
    increment(sources, claim?.source ?? 'none')
    if (resolution === 'ambiguous') ambiguous++
    if (!organization) continue
    attributedAuthors.add(commit.person)
    increment(perOrg, organization)
    const set = authorsPerOrg.get(organization) ?? new Set<string>()
    set.add(commit.person)
    authorsPerOrg.set(organization, set)
  }
  const attributed = [...perOrg.values()].reduce((a, b) => a + b, 0)
  return {
    commits_total: project.commits.length,
    bot_commits: project.commits.length - humans.length,
    human_commits: humans.length,
    attributed_commits: attributed,
    unknown_commits: humans.length - attributed,
    independent_commits: perOrg.get(INDEPENDENT) ?? 0,
    ambiguous_commits: ambiguous,
    distinct_authors: authors.size,
    attributed_authors: attributedAuthors.size,
    resolution_methods: sortedByCount(methods),
    sources: sortedByCount(sources),
    commits_per_org: sortedByCount(perOrg),
    authors_per_org: sortedByCount(new Map([...authorsPerOrg].map(([org, set]) => [org, set.size]))),
  }
}

export interface RoleGroupSummary {
  count: number
  resolved: number
  unknown: number
  ambiguous: number
  per_org: Record<string, number>
}

/** One group of role holders (already de-duplicated by login): how many, resolved, and per organisation. */
export function summarizeRoles(holders: readonly AttributedRoleHolder[]): RoleGroupSummary {
  const perOrg = new Map<string, number>()
  let ambiguous = 0
  for (const holder of holders) {
    if (holder.attribution.resolution === 'ambiguous') ambiguous++
    if (holder.attribution.organization) increment(perOrg, holder.attribution.organization)
  }
  const resolved = [...perOrg.values()].reduce((a, b) => a + b, 0)
  return {count: holders.length, resolved, unknown: holders.length - resolved, ambiguous, per_org: sortedByCount(perOrg)}
}

/** The attributed role holders of a group of logins (each login once, in the group's order). */
export function holdersOf(project: AttributedProject, logins: readonly string[]): AttributedRoleHolder[] {
  const byLogin = new Map<string, AttributedRoleHolder>()
  for (const holder of project.roles) {
    const key = holder.login.toLowerCase()
    if (!byLogin.has(key)) byLogin.set(key, holder)
  }
  const seen = new Set<string>()
  const holders: AttributedRoleHolder[] = []
  for (const login of logins) {
    const key = login.toLowerCase()
    const holder = byLogin.get(key)
    if (holder && !seen.has(key)) holders.push(holder)
    seen.add(key)
  }
  return holders
}

export type ChangeKind = 'newly-attributed' | 'renamed' | 'changed' | 'lost'

/** One human commit whose attribution differs between two runs, and why. */
export interface AttributionChange {
  sha: string
  person: string
  kind: ChangeKind
  before: string | null
  after: string | null
  /** The evidence that decides in the second run. */
  source?: string
  citation?: string
}

/**
 * What a second run (more sources, organisation data) changed, commit by commit: newly attributed, only
 * renamed (same deciding evidence, another spelling), changed (other evidence decides) or lost.
 */
export function diffAttributions(before: AttributedProject, after: AttributedProject): AttributionChange[] {
  const previous = new Map(before.commits.map((commit) => [commit.sha, commit]))
  const changes: AttributionChange[] = []
  for (const commit of after.commits) {
    const old = previous.get(commit.sha)
    if (!old || commit.bot || old.bot) continue
    const a = old.attribution
    const b = commit.attribution
    if (a.organization === b.organization && a.claim?.citation === b.claim?.citation) continue
    let kind: ChangeKind = 'changed'
    if (!a.organization) kind = 'newly-attributed'
    else if (!b.organization) kind = 'lost'
    else if (a.claim?.citation === b.claim?.citation) kind = 'renamed'
    const change: AttributionChange = {sha: commit.sha, person: commit.person, kind, before: a.organization, after: b.organization}
    if (b.claim) {
      change.source = b.claim.source
      change.citation = b.claim.citation
    }
    changes.push(change)
  }
  return changes
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

/** Most first, then by name: a stable order for output. */
export function sortedByCount(map: Map<string, number>): Record<string, number> {
  const entries = [...map].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries)
}
