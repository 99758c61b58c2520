/**
 * The orders every report keeps (docs/json-report.md, "Order"). The pipeline sorts once, with these; report formats
 * write findings and projects in the order the scan result holds them, so the same scan lists things the same way
 * in every format, and a report read back (`--baseline`, `diff`) keeps it.
 */
import {compare} from './compare.js'
import {type Finding, type Location, type ProjectReport, severityRank} from './model.js'

/** A finding's identity across runs and reports: the rule and the repository it is about (--baseline, waivers). */
export function findingKey(f: Pick<Finding, 'ruleId' | 'repo'>): string {
  return `${f.ruleId}\u0000${f.repo}`
}

/** By file (code-point order: the machine's language never changes the output), line, column. */
export function compareLocations(a: Location, b: Location): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column
}

/** First declaring location of a finding, computed once per finding object (sorting compares many times). */
const firstLocations = new WeakMap<Finding, Location | null>()

function firstLocation(finding: Finding): Location | null {
  let first = firstLocations.get(finding)
  if (first === undefined) {
    first = finding.locations.reduce<Location | null>(
      (min, loc) => (min === null || compareLocations(loc, min) < 0 ? loc : min),
      null,
    )
    firstLocations.set(finding, first)
  }
  return first
}

/**
 * Findings: most severe first, then by rule id, repository, first declaring location (findings without one last)
 * and message. A total order: two findings that compare equal are the same finding.
 */
export function compareFindings(a: Finding, b: Finding): number {
  const la = firstLocation(a)
  const lb = firstLocation(b)
  const byLocation = la && lb ? compareLocations(la, lb) : (la ? 0 : 1) - (lb ? 0 : 1)
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.repo, b.repo) ||
    byLocation ||
    compare(a.message, b.message)
  )
}

/**
 * Projects: those not collected first (no risk score: unknown is never read as safe, and they are what to act on
 * first), then riskiest first (highest risk score), then by repository.
 */
export function compareProjects(a: ProjectReport, b: ProjectReport): number {
  return (b.score ?? Number.POSITIVE_INFINITY) - (a.score ?? Number.POSITIVE_INFINITY) || compare(a.repo, b.repo)
}
