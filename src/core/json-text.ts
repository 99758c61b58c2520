/**
 * JSON read from a file a setting names (a baseline, a snapshot, a commits file, a bundle): parsed with
 * JSON.parse, and when that fails, described by place and kind only. Node's own message quotes the file's first
 * bytes (`Unexpected token 'p', "password=h"... is not valid JSON`), and a setting pointed at the wrong file
 * (`~/.npmrc`, a credentials file) must not print it. jsonc-parser finds the place without quoting anything.
 */
import type {ParseError, ParseErrorCode} from 'jsonc-parser'
import {jsonc} from './lazy-require.js'

/** jsonc-parser's error codes (ParseErrorCode, by the name it prints), in stewards' words. */
const SYNTAX_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'a character that starts no JSON value',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name (a double-quoted string) expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected after a property name',
  CommaExpected: 'a comma expected between items',
  CloseBraceExpected: 'a closing brace (}) expected',
  CloseBracketExpected: 'a closing bracket (]) expected',
  EndOfFileExpected: 'more text after the JSON value',
  InvalidCommentToken: 'a comment, which JSON does not allow',
  UnexpectedEndOfComment: 'a comment that is never closed',
  UnexpectedEndOfString: 'a string that is never closed',
  UnexpectedEndOfNumber: 'a number cut short',
  InvalidUnicode: 'an invalid \\u escape',
  InvalidEscapeCharacter: 'an invalid escape (\\) in a string',
  InvalidCharacter: 'a control character inside a string',
}

/** What a JSON syntax error of jsonc-parser is, in words (its code name for one these do not know). */
export function jsonSyntaxWords(code: ParseErrorCode): string {
  const name = jsonc().printParseErrorCode(code)
  return SYNTAX_WORDS[name] ?? name
}

export type JsonText = {ok: true; value: unknown} | {ok: false; line: number; column: number; message: string}

export function parseJsonText(text: string): JsonText {
  try {
    return {ok: true, value: JSON.parse(text.replace(/^\uFEFF/, ''))}
  } catch {
    return {ok: false, ...describeJsonError(text)}
  }
}

/** `invalid JSON at line 3, column 7 (a value expected)`: the first syntax error, never the text around it. */
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
  const kind = first ? jsonSyntaxWords(first.error) : 'not JSON'
  return {line, column, message: `invalid JSON at line ${line}, column ${column} (${kind})`}
}
