/**
 * Messages quote what they are about (an image reference, a version, a name), and a hostile input can make that
 * quote megabytes long: an invalid image reference of 100,000 characters was quoted whole in its error, in every
 * report and on stderr. `elide` keeps a long text's start and end (where a message says what is wrong) around a
 * count of what it leaves out.
 */

/** The longest message kept whole: a few lines of a terminal. */
export const MAX_MESSAGE = 1000

/** `text` if at most `max` characters; else its first 60 % and last 40 % around `… (N characters left out) …`. */
export function elide(text: string, max = MAX_MESSAGE): string {
  if (text.length <= max) return text
  let head = Math.ceil(max * 0.6)
  let tail = text.length - (max - head)
  // Never half of a surrogate pair at either cut.
  if (isLowSurrogate(text.charCodeAt(head))) head--
  if (isLowSurrogate(text.charCodeAt(tail))) tail++
  return `${text.slice(0, head)}… (${tail - head} characters left out) …${text.slice(tail)}`
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}
