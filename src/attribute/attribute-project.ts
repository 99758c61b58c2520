/**
 * Attribution of one project (README): every commit author and role holder gets the organisation of the claim
 * that wins the precedence rule on the commit's UTC author day (role holders: on `asOf`), with that claim kept
 * as evidence. No organisation is ever derived from a name, a language or a location text.
 */
import {lastDayBefore, utcDay} from '../core/dates.js'
import {
  type AttributedCommit,
  type AttributedProject,
  type AttributedRoleHolder,
  type Attribution,
  type Claim,
  type CollectedProject,
  type CommitRecord,
  INDEPENDENT,
  type RoleHolder,
} from '../core/model.js'
import {declaredKey} from '../entities/index.js'
import {applyAcquisitions} from './acquisitions.js'
import {type BotRule, ROBOTS} from './bots.js'
import {decide} from './decide.js'
import {declarationStands} from './employer-words.js'
import {noreplyLogin, signature} from './identity.js'
import {declaredEmployers} from './org-accounts.js'
import {signedAddresses} from './signatures.js'
import {mergeSpellings, spellingKey} from './spelling.js'
import type {AttributionContext, ProjectEvidence, Subject} from './types.js'

/**
 * `asOf`: the day role holders are attributed on, `YYYY-MM-DD` (a timestamp counts as its UTC day); default the
 * last day of the project's window (EXPECTED.json's convention), else the day of the latest commit.
 */
export function attributeProject(
  project: CollectedProject,
  roles: readonly RoleHolder[],
  context: AttributionContext,
  asOf?: string,
): AttributedProject {
  const evidence = projectEvidence(project, roles, context)
  const lookup = subjectLookup(context, evidence)
  const order = context.sources.map((source) => source.id)
  const options = {staleAfterYears: context.staleAfterYears}
  const bots: Record<string, number> = {}
  const botRules: Record<string, string> = {}
  const commits: AttributedCommit[] = []
  for (const commit of project.commits) {
    const subject = commitSubject(commit)
    const {claims, login} = lookup(subject)
    const attribution = decide(claims, utcDay(commit.author.date), order, options)
    const rule = context.bots.match({...commit.author, login: commit.login})
    const bot = rule !== undefined || attribution.organization === ROBOTS
    if (bot) {
      const key = signature(commit.author.name, commit.author.email)
      bots[key] = (bots[key] ?? 0) + 1
      botRules[key] ??= rule ? describeRule(rule) : `gitdm: ${attribution.claim?.citation} says ${ROBOTS}`
    }
    commits.push({
      sha: commit.sha,
      person: subject.login ?? login ?? subject.noreplyLogin ?? subject.email ?? '',
      date: commit.author.date,
      bot,
      attribution,
      authorName: commit.author.name,
      authorEmail: commit.author.email,
    })
  }
  const day = (asOf ? asDay(asOf) : undefined) ?? lastDayBefore(project.window.until) ?? latestDay(commits)
  const byLogin = latestCommitAttribution(commits)
  const attributedRoles: AttributedRoleHolder[] = roles.map((holder) => {
    // Someone known by a name alone (RoleHolder.unidentified) has no account any evidence could be about: unknown.
    const claims = holder.unidentified ? [] : lookup({login: holder.login.toLowerCase()}).claims
    const decided = decide(claims, day, order, options)
    const fallback = holder.unidentified ? undefined : byLogin.get(holder.login.toLowerCase())
    const attribution = decided.organization === null ? (fallback ?? decided) : decided
    const role: AttributedRoleHolder = {login: holder.login, role: holder.role, source: holder.source, attribution}
    // A company written only beside the person that nothing confirms is not shown as declared (../employer-words.ts).
    if (
      holder.declaredAffiliation !== undefined &&
      (!holder.declaredBeside || declarationStands(holder, context.entities))
    )
      role.declaredAffiliation = holder.declaredAffiliation
    if (holder.declaredAsOf) role.declaredAsOf = holder.declaredAsOf
    if (holder.place) role.place = holder.place
    if (holder.unidentified) role.unidentified = true
    return role
  })
  mergeProjectSpellings([...commits.map((c) => c.attribution), ...attributedRoles.map((r) => r.attribution)], context)
  const result: AttributedProject = {repo: project.repo, commits, roles: attributedRoles, bots: sortedRecord(bots)}
  if (Object.keys(botRules).length > 0) result.botRules = sortedRecord(botRules)
  if (day) result.asOf = day
  return result
}

function describeRule(rule: BotRule): string {
  return `${rule.id}: ${rule.why} (${rule.citation})`
}

/** What the sources read about the project besides the subject: profiles, roles, signatures, declared employers. */
export function projectEvidence(
  project: CollectedProject,
  roles: readonly RoleHolder[],
  context: Pick<AttributionContext, 'entities'>,
): ProjectEvidence {
  return {
    project,
    roles,
    signed: signedAddresses(project.commits),
    declaredEmployers: declaredEmployers(project, context.entities),
  }
}

/**
 * A role holder nothing names by login is attributed as at their latest commit in the window, when that commit's
 * evidence is about the address they committed with (e-mail domain, profile, override): explicit evidence about
 * the same account. gitdm claims are left out here, since gitdm resolves role holders by login only.
 */
