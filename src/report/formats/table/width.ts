/**
 * Terminal cells a text takes. string-width knows wide CJK, emoji and zero-width marks but costs microseconds
 * per call, and wrapping measures every character of every candidate width, so printable ASCII is counted
 * directly.
 */
import stringWidth from 'string-width'

const ASCII = /^[\x20-\x7e]*$/

export function textWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text)
}
