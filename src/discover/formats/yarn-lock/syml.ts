/**
 * The fast path of ./berry.ts: the plain block YAML yarn writes (its stringifySyml: mappings, one `key: value` or
 * `key:` per line, indented by two spaces, keys and values plain or double-quoted), read line by line into what
 * js-yaml's failsafe schema gives for it (every scalar a string). js-yaml was most of what a berry lockfile cost (a
 * tree of state per node; issue #16), and a generated lockfile uses a sliver of YAML.
 *
 * Written by hand because no library reads that subset alone. It gives up (`undefined`) on anything else, and the
 * caller reads the text with js-yaml, whose results, errors and duplicate-key handling are then what they always
 * were: a tab, a carriage return but before a line feed (CRLF line breaks, as a Windows checkout writes them, are
 * read), lines of spaces, an indented comment, sequences, flow collections, block scalars,
 * single quotes, anchors, aliases and tags (a value or key starting with an indicator), a comment after a value,
 * `: ` inside a plain value, trailing spaces, a quoted scalar that does not close on its line or whose escapes are
 * not JSON's, a key written twice, `__proto__`, a key without a value, indentation that does not return to an
 * enclosing level, and an empty document. ./syml.test.ts compares the two readers on the shared corpus and on
 * generated mutations of it.
 */

interface Level {
  object: Record<string, unknown>
  /** Indentation of the key that opened this mapping (-1 for the root). */
  parentIndent: number
  /** Indentation of this mapping's keys, known from its first line. */
  indent?: number
}

/** Characters a plain scalar may not start with here (YAML indicators, and `-`, `?`, `:` to keep it simple). */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'])

export interface SymlDocument {
  document: Record<string, unknown>
  /** The line (1-based) of each top-level key, as read (unescaped). */
  keyLines: Map<string, number>
}

/**
 * Put in place of every mapping nested deeper than the levels asked for (`levels`): it is read and checked all the
 * same (a line js-yaml would read otherwise gives up), its keys checked for duplicates, but not kept.
 */
export const UNKEPT: Readonly<Record<string, never>> = Object.freeze({})

/**
 * `levels`: how many levels of mappings the document keeps (a lockfile's entries and their fields: 2); deeper ones
 * are UNKEPT. A berry entry's dependency lists were half of what the reader allocated, all of it kept to the end of
 * the file and read by nobody.
 */
export function readSymlFast(text: string, levels = Number.POSITIVE_INFINITY): SymlDocument | undefined {
  if (text.includes('\t')) return undefined
  // CRLF is a line break like LF (YAML 1.2.2 §5.4); a carriage return anywhere else is one too, and gives up.
  const crlf = text.includes('\r')
  if (crlf && text.replaceAll('\r\n', '').includes('\r')) return undefined
  const root: Record<string, unknown> = {}
  const keyLines = new Map<string, number>()
  const stack: Level[] = [{object: root, parentIndent: -1, indent: 0}]
  let entries = 0
  let lineNumber = 0
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, crlf && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end)
    start = end + 1
    lineNumber++
    if (line === '' || line.charCodeAt(0) === 0x23) continue
    let indent = 0
    while (line.charCodeAt(indent) === 0x20) indent++
    if (indent === line.length) return undefined
    // Close the mappings this line is not inside; a mapping closed before its first line is a key without a value.
    for (;;) {
      const top = stack[stack.length - 1]
      if (top.indent === undefined ? indent > top.parentIndent : indent >= top.indent) break
      if (top.indent === undefined) return undefined
      stack.pop()
    }
    const level = stack[stack.length - 1]
    if (level.indent === undefined) level.indent = indent
    else if (indent !== level.indent) return undefined
    const parsed = keyAndRest(line, indent)
    if (parsed === undefined) return undefined
    const [key, rest] = parsed
    if (key === '__proto__' || Object.hasOwn(level.object, key)) return undefined
    if (indent === 0) keyLines.set(key, lineNumber)
    entries++
    if (rest === '') {
      const child: Record<string, unknown> = {}
      // Not kept: read into an object that is let go when the mapping ends.
      level.object[key] = stack.length < levels ? child : UNKEPT
      stack.push({object: child, parentIndent: indent})
      continue
    }
    if (rest.charCodeAt(0) !== 0x20) return undefined
    const value = scalar(rest.slice(1))
    if (value === undefined) return undefined
    level.object[key] = value
  }
  if (entries === 0 || stack.some((level) => level.indent === undefined)) return undefined
  return {document: root, keyLines}
}

/** The key at `indent` and what follows its `:`; undefined when the line is not `key:` or `key: …`. */
function keyAndRest(line: string, indent: number): [string, string] | undefined {
  if (line.charCodeAt(indent) === 0x22) {
    const close = closingQuote(line, indent)
    if (close === -1 || line.charCodeAt(close + 1) !== 0x3a) return undefined
    const key = quoted(line.slice(indent, close + 1))
    return key === undefined ? undefined : [key, line.slice(close + 2)]
  }
  const colon = line.indexOf(':', indent)
  if (colon === -1) return undefined
  // The first `:` must end the key: followed by a space or the end of the line.
  if (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 0x20) return undefined
  const key = line.slice(indent, colon)
  if (!isPlain(key)) return undefined
  return [key, line.slice(colon + 1)]
}

/** A scalar value: double-quoted (closing at the end of the line) or plain. */
function scalar(text: string): string | undefined {
  if (text.charCodeAt(0) === 0x22) {
    return closingQuote(text, 0) === text.length - 1 ? quoted(text) : undefined
  }
  return isPlain(text) && !text.endsWith(':') ? text : undefined
}

/** A plain scalar that reads as itself: no indicator first, no `: ` or ` #` inside, no spaces around it. */
function isPlain(text: string): boolean {
  return (
    text.length > 0 &&
    !INDICATORS.has(text[0]) &&
    text[0] !== ' ' &&
    !text.endsWith(' ') &&
    !text.includes(': ') &&
    !text.includes(' #')
  )
}

/** The index of the `"` that closes the one at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5c) i++
    else if (c === 0x22) return i
  }
  return -1
}

/** A double-quoted scalar whose escapes are JSON's (YAML's mean the same); undefined for any other. */
export function quoted(text: string): string | undefined {
  if (!text.includes('\\')) return text.slice(1, -1)
  try {
    return JSON.parse(text) as string
  } catch {
    return undefined
  }
}
