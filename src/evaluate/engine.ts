import type {Finding, Metrics, RuleMeta} from '../core/model.js'
import {peopleBehind} from '../core/measurement.js'
import {METRIC_KEYS} from '../core/metric-keys.js'
import {type Bindings, type CostBudget, PROJECT_COST} from './cel.js'
import {renderTemplate} from './template.js'
import type {CompiledRule, EvaluationContext, RuleEvaluationError, RuleSet} from './types.js'

/** Rule metadata for ScanResult.rules (SARIF `tool.driver.rules`, report help), in rule-set order. */
export function ruleMetas(rules: RuleSet): RuleMeta[] {
  return rules.rules.map(({id, title, severity, rationale, remediation}) => ({
    id,
    title,
    severity,
    rationale,
    remediation,
  }))
}

/**
 * Findings of every rule that fires on one project, in rule order (the pipeline sorts them once, src/core/order.ts), plus the rules that could
 * not be evaluated (e.g. a comparison with an unknown value the rule did not guard): those are data for the scan's
 * error list (the scan is then incomplete), never a crash and never a silent pass.
 */
export function evaluateProjectDetailed(
  rules: RuleSet,
  context: EvaluationContext,
  // One budget for all the rules on this project (cel.ts PROJECT_COST): rules a scanned tree brings cannot add up.
  budget: CostBudget = {left: PROJECT_COST},
): {findings: Finding[]; errors: RuleEvaluationError[]} {
  const findings: Finding[] = []
  const errors: RuleEvaluationError[] = []
  for (const rule of rules.rules) {
    const outcome = evaluateRule(rule, context, rule.params, budget)
    if (outcome.error) errors.push(outcome.error)
    if (outcome.finding) findings.push(outcome.finding)
  }
  return {findings, errors}
}

/** One rule on one project with the given parameters (the embedded tests call this too). */
export function evaluateRule(
  rule: CompiledRule,
  context: EvaluationContext,
  params: CompiledRule['params'],
  budget?: CostBudget,
): {finding?: Finding; error?: RuleEvaluationError} {
  if (!rule.appliesTo.includes(context.status)) return {}
  const bindings = bindingsFor(context, params)
  const result = rule.compiled.condition.run(bindings, budget)
  const fail = (message: string) => ({
    error: {
      file: rule.file,
      line: rule.line,
      code: 'rule-evaluation' as const,
      message: `${rule.id} on ${context.repo}: ${message}`,
    },
  })
  if (result instanceof Error) return fail(result.message)
  if (typeof result !== 'boolean')
    return fail(`condition must be true or false, got ${result === null ? 'null' : typeof result}`)
  if (!result) return {}
  const templateErrors: string[] = []
  const message = renderTemplate(rule.compiled.message, bindings, (e) => templateErrors.push(e), budget)
  const finding: Finding = {
    ruleId: rule.id,
    severity: rule.severity,
    repo: context.repo,
    message,
    evidence: evidenceFor(rule, context, bindings.m as Metrics, params),
    locations: context.locations ?? [],
  }
  return templateErrors.length > 0 ? {finding, ...fail(templateErrors.join('; '))} : {finding}
}

/** The CEL variables (README: "What a rule sees"): every documented metric key is present, null when unknown. */
export function bindingsFor(context: EvaluationContext, params: CompiledRule['params']): Bindings {
  const m: Record<string, unknown> = {}
  for (const key of METRIC_KEYS) m[key] = context.metrics[key] ?? null
  return {
    m,
    p: params,
    project: {
      repo: context.repo,
      status: context.status,
      reason: context.reason ?? null,
      missing: missingParts(context),
      since: context.window?.since ?? null,
      until: context.window?.until ?? null,
    },
    lists: context.lists ?? [],
  }
}

function evidenceFor(
  rule: CompiledRule,
  context: EvaluationContext,
  metrics: Metrics,
  params: CompiledRule['params'],
): Finding['evidence'] {
  const shown: Metrics = {}
  for (const key of rule.metrics) shown[key] = metrics[key]
  const evidence: Finding['evidence'] = {metrics: shown}
  if (context.evidence) {
    const people = peopleBehind(context.evidence, rule.evidenceMetrics)
    if (people.length > 0) evidence.people = people
  }
  if (Object.keys(params).length > 0) evidence.params = params
  const missing = missingParts(context)
  const notes = [context.reason, missing.length > 0 ? `could not be read: ${missing.join(', ')}` : undefined].filter(
    Boolean,
  )
  if (notes.length > 0) evidence.note = notes.join('; ')
  return evidence
}

/** The parts of the project that could not be read, sorted. */
function missingParts(context: EvaluationContext): string[] {
  return [...new Set(context.missing ?? [])].sort()
}
