import {parse, TomlError} from 'smol-toml'
import type {ScanError} from '../../core/model.js'
import {forbiddenKeyErrors, lockfileError, stackOverflowError} from './problems.js'

export type TomlTable = Record<string, unknown>

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
