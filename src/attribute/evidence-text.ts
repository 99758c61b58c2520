/** Evidence files read from disk, or fetched texts named for their citations (`cncf/gitdm@abc1234:file`). */
import {readFile} from 'node:fs/promises'
import {usageError} from '../core/errors.js'

export interface EvidenceText {
  /** How citations name it: a path, or `owner/repo@commit:path` for fetched files. */
  file: string
  text: string
}

export async function readEvidence(input: string | EvidenceText): Promise<EvidenceText> {
  if (typeof input !== 'string') return input
  try {
    return {file: input, text: await readFile(input, 'utf8')}
  } catch (error) {
    throw usageError('unreadable-file', `${input}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
}
