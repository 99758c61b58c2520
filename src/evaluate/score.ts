import {type Finding, SEVERITIES, type Severity} from '../core/model.js'

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

/** The portfolio score is the mean project score (ScanResult.summary.portfolioScore), 0 for no projects. */
export function portfolioScore(scores: readonly number[]): number {
  if (scores.length === 0) return 0
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)
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
    score: portfolioScore(projects.map((p) => p.score)),
    maxScore: projects.reduce((max, p) => Math.max(max, p.score), 0),
    projectsByBand,
    findingsBySeverity,
    topRules: [...ruleProjects]
      .map(([ruleId, count]) => ({ruleId, projects: count}))
      .sort((a, b) => b.projects - a.projects || (a.ruleId < b.ruleId ? -1 : 1)),
  }
}
