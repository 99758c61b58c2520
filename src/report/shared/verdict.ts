/**
 * The verdict: one line a reader takes away before any table (issue #15, "A verdict people read correctly"), and the
 * words every format uses for the risk score. Every figure comes from the result; the same result gives the same
 * line.
 *
 * A project "needs review" when it has a finding of low severity or more that no active waiver accepts (info
 * findings weigh nothing; a waived finding was reviewed already); it is counted under its worst such finding. A project with no risk score was not collected: it is neither clean nor risky,
 * and the line says so instead of a figure.
 */
import type {ProjectReport, ScanResult, Severity} from '../../core/model.js'

/** The score's name, and what its ends mean, as every format writes it. */
export const RISK_SCORE = 'risk score'
export const RISK_SCORE_SCALE = '0 = no risk found, 100 = worst'
/** What a project without a risk score is called in every format. */
export const NOT_COLLECTED = 'not collected'

type ReviewSeverity = Exclude<Severity, 'info'>
/** Severities that make a project need review, worst first. */
const REVIEW: readonly ReviewSeverity[] = ['critical', 'high', 'medium', 'low']

export interface Verdict {
  projects: number
  /** Collected projects with a finding of low severity or more, by their worst finding. */
  review: Record<ReviewSeverity, number>
  reviewTotal: number
  /** Collected projects with no finding of low severity or more. */
  clean: number
  /** Projects with no risk score: nothing about them could be read. */
  notCollected: number
  /** Collected projects some part of whose data could not be read. */
  partlyCollected: number
  unresolved: number
  incomplete: boolean
  /** Worst and mean risk score of the projects that have one; null when none has. */
  worstScore: number | null
  meanScore: number | null
}

/** The worst severity of a project's findings that calls for review, or null. */
export function worstSeverity(project: Pick<ProjectReport, 'findings'>): ReviewSeverity | null {
  return REVIEW.find((severity) => project.findings.some((f) => f.severity === severity && !f.waiver)) ?? null
}

export function isCollected(project: Pick<ProjectReport, 'score'>): boolean {
  return project.score !== null && project.score !== undefined
}

export function verdictOf(result: ScanResult): Verdict {
  const review: Record<ReviewSeverity, number> = {critical: 0, high: 0, medium: 0, low: 0}
  let clean = 0
  let notCollected = 0
  let partlyCollected = 0
  let worstScore: number | null = null
  for (const project of result.projects) {
    if (!isCollected(project)) {
      notCollected++
      continue
    }
    worstScore = Math.max(worstScore ?? 0, project.score as number)
    if (project.status === 'partial' || (project.missing?.length ?? 0) > 0) partlyCollected++
    const worst = worstSeverity(project)
    if (worst) review[worst]++
    else clean++
  }
  return {
    projects: result.projects.length,
    review,
    reviewTotal: review.critical + review.high + review.medium + review.low,
    clean,
    notCollected,
    partlyCollected,
    unresolved: result.unresolved.length,
    incomplete: result.summary.incomplete,
    worstScore,
    meanScore: result.summary.portfolioScore ?? null,
  }
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * `2 of 5 projects need review (worst finding: 1 high, 1 medium); 2 clean; incomplete: 1 not collected`, or
 * `No project needs review: 12 clean`.
 */
export function verdictLine(result: ScanResult): string {
  const v = verdictOf(result)
  const parts: string[] = []
  if (v.projects === 0) parts.push('No upstream project found')
  else if (v.reviewTotal > 0) {
    const worst = REVIEW.filter((s) => v.review[s] > 0).map((s) => `${v.review[s]} ${s}`)
    const of = v.reviewTotal === v.projects ? '' : ` of ${v.projects}`
    // `1 project needs review`, `1 of 5 projects needs review`, `2 of 5 projects need review`
    const need = `${v.reviewTotal === 1 && !of ? 'project' : 'projects'} ${v.reviewTotal === 1 ? 'needs' : 'need'}`
    parts.push(`${v.reviewTotal}${of} ${need} review (worst finding: ${worst.join(', ')})`)
    if (v.clean > 0) parts.push(`${v.clean} clean`)
  } else if (v.clean > 0) parts.push(`No project needs review: ${v.clean} clean`)
  // Only projects not collected are left: none was judged.
  else parts.push(`None of the ${count(v.projects, 'project')} could be collected: nothing was judged`)
  const allMissing = v.projects > 0 && v.notCollected === v.projects
  const gaps = [
    ...(v.notCollected && !allMissing ? [`${v.notCollected} ${NOT_COLLECTED}`] : []),
    ...(v.partlyCollected ? [`${v.partlyCollected} partly collected`] : []),
  ]
  if (v.incomplete)
    parts.push(`incomplete${gaps.length ? `: ${gaps.join(', ')}` : allMissing ? '' : ' (an input could not be read)'}`)
  else if (gaps.length) parts.push(gaps.join(', '))
  if (v.unresolved > 0) parts.push(`${count(v.unresolved, 'component')} without an upstream repository`)
  const waived = result.findings.filter((f) => f.waiver).length
  if (waived > 0) parts.push(`${count(waived, 'finding')} waived`)
  return parts.join('; ')
}

/** `risk score (0 = no risk found, 100 = worst): worst 85, mean 41`, or that no project has one. */
export function riskScoreLine(result: ScanResult): string {
  const v = verdictOf(result)
  if (v.worstScore === null) return `${RISK_SCORE}: none (no project collected)`
  return `${RISK_SCORE} (${RISK_SCORE_SCALE}): worst ${v.worstScore}, mean ${v.meanScore ?? '-'}`
}

/** A project's risk score as text: the number, or `not collected`. */
export function scoreText(project: Pick<ProjectReport, 'score'>): string {
  return isCollected(project) ? String(project.score) : NOT_COLLECTED
}
