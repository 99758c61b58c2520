import {parse, TomlError} from 'smol-toml'
import {posix} from 'node:path'
import type {ScanError} from '../../core/model.js'
import {forbiddenKeyErrors, lockfileError, stackOverflowError} from './problems.js'

export type TomlTable = Record<string, unknown>

/** The value at a path of tables (`['tool', 'poetry', 'dependencies']`); undefined where a part is missing. */
export function tomlAt(root: TomlTable, path: readonly string[]): unknown {
  let value: unknown = root
  for (const part of path) {
    if (!isTomlTable(value) || !Object.hasOwn(value, part)) return undefined
    value = value[part]
  }
  return value
}

/** A TOML table as smol-toml gives it (not an array, not a date). */
export function isTomlTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

/**
 * smol-toml builds null-prototype tables, where a `__proto__` key is a harmless own property: lockfile data cannot
 * pollute prototypes. Such keys are still reported (`forbidden`), at the lines that write them.
 */
export function readToml(file: string, text: string): {table: TomlTable; forbidden: ScanError[]} | {error: ScanError} {
  try {
    const table = parse(text) as TomlTable
    return {table, forbidden: text.includes('__proto__') ? forbiddenKeyErrors(file, text, table) : []}
  } catch (error) {
    if (error instanceof TomlError) {
      return {error: lockfileError(file, 'invalid-toml', error.message.split('\n')[0], error.line, error.column)}
    }
    return {error: stackOverflowError(file, error)}
  }
}

/**
 * 1-based lines of each `[[name]]` header, in order (smol-toml keeps no positions). Lines inside multi-line
 * strings are skipped, so the n-th header is the n-th element of the parsed array.
 */
export function arrayTableLines(text: string, name: string): number[] {
  const header = new RegExp(`^\\s*\\[\\[\\s*${escapeRegExp(name)}\\s*\\]\\]\\s*(#.*)?$`)
  const lines: number[] = []
  forEachTomlLine(text, (line, index) => {
    if (header.test(line)) lines.push(index + 1)
  })
  return lines
}

/**
 * Each line of TOML text (without its line break) that does not start inside a multi-line string, with its 0-based
 * index: the lines a scan for headers and keys may read (smol-toml keeps no positions).
 */
export function forEachTomlLine(text: string, visit: (line: string, index: number) => void): void {
  let openString: string | undefined
  text.split(/\r?\n/).forEach((line, index) => {
    if (openString === undefined) visit(line, index)
    // Track """ and ''' delimiters to know whether the next line is inside a multi-line string.
    for (const match of line.matchAll(/"""|'''/g)) {
      if (openString === undefined) openString = match[0]
      else if (openString === match[0]) openString = undefined
    }
  })
}

/** 1-based line of the first `key = ...` assignment (the top-level `version` of a lockfile comes first); 1 when none. */
export function keyLine(text: string, key: string): number {
  const assignment = new RegExp(`^\\s*${escapeRegExp(key)}\\s*=`)
  const index = text.split(/\r?\n/).findIndex((line) => assignment.test(line))
  return index === -1 ? 1 : index + 1
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A table of TOML text: the line of its header (1 for the root) and the first line of each key directly in it. */
export interface TomlTableLines {
  line: number
  keys: Map<string, number>
}

/**
 * Where each table starts and where each of its keys is first written, by the table's dotted path (`project`,
 * `tool.poetry.group.dev.dependencies`; the root is `''`): `key = …` (bare, "basic" or 'literal'), or the first part of
 * a dotted `key.sub = …`. Array-of-tables headers (`[[x]]`) are not tables here. Lines inside multi-line strings
 * are passed over. Every expression is linear in the line (a line of a hostile file is input too).
 */
export function tomlKeyLines(text: string): Map<string, TomlTableLines> {
  const tables = new Map<string, TomlTableLines>([['', {line: 1, keys: new Map()}]])
  let current: Map<string, number> | undefined = tables.get('')!.keys
  forEachTomlLine(text, (line, index) => {
    const header = /^\s*\[([^[\]]*)\]\s*(?:#.*)?$/.exec(line)
    if (header) {
      const path = tomlKeyPath(header[1])
      current = undefined
      if (path === undefined) return
      const name = path.join('.')
      if (!tables.has(name)) tables.set(name, {line: index + 1, keys: new Map()})
      current = tables.get(name)!.keys
      return
    }
    if (/^\s*\[\[/.test(line)) {
      current = undefined
      return
    }
    if (!current) return
    const key = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[=.]/.exec(line)
    const name = key ? tomlKeyPath(key[1])?.[0] : undefined
    if (name !== undefined && !current.has(name)) current.set(name, index + 1)
  })
  return tables
}

/** The parts of a dotted TOML key (`a."b.c".d` is a, b.c, d); undefined when it is not one. */
export function tomlKeyPath(key: string): string[] | undefined {
  const parts: string[] = []
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(\.|$)/y
  for (let at = 0; at < key.length || parts.length === 0; ) {
    pattern.lastIndex = at
    const match = pattern.exec(key)
    if (!match) return undefined
    const [, basic, literal, bare, dot] = match
    parts.push(basic !== undefined ? tomlBasicString(basic) : (literal ?? bare))
    at = pattern.lastIndex
    if (dot === '') break
  }
  return parts
}

/** The text of a one-line TOML basic string, between its quotes: its escapes read (as JSON's, which TOML's mostly are). */
export function tomlBasicString(text: string): string {
  if (!text.includes('\\')) return text
  try {
    return JSON.parse(`"${text}"`) as string
  } catch {
    return text
  }
}

/**
 * The TOML file `name` in the folder of `file` (a lockfile's manifest: the pyproject.toml beside pdm.lock, poetry.lock
 * or pylock.toml, the Pipfile beside Pipfile.lock), read through the discover context; undefined when it is missing,
 * unreadable or not TOML (its own format reports that).
 */
export function tomlBeside(
  file: string,
  name: string,
  context: {readText(file: string): string | null} | undefined,
): TomlTable | undefined {
  const dir = posix.dirname(file)
  const path = dir === '.' ? name : `${dir}/${name}`
  const text = context?.readText(path)
  if (text === null || text === undefined) return undefined
  const read = readToml(path, text)
  return 'error' in read ? undefined : read.table
}

/** Tables of a Pipfile that are not package categories (https://pipenv.pypa.io/en/latest/pipfile.html). */
const PIPFILE_NOT_PACKAGES = new Set(['source', 'requires', 'pipenv', 'scripts'])

/** A Pipfile's package categories (`packages`, `dev-packages` and any other), as [name, table]. */
export function pipfileCategories(table: TomlTable): Array<[string, TomlTable]> {
  return Object.entries(table).filter(
    (entry): entry is [string, TomlTable] => !PIPFILE_NOT_PACKAGES.has(entry[0]) && isTomlTable(entry[1]),
  )
}
