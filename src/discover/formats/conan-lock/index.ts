/**
 * Conan (C and C++) lockfiles and manifests: Conan 2's `conan.lock` (JSON, `version` "0.5": `requires`,
 * `build_requires`, `python_requires`, `config_requires`, each a list of references), Conan 1's `conan.lock`
 * (`version` "0.4": `graph_lock.nodes.<id>.ref`), and `conanfile.txt` (./conanfile-txt.ts). References are read by
 * ./reference.ts; a lockfile's direct dependencies are those a conanfile.txt or conanfile.py beside it names.
 * conanfile.py is Python: never run; only its literal requirements are read (./conanfile-py.ts).
 */
import {posix} from 'node:path'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {scanJsonEvents} from '../../lockfile-support/json-events.js'
import {isJsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {createLineIndex, type Position} from '../../../core/line-index.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {hasTopLevelKey} from '../../json-tree.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {readConanfilePy} from './conanfile-py.js'
import {readConanfileTxt} from './conanfile-txt.js'
import {type ConanReference, conanPurl, parseReference} from './reference.js'

export const discoverer: Discoverer = {
  id: 'conan-lock',
  description: 'Conan conan.lock (Conan 2, and Conan 1 graph lockfiles), conanfile.txt, conanfile.py (literals only)',
  matches(file) {
    return /(^|\/)(conan\.lock|conanfile\.txt|conanfile\.py)$/.test(file)
  },
  // conanfile.py is Python source: a `# -*- coding: latin-1 -*-` cookie names its encoding (PEP 263).
  pythonSource: (file) => /(^|\/)conanfile\.py$/.test(file),
  identify: (head) =>
    hasTopLevelKey(head, 'graph_lock') ||
    (/^\s*\{\s*"version"\s*:\s*"0\.5"/.test(head) &&
      /"(?:requires|build_requires|python_requires)"\s*:\s*\[/.test(head)),
  discover({file, text}, context) {
    const conanfile = file.endsWith('conanfile.py')
      ? discoverConanfilePy(file, text)
      : file.endsWith('conanfile.txt') || !text.trimStart().startsWith('{')
        ? discoverConanfileTxt(file, text)
        : undefined
    if (conanfile === undefined) return discoverConanLock(file, text, context)
    // With a conan.lock beside it, the lock lists the packages (at their locked revisions, direct as the conanfile
    // says): the conanfile's requirements are not listed a second time; its problems still are.
    const lock = context?.readText(posix.join(posix.dirname(file), 'conan.lock'))
    return lock === null || lock === undefined ? conanfile : {...conanfile, components: []}
  },
}

/** The lists of a Conan 2 lockfile, and their scopes: all but `requires` serve the build only. */
const LOCK_LISTS: ReadonlyArray<{key: string; scope?: Scope}> = [
  {key: 'requires'},
  {key: 'build_requires', scope: 'dev'},
  {key: 'python_requires', scope: 'dev'},
  {key: 'config_requires', scope: 'dev'},
]

function conanComponent(
  file: string,
  reference: ConanReference,
  ref: string,
  at: Position,
  scope: Scope | undefined,
  direct: boolean | undefined,
  origin: 'manifest' | 'lockfile' = 'lockfile',
): Component {
  const component = packageComponent(file, {
    origin,
    ecosystem: 'conan',
    name: reference.name,
    version: reference.version,
    ref,
    line: at.line,
    column: at.column,
    ...(scope === undefined ? {} : {scope}),
    ...(direct === undefined ? {} : {direct}),
  })
  // packageurl-js refuses a channel without a vendor namespace, which the purl spec allows (./reference.ts).
  component.purl = conanPurl(reference)
  return component
}

export function discoverConanfileTxt(file: string, text: string): DiscoverOutput {
  const {lines, problems} = readConanfileTxt(text)
  const errors: ScanError[] = problems.map((p) => lockfileError(file, 'invalid-lockfile', p.message, p.line, 1))
  const components: Component[] = []
  for (const entry of lines) {
    const parsed = parseReference(entry.text, true)
    if (!parsed.ok) {
      errors.push(
        lockfileError(file, 'invalid-entry', `[${entry.section}]: ${parsed.problem}`, entry.line, entry.column),
      )
      continue
    }
    // A version range is listed without a version; `ref` keeps the range as written.
    // conanfile.txt is what the project asks for (a manifest), not what `conan lock create` pinned.
    components.push(conanComponent(file, parsed.reference, entry.text, entry, entry.scope, true, 'manifest'))
  }
  return {components, errors}
}

export function discoverConanfilePy(file: string, text: string): DiscoverOutput {
  const {requirements, notRead} = readConanfilePy(text)
  const lines = createLineIndex(text)
  const errors: ScanError[] = []
  const skipped: Skipped[] = notRead.map(({what, offset}) =>
    unresolvedVersion(
      file,
      lines.position(offset).line,
      `${what}: not a string literal, not read (conanfile.py is never run)`,
    ),
  )
  const components: Component[] = []
  for (const entry of requirements) {
    const at = lines.position(entry.offset)
    const parsed = parseReference(entry.text, true)
    if (!parsed.ok) {
      errors.push(lockfileError(file, 'invalid-entry', `${entry.what}: ${parsed.problem}`, at.line, at.column))
      continue
    }
    components.push(conanComponent(file, parsed.reference, entry.text, at, entry.scope, true, 'manifest'))
  }
  return {components, skipped, errors}
}

/**
 * The names the conanfile.txt (else the conanfile.py) beside the lockfile declares; undefined when there is none, or
 * when the conanfile.py computes a requirement (direct is then unknown).
 */
function declaredBeside(file: string, context: DiscoverContext | undefined): Set<string> | undefined {
  const dir = posix.dirname(file)
  const txt = context?.readText(posix.join(dir, 'conanfile.txt'))
  let references: string[]
  if (typeof txt === 'string') references = readConanfileTxt(txt).lines.map((entry) => entry.text)
  else {
    const py = context?.readText(posix.join(dir, 'conanfile.py'))
    if (typeof py !== 'string') return undefined
    const read = readConanfilePy(py)
    if (read.notRead.length > 0) return undefined
    references = read.requirements.map((entry) => entry.text)
  }
  const names = new Set<string>()
  for (const text of references) {
    const parsed = parseReference(text, true)
    if (parsed.ok) names.add(parsed.reference.name)
  }
  return names
}

export function discoverConanLock(file: string, text: string, context?: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text)
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  const versionAt = document.topLevelKeys.get('version') ?? {line: 1, column: 1}
  if (root.version === '0.4') return discoverGraphLock(file, root, read.errors, (value) => document.positionOf(value))
  if (root.version !== '0.5') {
    const message = `unknown conan.lock version ${JSON.stringify(root.version ?? 'missing').slice(0, 40)} (supported: 0.5, and Conan 1's 0.4)`
    return lockfileFailure(file, 'unsupported-version', message, versionAt.line, versionAt.column)
  }
  const errors: ScanError[] = [...read.errors]
  const components: Component[] = []
  const declared = declaredBeside(file, context)
  const positions = itemPositions(text, new Set(LOCK_LISTS.map(({key}) => key)))
  for (const {key, scope} of LOCK_LISTS) {
    const list = root[key]
    if (list === undefined) continue
    const keyAt = document.topLevelKeys.get(key) ?? {line: 1, column: 1}
    if (!Array.isArray(list)) {
      errors.push(lockfileError(file, 'invalid-lockfile', `'${key}' must be an array`, keyAt.line, keyAt.column))
      continue
    }
    const at = positions.get(key) ?? []
    list.forEach((item, index) => {
      const where = at[index] ?? keyAt
      // An entry is a reference, or `[reference, {package ids}]` when the lockfile locks binaries too.
      const refText = typeof item === 'string' ? item : Array.isArray(item) ? item[0] : undefined
      if (typeof refText !== 'string') {
        const message = `${key} #${index + 1}: expected a reference or [reference, package ids]`
        errors.push(lockfileError(file, 'invalid-entry', message, where.line, where.column))
        return
      }
      const parsed = parseReference(refText, false)
      if (!parsed.ok) {
        errors.push(
          lockfileError(file, 'invalid-entry', `${key} #${index + 1}: ${parsed.problem}`, where.line, where.column),
        )
        return
      }
      const direct = declared === undefined ? undefined : declared.has(parsed.reference.name)
      components.push(conanComponent(file, parsed.reference, refText, where, scope, direct))
    })
  }
  return {components, errors}
}

/** The ids of the nodes that node "0" reaches along the edges `keys` name (bounded by the number of nodes). */
function reached(nodes: Record<string, JsonValue>, keys: readonly string[]): Set<string> {
  const seen = new Set<string>(['0'])
  const queue = ['0']
  while (queue.length > 0) {
    const node = nodes[queue.pop() as string]
    if (!isJsonObject(node)) continue
    for (const key of keys) {
      const ids = node[key]
      if (!Array.isArray(ids)) continue
      for (const id of ids)
        if (typeof id === 'string' && Object.hasOwn(nodes, id) && !seen.has(id)) {
          seen.add(id)
          queue.push(id)
        }
    }
  }
  seen.delete('0')
  return seen
}

/**
 * Conan 1's lockfile: `graph_lock.nodes`, keyed by id; node "0" is the root (the consumer conanfile, with a `path`
 * and no `ref`, or the reference the lockfile was made for), and the nodes its `requires` and `build_requires` name
 * are the direct ones. A node of the `build` context is a build tool.
 */
function discoverGraphLock(
  file: string,
  root: Record<string, JsonValue>,
  initial: ScanError[],
  positionOf: (value: Record<string, JsonValue>) => Position,
): DiscoverOutput {
  const errors: ScanError[] = [...initial]
  const graph = root.graph_lock
  const nodes = isJsonObject(graph) ? graph.nodes : undefined
  if (!isJsonObject(graph) || !isJsonObject(nodes))
    return {
      components: [],
      errors: [...errors, lockfileError(file, 'invalid-lockfile', "'graph_lock.nodes' must be an object", 1, 1)],
    }
  const rootNode = nodes['0']
  const direct = new Set<string>()
  if (isJsonObject(rootNode))
    for (const key of ['requires', 'build_requires']) {
      const ids = rootNode[key]
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') direct.add(id)
    }
  // What the project's own `requires` reach is prod; what only `build_requires` (of any node) reach is a build tool
  // and what it needs: dev, also when the lock was made with one profile for both contexts (no `context` written).
  const byRequires = reached(nodes, ['requires'])
  const byAny = reached(nodes, ['requires', 'build_requires'])
  const components: Component[] = []
  for (const [id, node] of Object.entries(nodes)) {
    if (!isJsonObject(node)) {
      errors.push(lockfileError(file, 'invalid-entry', `graph_lock.nodes.${id.slice(0, 40)}: expected an object`, 1, 1))
      continue
    }
    const at = positionOf(node)
    const refText = node.ref
    // The consumer conanfile itself (a `path`, with or without a reference) is the project, not a dependency.
    if (refText === undefined || node.path !== undefined) continue
    const parsed = typeof refText === 'string' ? parseReference(refText, false) : undefined
    if (parsed === undefined || !parsed.ok) {
      const problem = parsed === undefined ? "'ref' must be a string" : parsed.problem
      errors.push(
        lockfileError(file, 'invalid-entry', `graph_lock.nodes.${id.slice(0, 40)}: ${problem}`, at.line, at.column),
      )
      continue
    }
    const scope: Scope | undefined =
      node.context === 'build' || (byAny.has(id) && !byRequires.has(id)) ? 'dev' : undefined
    const isDirect = isJsonObject(rootNode) ? direct.has(id) : undefined
    components.push(conanComponent(file, parsed.reference, refText as string, at, scope, isDirect))
  }
  return {components, errors}
}

/**
 * Where each item of some top-level arrays is written (the shared reader places objects only): the `"` of a string
 * item, the `[` of a `[reference, package ids]` item. Only run on a document the shared reader has read.
 */
function itemPositions(text: string, keys: ReadonlySet<string>): Map<string, Position[]> {
  const found = new Map<string, Position[]>()
  let depth = 0
  let pending: string | undefined
  let current: Position[] | undefined
  const item = (line: number, character: number) => {
    if (depth === 2 && current !== undefined) current.push({line: line + 1, column: character + 1})
  }
  const open = (isArray: boolean, line: number, character: number) => {
    item(line, character)
    depth++
    if (depth === 2 && isArray && pending !== undefined) {
      current = []
      found.set(pending, current)
    }
    pending = undefined
  }
  const close = () => {
    if (depth === 2) current = undefined
    depth--
  }
  scanJsonEvents(text, {
    onObjectBegin: (line, character) => open(false, line, character),
    onArrayBegin: (line, character) => open(true, line, character),
    onObjectEnd: close,
    onArrayEnd: close,
    onObjectProperty(property) {
      if (depth === 1) pending = keys.has(property) ? property : undefined
    },
    onLiteralValue(line, character) {
      item(line, character)
      pending = undefined
    },
  })
  return found
}
