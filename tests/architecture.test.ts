/**
 * The house keeps itself: stage boundaries, plug-in independence and no import cycles, checked on the source
 * text of every production module (tests and fixtures may reach anywhere).
 *
 * - A stage (discover, resolve, collect, attribute, measure, evaluate, report, entities) imports another stage
 *   only through its `index.ts`, and anything of `core/`.
 * - `core/` imports nothing outside `core/`.
 * - `pipeline/` (the only place that knows the stage order), `commands/` and `hooks/` import stages through
 *   their `index.ts`; commands may import `pipeline/`.
 * - A plug-in folder (`formats/<id>`, `resolvers/<id>`, `sources/<id>`, `metrics/<id>`) never imports another
 *   plug-in folder of its family.
 * - `evaluate/` imports `measure/` for types only: rules judge the measurement as data, so a saved report can be
 *   judged again (`stewards evaluate`); what both need at run time is in `core/`.
 * - No import cycle among production modules (type-only imports excepted: they vanish at run time).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {dirname, join, normalize, relative} from 'node:path'
import {describe, expect, it} from 'vitest'

const root = join(import.meta.dirname, '..')
const src = join(root, 'src')
const STAGES = ['discover', 'resolve', 'collect', 'attribute', 'measure', 'evaluate', 'report', 'entities']
const PLUGIN_FAMILIES = ['formats', 'resolvers', 'sources', 'metrics']

interface Edge {
  from: string
  to: string
  typeOnly: boolean
}

function sourceFiles(dir: string, tests = false): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('__')) out.push(...sourceFiles(path, tests))
    } else if (entry.name.endsWith('.ts') && entry.name.endsWith('.test.ts') === tests) out.push(path)
  }
  return out
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/g
const DYNAMIC = /import\(\s*'(\.{1,2}\/[^']+)'\s*\)/g

/** The imports of the production modules, or (`tests`) of the tests beside them. */
function edges(tests = false): Edge[] {
  const out: Edge[] = []
  for (const file of sourceFiles(src, tests)) {
    const text = readFileSync(file, 'utf8')
    const from = relative(src, file)
    const add = (spec: string, typeOnly: boolean) => {
      const to = normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts')
      out.push({from, to, typeOnly})
    }
    for (const m of text.matchAll(IMPORT)) add(m[3], Boolean(m[2]))
    for (const m of text.matchAll(DYNAMIC)) add(m[1], false)
  }
  return out
}

/** Why an import breaks the house rules, or null. */
function violation(from: string, to: string): string | null {
  const [fromTop] = from.split('/')
  const [toTop] = to.split('/')
  if (to.startsWith('..')) return 'imports from outside src/'
  if (fromTop === 'core') return toTop === 'core' ? null : 'core imports only core'
  if (toTop === 'core' || toTop === fromTop) return pluginViolation(from, to)
  const throughIndex = to === `${toTop}/index.ts`
  if (STAGES.includes(toTop)) return throughIndex ? null : `reaches into ${toTop}/ past its index.ts`
  if (toTop === 'pipeline') return fromTop === 'commands' ? null : 'only commands import the pipeline'
  return `imports ${toTop}/`
}

function pluginViolation(from: string, to: string): string | null {
  const a = from.split('/')
  const b = to.split('/')
  for (const family of PLUGIN_FAMILIES) {
    const i = a.indexOf(family)
    const j = b.indexOf(family)
    if (i < 0 || j < 0 || i !== j || a.slice(0, i).join('/') !== b.slice(0, j).join('/')) continue
    if (a.length > i + 2 && b.length > j + 2 && a[i + 1] !== b[j + 1])
      return `plug-in ${a[i + 1]} imports plug-in ${b[j + 1]}`
  }
  return null
}

function cycles(all: Edge[]): string[][] {
  const graph = new Map<string, string[]>()
  for (const e of all) if (!e.typeOnly) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to])
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  let counter = 0
  const visit = (v: string) => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1) found.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('architecture', () => {
  const all = edges()

  it('reads the imports of every production module', () => {
    expect(all.length).toBeGreaterThan(500)
    expect(all.some((e) => e.from === 'pipeline/scan.ts')).toBe(true)
  })

  it('keeps stage boundaries and plug-in independence', () => {
    const broken = all
      .map((e) => ({...e, why: violation(e.from, e.to)}))
      .filter((e) => e.why !== null)
      .map((e) => `src/${e.from} → src/${e.to}: ${e.why}`)
    expect(broken, 'export what is needed from the stage index.ts, or move shared code to core/').toEqual([])
  })

  it('evaluation imports measure for types only: it judges the measurement as data (a saved report too)', () => {
    const calls = all.filter((e) => e.from.startsWith('evaluate/') && e.to.startsWith('measure/') && !e.typeOnly)
    expect(calls.map((e) => `src/${e.from} → src/${e.to}`)).toEqual([])
  })

  it("a plug-in's own test never imports another plug-in (it takes it from the registry: tests/support/registered.ts)", () => {
    const tests = edges(true)
    expect(tests.some((e) => e.from.includes('/resolvers/') && e.from.endsWith('index.test.ts'))).toBe(true)
    const broken = tests
      .map((e) => ({...e, why: pluginViolation(e.from, e.to)}))
      .filter((e) => e.why !== null)
      .map((e) => `src/${e.from} → src/${e.to}: ${e.why}`)
    expect(broken).toEqual([])
  })

  it('has no import cycle', () => {
    expect(cycles(all)).toEqual([])
  })

  it('catches what it is meant to catch', () => {
    expect(violation('report/formats/json/index.ts', 'collect/octokit/client.ts')).toMatch(/past its index/)
    expect(violation('report/formats/json/index.ts', 'collect/index.ts')).toBeNull()
    expect(violation('core/model.ts', 'discover/index.ts')).toMatch(/core imports only core/)
    expect(violation('discover/formats/a/index.ts', 'discover/formats/b/index.ts')).toMatch(
      /plug-in a imports plug-in b/,
    )
    expect(violation('discover/formats/a/index.ts', 'discover/output.ts')).toBeNull()
    expect(violation('measure/index.ts', 'pipeline/scan.ts')).toMatch(/only commands/)
    expect(
      cycles([
        {from: 'a.ts', to: 'b.ts', typeOnly: false},
        {from: 'b.ts', to: 'a.ts', typeOnly: false},
      ]),
    ).toEqual([['a.ts', 'b.ts']])
  })
})
