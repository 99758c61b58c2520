/**
 * The YAML the package ships (rules/: entity data, rule packs, bots), parsed when it is built instead of at every
 * run. The `yaml` library keeps the positions problems and reports cite, but it starts slowly: the ~120 shipped
 * files took about 270 ms to parse in a fresh process (40 ms once its code is optimised), a quarter of a `scan` of
 * the demo. `npm run build` writes each file's value and the position of every node and mapping key
 * (`scripts/preparse-yaml.mjs` → dist/preparsed-yaml.json); ./yaml-file.ts `parseYamlTree` answers from it for a
 * text whose SHA-256 it holds, so an edited file, a user's file or a stale table is simply parsed as before. The
 * table is package content, trusted as the code is; it holds what the `yaml` version the package was built with
 * gives. Written by hand: no library pre-parses YAML with positions.
 *
 * A path is kept as JSON of its steps: `m:KEY` into a mapping (keys compared as text, as ./yaml-file.ts does),
 * `s:INDEX` into a sequence, and a last `k:KEY` for the position of a mapping's key rather than of its value.
 */
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {type Document, isMap, isNode, isScalar, isSeq} from 'yaml'
import {shippedPath} from './package-root.js'
import type {YamlPath, YamlPosition, YamlTree} from './yaml-file.js'

export const PREPARSED_FORMAT = 'stewards-preparsed-yaml'
/** Raised whenever what an entry holds or how a path is written changes: a table of another version is not used. */
export const PREPARSED_VERSION = 1
/** Where the build writes the table, in the package. */
export const PREPARSED_FILE = ['dist', 'preparsed-yaml.json'] as const

export interface PreparsedEntry {
  /** The document's value, as JSON text (each use parses its own copy). */
  value: string
  /** [line, column] of each node and mapping key, by path (see above). */
  positions: Record<string, [number, number]>
}

export interface PreparsedTable {
  format: typeof PREPARSED_FORMAT
  version: typeof PREPARSED_VERSION
  /** By the SHA-256 (hex) of the file's text. */
  entries: Record<string, PreparsedEntry>
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/**
 * The entry for a parsed document, or undefined when its value would not survive JSON as it is (a number JSON
 * cannot write, a key JSON.parse would not give back as an own property...): such a file is parsed at run time.
 */
export function preparse(
  doc: Document,
  value: unknown,
  at: (offset: number | undefined) => YamlPosition,
): PreparsedEntry | undefined {
  if (!plainJson(value)) return undefined
  const positions: Record<string, [number, number]> = {}
  const note = (steps: string[], offset: number | undefined) => {
    const {line, column} = at(offset)
    positions[JSON.stringify(steps)] ??= [line, column]
  }
  const visit = (node: unknown, steps: string[]) => {
    if (!isNode(node)) return
    note(steps, node.range?.[0])
    if (isMap(node)) {
      // Keys are compared as text, and the first pair with a text wins (`1` and `"1"` are two keys to YAML).
      const seen = new Set<string>()
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue
        const name = String(pair.key.value)
        if (seen.has(name)) continue
        seen.add(name)
        note([...steps, `k:${name}`], pair.key.range?.[0])
        visit(pair.value, [...steps, `m:${name}`])
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) visit(item, [...steps, `s:${i}`])
    }
  }
  visit(doc.contents, [])
  return {value: JSON.stringify(value), positions}
}

function plainJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  if (Array.isArray(value)) return value.every(plainJson)
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false
  return Object.entries(value).every(([key, item]) => key !== '__proto__' && plainJson(item))
}

let table: PreparsedTable['entries'] | undefined

/** The build's table, read once (empty where there is none: running from src/ before a build). */
function entries(): PreparsedTable['entries'] {
  if (table !== undefined) return table
  table = {}
  try {
    const read = JSON.parse(readFileSync(shippedPath(...PREPARSED_FILE), 'utf8')) as Partial<PreparsedTable>
    if (read.format === PREPARSED_FORMAT && read.version === PREPARSED_VERSION && read.entries) table = read.entries
  } catch {
    // No table: every file is parsed.
  }
  return table
}

/**
 * The tree of a shipped text from the build's table, or undefined. It answers `positionAt` and `lineAt` as the
 * parsed document would; `nodeAt` (the syntax node of a value, asked only to place a problem inside a rule's
 * expression) parses the text then, with `parsed`. Only a file shown as the package's (`rules/…`, package-root.ts
 * `shownPath`) is looked up: a user's settings, waivers or map file costs neither a hash nor the table's reading
 * (about 30 ms).
 */
export function preparsedTree(text: string, file: string, parsed: () => YamlTree | undefined): YamlTree | undefined {
  if (!file.startsWith('rules/')) return undefined
  const entry = entries()[textHash(text)]
  if (entry === undefined) return undefined
  answered++
  return treeOf(entry, file, parsed)
}

let answered = 0

/** For tests only: how many texts the table has answered in this process. */
export function answeredFromTable(): number {
  return answered
}

/** A tree that answers from an entry of the table. */
export function treeOf(entry: PreparsedEntry, file: string, parsed: () => YamlTree | undefined): YamlTree {
  const {positions} = entry
  const positionAt = (path: YamlPath, key?: string): YamlPosition => {
    const steps: string[] = []
    for (const step of path) {
      const inSeq = typeof step === 'number' ? `s:${step}` : undefined
      const inMap = `m:${String(step)}`
      if (inSeq !== undefined && JSON.stringify([...steps, inSeq]) in positions) steps.push(inSeq)
      else if (JSON.stringify([...steps, inMap]) in positions) steps.push(inMap)
      else break
    }
    const found =
      (key === undefined ? undefined : positions[JSON.stringify([...steps, `k:${key}`])]) ??
      positions[JSON.stringify(steps)]
    return found ? {line: found[0], column: found[1]} : {line: 1, column: 1}
  }
  let tree: YamlTree | undefined
  return {
    file,
    value: JSON.parse(entry.value),
    positionAt,
    lineAt: (path) => positionAt(path).line,
    nodeAt: (path) => {
      tree ??= parsed()
      return tree?.nodeAt(path)
    },
  }
}
