/** Orderings every report shares, so the same scan lists things the same way in every format. */
import {type Finding, type Location, type ProjectReport, severityRank} from '../../core/model.js'
import {compare} from '../../core/compare.js'

/** Code-unit order: locale-independent, so output does not change with the machine's language. */
export function compareLocations(a: Location, b: Location): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column
}

/** Sorted by file, line and column, duplicates removed. */
export function uniqueLocations(locations: readonly Location[]): Location[] {
  const sorted = [...locations].sort(compareLocations)
  return sorted.filter((loc, i) => i === 0 || compareLocations(loc, sorted[i - 1]) !== 0)
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

/** Most severe first, then rule, repository, first location and message. */
export function compareFindings(a: Finding, b: Finding): number {
  const byLocation = (x: Finding, y: Finding): number => {
    const lx = firstLocation(x)
    const ly = firstLocation(y)
    if (!lx || !ly) return (lx ? 0 : 1) - (ly ? 0 : 1)
    return compareLocations(lx, ly)
  }
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.repo, b.repo) ||
    byLocation(a, b) ||
    compare(a.message, b.message)
  )
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings)
}

/** Riskiest first (highest score), then by repository. */
export function sortProjects(projects: readonly ProjectReport[]): ProjectReport[] {
  return [...projects].sort((a, b) => b.score - a.score || compare(a.repo, b.repo))
}
