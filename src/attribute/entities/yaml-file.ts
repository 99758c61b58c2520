import {type Document, isAlias, isMap, isPair, isScalar, LineCounter, type Node, parseDocument, visit} from 'yaml'
import type {z} from 'zod'

/** A problem in an entity file: where it is (line 0 when the whole file is concerned) and why. */
export interface EntityProblem {
  file: string
  line: number
  message: string
}

export type YamlPath = ReadonlyArray<string | number>

export interface ParsedYaml {
  value?: unknown
  problems: EntityProblem[]
  /** Line (1-based) of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: YamlPath): number
  /** Line of the key `key` of the mapping at `path` (for unknown keys). */
  lineOfKey(path: YamlPath, key: string): number
  /** Whether the document has a value at `path`. */
  has(path: YamlPath): boolean
}

// Entity files need no aliases; a few are tolerated, a "billion laughs" expansion is not.
const MAX_ALIAS_COUNT = 100

/** Parses one YAML document, keeping positions so that later problems can name a line. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const lineAt = (offset: number | undefined) => (offset === undefined ? 0 : lineCounter.linePos(offset).line)
  const lineOfNode = (node: unknown) => lineAt((node as Node | undefined)?.range?.[0])
  const lineOf = (path: YamlPath) => lineOfNode(nearestNode(doc, path))
  const lineOfKey = (path: YamlPath, key: string) => {
    const node = doc.getIn(path, true)
    const pair = isMap(node) ? node.items.find((item) => isScalar(item.key) && item.key.value === key) : undefined
    return pair ? lineOfNode(pair.key) : lineOf(path)
  }
  const has = (path: YamlPath) => path.length === 0 || doc.hasIn(path)
  const problems = [...doc.errors, ...doc.warnings].map((error) => ({
    file,
    line: lineAt(error.pos[0]),
    message: `YAML: ${error.message.split('\n')[0]}`,
  }))
  if (problems.length > 0) return {problems, lineOf, lineOfKey, has}
  try {
    return {value: doc.toJS({maxAliasCount: MAX_ALIAS_COUNT}), problems, lineOf, lineOfKey, has}
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    const message = `YAML aliases expand beyond ${MAX_ALIAS_COUNT} nodes (a "billion laughs" bomb?); entity files need no aliases`
    return {problems: [{file, line: firstAliasLine(doc, lineOfNode), message}], lineOf, lineOfKey, has}
  }
}

function nearestNode(doc: Document, path: YamlPath): unknown {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true)
    if (node && typeof node === 'object') return node
  }
  return doc.contents
}

function firstAliasLine(doc: Document, lineOfNode: (node: unknown) => number): number {
  let line = 0
  visit(doc, (_key, node) => {
    if (isAlias(node) || (isPair(node) && isAlias(node.value))) {
      line = lineOfNode(isPair(node) ? node.value : node)
      return visit.BREAK
    }
    return undefined
  })
  return line
}

/** Turns zod issues into problems located on the offending key or value. */
export function zodProblems(error: z.ZodError, file: string, yaml: ParsedYaml): EntityProblem[] {
  const problems: EntityProblem[] = []
  for (const issue of error.issues) {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol')
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({file, line: yaml.lineOfKey(path, key), message: `${where(path)}unknown key '${key}'`})
      }
      continue
    }
    const key = path.at(-1)
    if (typeof key === 'string' && !yaml.has(path)) {
      problems.push({file, line: yaml.lineOf(path), message: `${where(path.slice(0, -1))}missing required key '${key}'`})
      continue
    }
    problems.push({file, line: yaml.lineOf(path), message: `${where(path)}${issue.message}`})
  }
  return problems
}

/** `organizations[0].aliases[2].name: ` */
export function where(path: YamlPath): string {
  if (path.length === 0) return ''
  const text = path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('')
  return `${text}: `
}

export function formatProblem(problem: EntityProblem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}: ${problem.message}` : `${problem.file}: ${problem.message}`
}
