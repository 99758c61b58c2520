/**
 * One shape for every diagnostic about a place in a file (YAML and rule files, entity data, evidence files, discover
 * errors, governance files), and one way to print it: `file:line:column: message`, the form compilers use and
 * editors and CI annotations parse (GNU Coding Standards, "Formatting Error Messages").
 */

import {oneLine} from './neutralise.js'

/** A problem at a 1-based line and column of a file; without a line it concerns the whole file. */
export interface Problem {
  file: string
  line?: number
  column?: number
  message: string
}

/**
 * `file:line:column: message`, `file:line: message` without a column, `file: message` without a line: always one
 * line (core/neutralise.ts `oneLine`), whatever the file is named and the message quotes.
 */
export function formatProblem(problem: Problem): string {
  return `${formatPlace(problem.file, problem.line, problem.column)}: ${oneLine(problem.message)}`
}

/** `file:line:column`, shortened as `formatProblem` does (a line or column of 0 counts as absent). */
export function formatPlace(file: string, line?: number, column?: number): string {
  const name = oneLine(file)
  if (!line) return name
  return column ? `${name}:${line}:${column}` : `${name}:${line}`
}
