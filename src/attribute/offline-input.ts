/** Offline inputs of `stewards people`: a commits JSON file (CommitRecord[]), read and checked. */
import {readFile} from 'node:fs/promises'
import {z} from 'zod'
import {usageError} from '../core/errors.js'
import {parseJsonText} from '../core/json-text.js'
import type {CommitRecord} from '../core/model.js'
import type {FileProblem} from './sources/gitdm/parse.js'

const Signature = z.object({
  name: z.string(),
  email: z.string(),
  date: z.string().refine((d) => !Number.isNaN(Date.parse(d)), 'not a date'),
})
const Commit = z.object({
  sha: z.string().min(1),
  author: Signature,
  committer: Signature.optional(),
  login: z.string().nullable().optional(),
  verified: z.boolean().optional(),
})

/** Bounded: a commits file of a year of the busiest project is a few MB. */
const MAX_BYTES = 256 * 1024 * 1024

export async function readCommitsFile(file: string): Promise<{commits: CommitRecord[]; problems: FileProblem[]}> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw usageError('unreadable-file', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  if (text.length > MAX_BYTES) throw usageError('file-too-large', `${file}: larger than ${MAX_BYTES} bytes`)
  const json = parseJsonText(text)
  if (!json.ok) throw usageError('bad-json', `${file}:${json.line}: ${json.message}`)
  const data = json.value
  if (!Array.isArray(data)) throw usageError('bad-commits', `${file}: expected a JSON array of commit records`)
  const commits: CommitRecord[] = []
  const problems: FileProblem[] = []
  data.forEach((entry, i) => {
    const parsed = Commit.safeParse(entry)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      problems.push({
        file,
        message: `commit [${i}]${issue.path.length ? ` ${issue.path.join('.')}` : ''}: ${issue.message}; skipped`,
      })
      return
    }
    const {sha, author, committer, login, verified} = parsed.data
    commits.push({
      sha,
      author,
      committer: committer ?? author,
      login: login ?? null,
      ...(verified === undefined ? {} : {verified}),
    })
  })
  return {commits, problems}
}
