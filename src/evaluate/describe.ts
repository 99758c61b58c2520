import type {ParamValue} from '../core/model.js'
import {formatProblem, type Problem} from '../core/problem.js'
import {describeRange, paramRange} from './params.js'
import type {RuleTestResult} from './tester.js'
import type {CompiledRule} from './types.js'
import {alignColumns} from '../core/columns.js'

/** Plain data about a rule, for `--json` output: everything but the compiled CEL. */
export function ruleView(rule: CompiledRule) {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    pack: rule.pack,
    file: rule.file,
    line: rule.line,
    rationale: rule.rationale,
    remediation: rule.remediation,
    condition: rule.condition,
    message: rule.message,
    params: rule.params,
    defaults: rule.defaults,
    appliesTo: rule.appliesTo,
    metrics: rule.metrics,
    references: rule.references,
    tags: rule.tags,
    tests: {pass: rule.tests.pass.length, fail: rule.tests.fail.length},
  }
}

/** Aligned columns: ID, SEVERITY, PACK, TITLE. */
export function ruleTable(rules: readonly CompiledRule[]): string[] {
  const rows = rules.map((r) => [r.id, r.severity, r.pack ?? '-', r.title])
  return alignColumns([['ID', 'SEVERITY', 'PACK', 'TITLE'], ...rows])
}

export function explainRule(rule: CompiledRule): string[] {
  const lines = [
    `${rule.id} (${rule.severity}): ${rule.title}`,
    `Defined in ${rule.file}:${rule.line}${rule.pack ? ` (pack ${rule.pack})` : ''}`,
    '',
    `Why: ${rule.rationale}`,
    `What to do: ${rule.remediation}`,
    '',
    'Fires when (CEL):',
    ...rule.condition.split('\n').map((l) => `  ${l}`),
    `Message: ${rule.message}`,
    `Applies to projects with status: ${rule.appliesTo.join(', ')}`,
    `Reads metrics: ${rule.metrics.join(', ') || '(none)'}`,
  ]
  const params = Object.entries(rule.params)
  if (params.length > 0) {
    lines.push('Parameters (override with {"' + rule.id + '": {"name": value}}):')
    for (const [name, value] of params) {
      const declared = rule.defaults[name]
      const changed = JSON.stringify(declared) !== JSON.stringify(value)
      const range = paramRange(name)
      const notes = [
        changed && `rule default ${show(declared)}`,
        range && `a ${range.kind}: ${describeRange(range)}`,
      ].filter(Boolean)
      lines.push(`  ${name} = ${show(value)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`)
    }
  }
  if (rule.references.length > 0) lines.push('References:', ...rule.references.map((r) => `  ${r}`))
  lines.push(`Embedded tests: ${rule.tests.pass.length} pass, ${rule.tests.fail.length} fail cases`)
  return lines
}

/** A failing embedded test case as a problem at the case's line (the shape schema and CEL problems have). */
export function testFailureProblem(result: RuleTestResult): Problem {
  return {
    file: result.file,
    line: result.line,
    column: 1,
    message: `${result.ruleId}: ${result.kind} case "${result.name}" ${result.reason}`,
  }
}

export function formatTestFailure(result: RuleTestResult): string {
  return formatProblem(testFailureProblem(result))
}

function show(value: ParamValue): string {
  return JSON.stringify(value)
}
