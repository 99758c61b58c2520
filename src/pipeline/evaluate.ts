import {existsSync} from 'node:fs'
import {relist} from '../core/measurement.js'
import {usageError} from '../core/errors.js'
import type {ScanResult} from '../core/model.js'
import {loadRules, type ParamOverrides} from '../evaluate/index.js'
import {type MeasuredReport, readMeasuredReport} from '../report/index.js'
import {loadConfig, type ScanConfig} from './config.js'
import {judge, type MeasuredProject, type MeasuredScan} from './judge.js'
import {checkLists, readReport} from './scan.js'

export interface EvaluateOptions {
  /** The JSON report to judge again. */
  report: string
  rules: string[]
  params?: ParamOverrides
  /** The lists that count as listed; default: those the report was judged with. */
  lists?: string[]
  version: string
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
  return judge(measuredScan(report, options), rules)
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

/**
 * The settings file for `evaluate`: `--config FILE`, else `.stewards.yaml` in the working directory when there is
 * one. Only the judging keys apply (rules, params, lists, failOn, format, output, baseline); collection settings
 * have nothing to do on a saved report.
 */
export async function evaluateSettings(file: string | undefined): Promise<ScanConfig> {
  if (file) return loadConfig(file)
  return existsSync('.stewards.yaml') ? loadConfig('.stewards.yaml', 'working-directory') : {}
}
