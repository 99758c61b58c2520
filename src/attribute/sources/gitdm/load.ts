import {usageError} from '../../../core/errors.js'
import {type EvidenceText, readEvidence} from '../../evidence-text.js'
import {type FileProblem, type GitdmBlock, parseGitdm} from './parse.js'

/** gitdm blocks of every `--affiliations` file, in reading order, indexed by email and by login. */
export interface GitdmIndex {
  blocks: GitdmBlock[]
  /** Lower-cased email → blocks listing it, in gitdm order. */
  byEmail: Map<string, GitdmBlock[]>
  /** Lower-cased header login → its blocks, in gitdm order. */
  byLogin: Map<string, GitdmBlock[]>
}

/** Problems kept per file: a file that is mostly wrong is rejected anyway; the rest stay bounded. */
const MAX_PROBLEMS_PER_FILE = 100

/**
 * Reads every file in gitdm order. A file with no usable record at all (binary, another format, empty) is a
 * usage error naming the file and its first bad line: it cannot be what the user meant. A file with some bad
 * lines is used, and its bad lines are returned as problems (file, line, message) for the caller to report.
 */
export async function loadGitdm(
  files: ReadonlyArray<string | EvidenceText>,
): Promise<{index: GitdmIndex; problems: FileProblem[]}> {
  const blocks: GitdmBlock[] = []
  const problems: FileProblem[] = []
  for (const input of files) {
    const {file, text} = await readEvidence(input)
    const nul = text.indexOf('\0')
    if (nul >= 0) throw notGitdm(file, lineAt(text, nul), 'binary content (NUL byte)')
    const parsed = parseGitdm(text, file, blocks.length)
    if (!parsed.blocks.some((block) => block.periods.length > 0)) {
      const first = [...parsed.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))[0]
      throw first
        ? notGitdm(file, first.line, unquoted(first.message))
        : notGitdm(file, undefined, 'no "login: emails" record with an affiliation line')
    }
    blocks.push(...parsed.blocks)
    problems.push(...parsed.problems.slice(0, MAX_PROBLEMS_PER_FILE))
    const more = parsed.problems.length - MAX_PROBLEMS_PER_FILE
    if (more > 0) problems.push({file, message: `${more} more unreadable lines not listed`})
  }
  return {index: indexGitdm(blocks), problems}
}

/** A file that is not a gitdm file is some other file: its text is not quoted, only the kind of problem. */
function unquoted(message: string): string {
  return message.replace(/'[^']*'/g, '(text not shown)')
}

function notGitdm(file: string, line: number | undefined, reason: string) {
  return usageError(
    'invalid-affiliations',
    `${file}${line ? `:${line}` : ''}: not a gitdm affiliations file: ${reason}`,
    'expected cncf/gitdm developers_affiliations lines: "login: user!domain, ..." then TAB-indented "Company [from DATE] [until DATE]"',
  )
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

export function indexGitdm(blocks: GitdmBlock[]): GitdmIndex {
  const byEmail = new Map<string, GitdmBlock[]>()
  const byLogin = new Map<string, GitdmBlock[]>()
  for (const block of blocks) {
    for (const email of block.emails) push(byEmail, email, block)
    push(byLogin, block.login.toLowerCase(), block)
  }
  return {blocks, byEmail, byLogin}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
