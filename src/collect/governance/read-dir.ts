/** Governance files from a local directory laid out as in the repository (`OWNERS`, `.github/CODEOWNERS`, `external/...`). */
import {readdir, readFile, stat} from 'node:fs/promises'
import {join, relative, sep} from 'node:path'
import {unreadable} from '../../core/user-file.js'
import type {GovernanceFile} from '../../core/model.js'
import {governanceKind} from './kinds.js'

// Governance files are small; these bounds keep a wrong directory from being read whole.
const MAX_FILES = 10_000
const MAX_BYTES = 4 * 1024 * 1024

export async function readGovernanceDir(dir: string): Promise<GovernanceFile[]> {
  let names: string[]
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory')
    names = (await readdir(dir, {recursive: true})).slice(0, MAX_FILES)
  } catch (error) {
    throw unreadable(dir, 'the governance directory', error)
  }
  const files: GovernanceFile[] = []
  for (const name of names.map((n) => n.split(sep).join('/')).sort()) {
    if (!governanceKind(name)) continue
    const path = join(dir, name)
    const info = await stat(path)
    if (!info.isFile() || info.size > MAX_BYTES) continue
    files.push({path: relative(dir, path).split(sep).join('/'), content: await readFile(path, 'utf8')})
  }
  return files
}
