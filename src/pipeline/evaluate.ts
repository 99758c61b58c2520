import {relist} from '../core/measurement.js'
import {usageError} from '../core/errors.js'
import type {ScanResult, Waiver} from '../core/model.js'
import {loadRules, type ParamOverrides, recordedWaivers} from '../evaluate/index.js'
import {type MeasuredReport, readMeasuredReport} from '../report/index.js'
import {judge, type MeasuredProject, type MeasuredScan} from './judge.js'
import {waiverJudgement} from './waivers.js'
import {checkLists, readReport} from './scan.js'

export interface EvaluateOptions {
  /** The JSON report to judge again. */
  report: string
  rules: string[]
  params?: ParamOverrides
  /** The lists that count as listed; default: those the report was judged with. */
  lists?: string[]
  version: string
  /** Waivers to apply instead of those the report recorded (`--waivers`, `waivers:`); undefined: the report's own. */
  waivers?: Waiver[]
  /** The run's clock, which waiver expiry is judged against (tests set it). */
  now?: Date
  /** One-line notices a user must see (a report too old to name people). */
  onNotice?: (message: string) => void
}

/** The code of a rule that could not be evaluated (src/evaluate): the rules' part of a report's errors. */
const RULE_ERROR = 'rule-evaluation'

/**
 * Judges a saved JSON report again: its measured data as stored, other rules, parameters or lists. Nothing is
 * collected or measured again, so the result is the report a fresh scan with these rules would have written from
 * the same data: both are judged by pipeline/judge.ts. A report that was incomplete stays incomplete.
 */
export async function runEvaluate(options: EvaluateOptions): Promise<ScanResult> {
  const rules = await loadRules(options.rules, options.params ?? {})
  const {report, measured} = await readReport(options.report, readMeasuredReport)
  if (!measured) {
    const written = `${options.report}: written with report schema ${report.schemaVersion}`
    if (options.lists?.length)
      throw usageError(
        'report-no-listings',
        `${written}, which does not record who works for a listed organisation: --lists cannot be applied`,
        'scan again with this stewards (report schema 1.2.0 or later) to judge other lists',
      )
    options.onNotice?.(
      `${written}, which does not record the people behind the metrics: findings name nobody, and rules see no configured lists; scan again for the full evidence`,
    )
  }
  // The report's waivers are applied again, against this run's clock: one that has expired since stops applying.
  const waivers = options.waivers ?? (report.waivers ? recordedWaivers(report.waivers.entries) : undefined)
  return judge(measuredScan(report, options), rules, waiverJudgement(waivers, options.now))
}

/** The report's measured data, as the rules will see it (relisted when other lists are chosen). */
function measuredScan(report: MeasuredReport, options: EvaluateOptions): MeasuredScan {
  // Checked field by field by readMeasuredReport; the nested records (components, facts, people) pass as written.
  let projects = report.projects as unknown as MeasuredProject[]
  let lists = report.lists
  if (options.lists?.length) {
    const known = report.lists?.known ?? []
    checkLists(options.lists, known)
    lists = {known, selected: [...options.lists]}
    const selected = lists.selected
    projects = projects.map((project) => {
      const {listings, evidence = []} = project
      return listings ? {...project, ...relist({metrics: project.metrics, evidence, listings}, selected)} : project
    })
  }
  const {summary, errors} = report
  return {
    version: options.version,
    window: report.window,
    inputs: report.inputs,
    projects,
    unresolved: report.unresolved as unknown as ScanResult['unresolved'],
    lists,
    components: summary.components,
    // Reports before schema 1.2.0 say only `incomplete`: it came from the data unless only rules failed.
    inputsIncomplete:
      summary.inputsIncomplete ??
      (summary.incomplete && !(errors.length > 0 && errors.every((e) => e.code === RULE_ERROR))),
    skipped: report.skipped as unknown as ScanResult['skipped'],
    errors: errors.filter((e) => e.code !== RULE_ERROR) as unknown as ScanResult['errors'],
    ...(report.requests ? {requests: report.requests as unknown as ScanResult['requests']} : {}),
  }
}
