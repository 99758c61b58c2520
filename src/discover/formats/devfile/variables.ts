/**
 * Devfile variables (https://devfile.io/docs/2.2.0/defining-variables): `{{name}}` (or `{{ name }}`) in a string is
 * replaced by the value the devfile's `variables:` gives `name`. As the devfile library does it (devfile/api,
 * pkg/validation/variables/variables.go `validateAndReplaceDataWithVariable`): a reference is what
 * `\{\{\s*(.*?)\s*\}\}` matches (never across a line break; the name without the spaces around it), a reference to an
 * undefined variable is left as written (the library warns).
 *
 * Written by hand, in one pass: JavaScript's backtracking would make that expression quadratic on a long line of `{{`
 * (Go's is linear), and the library's replace-all for each reference in turn is quadratic on many references. One
 * pass gives what the library gives but when a variable's value itself holds `{{`: the library may replace that again,
 * depending on the order of the references; such a value is told (`nested`), not guessed.
 */

/** Far above any real devfile; bounds what a hostile file can make the replacements build. */
export const MAX_SUBSTITUTED = 4 * 1024 * 1024

export interface Reference {
  /** Offsets of the reference in the text, end exclusive. */
  start: number
  end: number
  /** The variable's name. */
  name: string
}

export type Replaced =
  | {ok: true; value: string; changed: boolean; undefined: string[]; nested: string[]}
  | {ok: false; message: string}

/** Go's `\s`: `[\t\n\f\r ]`. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d
}

/**
 * The references of `text`, as the library's expression finds them, leftmost first: from a `{{` to the first `}}` at
 * least two characters after it, the name between them without the spaces around it, and no line break in the name
 * (`\s*` may take line breaks around it, `.` may not).
 */
export function references(text: string): Reference[] {
  const found: Reference[] = []
  // The first `}}` after the current `{{`, with the last non-space before it and the last line break before that.
  let close = -1
  let last = -1
  let lastBreak = -1
  // Line breaks found going forward (each `last` is past the one before): the text is walked once.
  let nextBreak = text.indexOf('\n')
  for (let open = text.indexOf('{{'); open !== -1; ) {
    if (close < open + 2) {
      close = text.indexOf('}}', open + 2)
      if (close === -1) break
      last = close - 1
      while (last >= open + 2 && isSpace(text.charCodeAt(last))) last--
      while (nextBreak !== -1 && nextBreak <= last) {
        lastBreak = nextBreak
        nextBreak = text.indexOf('\n', nextBreak + 1)
      }
    }
    let first = open + 2
    while (first < close && isSpace(text.charCodeAt(first))) first++
    // The name is text[first..last]: it may not hold a line break. A later `}}` would keep this one inside the name.
    if (first <= last && lastBreak >= first) {
      open = text.indexOf('{{', open + 1)
      continue
    }
    found.push({start: open, end: close + 2, name: first <= last ? text.slice(first, last + 1) : ''})
    open = text.indexOf('{{', close + 2)
  }
  return found
}

/** `text` with the references to `variables` replaced; `undefined` names those referred to and not defined. */
export function replaceVariables(
  text: string,
  variables: ReadonlyMap<string, string>,
  found: readonly Reference[] = references(text),
): Replaced {
  if (found.length === 0) return {ok: true, value: text, changed: false, undefined: [], nested: []}
  const parts: string[] = []
  const missing = new Set<string>()
  const nested = new Set<string>()
  let size = 0
  let at = 0
  let changed = false
  for (const {start, end, name} of found) {
    const value = variables.get(name)
    const piece = value ?? text.slice(start, end)
    if (value === undefined) missing.add(name)
    else {
      changed = true
      if (value.includes('{{')) nested.add(name)
    }
    size += start - at + piece.length
    if (size > MAX_SUBSTITUTED)
      return {ok: false, message: `its variables expand it beyond ${MAX_SUBSTITUTED / 1024 / 1024} MB`}
    parts.push(text.slice(at, start), piece)
    at = end
  }
  parts.push(text.slice(at))
  return {ok: true, value: parts.join(''), changed, undefined: [...missing], nested: [...nested]}
}
