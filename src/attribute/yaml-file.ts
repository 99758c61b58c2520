/** Reads a small YAML configuration file through a zod schema; errors name the file, line and the bad key. */
import {isNode, LineCounter, parseDocument} from 'yaml'
import type {z} from 'zod'
import {usageError} from '../core/errors.js'

export interface YamlFile<T> {
  data: T
  /** 1-based line of the node at `path` (or of its nearest existing parent). */
  lineAt(path: Array<string | number>): number
}

export function parseYamlFile<T>(text: string, file: string, schema: z.ZodType<T>): YamlFile<T> {
  const lineCounter = new LineCounter()
  // maxAliasCount bounds alias expansion: a "billion laughs" file fails instead of exhausting memory.
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const syntax = doc.errors[0]
  if (syntax) {
    const line = lineCounter.linePos(syntax.pos[0]).line
    throw usageError('bad-config', `${file}:${line}: ${syntax.message.split('\n')[0]}`)
  }
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount: 100})
  } catch (error) {
    throw usageError('bad-config', `${file}: ${(error as Error).message}`)
  }
  const result = schema.safeParse(data)
  if (result.success) return {data: result.data, lineAt: (path) => lineOf(doc, lineCounter, path)}
  // A misspelt key also makes the right one "missing": name the typo, it is the cause.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0]
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
  // An unknown key: point at the key itself, not at the object holding it.
  if (issue.code === 'unrecognized_keys' && issue.keys.length) path.push(issue.keys[0])
  const key = path.length ? ` at '${path.join('.')}'` : ''
  throw usageError('bad-config', `${file}:${lineOf(doc, lineCounter, path)}:${key} ${issue.message}`)
}

/** Line of the deepest node of `path` that exists in the document (1 when none does). */
function lineOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: Array<string | number>): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true)
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line
  }
  return 1
}
