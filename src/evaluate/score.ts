import type {DataPart, Finding, Severity} from '../core/model.js'

/**
 * Risk score, 0 (no finding) to 100. Each finding is read as an independent chance that the project fails its
 * users, by severity; the score is the chance that at least one does:
 *
 *   score = round(100 * (1 - Π (1 - weight(severity))))
 *
 * so findings add up with diminishing returns, the order of findings does not matter, and no number of low
 * findings outweighs a critical one's first 60 points. Informational findings weigh nothing.
 */
export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  info: 0,
  low: 0.05,
  medium: 0.15,
  high: 0.35,
  critical: 0.6,
}

/**
 * A project is "not collected" when neither its repository facts nor its commits could be read (offline cache miss,
 * rate limit, network): nothing is known about it, so it has no risk score (null), never 0. A repository that
 * answered "gone" (404, 451) was read: its `project-unavailable` finding scores like any other.
 */
export function collected(project: {missing?: readonly DataPart[]}): boolean {
  const missing = project.missing ?? []
  return !(missing.includes('facts') && missing.includes('commits'))
}

export function scoreProject(findings: readonly Pick<Finding, 'severity'>[]): number {
  let safe = 1
  for (const finding of findings) safe *= 1 - SEVERITY_WEIGHTS[finding.severity]
  return Math.round(100 * (1 - safe))
}

/** Score bands used in summaries. */
export type Band = 'none' | 'low' | 'medium' | 'high' | 'critical'

export function band(score: number): Band {
  if (score === 0) return 'none'
  if (score < 20) return 'low'
  if (score < 45) return 'medium'
  if (score < 70) return 'high'
  return 'critical'
}

/**
 * The portfolio risk score is the mean score of the projects that have one (ScanResult.summary.portfolioScore);
 * null when none has (no projects, or none collected).
 */
export function portfolioScore(scores: readonly (number | null)[]): number | null {
  const known = scores.filter((score): score is number => score !== null)
  if (known.length === 0) return null
  return Math.round(known.reduce((a, b) => a + b, 0) / known.length)
}
