import {isScalar, Scalar} from 'yaml'
import type {CelProblem} from './cel.js'
import type {RuleProblem, YamlSource} from './yaml-source.js'

/**
 * Maps a problem inside a CEL string to the file: exact for block scalars (`condition: |`, the usual style for
 * anything longer than a line), the value's first line otherwise (YAML folding moves text around).
 */
export function problemInScalar(
  source: YamlSource,
  path: ReadonlyArray<PropertyKey>,
  problem: CelProblem,
): RuleProblem {
  const node = source.nodeAt(path)
  const start = source.positionAt(path)
  const base = {file: source.file, message: problem.message}
  if (!node || !isScalar(node) || !node.range) return {...base, ...start}
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const firstContent = source.text.split('\n')[start.line] ?? ''
    const indent = firstContent.length - firstContent.trimStart().length
    return {...base, line: start.line + problem.line, column: indent + problem.column}
  }
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0
  if (problem.line === 1) return {...base, line: start.line, column: start.column + quoted + problem.column - 1}
  return {...base, line: start.line + problem.line - 1, column: problem.column}
}
