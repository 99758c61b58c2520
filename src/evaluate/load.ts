import {readdir, stat} from 'node:fs/promises'
import {basename, join, sep} from 'node:path'
import {StewardsError} from '../core/errors.js'
import {shippedPath, shownPath} from '../core/package-root.js'
import {formatProblem} from '../core/problem.js'
import {schemaProblems} from '../core/yaml-file.js'
import {compileRule} from './compile-rule.js'
import {paramProblem} from './params.js'
import {Pack, ParamOverrides} from './schema.js'
import type {CompiledRule, RuleSet} from './types.js'
import {MAX_RULE_FILE_BYTES, type RuleProblem, readYaml, type YamlSource} from './yaml-source.js'
import {plainReason} from '../core/fs-reason.js'
import {readRegularFile} from '../core/regular-file.js'

/** Shipped rules live in the package: `<package>/rules/packs/<name>/`. */
export const PACKS_ROOT = shippedPath('rules', 'packs')
export const DEFAULT_PACK = 'default'
const MANIFEST = 'pack.yaml'

/** Rule files with their problems: exit 3, one `file:line:column: reason` per line, never a stack trace. */
export class RulesError extends StewardsError {
  readonly problems: RuleProblem[]
  constructor(problems: RuleProblem[]) {
    super('rules-invalid', problems.map(formatProblem).join('\n'))
    this.problems = problems
  }
}

/**
 * Loads rule packs and files: a spec is a shipped pack name (`default`, `strict`), a pack folder, a pack file
 * (`rules: [...]`) or a single rule file. `overrides` sets parameters without copying rules: `{ruleId: {param:
 * value}}`. Throws RulesError listing every problem found.
 */
export async function loadRules(specs: string[] = [], overrides: ParamOverrides = {}): Promise<RuleSet> {
  const sources = specs.length > 0 ? specs : [DEFAULT_PACK]
  const {rules, problems} = await collectRules(sources)
  if (problems.length > 0) throw new RulesError(problems)
  return {rules: applyOverrides(rules, overrides), sources}
}

/**
 * Loads without throwing: for `rules validate`, which reports everything at once. Specs that yield no rule at all
 * are a problem: checking or scanning with nothing to evaluate would read as "all clear".
 */
export async function collectRules(specs: string[]): Promise<{rules: CompiledRule[]; problems: RuleProblem[]}> {
  const loader = new Loader()
  const rules: CompiledRule[] = []
  for (const spec of specs) rules.push(...(await loader.spec(spec)))
  if (rules.length === 0 && loader.problems.length === 0) {
    loader.problems.push({file: specs.join(', '), line: 1, column: 1, message: 'no rule found'})
  }
  return {rules: loader.unique(rules), problems: loader.problems}
}

export async function shippedPacks(): Promise<string[]> {
  const entries = await readdir(PACKS_ROOT, {withFileTypes: true}).catch(() => [])
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
}

