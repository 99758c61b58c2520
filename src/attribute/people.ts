/**
 * The `stewards people` view: each person, their organisation over time (commits grouped into periods of one
 * organisation and one deciding claim) and the evidence, plus the roles they hold.
 */
import {utcDay} from '../core/dates.js'
import type {
  AttributedCommit,
  AttributedProject,
  Attribution,
  ClaimVerification,
  CollectedProject,
  EvidenceWanted,
  ProjectStatus,
} from '../core/model.js'
import {type CommitSummary, summarizeCommits} from './summary.js'
import {evidenceWanted} from './wanted.js'

export interface PersonPeriod {
  organization: string | null
  /** UTC days of the first and last commit of the period (both inclusive). */
  first: string
  last: string
  commits: number
  resolution: string
  source?: string
  citation?: string
  /** The organisation as the evidence writes it, when renamed (acquisitions, organisation data). */
  raw?: string
  alternatives?: string[]
  /** Unknown only: whether any source knows the person (false: no evidence at all). */
  known?: boolean
  /** E-mail-domain evidence: what vouches for the address (`unverified` when nothing does). */
  verification?: ClaimVerification
  /** The organisation is as the person declared it, not in the organisation data. */
  selfDeclared?: boolean
  /** Weak evidence (public organisation membership), used because nothing else claims the person. */
  weak?: boolean
  /** Whole years from the deciding claim's start to the period's last day; `stale` when past the limit. */
  ageYears?: number
  stale?: boolean
  /** The day the deciding evidence states its claim as of (a governance file's revision). */
  asOf?: string
  /** The claim was read backwards (a governance declaration before its file's revision): the lowest precedence. */
  backdated?: boolean
}

export interface PersonRole {
  role: string
  source: string
  declaredAffiliation?: string | null
}

export interface PersonReport {
  person: string
  /** Author names and emails as the commits write them (public commit metadata). */
  names: string[]
  emails: string[]
  commits: number
  periods: PersonPeriod[]
  roles: PersonRole[]
  /** The role holder's attribution on the report's `asOf` day. */
  roleAttribution?: PersonPeriod
}

export interface PeopleReport {
  repo: string
  /** Set when the project could not be read in full: `unavailable` (404, 451), `empty` or `partial`. */
  status?: Exclude<ProjectStatus, 'ok'>
  reason?: string
  asOf?: string
  summary: CommitSummary
  people: PersonReport[]
  bots: Record<string, number>
  /** Per bot identity, the rule that marked it as automation. */
  botRules?: Record<string, string>
  /** With `--wanted`: the unattributed authors whose evidence would raise coverage most. */
  wanted?: EvidenceWanted
}

/** `collected`: the project as collected, whose status and reason the report repeats when it is not `ok`. */
export function buildPeopleReport(
  project: AttributedProject,
  collected?: Pick<CollectedProject, 'status' | 'reason'>,
  options: {wanted?: number} = {},
): PeopleReport {
  const people = new Map<string, PersonReport>()
  const person = (id: string): PersonReport => {
    let report = people.get(id)
    if (!report) {
      report = {person: id, names: [], emails: [], commits: 0, periods: [], roles: []}
      people.set(id, report)
    }
    return report
  }
  const byPerson = new Map<string, AttributedCommit[]>()
  for (const commit of project.commits) {
    if (commit.bot) continue
    const list = byPerson.get(commit.person) ?? []
    list.push(commit)
    byPerson.set(commit.person, list)
  }
  for (const [id, commits] of byPerson) {
    const report = person(id)
    report.commits = commits.length
    report.names = unique(commits.map((c) => c.authorName ?? ''))
    report.emails = unique(commits.map((c) => (c.authorEmail ?? '').toLowerCase()))
    report.periods = periods(commits)
  }
  for (const holder of project.roles) {
    const report = person(holder.login.toLowerCase())
    const role: PersonRole = {role: holder.role, source: holder.source}
    if (holder.declaredAffiliation) role.declaredAffiliation = holder.declaredAffiliation
    report.roles.push(role)
    report.roleAttribution ??= period(holder.attribution, project.asOf ?? '', project.asOf ?? '', 0)
  }
  const sorted = [...people.values()].sort(
    (a, b) => b.commits - a.commits || b.roles.length - a.roles.length || cmp(a.person, b.person),
  )
  const notOk =
    collected && collected.status !== 'ok'
      ? {status: collected.status, ...(collected.reason ? {reason: collected.reason} : {})}
      : {}
  const report: PeopleReport = {
    repo: project.repo,
    ...notOk,
    summary: summarizeCommits(project),
    people: sorted,
    bots: project.bots,
  }
  if (project.botRules) report.botRules = project.botRules
  if (project.asOf) report.asOf = project.asOf
  if (options.wanted !== undefined) {
    const wanted = evidenceWanted(project, options.wanted)
    if (wanted) report.wanted = wanted
  }
  return report
}

/** Consecutive commits (by author time) with the same organisation and deciding claim form one period. */
function periods(commits: AttributedCommit[]): PersonPeriod[] {
  const ordered = [...commits].sort((a, b) => Date.parse(a.date) - Date.parse(b.date) || cmp(a.sha, b.sha))
  const result: PersonPeriod[] = []
  let key = ''
  for (const commit of ordered) {
    const day = utcDay(commit.date) ?? commit.date
    const a = commit.attribution
    const next = `${a.organization}\n${a.claim?.source}\n${a.claim?.citation}\n${a.resolution}\n${a.stale}\n${a.claim?.backdated}`
    const last = result[result.length - 1]
    if (last && next === key) {
      last.last = day
      last.commits++
      if (a.ageYears !== undefined) last.ageYears = a.ageYears
    } else result.push(period(a, day, day, 1))
    key = next
  }
  return result
}

