import {readFile} from 'node:fs/promises'
import {usageError} from '../../../core/errors.js'
import {type FileProblem, type GitdmBlock, parseGitdm} from './parse.js'

/** gitdm blocks of every `--affiliations` file, in reading order, indexed by email and by login. */
export interface GitdmIndex {
  blocks: GitdmBlock[]
  /** Lower-cased email → blocks listing it, in gitdm order. */
  byEmail: Map<string, GitdmBlock[]>
  /** Lower-cased header login → its blocks, in gitdm order. */
  byLogin: Map<string, GitdmBlock[]>
}

export async function loadGitdm(files: readonly string[]): Promise<{index: GitdmIndex; problems: FileProblem[]}> {
  const blocks: GitdmBlock[] = []
  const problems: FileProblem[] = []
  for (const file of files) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      throw usageError('unreadable-file', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
    }
    const parsed = parseGitdm(text, file, blocks.length)
    blocks.push(...parsed.blocks)
    problems.push(...parsed.problems)
  }
  return {index: indexGitdm(blocks), problems}
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
