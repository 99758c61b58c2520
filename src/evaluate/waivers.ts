/**
 * Waivers: accepted risks, recorded, visible and time-bound (README "Waivers"). The file format (zod, so every
 * problem names file:line through core/yaml-file.ts) and `applyWaivers`, a pure function of a judged result, the
 * waivers and the day to judge expiry against: the rules stay a pure function of the measurement, and a waiver only
 * marks what they found. A fresh scan and `stewards evaluate` both apply waivers here (through pipeline/judge.ts).
 */
import {z} from 'zod'
import {isCalendarDate} from '../core/dates.js'
import type {Component, Finding, FindingWaiver, ScanResult, Waiver, WaiverRecord} from '../core/model.js'
import {findingKey} from '../core/order.js'
import {parseRepo, repoIdentity} from '../core/repo-name.js'
import type {YamlPath} from '../core/yaml-file.js'
import {trimEnd} from '../core/trim-end.js'

/** One waiver as written in a waivers file or under `waivers:` in `.stewards.yaml`. Strict: a typo is an error. */
export const WaiverEntry = z
  .strictObject({
    rule: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'a rule id (lower case, digits and hyphens: single-org-majority)')
      .meta({description: 'The rule id whose finding is accepted (stewards rules list).'}),
    repository: z
      .string()
      .refine(
        (value) => waiverRepoKey(value) !== undefined,
        'not OWNER/REPO or HOST/OWNER/REPO (github.com/owner/name)',
      )
      .meta({description: 'The repository the finding is about, as reports name it; OWNER/REPO means github.com.'}),
    component: z.string().trim().min(1).optional().meta({
      description:
        'Only while this component (name, ref or purl; a purl without version: every version) alone pulls the repository in.',
    }),
    reason: z.string().trim().min(1, 'say why the risk is accepted').meta({description: 'Why the risk is accepted.'}),
    approvedBy: z.string().trim().min(1, 'say who accepted the risk').meta({description: 'Who accepted it.'}),
    // YAML 1.2 reads an unquoted 2026-06-30 as a string; a date is required: a waiver without an end is refused.
    expires: z
      .string()
      .refine(isCalendarDate, 'not a date: write the last day the waiver applies as YYYY-MM-DD')
      .meta({description: 'The last day it applies (YYYY-MM-DD, UTC); required.', format: 'date'}),
  })
  .meta({description: 'An accepted risk: recorded, visible and time-bound (README "Waivers").'})
export type WaiverEntry = z.infer<typeof WaiverEntry>

const WaiversObject = z.strictObject({waivers: z.array(WaiverEntry)})

/**
 * `waivers:` in `.stewards.yaml`: a waivers file, or the list itself. Not a zod union, whose one "Invalid input"
 * would hide which waiver and key are wrong: a list is checked as a list, its problems placed where they are.
 */
export const WaiversSetting = z
  .custom<string | WaiverEntry[]>()
  .superRefine((value, ctx) => {
    if (typeof value === 'string') return
    const list = z.array(WaiverEntry).safeParse(value)
    if (list.success) return
    for (const issue of list.error.issues) ctx.addIssue({...issue} as Parameters<typeof ctx.addIssue>[0])
  })
  // Run even when the refinement failed (zod 4 goes on after an added issue): a list with problems is returned as
  // it is, the run failing on those problems, never on a second parse throwing (a waiver's unknown key was exit 4).
  .transform((value) => {
    if (typeof value === 'string') return value
    const list = z.array(WaiverEntry).safeParse(value)
    return list.success ? list.data : (value as WaiverEntry[])
  })

/** `.stewards-waivers.yaml`: `waivers:` and the list; an empty file waives nothing. */
export const WaiversFile = z.preprocess((value) => value ?? {waivers: []}, WaiversObject)

/** The JSON Schema of a waivers file, for editors (docs/waivers.schema.json, generated from WaiverEntry). */
export function waiversJsonSchema(): string {
  const schema = z.toJSONSchema(WaiversObject, {io: 'input'})
  return `${JSON.stringify({...schema, $id: 'urn:stewards:waivers', title: 'stewards waivers file (.stewards-waivers.yaml)'}, null, 2)}\n`
}

/** The entries of a parsed file (or `waivers:` list) with the file and line each is written at. */
export function placeWaivers(
  entries: readonly WaiverEntry[],
  file: string,
  lineAt: (path: YamlPath) => number,
  at: YamlPath = ['waivers'],
): Waiver[] {
  return entries.map((entry, i) => ({...entry, file, line: lineAt([...at, i])}))
}

