/**
 * Cuts a YAML stream into its documents' source ranges without parsing it. A line that starts with `---` or
 * `...` followed by a space, a tab or the end of the line is a document marker wherever it occurs: YAML forbids
 * such lines inside scalars (YAML 1.2.2 §9.1.3, `c-forbidden`), so no content is ever cut. Directives (`%YAML`)
 * and comments before a `---` stay with the document they precede; comments after a final `...` stay with the
 * last document. Each part keeps its first line, so positions found inside it map back to the file.
 */

export interface DocumentPart {
  /** Offsets in the stream: `text.slice(start, end)` is the part. */
  start: number
  end: number
  /** 1-based line of `start`. */
  line: number
  /** False when the part holds only comments, directives and blank lines (no document at all). */
  content: boolean
  /** 1-based line where the document's content starts (after `---` and comments); 0 when it has none. */
  contentLine: number
}

/** One part at a time: a stream of millions of `---` lines is never held as millions of parts. */
export function* splitDocuments(text: string): Generator<DocumentPart> {
  /** The part before `part`, held back so that a trailing part of comments can still be added to it. */
  let last: DocumentPart | undefined
  let part: DocumentPart = {start: 0, end: 0, line: 1, content: false, contentLine: 0}
  let line = 1
  for (let offset = 0; offset < text.length; line++) {
    const newline = text.indexOf('\n', offset)
    const next = newline < 0 ? text.length : newline + 1
    const kind = lineKind(text, offset, next)
    if (kind === 'start') {
      if (part.content) {
        part.end = offset
        if (last) yield last
        last = part
        part = {start: offset, end: 0, line, content: true, contentLine: 0}
      }
      part.content = true
      // `--- |` or `--- {a: 1}`: the content starts on the marker line.
      if (lineKind(text, offset + 3, next) === 'content') part.contentLine = line
    } else if (kind === 'content') {
      part.content = true
      if (part.contentLine === 0) part.contentLine = line
    } else if (kind === 'end') {
      part.end = next
      part.content = true
      if (last) yield last
      last = part
      part = {start: next, end: 0, line: line + 1, content: false, contentLine: 0}
    }
    offset = next
  }
  part.end = text.length
  if (part.content || !last) {
    if (last) yield last
    yield part
  } else {
    if (part.end > part.start) last.end = part.end
    yield last
  }
}

type LineKind = 'start' | 'end' | 'content' | 'other'

function lineKind(text: string, offset: number, next: number): LineKind {
  if (offset >= next) return 'other'
  const first = text.charCodeAt(offset)
  if (first === 0x2d /* - */ || first === 0x2e /* . */) {
    if (text.charCodeAt(offset + 1) === first && text.charCodeAt(offset + 2) === first) {
      const after = offset + 3 < next ? text.charCodeAt(offset + 3) : 0x0a
      if (after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d) return first === 0x2d ? 'start' : 'end'
    }
    return 'content'
  }
  // Blank lines, comments and directives belong to the document that follows.
  if (first === 0x23 /* # */ || first === 0x25 /* % */) return 'other'
  for (let i = offset; i < next; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x23) return 'other'
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return 'content'
  }
  return 'other'
}