export function applyOverrides(rules: CompiledRule[], overrides: ParamOverrides): CompiledRule[] {
  const parsed = ParamOverrides.safeParse(overrides)
  if (!parsed.success) {
    throw new StewardsError(
      'rule-override',
      `rule parameter overrides: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  }
  const problems: string[] = []
  const byId = new Map(rules.map((r) => [r.id, r]))
  for (const [id, values] of Object.entries(parsed.data)) {
    const rule = byId.get(id)
    if (!rule) {
      problems.push(`unknown rule '${id}'`)
      continue
    }
    for (const [name, value] of Object.entries(values)) {
      const problem = paramProblem(rule.defaults, name, value)
      if (problem) problems.push(`${id}: ${problem}`)
    }
  }
  if (problems.length > 0) {
    throw new StewardsError('rule-override', `rule parameter overrides: ${problems.join('; ')}`)
  }
  return rules.map((rule) =>
    parsed.data[rule.id] ? {...rule, params: {...rule.params, ...parsed.data[rule.id]}} : rule,
  )
}

class Loader {
  problems: RuleProblem[] = []

  async spec(spec: string): Promise<CompiledRule[]> {
    const looksLikePath = spec.includes('/') || spec.includes(sep) || /\.ya?ml$/i.test(spec)
    const shipped = join(PACKS_ROOT, spec)
    if (!looksLikePath && /^[a-z0-9-]+$/.test(spec) && (await isDir(shipped))) return this.packDir(shipped, [])
    const info = await stat(spec).catch(() => null)
    if (info?.isDirectory()) return this.packDir(spec, [])
    if (info?.isFile()) return this.file(spec, [])
    const packs = await shippedPacks()
    this.problems.push({
      file: spec,
      line: 1,
      column: 1,
      message: `no such rule file, folder or pack (shipped packs: ${packs.join(', ')})`,
    })
    return []
  }

  /** A folder: `pack.yaml` (optional) plus one rule per other YAML file, in name order. */
  private async packDir(dir: string, chain: string[]): Promise<CompiledRule[]> {
    let names: string[]
    try {
      names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort()
    } catch (error) {
      this.problems.push({
        file: shownPath(dir),
        line: 1,
        column: 1,
        message: `cannot read folder (${plainReason(error)})`,
      })
      return []
    }
    if (names.length === 0) {
      this.problems.push({
        file: shownPath(dir),
        line: 1,
        column: 1,
        message: 'no rule file (*.yaml, *.yml) in this folder',
      })
      return []
    }
    const own: CompiledRule[] = []
    const packName = basename(dir)
    let manifest: {source: YamlSource; pack: Pack} | undefined
    for (const name of names) {
      const source = await this.read(join(dir, name))
      if (!source) continue
      if (name === MANIFEST) {
        const parsed = Pack.safeParse(source.value)
        if (parsed.success) manifest = {source, pack: parsed.data}
        else this.problems.push(...schemaProblems(parsed.error, source))
        continue
      }
      const compiled = compileRule(source.value, source, [], manifest?.pack.name ?? packName)
      this.problems.push(...compiled.problems)
      if (compiled.rule) own.push(compiled.rule)
    }
    if (!manifest) return this.unique(own.map((r) => ({...r, pack: packName})))
    return this.assemble(
      manifest.source,
      manifest.pack,
      own.map((r) => ({...r, pack: manifest.pack.name})),
      [...chain, dir],
    )
  }

  /** A single rule file, or a pack file holding `rules: [...]` (and optionally `extends`, `params`, ...). */
  private async file(path: string, chain: string[]): Promise<CompiledRule[]> {
    const source = await this.read(path)
    if (!source) return []
    const value = source.value
    if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value) {
      const compiled = compileRule(value, source, [], null)
      this.problems.push(...compiled.problems)
      return compiled.rule ? [compiled.rule] : []
    }
    const parsed = Pack.safeParse(value)
    if (!parsed.success) {
      this.problems.push(...schemaProblems(parsed.error, source))
      return []
    }
    const own: CompiledRule[] = []
    parsed.data.rules.forEach((raw, i) => {
      const compiled = compileRule(raw, source, ['rules', i], parsed.data.name)
      this.problems.push(...compiled.problems)
      if (compiled.rule) own.push(compiled.rule)
    })
    return this.assemble(source, parsed.data, own, [...chain, path])
  }

  /** Extended packs first, minus exclusions, then the pack's own rules; then the pack's params and severities. */
  private async assemble(
    source: YamlSource,
    pack: Pack,
    own: CompiledRule[],
    chain: string[],
  ): Promise<CompiledRule[]> {
    const inherited: CompiledRule[] = []
    for (const [i, name] of pack.extends.entries()) {
      const dir = join(PACKS_ROOT, name)
      if (chain.includes(dir)) {
        this.problems.push({
          file: source.file,
          ...source.positionAt(['extends', i]),
          message: `pack '${name}' extends itself`,
        })
      } else if (/^[a-z0-9-]+$/.test(name) && (await isDir(dir))) {
        inherited.push(...(await this.packDir(dir, chain)))
      } else {
        this.problems.push({file: source.file, ...source.positionAt(['extends', i]), message: `unknown pack '${name}'`})
      }
    }
    for (const [i, id] of pack.exclude.entries()) {
      if (!inherited.some((r) => r.id === id)) {
        this.problems.push({
          file: source.file,
          ...source.positionAt(['exclude', i]),
          message: `exclude: no rule '${id}' in the extended packs`,
        })
      }
    }
    let rules = this.unique([...inherited.filter((r) => !pack.exclude.includes(r.id)), ...own])
    rules = rules.map((rule) => {
      const params = pack.params[rule.id]
      const severity = pack.severity[rule.id]
      if (!params && !severity) return rule
      for (const [name, value] of Object.entries(params ?? {})) {
        const problem = paramProblem(rule.defaults, name, value)
        if (problem)
          this.problems.push({
            file: source.file,
            ...source.positionAt(['params', rule.id], name),
            message: `${rule.id}: ${problem}`,
          })
      }
      return {...rule, params: {...rule.params, ...params}, severity: severity ?? rule.severity}
    })
    for (const section of ['params', 'severity'] as const) {
      for (const id of Object.keys(pack[section])) {
        if (!rules.some((r) => r.id === id)) {
          this.problems.push({
            file: source.file,
            ...source.positionAt([section], id),
            message: `${section}: no rule '${id}' in this pack`,
          })
        }
      }
    }
    return rules
  }

  /** Drops later duplicates of a rule id, reporting where each was defined first. */
  unique(rules: CompiledRule[]): CompiledRule[] {
    const seen = new Map<string, CompiledRule>()
    const out: CompiledRule[] = []
    for (const rule of rules) {
      const first = seen.get(rule.id)
      if (first) {
        if (first !== rule && (first.file !== rule.file || first.line !== rule.line)) {
          this.problems.push({
            file: rule.file,
            line: rule.line,
            column: 1,
            message: `duplicate rule id '${rule.id}' (first defined at ${first.file}:${first.line})`,
          })
        }
        continue
      }
      seen.set(rule.id, rule)
      out.push(rule)
    }
    return out
  }

  private async read(path: string): Promise<YamlSource | undefined> {
    const file = shownPath(path)
    try {
      const read = readRegularFile(path, MAX_RULE_FILE_BYTES)
      if ('tooLarge' in read) {
        this.problems.push({file, line: 1, column: 1, message: `file larger than ${MAX_RULE_FILE_BYTES} bytes`})
        return undefined
      }
      const {source, problems} = readYaml(file, read.text)
      this.problems.push(...problems)
      return source
    } catch (error) {
      this.problems.push({file, line: 1, column: 1, message: `cannot read (${plainReason(error)})`})
      return undefined
    }
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false
}
