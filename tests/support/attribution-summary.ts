/**
 * Tallies over attributed projects that only the tests read: role groups in the shape of
 * ../shared/affiliation/EXPECTED.json, and what a second attribution run changed commit by commit.
 */
import type {AttributedProject, AttributedRoleHolder} from '../../src/core/model.js'
import {sortedByCount} from '../../src/attribute/summary.js'

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
    const org = holder.attribution.organization
    if (org) perOrg.set(org, (perOrg.get(org) ?? 0) + 1)
  }
  const resolved = [...perOrg.values()].reduce((a, b) => a + b, 0)
  return {
    count: holders.length,
    resolved,
    unknown: holders.length - resolved,
    ambiguous,
    per_org: sortedByCount(perOrg),
  }
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
    const change: AttributionChange = {
      sha: commit.sha,
      person: commit.person,
      kind,
      before: a.organization,
      after: b.organization,
    }
    if (b.claim) {
      change.source = b.claim.source
      change.citation = b.claim.citation
    }
    changes.push(change)
  }
  return changes
}
