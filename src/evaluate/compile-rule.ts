import type {z} from 'zod'
import {metricKeys} from '../measure/index.js'
import type {Names} from './cel.js'
import {compileCel} from './cel.js'
import {paramProblem, rangeProblem} from './params.js'
import {problemInScalar} from './positions.js'
import {Rule} from './schema.js'
import {compileTemplate} from './template.js'
import type {CompiledRule} from './types.js'
import {locate, type RuleProblem, type YamlSource} from './yaml-source.js'

export const METRIC_NAMES: ReadonlySet<string> = new Set(metricKeys().map((k) => k.key))

/** Validates and compiles one rule found at `path` of a YAML file; every problem is located in the file. */
export function compileRule(
  raw: unknown,
  source: YamlSource,
  path: ReadonlyArray<PropertyKey>,
  pack: string | null,
): {rule?: CompiledRule; problems: RuleProblem[]} {
  const parsed = Rule.safeParse(raw)
  if (!parsed.success) return {problems: zodProblems(parsed.error, source, path, raw)}
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
        if (!METRIC_NAMES.has(key)) problems.push(here(source, [...at, 'metrics'], `unknown metric '${key}' in test '${testCase.name}'`, key))
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
    if (!METRIC_NAMES.has(key)) problems.push(here(source, [...path, 'evidence', i], `unknown metric '${key}' in evidence`, key))
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
        pass: rule.tests.pass.map((_, i) => locate(source, [...path, 'tests', 'pass', i]).line),
        fail: rule.tests.fail.map((_, i) => locate(source, [...path, 'tests', 'fail', i]).line),
      },
      file: source.file,
      line: locate(source, path).line,
      pack,
      compiled: {condition: condition.expression, message: message.template},
      metrics,
      evidenceMetrics: rule.evidence ?? metrics,
    },
  }
}

function here(source: YamlSource, path: ReadonlyArray<PropertyKey>, message: string, key?: string): RuleProblem {
  return {file: source.file, ...locate(source, path, key), message}
}

/** zod issues as file problems: unknown keys at the key, type errors at the value, missing keys at the parent. */
export function zodProblems(error: z.ZodError, source: YamlSource, path: ReadonlyArray<PropertyKey>, raw: unknown): RuleProblem[] {
  return error.issues.map((issue) => {
    const at = [...path, ...issue.path]
    const dotted = issue.path.join('.')
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]
      const message = issue.keys.length > 1 ? `unknown keys ${issue.keys.map((k) => `'${k}'`).join(', ')}` : `unknown key '${key}'`
      return here(source, at, dotted ? `${message} in '${dotted}'` : message, key)
    }
    if (issue.path.length > 0 && valueAt(raw, issue.path) === undefined) {
      return here(source, [...path, ...issue.path.slice(0, -1)], `missing key '${dotted}'`)
    }
    return here(source, at, dotted ? `'${dotted}': ${lower(issue.message)}` : lower(issue.message))
  })
}

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = value
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[step]
  }
  return current
}

function lower(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1)
}
