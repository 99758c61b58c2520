/**
 * conda recipes: conda-build's `meta.yaml`
 * (https://docs.conda.io/projects/conda-build/en/stable/resources/define-metadata.html) and rattler-build's v1
 * `recipe.yaml` (https://rattler.build/latest/reference/recipe_file/), which conda-forge's feedstocks now use.
 * - A recipe's requirements (`requirements:` `build`, `host`, `run`, `run_constrained` / `run_constraints`, at the top
 *   and in each of `outputs:`) are conda packages. stewards has no conda ecosystem (no purl resolver for conda
 *   channels), so no component is listed: one `unsupported` Skipped per recipe, at its top-level `requirements:` line
 *   (the first output's when there is none at the top, line 1 when the recipe has none), says which tool's recipe it
 *   is, counts the entries of each section as written (conditional ones whatever the platform) and names the first
 *   ten package names of `run`, as the conda-environment format does for an environment file's conda packages.
 * - `source:` (URLs, git repositories), `build:`, `test:`/`tests:`, `about:` and `extra:` are not read; no URL is
 *   ever quoted.
 * - Recipes have names other files have too (`meta.yaml`, `recipe.yaml`): a file is this format's when its head
 *   holds a recipe's keys (a top-level `package:` with a `name:`, or rattler-build's `recipe:`, and one of
 *   `requirements:`, `source:`, `build:`, `about:`, `outputs:`, `context:`, `schema_version:`), and then it is no
 *   Kubernetes manifest (Discoverer.fallback); any other file of those names is left to the k8s-manifest format.
 * A conda-build recipe is a Jinja2 template (`{% set %}`, `{{ }}`, `# [win]` selectors) that is seldom valid YAML
 * until conda-build renders it, so its requirements are counted by a tolerant scan of its lines (by hand: no YAML
 * or Jinja library reads an unrendered template). A rattler-build recipe is YAML (its `${{ }}` expressions are in
 * strings, its conditions `if:`/`then:`/`else:` mappings): read with the project's YAML reader, the line scan
 * counting when it is not valid YAML.
 */
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {elide} from '../../../core/elide.js'
import {redactSecrets} from '../../../core/redact.js'
import {isManifestCandidate} from '../../file-names.js'
import {emptyOutput, errorAt, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {NO_CONDA_ECOSYSTEM, namedFirst} from '../../lockfile-support/conda.js'
import {describe, isAbsent, isMap, isScalar, isSeq, text, type YamlMap, type YamlNode} from '../../yaml-tree.js'

/** The names conda-build (`meta.yaml`, `meta.yml`) and rattler-build (`recipe.yaml`, `recipe.yml`) look for. */
const RECIPE_NAMES = /^(?:meta|recipe)\.ya?ml$/

export const discoverer: Discoverer = {
  id: 'conda-recipe',
  description: 'conda recipes (meta.yaml, recipe.yaml): requirements counted, not read (no conda ecosystem)',
  matches: (file) => RECIPE_NAMES.test(posix.basename(file)) && isManifestCandidate(file),
  sniff: (head) => isRecipe(head),
  discover,
}

/** The requirement sections counted, in the order a message gives them. */
const SECTIONS = ['build', 'host', 'run', 'run_constrained', 'run_constraints'] as const
/** A `requirements:` written as a list (a conda-build output's), without sections. */
const UNSECTIONED = 'unsectioned'

const TOP_KEY = /^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]|$)/
const RECIPE_KEYS = /^(?:requirements|source|build|about|outputs|context|schema_version)[ \t]*:/m

/** A recipe's keys at the top of the head, and no Kubernetes object's. */
export function isRecipe(head: string): boolean {
  if (/^apiVersion[ \t]*:/m.test(head) && /^kind[ \t]*:/m.test(head)) return false
  return (packageNamed(head) || /^recipe[ \t]*:/m.test(head)) && RECIPE_KEYS.test(head)
}

/** A top-level `package:` whose mapping (block or flow) has a `name:`. */
function packageNamed(head: string): boolean {
  const found = /^package[ \t]*:[ \t]*/m.exec(head)
  if (found === null) return false
  const rest = head.slice(found.index + found[0].length)
  if (rest.startsWith('{')) return /^\{[^\n}]*\bname[ \t]*:/.test(rest)
  const lines = rest.split('\n')
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]
    const content = line.trimStart()
    if (content === '' || content.startsWith('#') || content.startsWith('{%') || content.startsWith('{#')) continue
    if (content.length === line.length) return false // the next top-level key: no name in the package
    if (/^name[ \t]*:/.test(content)) return true
  }
  return false
}

