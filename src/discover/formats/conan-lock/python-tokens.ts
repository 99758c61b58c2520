/**
 * The tokens of Python source a conanfile.py needs to be read for its literal requirements (never run): names,
 * string literals (with their prefix, so that an f-string is told from a plain one), single-character punctuation,
 * and the start of each logical line with its indentation. Comments are dropped; a line break inside brackets or
 * after a backslash does not end a logical line. One pass, no backtracking.
 */

export type PyToken =
  | {kind: 'name'; value: string; offset: number}
  | {kind: 'string'; value: string; prefix: string; offset: number}
  | {kind: 'op'; value: string; offset: number}
  /** The first token of a logical line follows; `indent` is its column (0-based). */
  | {kind: 'line'; indent: number; offset: number}

const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_]/
const PREFIX = /^(?:[rRbBuUfF]{1,2})$/

export function tokenizePython(text: string): PyToken[] {
  const tokens: PyToken[] = []
  let depth = 0
  let atLineStart = true
  let lineStart = 0
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === '\n') {
      i++
      if (depth === 0) {
        atLineStart = true
        lineStart = i
      }
      continue
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      i++
      continue
    }
    if (ch === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3
      continue
    }
    if (ch === '#') {
      const end = text.indexOf('\n', i)
      i = end < 0 ? text.length : end
      continue
    }
    if (atLineStart) {
      tokens.push({kind: 'line', indent: i - lineStart, offset: i})
      atLineStart = false
    }
    if (NAME_START.test(ch)) {
      let end = i + 1
      while (end < text.length && NAME_PART.test(text[end])) end++
      const word = text.slice(i, end)
      if (PREFIX.test(word) && (text[end] === '"' || text[end] === "'")) {
        i = readString(text, i, end, word, tokens)
        continue
      }
      tokens.push({kind: 'name', value: word, offset: i})
      i = end
      continue
    }
    if (ch === '"' || ch === "'") {
      i = readString(text, i, i, '', tokens)
      continue
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--
    tokens.push({kind: 'op', value: ch, offset: i})
    i++
  }
  return tokens
}

/** Reads the string whose quote is at `quoteAt` (its prefix from `start`); returns the offset after it. */
function readString(text: string, start: number, quoteAt: number, prefix: string, tokens: PyToken[]): number {
  const quote = text[quoteAt]
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote
  const open = triple ? 3 : 1
  let value = ''
  let i = quoteAt + open
  while (i < text.length) {
    const ch = text[i]
    if (ch === '\\') {
      // Escapes are kept as written (a reference has none); only the quote they hide matters.
      value += text.slice(i, i + 2)
      i += 2
      continue
    }
    if (ch === quote && (!triple || (text[i + 1] === quote && text[i + 2] === quote))) {
      tokens.push({kind: 'string', value, prefix, offset: start})
      return i + open
    }
    if (ch === '\n' && !triple) break
    value += ch
    i++
  }
  // An unterminated string: what follows is not read as code.
  tokens.push({kind: 'string', value, prefix: `${prefix}!`, offset: start})
  return i
}