const COMMIT_FALLBACK_SOURCES = new Set(['email-domain', 'profile-company', 'override', 'org-membership'])

function latestCommitAttribution(commits: readonly AttributedCommit[]): Map<string, Attribution> {
  const latest = new Map<string, {date: string; attribution: Attribution}>()
  for (const commit of commits) {
    const source = commit.attribution.claim?.source
    if (commit.bot || !commit.attribution.organization || !source || !COMMIT_FALLBACK_SOURCES.has(source)) continue
    const seen = latest.get(commit.person)
    if (!seen || Date.parse(commit.date) > Date.parse(seen.date))
      latest.set(commit.person, {date: commit.date, attribution: commit.attribution})
  }
  return new Map([...latest].map(([person, {attribution}]) => [person, attribution]))
}

function commitSubject(commit: CommitRecord): Subject {
  const email = commit.author.email.trim().toLowerCase()
  const subject: Subject = {}
  if (email) subject.email = email
  const fromNoreply = noreplyLogin(email)
  if (fromNoreply) subject.noreplyLogin = fromNoreply
  if (commit.login) subject.login = commit.login.toLowerCase()
  return subject
}

/**
 * Claims per subject, computed once per distinct (login, noreply login, email), organisations renamed. An
 * email a source joins to a login (gitdm headers) makes that login known to every other source too.
 */
function subjectLookup(context: AttributionContext, evidence: ProjectEvidence) {
  const cache = new Map<string, {claims: Claim[]; login?: string}>()
  return (subject: Subject): {claims: Claim[]; login?: string} => {
    const key = `${subject.login ?? ''}\n${subject.noreplyLogin ?? ''}\n${subject.email ?? ''}`
    const cached = cache.get(key)
    if (cached) return cached
    let login: string | undefined
    for (const source of context.sources) login ??= source.login?.(subject, context)
    const joined: Subject = subject.login || !login ? subject : {...subject, login}
    const claims: Claim[] = []
    for (const source of context.sources) {
      for (const claim of source.claims(joined, context, evidence)) claims.push(renamed(claim, context))
    }
    const result = {claims, login}
    cache.set(key, result)
    return result
  }
}

/**
 * Acquisitions, then `Independent` in one spelling, then the organisation data's display name when the name
 * or an alias matches exactly; the evidence's own wording stays in `raw`.
 */
function renamed(claim: Claim, context: AttributionContext): Claim {
  const raw = claim.raw ?? claim.organization
  let name = applyAcquisitions(raw.trim(), context.acquisitions).name
  const known = name === ROBOTS ? undefined : context.entities?.byName(name)
  if (spellingKey(name) === spellingKey(INDEPENDENT)) name = INDEPENDENT
  else if (known) name = known.name
  const result: Claim = {...claim, organization: name, raw}
  // The organisation data names it after all (exact name or alias): curated, not as declared.
  if (result.selfDeclared && (known || name === INDEPENDENT)) delete result.selfDeclared
  return result
}

/**
 * Per project, spellings equal after case-folding become one; self-declared names also merge when equal after
 * folding punctuation and legal forms (`declaredKey`), into a curated spelling when one exists, else the smallest
 * variant in code-point order. Entity ids are looked up on the final name.
 */
function mergeProjectSpellings(attributions: Attribution[], context: AttributionContext): void {
  const names = new Set<string>()
  for (const a of attributions) if (a.organization) names.add(a.organization)
  const merged = mergeSpellings([...names].sort())
  for (const a of attributions) if (a.organization) a.organization = merged.get(a.organization) ?? a.organization
  const declared = declaredSpellings(attributions)
  for (const a of attributions) {
    if (!a.organization) continue
    if (a.claim?.selfDeclared) a.organization = declared.get(declaredKey(a.organization)) ?? a.organization
    const entity = a.organization === INDEPENDENT ? undefined : context.entities?.byName(a.organization)
    if (entity) a.entityId = entity.id
  }
}

/** `declaredKey` → the spelling self-declared names with that key take: a curated one first, else the smallest. */
function declaredSpellings(attributions: readonly Attribution[]): Map<string, string> {
  const curated = new Map<string, string>()
  const declared = new Map<string, string>()
  for (const a of attributions) {
    if (!a.organization || a.organization === INDEPENDENT) continue
    const table = a.claim?.selfDeclared ? declared : curated
    const key = declaredKey(a.organization)
    const seen = table.get(key)
    if (seen === undefined || a.organization < seen) table.set(key, a.organization)
  }
  for (const [key, name] of curated) if (declared.has(key)) declared.set(key, name)
  return declared
}

/** `YYYY-MM-DD` as is; a timestamp becomes its UTC day. */
function asDay(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : utcDay(value)
}

/** Without a window: the day of the latest commit. */
function latestDay(commits: AttributedCommit[]): string | undefined {
  let latest: string | undefined
  for (const commit of commits) {
    const day = utcDay(commit.date)
    if (day && (!latest || day > latest)) latest = day
  }
  return latest
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}