/** What a recipe's requirements hold, section by section. */
interface Tally {
  counts: Map<string, number>
  /** Package names of `run`, each once, in the order written. */
  run: Set<string>
  conditional: boolean
  /** A requirements mapping or section written in flow style (`{build: [a]}`): not counted by the line scan. */
  flow: boolean
  /** Outputs that have requirements. */
  outputs: number
  /** Line of the top-level `requirements:`; of the first output's. */
  topLine?: number
  outputLine?: number
}

function newTally(): Tally {
  return {counts: new Map(), run: new Set(), conditional: false, flow: false, outputs: 0}
}

function count(tally: Tally, section: string, spec: string): void {
  tally.counts.set(section, (tally.counts.get(section) ?? 0) + 1)
  if (section !== 'run') return
  const name = packageName(spec)
  if (name !== '') tally.run.add(name)
}

/**
 * The package name of a requirement as written: a MatchSpec's name (`numpy` of `numpy >=1.26`, `numpy>=1.26`;
 * `conda-forge::numpy` kept whole), or a Jinja expression whole (`{{ pin_compatible('numpy') }}`, `${{ compiler('c') }}`).
 */
function packageName(spec: string): string {
  let written = spec.trim()
  if (/^(["']).*\1$/.test(written)) written = written.slice(1, -1).trim()
  // The name's characters, a Jinja expression in it taken whole (`ld_impl_{{ target_platform }}`, python-feedstock).
  let name = ''
  for (let i = 0; i < written.length; ) {
    const open = written.startsWith('{{', i) ? i : written.startsWith('${{', i) ? i + 1 : -1
    if (open >= 0) {
      const end = written.indexOf('}}', open)
      // An expression continued on the next lines: what this line writes of it.
      if (end < 0) return elide(written, 100)
      name += written.slice(i, end + 2)
      i = end + 2
      continue
    }
    if (/[\s<>=!~,]/.test(written[i])) break
    name += written[i++]
  }
  return elide(name, 100)
}

/** A line's text before a YAML comment (` #`), and whether that comment is a conda-build selector (`# [win]`). */
function withoutComment(content: string): {value: string; selector: boolean} {
  const hash = content.startsWith('#') ? 0 : content.search(/[ \t]#/)
  if (hash < 0) return {value: content.trimEnd(), selector: false}
  return {value: content.slice(0, hash).trimEnd(), selector: /^[ \t]*#[ \t]*\[/.test(content.slice(hash))}
}

interface Block {
  /** Column of the `requirements` key: lines indented further are its. */
  base: number
  sectionIndent?: number
  section?: string
  itemIndent?: number
}

/**
 * The requirements of a recipe by its lines: the top-level `requirements:` and those of the items of a top-level
 * `outputs:`. Jinja statement and comment lines (`{% if %}`, `{# #}`) and comments are passed over (the entries they
 * guard are counted, as conditional); entries are the `- ` items of a section, or its flow list (`run: [a, b]`);
 * rattler-build's `- if:` items are conditions, their `then:`/`else:` values and items entries.
 * One pass over the lines, each looked at once.
 */
function scanLines(source: string, tally: Tally): void {
  const lines = source.split('\n')
  let top: string | undefined
  let block: Block | undefined
  /** In `outputs:`: the column of an item's dash, and of its keys. */
  let outputDash: number | undefined
  let outputKeys: number | undefined
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i]
    const content = raw.trimStart()
    const indent = raw.length - content.length
    if (content === '' || content.startsWith('#')) continue
    if (content.startsWith('{%') || content.startsWith('{#')) {
      if (block !== undefined && /^\{%-?[ \t]*(?:if|elif|else|for)\b/.test(content)) tally.conditional = true
      continue
    }
    const item = content === '-' || content.startsWith('- ')
    if (indent === 0 && item && block?.base === 0) {
      // `requirements:` written as a list at its key's column.
      scanBlockLine(tally, block, indent, content)
      continue
    }
    if (indent === 0 && !item) {
      block = undefined
      top = TOP_KEY.exec(content)?.[1]
      if (top === 'requirements') {
        tally.topLine ??= i + 1
        block = {base: 0}
        inlineValue(tally, withoutComment(content.slice(content.indexOf(':') + 1)).value, UNSECTIONED)
      }
      continue
    }
    if (block !== undefined && indent <= block.base) block = undefined
    if (block !== undefined) {
      scanBlockLine(tally, block, indent, content)
      continue
    }
    if (top !== 'outputs') continue
    if (item) {
      const key = content.slice(1).trimStart()
      if (outputDash === undefined || indent === outputDash) {
        outputDash = indent
        outputKeys = indent + (content.length - key.length)
        if (/^requirements[ \t]*:/.test(key)) block = outputRequirements(tally, i + 1, outputKeys, key)
      }
    } else if (indent === outputKeys && /^requirements[ \t]*:/.test(content)) {
      block = outputRequirements(tally, i + 1, indent, content)
    }
  }
}

function outputRequirements(tally: Tally, line: number, base: number, key: string): Block {
  tally.outputs++
  tally.outputLine ??= line
  inlineValue(tally, withoutComment(key.slice(key.indexOf(':') + 1)).value, UNSECTIONED)
  return {base}
}

/** A value written on its key's line: a flow list's items, or one entry. */
function inlineValue(tally: Tally, value: string, section: string): void {
  const written = value.trim()
  if (written === '' || written === '{}' || written === '[]' || written.startsWith('&')) return
  if (written.startsWith('{') && !written.startsWith('{{')) {
    tally.flow = true
    return
  }
  if (written.startsWith('[')) {
    const inner = written.slice(1, written.endsWith(']') ? -1 : undefined)
    for (const item of inner.split(',')) if (item.trim() !== '') count(tally, section, item)
  } else count(tally, section, written)
}

function scanBlockLine(tally: Tally, block: Block, indent: number, content: string): void {
  const {value, selector} = withoutComment(content)
  const item = content === '-' || content.startsWith('- ')
  if (block.sectionIndent === undefined) {
    if (item) {
      // `requirements:` written as a list: entries without a section.
      block.sectionIndent = indent
      block.section = UNSECTIONED
    } else block.sectionIndent = indent
  }
  if (!item && indent === block.sectionIndent) {
    const key = TOP_KEY.exec(content)?.[1]
    block.section = key !== undefined && (SECTIONS as readonly string[]).includes(key) ? key : undefined
    block.itemIndent = undefined
    if (block.section !== undefined) {
      if (selector) tally.conditional = true
      inlineValue(tally, value.slice(value.indexOf(':') + 1), block.section)
    }
    return
  }
  if (block.section === undefined || indent < block.sectionIndent) return
  if (!item) {
    // rattler-build's `then: pkg` / `else: pkg` (a recipe.yaml that is not valid YAML is scanned too).
    const branch = /^(?:then|else)[ \t]*:(.*)$/.exec(value)
    if (branch !== null && block.itemIndent !== undefined && indent > block.itemIndent)
      inlineValue(tally, branch[1], block.section)
    return
  }
  block.itemIndent ??= indent
  if (indent < block.itemIndent) return
  const spec = value.slice(1).trim()
  if (spec === '') return
  if (selector) tally.conditional = true
  // rattler-build's `- if: cond`: its then:/else: entries are counted, not the condition.
  if (/^if[ \t]*:/.test(spec)) tally.conditional = true
  else count(tally, block.section, spec)
}

/** rattler-build's requirements, from the YAML tree: the top level's and each output's. */
function treeTally(root: YamlMap, file: string, out: Output, lines: string[], tally: Tally): void {
  const requirements = root.entries.get('requirements')
  if (!isAbsent(requirements)) {
    tally.topLine = lines.findIndex((line) => /^requirements[ \t]*:/.test(line)) + 1 || requirements.line
    readRequirements(requirements, file, out, tally)
  }
  const outputs = root.entries.get('outputs')
  if (!isSeq(outputs)) return
  for (const output of outputs.items) {
    const own = isMap(output) ? output.entries.get('requirements') : undefined
    if (isAbsent(own)) continue
    tally.outputs++
    tally.outputLine ??= keyLine(lines, own.line, output.line)
    readRequirements(own, file, out, tally)
  }
}

/** The line of a `requirements:` key whose value starts at `from`: that line, or the nearest above that writes it. */
function keyLine(lines: string[], from: number, top: number): number {
  for (let line = from; line >= Math.max(top, 1); line--)
    if (/^[ \t]*(?:-[ \t]+)?["']?requirements["']?[ \t]*:/.test(lines[line - 1] ?? '')) return line
  return from
}

function readRequirements(node: YamlNode, file: string, out: Output, tally: Tally): void {
  if (!isMap(node)) {
    out.errors.push(shapeError(file, node, 'requirements', 'mapping'))
    return
  }
  for (const section of SECTIONS) {
    const list = node.entries.get(section)
    if (isAbsent(list)) continue
    if (!isSeq(list)) {
      out.errors.push(shapeError(file, list, `requirements: ${section}`, 'list'))
      continue
    }
    for (const item of list.items) readItem(item, section, file, out, tally)
  }
}

/** An entry, or an `if:`/`then:`/`else:` condition whose branches (an entry or a list of them) are all counted. */
function readItem(item: YamlNode, section: string, file: string, out: Output, tally: Tally): void {
  if (isScalar(item)) {
    const spec = text(item)
    if (spec === undefined || spec.trim() === '')
      out.errors.push(errorAt(file, item, 'invalid-entry', `requirements: ${section}: an empty item is no package`))
    else count(tally, section, spec)
    return
  }
  if (isMap(item) && item.entries.has('if') && item.entries.has('then')) {
    tally.conditional = true
    for (const branch of ['then', 'else']) {
      const value = item.entries.get(branch)
      if (isAbsent(value)) continue
      if (isSeq(value)) for (const inner of value.items) readItem(inner, section, file, out, tally)
      else readItem(value, section, file, out, tally)
    }
    return
  }
  out.errors.push(
    errorAt(file, item, 'invalid-entry', `requirements: ${section}: ${describe(item)} is no requirement nor if:/then:`),
  )
}

/** rattler-build's: v1 keys (`schema_version:`, `context:`, `recipe:`), or `recipe.yaml` without conda-build's Jinja. */
function isRattlerBuild(file: string, source: string): boolean {
  if (/^(?:schema_version|context|recipe)[ \t]*:/m.test(source)) return true
  return /^recipe\.ya?ml$/.test(posix.basename(file)) && !/\{%|(?<!\$)\{\{/.test(source)
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const rattler = isRattlerBuild(input.file, input.text)
  const tally = newTally()
  let scanned = false
  if (rattler) {
    const yaml = readYaml(input.text, input.file)
    appendAll(out.errors, yaml.errors)
    const root = yaml.documents.find((doc) => doc.root !== null)?.root
    if (yaml.errors.length === 0 && isMap(root)) {
      treeTally(root, input.file, out, input.text.split('\n'), tally)
      scanned = true
    } else if (yaml.errors.length === 0 && root !== undefined && root !== null) {
      out.errors.push(errorAt(input.file, root, 'invalid-entry', `a recipe is a mapping, not ${describe(root)}`))
    }
  }
  if (!scanned) scanLines(input.text, tally)
  out.skipped.push({
    file: input.file,
    line: tally.topLine ?? tally.outputLine ?? 1,
    reason: 'unsupported',
    message: message(rattler ? 'rattler-build' : 'conda-build', tally),
  })
  return out
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

function message(tool: string, tally: Tally): string {
  const why = NO_CONDA_ECOSYSTEM
  let total = 0
  const parts: string[] = []
  for (const section of [...SECTIONS, UNSECTIONED]) {
    const n = tally.counts.get(section)
    if (n === undefined) continue
    total += n
    const label = section === UNSECTIONED ? 'without a section' : section
    if (section !== 'run' || tally.run.size === 0) {
      parts.push(`${label} ${n}`)
      continue
    }
    parts.push(`${label} ${n}: ${namedFirst([...tally.run].map(redactSecrets))}`)
  }
  const flow = tally.flow ? '; requirements written as a flow mapping ({…}) not counted' : ''
  if (total === 0 && tally.flow)
    return `a ${tool} recipe whose requirements are written as a flow mapping ({…}): not counted, not read; ${why}`
  if (total === 0) return `a ${tool} recipe with no requirements written: not read; ${why}`
  const outputs = tally.outputs > 0 ? `; ${plural(tally.outputs, "output's", "outputs'")} requirements included` : ''
  const conditional = tally.conditional ? '; conditional entries counted whatever the platform' : ''
  return `a ${tool} recipe: ${plural(total, 'conda requirement', 'conda requirements')} not read (${parts.join('; ')}${outputs}${conditional}${flow}): ${why}`
}
