import {isCelList, isCelMap} from '@bufbuild/cel'
import {
  type Bindings,
  type CelProblem,
  type CompiledExpression,
  compileCel,
  type CostBudget,
  type Names,
} from './cel.js'

/**
 * Message templates: literal text with `{{ expression }}` placeholders, each a CEL expression over the same
 * variables as the condition (`{{ m.top_company }}`, `{{ percent(m.top_company_share) }}`). One language for
 * conditions and messages, so a rule author learns nothing extra.
 */
export interface CompiledTemplate {
  parts: Array<string | CompiledExpression>
  metrics: string[]
  params: string[]
}

const PLACEHOLDER = /\{\{(.*?)\}\}/gs

export function compileTemplate(text: string, names: Names): {template?: CompiledTemplate; problems: CelProblem[]} {
  const parts: CompiledTemplate['parts'] = []
  const problems: CelProblem[] = []
  let last = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, match.index))
    last = match.index + match[0].length
    const inner = match[1]
    const compiled = compileCel(inner.trim(), names)
    if (compiled.expression) {
      parts.push(compiled.expression)
      continue
    }
    // Shift positions from the placeholder's text to the template's.
    const start = match.index + 2 + (inner.length - inner.trimStart().length)
    const [line, column] = lineCol(text, start)
    for (const p of compiled.problems) {
      problems.push({
        line: line + p.line - 1,
        column: p.line === 1 ? column + p.column - 1 : p.column,
        message: p.message,
      })
    }
  }
  const rest = text.slice(last)
  if (rest.includes('{{')) problems.push({...at(text, last + rest.indexOf('{{')), message: "unclosed '{{' in message"})
  parts.push(rest)
  if (problems.length > 0) return {problems}
  const expressions = parts.filter((p): p is CompiledExpression => typeof p !== 'string')
  return {
    problems: [],
    template: {
      parts: parts.filter((p) => p !== ''),
      metrics: [...new Set(expressions.flatMap((e) => e.metrics))].sort(),
      params: [...new Set(expressions.flatMap((e) => e.params))].sort(),
    },
  }
}

/** Renders a template; a placeholder that fails to evaluate reads `unknown` (and is reported to `onError`). */
export function renderTemplate(
  template: CompiledTemplate,
  bindings: Bindings,
  onError?: (message: string) => void,
  budget?: CostBudget,
): string {
  return template.parts
    .map((part) => {
      if (typeof part === 'string') return part
      const value = part.run(bindings, budget)
      if (value instanceof Error) {
        onError?.(`message placeholder {{ ${part.source} }}: ${value.message}`)
        return 'unknown'
      }
      return formatValue(value)
    })
    .join('')
}

/** Human text for a CEL value: shares stay as numbers (use percent() for %), null reads "unknown". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'unknown'
  if (typeof value === 'string') return value
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)))
  if (isCelList(value)) return [...value].map(formatValue).join(', ')
  if (isCelMap(value)) return [...value.entries()].map(([k, v]) => `${formatValue(k)}: ${formatValue(v)}`).join(', ')
  if (Array.isArray(value)) return value.map(formatValue).join(', ')
  return String(value)
}

function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n')
  return [before.length, before[before.length - 1].length + 1]
}

function at(text: string, offset: number): {line: number; column: number} {
  const [line, column] = lineCol(text, offset)
  return {line, column}
}