/** `github.com/owner/name` in lower case (GitHub names are case-insensitive); `owner/name` means github.com. */
export function waiverRepoKey(repository: string): string | undefined {
  const text = trimEnd(repository.trim().replace(/^https?:\/\//i, ''), '/')
  const parts = text.split('/')
  const host = parts.length === 3 ? parts[0].toLowerCase() : 'github.com'
  const ref = parseRepo(text, [host])
  return 'error' in ref ? undefined : repoIdentity(ref)
}

/** The day (UTC) a clock reads: what expiry is judged against. */
export function judgingDay(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/** Expired when its last day is before the day judged against. */
export function isExpired(waiver: Pick<Waiver, 'expires'>, today: string): boolean {
  return waiver.expires < today
}

/** A purl without version, qualifiers or subpath: `pkg:npm/left-pad@1.3.0` → `pkg:npm/left-pad`. */
function purlBase(purl: string): string {
  return purl.replace(/[?#].*$/, '').replace(/@[^@/]*$/, '')
}

function componentMatches(wanted: string, component: Pick<Component, 'name' | 'ref' | 'purl'>): boolean {
  if (wanted === component.name || wanted === component.ref) return true
  if (!component.purl) return false
  return wanted === component.purl || wanted === purlBase(component.purl)
}

function covers(waiver: Waiver, finding: Finding, components: readonly Component[] | undefined): boolean {
  if (waiver.rule !== finding.ruleId) return false
  if (waiverRepoKey(waiver.repository) !== finding.repo.toLowerCase()) return false
  if (waiver.component === undefined) return true
  // A finding is about the repository: a component waiver covers it only while that component alone pulls it in.
  const wanted = waiver.component
  return components !== undefined && components.length > 0 && components.every((c) => componentMatches(wanted, c))
}

/** The finding with the waiver's mark, or without any (a mark read back from a report is judged again). */
function marked(finding: Finding, waiver: Waiver | undefined): Finding {
  const {waiver: _old, ...plain} = finding
  return waiver ? {...plain, waiver: mark(waiver)} : plain
}

function mark(waiver: Waiver): FindingWaiver {
  return {
    reason: waiver.reason,
    approvedBy: waiver.approvedBy,
    expires: waiver.expires,
    file: waiver.file,
    line: waiver.line,
  }
}

/**
 * The result with every finding an unexpired waiver covers marked `waiver` (the first such waiver in file order),
 * `summary.waived` counted and `waivers` recording each waiver's status and the day judged against. Nothing is
 * removed: findings, counts and scores stay as the rules made them. No waivers: the result as it was.
 */
export function applyWaivers(result: ScanResult, waivers: readonly Waiver[], today: string): ScanResult {
  if (waivers.length === 0) return result
  const live = waivers.map((waiver) => !isExpired(waiver, today))
  const counts = waivers.map(() => 0)
  // By rule and repository (a finding's identity, as --baseline matches it): the top-level list holds the projects'
  // findings, as the same objects after judging or as copies in a report read back.
  const decided = new Map<string, Waiver | undefined>()
  const decide = (finding: Finding, components: readonly Component[] | undefined): Waiver | undefined => {
    let first: Waiver | undefined
    waivers.forEach((waiver, i) => {
      if (!live[i] || !covers(waiver, finding, components)) return
      counts[i]++
      first ??= waiver
    })
    return first
  }
  const projects = result.projects.map((project) => {
    const findings = project.findings.map((finding) => {
      const waiver = decide(finding, project.components)
      decided.set(findingKey(finding), waiver)
      return marked(finding, waiver)
    })
    return {...project, findings}
  })
  // A finding with no project (not expected from the pipeline) is judged without components.
  const findings = result.findings.map((finding) => {
    const key = findingKey(finding)
    return marked(finding, decided.has(key) ? decided.get(key) : decide(finding, undefined))
  })
  const entries: WaiverRecord[] = waivers.map((waiver, i) => ({
    ...waiver,
    status: !live[i] ? 'expired' : counts[i] > 0 ? 'active' : 'stale',
    findings: live[i] ? counts[i] : 0,
  }))
  return {
    ...result,
    projects,
    findings,
    summary: {...result.summary, waived: findings.filter((f) => f.waiver).length},
    waivers: {judgedOn: today, entries},
  }
}

/** The waivers as written, from a report's record (what `stewards evaluate` applies again). */
export function recordedWaivers(entries: readonly WaiverRecord[]): Waiver[] {
  return entries.map(({status: _status, findings: _findings, ...waiver}) => waiver)
}
