/**
 * Markdown for GitHub comments and step summaries, where names from commits and profiles are untrusted: they
 * must not open markup, HTML, or a table cell, and must not @mention anyone. Escaping is minimal: a backslash
 * before anything but ASCII punctuation is shown as is (CommonMark 0.31 §2.4), so only characters that could
 * start markup in their position get one, and never a digit.
 */
import {escapeHtml} from '../../shared/escape-html.js'
import {cleanText} from '../../shared/text.js'

/** A zero-width space after `@` stops GitHub from turning `@name` into a mention (and a notification). */
function breakMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
}

/**
 * Anywhere in a line: backslash escapes, code spans, emphasis (`*`, `_`), links and images (`[`, `]`; `!` is
 * harmless once `[` is escaped), raw HTML and autolinks (`<`), GFM table cells (`|`) and strikethrough (`~`),
 * and `&` only where it would start an entity reference (`&amp;`, `&#35;`).
 */
function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<|~]/g, (c) => `\\${c}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
}

/**
 * At the start of a line, what would open a block (CommonMark §4-5): an ATX heading (`#` to `######` then a
 * space or the end), a block quote (`>`), a bullet (`-`, `+` then a space or the end), an ordered-list marker
 * (1-9 digits, then `.` or `)`, then a space or the end: the `.` or `)` is escaped, since `\8` is no escape),
 * a thematic break or setext underline (a line of `-` or `=`). `*`, `_`, backticks, `~` and `<` are already
 * escaped inline.
 */
function escapeBlockStart(text: string): string {
  return text
    .replace(/^(\s*)(#{1,6})(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)([>])/, '$1\\$2')
    .replace(/^(\s*)([-+])(?=\s|$)/, '$1\\$2')
    .replace(/^(\s*)(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3')
    .replace(/^(\s*)([-=])(?=[-=\s]*$)/, '$1\\$2')
}

/** Prose or a table cell: one line, inline markup escaped, a leading block marker escaped, mentions broken. */
export function mdText(text: string): string {
  return breakMentions(escapeBlockStart(escapeInline(cleanText(text))))
}

/** An identifier (repository, rule id, path, person) as a code span: no markup, no mention, `|` escaped in tables. */
export function mdCode(text: string, inTable = false): string {
  let clean = cleanText(text)
  if (clean === '') return ''
  if (inTable) clean = clean.replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${clean}${pad}${fence}`
}

/** Text inside an HTML block (`<summary>`), where Markdown is not parsed. */
export function htmlText(text: string): string {
  return breakMentions(escapeHtml(cleanText(text)))
}
