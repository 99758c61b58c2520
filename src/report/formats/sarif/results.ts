/** One SARIF result per finding per declaring location, most severe first. */
import {createHash} from 'node:crypto'
import type {Location as SarifLocation, Result, Suppression} from 'sarif'
import type {Finding, FindingWaiver, Location, ScanResult} from '../../../core/model.js'
import {uniqueLocations} from '../../shared/order.js'
import {LEVEL, SECURITY_SEVERITY} from './severity.js'
import {artifactUri} from './uri.js'

/** Key of the fingerprint GitHub uses to follow an alert across runs (bump the version if its inputs change). */
export const FINGERPRINT_KEY = 'stewardsFinding/v1'

/** Lines and columns as SARIF wants them: integers from 1. */
function atLeastOne(n: number | undefined): number {
  return Number.isFinite(n) && (n as number) >= 1 ? Math.trunc(n as number) : 1
}

export function physicalLocation(location: {file: string; line?: number; column?: number}): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: artifactUri(location.file),
      region: {startLine: atLeastOne(location.line), startColumn: atLeastOne(location.column)},
    },
  }
}

/**
 * A waived finding's suppression (README "Waivers"): kind `external` (the waiver lives in a file beside the code),
 * status `accepted`, the reason as `justification`, the waiver's file:line as `location` (SARIF 2.1.0 §3.35; see
 * ./waivers.ts for the `status` spelling).
 */
export function suppression(waiver: FindingWaiver): Suppression {
  return {
    kind: 'external',
    status: 'accepted',
    justification: `${waiver.reason} (approved by ${waiver.approvedBy}, until ${waiver.expires})`,
    location: physicalLocation({file: waiver.file, line: waiver.line}),
    properties: {approvedBy: waiver.approvedBy, expires: waiver.expires},
  }
}

/**
 * Stable across runs: rule, repository, file and the occurrence number within that file, but not the line, so
 * an edit above the declaration does not open a new alert. Hex so it stays a plain string.
 */
function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)
}

/** `file\0line\0column` -> the component refs declared there, for "declared here as ..." in messages. */
function declarations(result: ScanResult): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const project of result.projects) {
    for (const component of project.components) {
      for (const loc of component.locations) {
        const key = `${project.repo}\u0000${loc.file}\u0000${loc.line}\u0000${loc.column}`
        const refs = map.get(key) ?? []
        if (!refs.includes(component.ref)) refs.push(component.ref)
        map.set(key, refs.sort())
      }
    }
  }
  return map
}

/**
 * GitHub rejects a whole upload when one result has no physical location, so a finding without one is shown
 * at the declarations of its project's components, else at the first scan input.
 */
function anchors(finding: Finding, result: ScanResult): {locations: Location[]; fallback: boolean} {
  const own = uniqueLocations(finding.locations)
  if (own.length > 0) return {locations: own, fallback: false}
  const project = result.projects.find((p) => p.repo === finding.repo)
  const fromComponents = uniqueLocations(project?.components.flatMap((c) => c.locations) ?? [])
  if (fromComponents.length > 0) return {locations: fromComponents.slice(0, 1), fallback: true}
  return {locations: [{file: result.inputs[0] ?? '.', line: 1, column: 1}], fallback: true}
}

export function buildResults(result: ScanResult, ruleIndex: Map<string, number>): Result[] {
  const declared = declarations(result)
  const results: Result[] = []
  for (const finding of result.findings) {
    const {locations, fallback} = anchors(finding, result)
    const occurrences = new Map<string, number>()
    for (const loc of locations) {
      const nth = (occurrences.get(loc.file) ?? 0) + 1
      occurrences.set(loc.file, nth)
      const refs = declared.get(`${finding.repo}\u0000${loc.file}\u0000${loc.line}\u0000${loc.column}`) ?? []
      let text = finding.message
      if (fallback) text += ' (No declaring location was recorded for this finding; shown at its project.)'
      else if (refs.length > 0) text += ` Declared here as ${refs.join(', ')}.`
      results.push({
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId),
        level: LEVEL[finding.severity],
        message: {text},
        locations: [physicalLocation(loc)],
        partialFingerprints: {[FINGERPRINT_KEY]: fingerprint([finding.ruleId, finding.repo, loc.file, String(nth)])},
        // SARIF 2.1.0 §3.27.24 uses the same words as the pipeline: new, unchanged, updated.
        ...(finding.baselineState ? {baselineState: finding.baselineState} : {}),
        // An accepted risk: kept, and suppressed.
        ...(finding.waiver ? {suppressions: [suppression(finding.waiver)]} : {}),
        properties: {
          repo: finding.repo,
          severity: finding.severity,
          'security-severity': SECURITY_SEVERITY[finding.severity],
        },
      })
    }
  }
  return results
}
