/**
 * A lexer for Groovy and Kotlin (Gradle build scripts, Jenkinsfiles): identifiers, strings (with their `$name` and `${…}`
 * templates kept as parts), numbers, punctuation and line breaks (which end a Groovy command, `implementation 'a:b:1'`).
 * Comments are dropped: `//` to the end of the line, `/* … *\/` (nested in Kotlin), a `#!` first line. A `//` inside
 * a string is the string's. One pass over the text, each character looked at a bounded number of times: an
 * unterminated string ends at its line's end, an unterminated comment or triple-quoted string at the text's.
 * Not told apart: Groovy's slashy strings (`/…/`, read as punctuation and what is between), Kotlin's character
 * literals (read as strings of one character).
 */

export type Kind = 'ident' | 'string' | 'number' | 'punct' | 'newline'

/** A string's parts: literal text, or a template (`$name`, Groovy's `$a.b`, or `${expression}`). */
export type Part = {text: string} | {expr: string; braces: boolean}

export interface Token {
  kind: Kind
  /** The identifier, punctuation or number as written; a string's literal text (its templates left out). */
  value: string
  /** 1-based line and column (UTF-16 code units) of the token's first character (a string's opening quote). */
  line: number
  column: number
  /** Strings: literal text and templates, in order. */
  parts?: Part[]
  /** Strings: what is between the quotes, as written. */
  raw?: string
}

/** Tokens, with the index of each bracket's partner (-1 for none and for other tokens): see matchBrackets. */
export interface Tokens {
  tokens: Token[]
  match: Int32Array
}

const THREE = new Set(['===', '!==', '==~', '...'])
const TWO = new Set([
  '==',
  '!=',
  '<=',
  '>=',
  '+=',
  '-=',
  '*=',
  '/=',
  '->',
  '?.',
  '?:',
  '!!',
  '::',
  '..',
  '&&',
  '||',
  '++',
  '--',
  '=~',
  '<<',
])

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 0x80 && c !== 0xa0 && c !== 0xfeff)
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57)
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff
}

const ESCAPES: Record<string, string> = {n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '0': '\0'}

