/**
 * Parser for cncf/gitdm `developers_affiliationsN.txt` (grammar and quirks: ../shared/affiliation/GITDM-FORMAT.md).
 * Hand-written: the format is a line grammar of its own (no library reads it). It never throws on content:
 * lines it cannot read become problems with file and line, and parsing goes on.
 */
import type {Problem} from '../../../core/problem.js'
import {isCalendarDate} from '../../../core/dates.js'
import {trimEnd} from '../../../core/trim-end.js'

export interface GitdmPeriod {
  company: string
  /** Inclusive, YYYY-MM-DD; absent = open to the past. */
  from?: string
  /** Exclusive, YYYY-MM-DD; absent = open to the future. */
  until?: string
  line: number
}

export interface GitdmBlock {
  /** Header login as written (case kept). */
  login: string
  /** Lower-cased, `!` written back as `@`; tokens that are not emails dropped. */
  emails: string[]
  periods: GitdmPeriod[]
  file: string
  line: number
  /** Position over all files read, in reading order: lower = earlier in gitdm order. */
  index: number
}

/** A line that could not be read: the shared `Problem` (file, line, message). */
export type FileProblem = Problem

export interface GitdmParseResult {
  blocks: GitdmBlock[]
  problems: FileProblem[]
}

/**
 * `Company`, `Company from D`, `Company until D`, `Company from D until D`: the dates cut from the end by hand. The one
 * expression this was (`^(.+?)(?:\s+from\s+(D))?(?:\s+until\s+(D))?\s*$`) was quadratic in a long line's runs of
 * spaces, and affiliation files come from upstreams and scanned trees.
 */
const UNTIL_AT_END = /\suntil\s+(\d{4}-\d{2}-\d{2})$/
const FROM_AT_END = /\sfrom\s+(\d{4}-\d{2}-\d{2})$/
const WHITESPACE = /\s/

/** Parses one file's text; `firstIndex` numbers its blocks after those of files read before it. */
export function parseGitdm(text: string, file: string, firstIndex = 0): GitdmParseResult {
  const blocks: GitdmBlock[] = []
  const problems: FileProblem[] = []
  let current: GitdmBlock | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '')
    const lineNo = i + 1
    if (line.trim() === '' || line.startsWith('#')) continue
    if (line.startsWith('\t')) {
      if (!current) {
        problems.push({file, line: lineNo, message: 'affiliation line before any "login: emails" header'})
        continue
      }
      const period = parsePeriod(line.slice(1), lineNo)
      if (typeof period === 'string') problems.push({file, line: lineNo, message: period})
      else current.periods.push(period)
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0 || /^\s/.test(line)) {
      problems.push({file, line: lineNo, message: 'expected "login: email!domain, ..." or a TAB-indented affiliation'})
      current = undefined
      continue
    }
    current = {
      login: line.slice(0, colon).trim(),
      emails: parseEmails(line.slice(colon + 1)),
      periods: [],
      file,
      line: lineNo,
      index: firstIndex + blocks.length,
    }
    blocks.push(current)
  }
  for (const block of blocks) {
    if (block.periods.length === 0)
      problems.push({file, line: block.line, message: `'${shown(block.login)}' has no affiliation line`})
  }
  return {blocks, problems}
}

/** File text quoted in a message: one line, control characters replaced, at most 60 characters. */
function shown(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, '?')
  return line.length > 60 ? `${line.slice(0, 57)}...` : line
}

/** Emails are written `user!domain`, separated by ", " (sometimes by a space only); junk tokens are dropped. */
function parseEmails(text: string): string[] {
  const emails = new Set<string>()
  for (const token of text.split(/[,\s]+/)) {
    const email = token.replaceAll('!', '@').toLowerCase()
    if (isEmail(email)) emails.add(email)
  }
  return [...emails]
}

/** `local@domain.tld`: one `@`, a `.` inside the domain (by hand: `^[^@\s]+@[^@\s]+\.[^@\s]+$` was quadratic). */
function isEmail(token: string): boolean {
  const at = token.indexOf('@')
  if (at <= 0 || token.includes('@', at + 1)) return false
  return token.slice(at + 2, -1).includes('.')
}

function parsePeriod(text: string, line: number): GitdmPeriod | string {
  if (/[\r\u2028\u2029]/.test(text) || text.trim() === '') return `cannot read affiliation '${shown(text)}'`
  let rest = trimEnd(text, WHITESPACE)
  const untilMatch = UNTIL_AT_END.exec(rest)
  const until = untilMatch?.[1]
  if (untilMatch) rest = trimEnd(rest.slice(0, untilMatch.index), WHITESPACE)
  const fromMatch = FROM_AT_END.exec(rest)
  const from = fromMatch?.[1]
  if (fromMatch) rest = rest.slice(0, fromMatch.index)
  const company = rest.trim()
  // A `from`/`until` whose date is not YYYY-MM-DD (`until 2025-4-01`, `from 202`) would be read as part of the
  // company's name, so a typo would silently make a new company with no period: a word with a digit after a last
  // `from` or `until` is taken for such a date; a name such as "Made from Scratch" is left alone.
  const words = company.split(/\s+/)
  const [keyword, value] = words.slice(-2)
  if (words.length > 2 && (keyword === 'from' || keyword === 'until') && /\d/.test(value))
    return `'${shown(value)}' after '${keyword}' is not a date (YYYY-MM-DD)`
  for (const date of [from, until]) {
    if (date && !isCalendarDate(date)) return `'${date}' is not a calendar date`
  }
  if (from && until && from >= until) return `period from ${from} until ${until} is empty`
  const period: GitdmPeriod = {company, line}
  if (from) period.from = from
  if (until) period.until = until
  return period
}
