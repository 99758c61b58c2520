/** Rule files through the shared YAML reader: problems as `file:line:column: message`, plus rule-file limits. */
import {parseYamlTree, type YamlProblem, type YamlTree} from '../core/yaml-file.js'

/** A problem in a rule file, reported as `file:line:column: message` (1-based). */
export type RuleProblem = YamlProblem

/** A parsed rule file; `text` maps positions inside block scalars (CEL conditions). */
export interface YamlSource extends YamlTree {
  text: string
}

/** Rule files are small; anything larger is a mistake or an attack. */
export const MAX_RULE_FILE_BYTES = 256 * 1024

export function readYaml(file: string, text: string): {source?: YamlSource; problems: RuleProblem[]} {
  if (Buffer.byteLength(text) > MAX_RULE_FILE_BYTES) {
    return {problems: [{file, line: 1, column: 1, message: `file larger than ${MAX_RULE_FILE_BYTES} bytes`}]}
  }
  const {tree, problems} = parseYamlTree(text, file)
  return tree ? {source: {...tree, text}, problems} : {problems}
}
