/**
 * JSON read from a file a setting names (a baseline, a snapshot, a commits file, a bundle): parsed with
 * JSON.parse, and when that fails, described by place and kind only. Node's own message quotes the file's first
 * bytes (`Unexpected token 'p', "password=h"... is not valid JSON`), and a setting pointed at the wrong file
 * (`~/.npmrc`, a credentials file) must not print it. jsonc-parser finds the place without quoting anything.
 */
import type {ParseError} from 'jsonc-parser'
import {jsonc} from './lazy-require.js'

export type JsonText = {ok: true; value: unknown} | {ok: false; line: number; column: number; message: string}

export function parseJsonText(text: string): JsonText {
  try {
    return {ok: true, value: JSON.parse(text.replace(/^\uFEFF/, ''))}
  } catch {
    return {ok: false, ...describeJsonError(text)}
  }
}

/** `invalid JSON at line 3, column 7 (ValueExpected)`: the first syntax error, never the text around it. */
export function describeJsonError(text: string): {line: number; column: number; message: string} {
  const errors: ParseError[] = []
  jsonc().parse(text.replace(/^\uFEFF/, ''), errors, {allowTrailingComma: false, disallowComments: true})
  const first = errors[0]
  const offset = first?.offset ?? 0
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  const column = offset - lineStart + 1
  const kind = first ? jsonc().printParseErrorCode(first.error) : 'not JSON'
  return {line, column, message: `invalid JSON at line ${line}, column ${column} (${kind})`}
}
