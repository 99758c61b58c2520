/**
 * Governance files from a local directory laid out as in the repository (`OWNERS`, `.github/CODEOWNERS`,
 * `external/<owner>__<repo>/...`): every file a repository governance source reads, and the health files.
 */
import {open, readdir, stat} from 'node:fs/promises'
import {join, sep} from 'node:path'
import {usageError} from '../../core/errors.js'
import type {GovernanceFile} from '../../core/model.js'
import {MAX_GOVERNANCE_FILE_BYTES} from './limits.js'
import {inRoot} from './paths.js'
import {governanceSources} from './registry.js'

// These bounds keep a wrong directory from being read whole.
const MAX_FILES = 10_000

export async function readGovernanceDir(dir: string): Promise<GovernanceFile[]> {
  let names: string[]
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a directory')
    names = (await readdir(dir, {recursive: true})).slice(0, MAX_FILES)
  } catch (error) {
    throw usageError('unreadable-dir', `${dir}: cannot read governance directory (${(error as Error).message})`)
  }
  const files: GovernanceFile[] = []
  for (const name of names.map((n) => n.split(sep).join('/')).sort()) {
    if (!isGovernancePath(inRoot(name))) continue
    const path = join(dir, name)
    const info = await stat(path)
    if (!info.isFile()) continue
    // Past the cap only the first bytes are kept: the parser then reports the file as too large, not read.
    files.push({path: name, content: await readHead(path, MAX_GOVERNANCE_FILE_BYTES + 1)})
  }
  return files
}

function isGovernancePath(path: string): boolean {
  if (/^(\.github\/|docs\/)?security(\.(md|markdown|txt|rst))?$/i.test(path)) return true
  if (path === 'OWNERS_ALIASES') return true
  return governanceSources.some((s) => s.place === 'repository' && s.matches(path))
}

async function readHead(path: string, bytes: number): Promise<string> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const {bytesRead} = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
}
