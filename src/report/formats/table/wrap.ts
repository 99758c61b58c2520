/**
 * Word wrapping measured in terminal cells (string-width). A line breaks at the last space in reach, else after
 * the last `/` (paths, repositories), else after `-`, `_`, `.`, `,`, `:`, `;` or `)`, else inside the word; the
 * same text and width give the same lines.
 */
import {textWidth} from './width.js'

/** Break points, most preferred first. */
const TIERS = [new Set([' ']), new Set(['/']), new Set(['-', '_', '.', ',', ':', ';', ')'])]

/** The widest piece of `text` between break points: narrower than this, a word has to be cut. */
export function longestPiece(text: string): number {
  return Math.max(0, ...text.split(/ +|(?<=[/\-_.,:;)])/).map(textWidth))
}

/** Lines of at most `width` cells (at least one line; a wide character wider than `width` gets its own line). */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(1, Math.floor(width))
  const lines: string[] = []
  let rest = text.trim()
  while (textWidth(rest) > max) {
    const chars = [...rest]
    let used = 0
    let fit = 0
    while (fit < chars.length && used + textWidth(chars[fit]) <= max) used += textWidth(chars[fit++])
    // A break point is the index after a separator: a space just past the reach (the word before it fits
    // exactly), else the last one in reach of the most preferred kind.
    let cut = chars[fit] === ' ' ? fit : 0
    for (const separators of TIERS) {
      for (let i = fit; i > 1 && cut === 0; i--) if (separators.has(chars[i - 1])) cut = i
    }
    if (cut === 0) cut = Math.max(1, fit)
    lines.push(chars.slice(0, cut).join('').trimEnd())
    rest = chars.slice(cut).join('').trimStart()
  }
  lines.push(rest)
  return lines
}

/**
 * Parts joined with ` · `, as many on a line as fit in `width` (further lines indented by `indent`); a part too
 * long for a line of its own is wrapped.
 */
export function packParts(parts: string[], width: number, indent = 0): string[] {
  const lines: string[] = []
  const room = (): number => width - (lines.length === 0 ? 0 : indent)
  const push = (line: string): void => {
    if (textWidth(line) <= room()) lines.push(line)
    else lines.push(...wrapText(line, width - indent))
  }
  let current = ''
  for (const part of parts) {
    const joined = current ? `${current} · ${part}` : part
    if (current && textWidth(joined) > room()) {
      push(current)
      current = part
    } else current = joined
  }
  push(current)
  return lines.map((line, i) => (i === 0 ? line : `${' '.repeat(indent)}${line}`))
}

/**
 * `head` (already painted; `indent` cells wide) followed by `text` wrapped to the width left, further lines
 * indented by `indent` spaces. `paint` colours each piece of text after wrapping.
 */
export function hanging(
  head: string,
  text: string,
  indent: number,
  width: number,
  paint: (piece: string) => string = (p) => p,
): string[] {
  const pieces = wrapText(text, Math.max(1, width - indent))
  return pieces.map((piece, i) => `${i === 0 ? head : ' '.repeat(indent)}${paint(piece)}`.trimEnd())
}
