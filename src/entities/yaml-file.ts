/** Entity files through the shared YAML reader; problems keep a line only (0 when the whole file is concerned). */
import type {z} from 'zod'
import type {Problem} from '../core/problem.js'
import {parseYamlTree, schemaProblems, type YamlPath, type YamlProblem, type YamlTree} from '../core/yaml-file.js'

export type {YamlPath} from '../core/yaml-file.js'

/** A problem in an entity file: the shared `Problem`, with a line only (0 when the whole file is concerned). */
export type EntityProblem = Problem & {line: number}

export interface ParsedYaml {
  value?: unknown
  problems: EntityProblem[]
  /** Line (1-based) of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: YamlPath): number
  tree?: YamlTree
}

/** Parses one YAML document, keeping positions so that later problems can name a line. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const {tree, problems} = parseYamlTree(text, file)
  return {value: tree?.value, problems: problems.map(withoutColumn), lineOf: (path) => tree?.lineAt(path) ?? 0, tree}
}

/** Turns zod issues into problems located on the offending key or value. */
export function zodProblems(error: z.ZodError, _file: string, yaml: ParsedYaml): EntityProblem[] {
  return yaml.tree ? schemaProblems(error, yaml.tree).map(withoutColumn) : []
}

function withoutColumn({file, line, message}: YamlProblem): EntityProblem {
  return {file, line, message}
}
