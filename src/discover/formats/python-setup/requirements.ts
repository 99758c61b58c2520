/**
 * What setuptools makes of a requirements value, whichever file wrote it: `setuptools._reqs.parse_strings`, that is
 * jaraco.text's `yield_lines` (each item split into lines, each line stripped, blank lines and lines starting with
 * `#` dropped), `drop_comment` (a ` #` and what follows it) and `join_continuation` (a line ending with `\` joined to
 * the next, the character before the backslash dropped too, as jaraco.text does). Each requirement keeps the offset
 * in the file of its first character.
 */

/** Text read from the file, with where each of its characters is written. */
export interface Sourced {
  text: string
  /** The file offset of text[0], when the text is written as it is (no escapes): text[i] is at base + i. */
  base: number
  /** Else the file offset of each character (a string literal with escapes, or several literals concatenated). */
  offsets?: number[]
}

export interface RequirementText {
  text: string
  /** The file offset of its first character. */
  offset: number
}

export function offsetOf(sourced: Sourced, index: number): number {
  if (!sourced.offsets) return sourced.base + index
  return sourced.offsets[Math.min(index, sourced.offsets.length - 1)] ?? sourced.base
}

/** Python's str.splitlines separators (\r\n counts as one). */
function isLineBreak(code: number): boolean {
  return (
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    (code >= 0x1c && code <= 0x1e) ||
    code === 0x85 ||
    code === 0x2028 ||
    code === 0x2029
  )
}

/** Each line of the item, with its offset in the item, as Python's str.splitlines cuts them. */
function* itemLines(text: string): Generator<{line: string; start: number}> {
  let start = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (!isLineBreak(code)) continue
    yield {line: text.slice(start, index), start}
    if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) index++
    start = index + 1
  }
  if (start < text.length) yield {line: text.slice(start), start}
}

/** The requirement strings of a value's items, in order. */
export function requirementTexts(items: readonly Sourced[]): RequirementText[] {
  const lines: RequirementText[] = []
  for (const item of items) {
    for (const {line, start} of itemLines(item.text)) {
      const stripped = line.trim()
      if (stripped === '' || stripped.startsWith('#')) continue
      const lead = line.length - line.trimStart().length
      const comment = stripped.indexOf(' #')
      lines.push({text: comment === -1 ? stripped : stripped.slice(0, comment), offset: offsetOf(item, start + lead)})
    }
  }
  const joined: RequirementText[] = []
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index]
    if (!first.text.endsWith('\\')) {
      joined.push({text: first.text.trimEnd(), offset: first.offset})
      continue
    }
    // `item[:-2].strip() + next(lines)` as parts, so a long run of continued lines stays linear: each step drops two
    // characters from the end of what is joined so far (the backslash and the one before it) and trailing spaces.
    const parts = [first.text]
    let complete = false
    while (parts.at(-1)!.endsWith('\\')) {
      dropFromEnd(parts, 2)
      if (index + 1 >= lines.length) break
      parts.push(lines[++index].text)
      if (!parts.at(-1)!.endsWith('\\')) complete = true
    }
    // A last line that continues into nothing is dropped with what it continues, as jaraco.text does.
    if (complete) joined.push({text: parts.join('').trimEnd(), offset: first.offset})
  }
  return joined
}

/** Drops `count` characters, then trailing whitespace, from the end of the parts' concatenation. */
function dropFromEnd(parts: string[], count: number): void {
  let left = count
  while (parts.length > 0) {
    const last = parts[parts.length - 1]
    const kept = last.slice(0, Math.max(0, last.length - left)).trimEnd()
    left = Math.max(0, left - last.length)
    if (kept === '' && parts.length > 1) {
      parts.pop()
      continue
    }
    parts[parts.length - 1] = kept
    if (left === 0 || parts.length === 1) return
  }
}
