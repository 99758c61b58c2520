import {type DataPart, type Finding, SEVERITIES, type Severity} from '../core/model.js'

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

export interface PortfolioSummary {
  projects: number
  /** Mean project score. */
  score: number
  /** The worst project's score: a mean hides one critical dependency. */
  maxScore: number
  projectsByBand: Record<Band, number>
  findingsBySeverity: Record<Severity, number>
  /** Rule ids by how many projects they fire on, most first. */
  topRules: Array<{ruleId: string; projects: number}>
}

export function portfolioSummary(
  projects: ReadonlyArray<{score: number; findings: readonly Finding[]}>,
): PortfolioSummary {
  const projectsByBand: Record<Band, number> = {none: 0, low: 0, medium: 0, high: 0, critical: 0}
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  const ruleProjects = new Map<string, number>()
  for (const project of projects) {
    projectsByBand[band(project.score)]++
    for (const finding of project.findings) findingsBySeverity[finding.severity]++
    for (const id of new Set(project.findings.map((f) => f.ruleId)))
      ruleProjects.set(id, (ruleProjects.get(id) ?? 0) + 1)
  }
  return {
    projects: projects.length,
    score: portfolioScore(projects.map((p) => p.score)) ?? 0,
    maxScore: projects.reduce((max, p) => Math.max(max, p.score), 0),
    projectsByBand,
    findingsBySeverity,
    topRules: [...ruleProjects]
      .map(([ruleId, count]) => ({ruleId, projects: count}))
      .sort((a, b) => b.projects - a.projects || (a.ruleId < b.ruleId ? -1 : 1)),
  }
}