export function tokenize(text: string, kotlin: boolean): Tokens {
  const tokens: Token[] = []
  const n = text.length
  let i = 0
  let line = 1
  let lineStart = 0
  const newline = (at: number) => {
    line++
    lineStart = at + 1
  }
  const push = (kind: Kind, value: string, at: number) => {
    tokens.push({kind, value, line, column: at - lineStart + 1})
  }

  // A shebang line (`#!/usr/bin/env kotlin`).
  if (text.startsWith('#!')) {
    const end = text.indexOf('\n')
    i = end === -1 ? n : end
  }

  /** A block comment from `at` (after its `/*`); the index after its end, or the text's length. */
  const blockComment = (at: number): number => {
    let depth = 1
    let j = at
    while (j < n) {
      const c = text.charCodeAt(j)
      if (c === 10) newline(j)
      else if (c === 42 && text.charCodeAt(j + 1) === 47) {
        depth--
        j += 2
        if (depth === 0) return j
        continue
      } else if (kotlin && c === 47 && text.charCodeAt(j + 1) === 42) {
        depth++
        j += 2
        continue
      }
      j++
    }
    return n
  }

  /** A string from its opening quote at `at`; the index after it. */
  const string = (at: number): number => {
    const quote = text.charCodeAt(at)
    const q = text[at]
    const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote
    const close = triple ? q + q + q : q
    // Templates: double-quoted strings (Groovy's GStrings, every Kotlin string). Escapes: all but Kotlin's raw `"""`.
    const templates = quote === 34
    const escapes = !(kotlin && triple)
    const startLine = line
    const startColumn = at - lineStart + 1
    const contentStart = at + close.length
    const parts: Part[] = []
    let literal = ''
    let segment = contentStart
    let j = contentStart
    const flush = () => {
      literal += text.slice(segment, j)
      if (literal !== '') parts.push({text: literal})
      literal = ''
    }
    while (j < n) {
      const c = text.charCodeAt(j)
      if (c === quote && (!triple || text.startsWith(close, j))) break
      if (c === 10) {
        // A single-quoted or double-quoted string never spans lines: unterminated, it ends here.
        if (!triple) break
        newline(j)
        j++
        continue
      }
      if (c === 92 && escapes) {
        literal += text.slice(segment, j)
        const next = text[j + 1]
        if (next === undefined) {
          j++
        } else if (next === '\n') {
          // Groovy's line continuation inside a string.
          newline(j + 1)
          j += 2
        } else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6))) {
          literal += String.fromCharCode(Number.parseInt(text.slice(j + 2, j + 6), 16))
          j += 6
        } else {
          literal += ESCAPES[next] ?? next
          j += 2
        }
        segment = j
        continue
      }
      if (c === 36 && templates) {
        const next = text.charCodeAt(j + 1)
        if (next === 123) {
          flush()
          const end = templateEnd(j + 2, triple)
          parts.push({expr: text.slice(j + 2, end), braces: true})
          j = end < n && text.charCodeAt(end) === 125 ? end + 1 : end
          segment = j
          continue
        }
        if (isIdentStart(next)) {
          flush()
          let k = j + 2
          while (k < n && isIdentPart(text.charCodeAt(k))) k++
          // Groovy reads `$a.b.c` as one property path; Kotlin's `$name` is one name.
          if (!kotlin)
            while (text.charCodeAt(k) === 46 && isIdentStart(text.charCodeAt(k + 1))) {
              k += 2
              while (k < n && isIdentPart(text.charCodeAt(k))) k++
            }
          parts.push({expr: text.slice(j + 1, k), braces: false})
          j = k
          segment = j
          continue
        }
      }
      j++
    }
    flush()
    const raw = text.slice(contentStart, j)
    if (j < n && text.charCodeAt(j) === quote) j += close.length
    const value = parts.map((part) => ('text' in part ? part.text : '')).join('')
    tokens.push({kind: 'string', value, line: startLine, column: startColumn, parts, raw})
    return j
  }

  /**
   * The end of a `${…}` template starting at `at`: the index of its closing brace (braces counted, quoted text
   * inside skipped), or where it stops unterminated (the line's end in a one-line string, else the text's end).
   */
  const templateEnd = (at: number, multiline: boolean): number => {
    let depth = 1
    let k = at
    while (k < n) {
      const c = text.charCodeAt(k)
      if (c === 10) {
        if (!multiline) return k
        newline(k)
      } else if (c === 123) depth++
      else if (c === 125) {
        depth--
        if (depth === 0) return k
      } else if (c === 34 || c === 39) {
        // A string inside the template: to its closing quote, or the line's end.
        let m = k + 1
        while (m < n) {
          const d = text.charCodeAt(m)
          if (d === 92) m += 2
          else if (d === c || d === 10) break
          else m++
        }
        if (m >= n || text.charCodeAt(m) === 10) {
          k = m
          continue
        }
        k = m
      }
      k++
    }
    return n
  }

  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 10) {
      push('newline', '\n', i)
      newline(i)
      i++
    } else if (isSpace(c)) {
      i++
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i)
      i = end === -1 ? n : end
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      i = blockComment(i + 2)
    } else if (c === 34 || c === 39) {
      i = string(i)
    } else if (isIdentStart(c)) {
      let j = i + 1
      while (j < n && isIdentPart(text.charCodeAt(j))) j++
      push('ident', text.slice(i, j), i)
      i = j
    } else if (c === 96) {
      // Kotlin's quoted name: `java-library`.
      let j = i + 1
      while (j < n && text.charCodeAt(j) !== 96 && text.charCodeAt(j) !== 10) j++
      if (j < n && text.charCodeAt(j) === 96) {
        push('ident', text.slice(i + 1, j), i)
        i = j + 1
      } else {
        push('punct', '`', i)
        i++
      }
    } else if (isDigit(c)) {
      let j = i + 1
      while (
        j < n &&
        (isIdentPart(text.charCodeAt(j)) || (text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))))
      )
        j++
      push('number', text.slice(i, j), i)
      i = j
    } else {
      const three = text.slice(i, i + 3)
      const two = text.slice(i, i + 2)
      const op = THREE.has(three) ? three : TWO.has(two) ? two : text[i]
      push('punct', op, i)
      i += op.length
    }
  }
  return {tokens, match: matchBrackets(tokens)}
}

const OPENERS: Record<string, string> = {')': '(', ']': '[', '}': '{'}

/**
 * The partner of each bracket: `(` and `)`, `[` and `]`, `{` and `}`. A closer without an open opener of its kind is
 * left alone; openers it closes over (a `(` never closed before a `}`) have none. Counts per kind keep a stray closer
 * from searching the stack: linear in the number of tokens.
 */
export function matchBrackets(tokens: Token[]): Int32Array {
  const match = new Int32Array(tokens.length).fill(-1)
  const stack: number[] = []
  const open: Record<string, number> = {'(': 0, '[': 0, '{': 0}
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind !== 'punct') continue
    const value = token.value
    if (value === '(' || value === '[' || value === '{') {
      stack.push(i)
      open[value]++
      continue
    }
    const opener = OPENERS[value]
    if (opener === undefined || open[opener] === 0) continue
    for (;;) {
      const k = stack.pop()!
      const kind = tokens[k].value
      open[kind]--
      if (kind === opener) {
        match[k] = i
        match[i] = k
        break
      }
    }
  }
  return match
}
