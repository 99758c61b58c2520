import type {ProjectReport, ScanError, ScanResult, Severity, Waiver} from '../core/model.js'
import {SCAN_SCHEMA_VERSION, SEVERITIES} from '../core/model.js'
import {compare} from '../core/compare.js'
import {compareFindings, compareProjects} from '../core/order.js'
import {
  collected,
  applyWaivers,
  evaluateProjectDetailed,
  portfolioScore,
  type RuleSet,
  ruleMetas,
  scoreProject,
} from '../evaluate/index.js'

/** A project as measured: its report without the rules' part (findings, score). */
export type MeasuredProject = Omit<ProjectReport, 'findings' | 'score'>

/** A scan's measured data, before any rule: what a JSON report keeps for `stewards evaluate`. */
export interface MeasuredScan {
  version: string
  window: ScanResult['window']
  inputs: string[]
  projects: MeasuredProject[]
  unresolved: ScanResult['unresolved']
  lists?: ScanResult['lists']
  components: number
  /** Some input could not be read: the run is incomplete whatever the rules say. */
  inputsIncomplete: boolean
  skipped: ScanResult['skipped']
  /** What could not be read; the rules' own errors are added after these. */
  errors: ScanError[]
  requests?: ScanResult['requests']
}

/** The waivers a run applies, and the day (UTC, `YYYY-MM-DD`) their expiry is judged against. */
export interface WaiverJudgement {
  waivers: Waiver[]
  today: string
}

/**
 * The evaluate step of the pipeline: every project judged by the rules (findings, scores), projects ranked, the
 * portfolio summarised, then the waivers applied (src/evaluate/waivers.ts: findings marked, never removed). A fresh
 * scan and `stewards evaluate` of its JSON report both end here, with the same measured data, so the same rules
 * and waivers give the same report, byte for byte.
 */
export function judge(scan: MeasuredScan, rules: RuleSet, waived?: WaiverJudgement): ScanResult {
  const ruleErrors: ScanError[] = []
  const lists = scan.lists?.selected ?? []
  // Rules about attribution coverage (tag `coverage`): where one fires, the report says whose evidence is wanted.
  const coverageRules = new Set(rules.rules.filter((rule) => rule.tags?.includes('coverage')).map((rule) => rule.id))
  // Judged in repository order, so the rules' errors are listed the same way whatever order the projects came in.
  const projects: ProjectReport[] = [...scan.projects]
    .sort((a, b) => compare(a.repo, b.repo))
    .map((project) => {
      const {findings, errors} = evaluateProjectDetailed(rules, {
        repo: project.repo,
        status: project.status,
        reason: project.reason,
        missing: project.missing,
        metrics: project.metrics,
        window: scan.window,
        locations: project.components.flatMap((c) => c.locations),
        evidence: project.evidence,
        lists,
      })
      ruleErrors.push(...errors.map((e) => ({...e, message: `${project.repo}: ${e.message}`})))
      const judged = {...project}
      if (!findings.some((f) => coverageRules.has(f.ruleId))) delete judged.wanted
      // Nothing collected, nothing scored: the project's risk is unknown, never 0 (evaluate/score.ts `collected`).
      const score = collected(project) ? scoreProject(findings) : null
      return {...judged, findings: findings.sort(compareFindings), score}
    })
  // Sorted once, here, in the documented orders (src/core/order.ts); every report keeps them.
  projects.sort(compareProjects)

  const findings = projects.flatMap((p) => p.findings).sort(compareFindings)
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of findings) findingsBySeverity[f.severity]++
  const result: ScanResult = {
    schemaVersion: SCAN_SCHEMA_VERSION,
    tool: {name: 'stewards', version: scan.version},
    window: scan.window,
    inputs: scan.inputs,
    projects,
    unresolved: scan.unresolved,
    findings,
    rules: ruleMetas(rules),
    ...(scan.lists ? {lists: scan.lists} : {}),
    summary: {
      components: scan.components,
      projects: projects.length,
      findingsBySeverity,
      portfolioScore: portfolioScore(projects.map((p) => p.score)),
      // A rule that could not be evaluated leaves the judgement unfinished: as incomplete as an unread input.
      incomplete: scan.inputsIncomplete || ruleErrors.length > 0,
      inputsIncomplete: scan.inputsIncomplete,
    },
    skipped: scan.skipped,
    errors: [...scan.errors, ...ruleErrors],
    ...(scan.requests ? {requests: scan.requests} : {}),
  }
  return waived ? applyWaivers(result, waived.waivers, waived.today) : result
}
