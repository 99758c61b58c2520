import {describe, expect, it} from 'vitest'
import {celPercent, compileCel, LIMITS} from './cel.js'

const names = {
  metrics: new Set(['top_company_share', 'commits_per_org', 'listed_organizations']),
  params: new Set(['limit']),
}
const bindings = {
  m: {top_company_share: 0.6, commits_per_org: {'Example Corp': 6, Initech: 1}, listed_organizations: ['Globex Labs']},
  p: {limit: 0.5},
  project: {repo: 'github.com/example/widget', status: 'ok', reason: null, since: null, until: null},
  lists: ['watch-a'],
}

function run(source: string): unknown {
  const {expression, problems} = compileCel(source, names)
  if (!expression) return problems.map((p) => p.message)
  const value = expression.run(bindings)
  return value instanceof Error ? `error: ${value.message}` : value
}

describe('CEL for rules', () => {
  it('reads metrics, parameters, maps, lists and project facts', () => {
    expect(run('m.top_company_share > p.limit')).toBe(true)
    expect(run("'Initech' in m.commits_per_org && m.commits_per_org['Initech'] == 1")).toBe(true)
    expect(run('m.commits_per_org.exists(org, m.commits_per_org[org] > 5)')).toBe(true)
    expect(run("m.listed_organizations.exists(o, o.startsWith('Globex'))")).toBe(true)
    expect(run("project.status == 'ok' && lists.size() == 1")).toBe(true)
    expect(run('percent(m.top_company_share)')).toBe('60.0%')
    expect(run("m.listed_organizations.join('; ')")).toBe('Globex Labs')
  })

  it('records which metrics and parameters an expression reads', () => {
    const {expression} = compileCel(
      "m.top_company_share > p.limit || has(m.commits_per_org) || m['listed_organizations'] == []",
      names,
    )
    expect(expression?.metrics).toEqual(['commits_per_org', 'listed_organizations', 'top_company_share'])
    expect(expression?.params).toEqual(['limit'])
  })

  it('regular expressions run on RE2: a catastrophic pattern cannot backtrack', () => {
    // With a backtracking engine this is 2^40 steps; RE2 answers in linear time.
    expect(run(`'${'a'.repeat(40)}!'.matches('^(a+)+$')`)).toBe(false)
  })

  it('leaves out string replace, the one function whose output grows exponentially when nested', () => {
    expect(run("'a'.replace('a', 'aa')")).toEqual(["unknown function 'replace'"])
  })

  it('rejects over-long expressions and deep nesting before parsing', () => {
    expect(run(`${'1 + '.repeat(600)}1`)).toEqual(['expression longer than 2000 characters'])
    expect(run(`${'['.repeat(33)}${']'.repeat(33)}`)).toEqual(['brackets nested deeper than 32'])
    expect(run(`'${'('.repeat(40)}' == ''`)).toBe(false)
  })

  it('spends at most its budget: a comprehension over long inputs is an error, not a hang', () => {
    // Before, nesting within LIMITS.comprehensionDepth over a parameter N long cost N²: a tree's rule and its
    // settings' params made one evaluation take hours. The sizes iterated and walked are now metered.
    const xs = Array.from({length: 2_000}, (_, i) => i)
    const over = (source: string) => {
      const {expression} = compileCel(source, {metrics: names.metrics, params: new Set(['xs'])})
      const value = expression?.run({...bindings, p: {xs}})
      return value instanceof Error ? value.message : value
    }
    const budget = `evaluation exceeds its budget of ${LIMITS.cost.toLocaleString('en-US')} cost units`
    // 2,000 × 2,000 steps.
    expect(over('p.xs.exists(a, p.xs.exists(b, a + b == -1.0))')).toContain(budget)
    // One loop, but each step walks the list (`in`, `==`): what each function is given counts too.
    expect(over('p.xs.exists(a, a + 0.5 in p.xs)')).toContain(budget)
    expect(over('p.xs.all(a, p.xs == p.xs)')).toContain(budget)
    // An error `||` would absorb is still the evaluation's; a side never evaluated costs nothing.
    expect(over('p.xs.exists(a, p.xs.exists(b, a + b == -1.0)) || true')).toContain(budget)
    expect(over('true || p.xs.exists(a, p.xs.exists(b, a + b == -1.0))')).toBe(true)
    // Within the budget, the same expressions answer, and every evaluation starts afresh.
    const short = (source: string) => {
      const {expression} = compileCel(source, {metrics: names.metrics, params: new Set(['xs'])})
      return expression?.run({...bindings, p: {xs: xs.slice(0, 100)}})
    }
    for (let i = 0; i < 3; i++) {
      expect(short('p.xs.exists(a, p.xs.exists(b, a + b == -1.0))')).toBe(false)
      expect(short('p.xs.exists(a, a + 0.5 in p.xs)')).toBe(false)
    }
    // `map` and `filter` over 5,000 items: their own result, appended to at each step, is charged at a sixteenth of
    // its size (in full, they failed past 440 items).
    const long = (source: string) => {
      const {expression} = compileCel(source, {metrics: names.metrics, params: new Set(['xs'])})
      return expression?.run({...bindings, p: {xs: Array.from({length: 5_000}, (_, i) => i)}})
    }
    expect(long('p.xs.map(x, x + 1.0).size() == 5000')).toBe(true)
    expect(long('p.xs.filter(x, x >= 0.0).size() == 5000')).toBe(true)
    // Indexing, methods and `has` are unchanged by the meter.
    expect(run("m.commits_per_org.size() == 2 && has(m.commits_per_org) && 'watch-a'.startsWith('watch')")).toBe(true)
    expect(run("m.commits_per_org['Initech'] == 1 && m.listed_organizations[0] == 'Globex Labs'")).toBe(true)
  })

  it('formats percentages, unknown when not a number', () => {
    expect([celPercent(0.6715), celPercent(1n), celPercent(null), celPercent('x')]).toEqual([
      '67.2%',
      '100.0%',
      'unknown',
      'unknown',
    ])
  })
})
