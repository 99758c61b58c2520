/** Evidence files read from disk, or fetched texts named for their citations (`cncf/gitdm@abc1234:file`). */
import {readUserFile, type UserFileOptions} from '../core/user-file.js'

export interface EvidenceText {
  /** How citations name it: a path, or `owner/repo@commit:path` for fetched files. */
  file: string
  text: string
}

/** A path is read as a user's file (`file-unreadable` names it and `what` it was for); a fetched text is kept. */
export async function readEvidence(
  input: string | EvidenceText,
  what = 'the evidence file',
  options: UserFileOptions = {},
): Promise<EvidenceText> {
  if (typeof input !== 'string') return input
  return {file: input, text: await readUserFile(input, what, options)}
}
