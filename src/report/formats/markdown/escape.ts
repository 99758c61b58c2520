/**
 * Markdown for GitHub comments and step summaries, where names from commits and profiles are untrusted: they
 * must not open markup, HTML, or a table cell, and must not @mention anyone.
 */
import {escapeHtml} from '../../shared/escape-html.js'
import {cleanText} from '../../shared/text.js'

/** A zero-width space after `@` stops GitHub from turning `@name` into a mention (and a notification). */
function breakMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, '@\u200b')
}

/**
 * Prose or a table cell: inline markup characters are backslash-escaped (CommonMark §2.4 allows it for any
 * ASCII punctuation; GFM tables honour `\|`), and a leading block marker (`#`, `>`, `-`, `+`, `1.`) is escaped too.
 */
export function mdText(text: string): string {
  const escaped = cleanText(text).replace(/[\\`*_[\]<>|~!&]/g, (c) => `\\${c}`)
  return breakMentions(escaped.replace(/^(\s*)([#>+=-]|\d+[.)])/, (_, space, marker) => `${space}\\${marker}`))
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