function period(a: Attribution, first: string, last: string, commits: number): PersonPeriod {
  const p: PersonPeriod = {
    organization: a.organization,
    first,
    last,
    commits,
    resolution: a.resolution ?? (a.organization ? 'ok' : 'unknown'),
  }
  if (a.claim) {
    p.source = a.claim.source
    p.citation = a.claim.citation
    if (a.claim.raw && a.claim.raw !== a.organization) p.raw = a.claim.raw
    if (a.claim.asOf) p.asOf = a.claim.asOf
    if (a.claim.backdated) p.backdated = true
  }
  if (a.alternatives?.length) p.alternatives = a.alternatives
  if (!a.organization) p.known = a.known ?? false
  if (a.claim?.verification) p.verification = a.claim.verification
  if (a.claim?.selfDeclared) p.selfDeclared = true
  if (a.claim?.weak) p.weak = true
  if (a.ageYears !== undefined) p.ageYears = a.ageYears
  if (a.stale) p.stale = true
  return p
}

/** Plain-text rendering: one block per person, periods and roles indented under them. */
export function formatPeopleText(report: PeopleReport): string {
  const s = report.summary
  const share = s.human_commits ? ((100 * s.attributed_commits) / s.human_commits).toFixed(1) : '0.0'
  const lines = [
    `${report.repo}: ${count(s.human_commits, 'human commit')} by ${count(s.distinct_authors, 'author')}; ${s.attributed_commits} attributed (${share}%), ${s.unknown_commits} unknown, ${s.independent_commits} Independent; ${count(s.bot_commits, 'bot commit')}`,
  ]
  if (report.status) lines.push(`Project ${report.status}${report.reason ? `: ${report.reason}` : ''}.`)
  if (report.asOf) lines.push(`Role holders attributed on ${report.asOf}.`)
  for (const p of report.people) {
    const names = p.names.length ? ` (${p.names.join(', ')})` : ''
    lines.push('', `${p.person}${names}: ${count(p.commits, 'commit')}`)
    for (const period of p.periods) {
      const span = period.first === period.last ? period.first : `${period.first}..${period.last}`
      lines.push(`  ${span}  ${period.commits}  ${describe(period)}`)
    }
    if (p.roles.length) {
      lines.push(
        `  roles: ${p.roles.map((r) => `${r.role} (${r.source}${r.declaredAffiliation ? `, declares ${r.declaredAffiliation}` : ''})`).join('; ')}`,
      )
      if (p.roleAttribution) lines.push(`  on ${report.asOf}: ${describe(p.roleAttribution)}`)
    }
  }
  const bots = Object.entries(report.bots)
  if (bots.length) {
    lines.push('', 'Automation excluded (not counted as people):')
    for (const [bot, count] of bots) {
      const rule = report.botRules?.[bot]
      lines.push(`  ${bot}: ${count}${rule ? `  ← ${rule}` : ''}`)
    }
  }
  if (report.wanted) lines.push('', ...formatWanted(report.wanted))
  return `${lines.join('\n')}\n`
}

/** The evidence-wanted list and its snippet, as `people --wanted` and the terminal report print them. */
export function formatWanted(wanted: EvidenceWanted): string[] {
  const share = (n: number) => `${(n * 100).toFixed(1)}%`
  const lines = [
    `Evidence wanted: ${wanted.people.length} of ${wanted.unknownPeople} unattributed ${wanted.unknownPeople === 1 ? 'author makes' : 'authors make'} ${share(wanted.share)} of human commits; attributing them would raise coverage from ${share(wanted.coverage)} to ${share(wanted.coverageAfter)}.`,
  ]
  for (const p of wanted.people) {
    const who = [p.login ? `@${p.login}` : '', ...p.emails.filter((e) => e !== p.person || !p.login)].filter(Boolean)
    lines.push(
      `  ${who.join(' ') || p.person}: ${p.commits} commit${p.commits === 1 ? '' : 's'} (${p.first}..${p.last})`,
    )
  }
  lines.push('', 'Fill in and pass with --overrides:', '', ...wanted.snippet.trimEnd().split('\n'))
  return lines
}

function describe(period: PersonPeriod): string {
  if (!period.organization) return period.known ? 'unknown (no claim valid on that day)' : 'unknown (no evidence)'
  const ambiguous = period.alternatives ? ` [ambiguous; also ${period.alternatives.join(', ')}]` : ''
  const raw = period.raw ? ` (written "${period.raw}")` : ''
  const dated = period.asOf ? ` (as of ${period.asOf}${period.backdated ? ', read backwards' : ''})` : ''
  return `${period.organization}${ambiguous}  ← ${period.source}: ${period.citation}${raw}${dated}${marks(period)}`
}

/** What a reader must weigh: unverified addresses, organisations as declared, weak or stale evidence. */
function marks(period: PersonPeriod): string {
  const notes: string[] = []
  if (period.selfDeclared) notes.push('self-declared: not in the organisation data')
  if (period.weak) notes.push('weak: public membership only')
  if (period.verification?.status === 'unverified') notes.push('unverified: nothing vouches for the address')
  if (period.verification?.status === 'verified')
    notes.push(`vouched by ${period.verification.vouchedBy?.map((v) => v.kind).join(', ')}`)
  if (period.ageYears)
    notes.push(`claim ${period.ageYears} year${period.ageYears === 1 ? '' : 's'} old${period.stale ? ', stale' : ''}`)
  return notes.length ? ` [${notes.join('; ')}]` : ''
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))].sort(cmp)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
