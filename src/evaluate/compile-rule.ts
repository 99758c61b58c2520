import {schemaProblems} from '../core/yaml-file.js'
import {METRIC_KEYS} from '../core/metric-keys.js'
import type {Names} from './cel.js'
import {compileCel} from './cel.js'
import {paramProblem, rangeProblem} from './params.js'
import {problemInScalar} from './positions.js'
import {Rule} from './schema.js'
import {compileTemplate} from './template.js'
import type {CompiledRule} from './types.js'
import type {RuleProblem, YamlSource} from './yaml-source.js'

export const METRIC_NAMES: ReadonlySet<string> = new Set(METRIC_KEYS)

/** Validates and compiles one rule found at `path` of a YAML file; every problem is located in the file. */
export function compileRule(
  raw: unknown,
  source: YamlSource,
  path: ReadonlyArray<PropertyKey>,
  pack: string | null,
): {rule?: CompiledRule; problems: RuleProblem[]} {
  const parsed = Rule.safeParse(raw)
  if (!parsed.success) return {problems: schemaProblems(parsed.error, source, path)}
  const rule = parsed.data
  const names: Names = {metrics: METRIC_NAMES, params: new Set(Object.keys(rule.params))}
  const problems: RuleProblem[] = []
  const condition = compileCel(rule.condition, names)
  for (const p of condition.problems) problems.push(problemInScalar(source, [...path, 'condition'], p))
  const message = compileTemplate(rule.message, names)
  for (const p of message.problems) problems.push(problemInScalar(source, [...path, 'message'], p))
  for (const [name, value] of Object.entries(rule.params)) {
    const problem = rangeProblem(name, value)
    if (problem) problems.push(here(source, [...path, 'params'], problem, name))
  }
  for (const kind of ['pass', 'fail'] as const) {
    rule.tests[kind].forEach((testCase, i) => {
      const at = [...path, 'tests', kind, i]
      for (const key of Object.keys(testCase.metrics)) {
        if (!METRIC_NAMES.has(key))
          problems.push(here(source, [...at, 'metrics'], `unknown metric '${key}' in test '${testCase.name}'`, key))
      }
      for (const [name, value] of Object.entries(testCase.params ?? {})) {
        const problem = paramProblem(rule.params, name, value)
        if (problem) problems.push(here(source, [...at, 'params'], problem, name))
      }
      if (kind === 'pass' && testCase.message !== undefined) {
        problems.push(here(source, at, `pass case '${testCase.name}' cannot expect a message`, 'message'))
      }
    })
  }
  rule.evidence?.forEach((key, i) => {
    if (!METRIC_NAMES.has(key))
      problems.push(here(source, [...path, 'evidence', i], `unknown metric '${key}' in evidence`, key))
  })
  if (problems.length > 0 || !condition.expression || !message.template) return {problems}
  const metrics = [...new Set([...condition.expression.metrics, ...message.template.metrics])]
  const order = [...METRIC_NAMES]
  metrics.sort((a, b) => order.indexOf(a) - order.indexOf(b))
  return {
    problems: [],
    rule: {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      rationale: rule.rationale.trim(),
      remediation: rule.remediation.trim(),
      condition: rule.condition.trim(),
      message: rule.message.trim(),
      params: {...rule.params},
      defaults: rule.params,
      appliesTo: rule.applies_to,
      references: rule.references,
      tags: rule.tags,
      tests: rule.tests,
      testLines: {
        pass: rule.tests.pass.map((_, i) => source.lineAt([...path, 'tests', 'pass', i])),
        fail: rule.tests.fail.map((_, i) => source.lineAt([...path, 'tests', 'fail', i])),
      },
      file: source.file,
      line: source.lineAt(path),
      pack,
      compiled: {condition: condition.expression, message: message.template},
      metrics,
      evidenceMetrics: rule.evidence ?? metrics,
    },
  }
}

function here(source: YamlSource, path: ReadonlyArray<PropertyKey>, message: string, key?: string): RuleProblem {
  return {file: source.file, ...source.positionAt(path, key), message}
}
