/**
 * JSON read into the same position-carrying tree as YAML (./yaml-tree.ts), so Kubernetes objects written as JSON
 * (`kubectl get -o json`) go through the same image extraction. Not the `yaml` library, although it parses JSON:
 * it took 5 s and 1.3 GB for a 10 MB `kubectl get pods -A -o json`; jsonc-parser's event visitor takes 0.1 s.
 * Strict JSON (no comments, no trailing commas). A duplicate key is an error and the last value is kept, as in our
 * YAML reader; a `__proto__` key is an error and left out; the rest of the document is still read.
 */
import type {ParseErrorCode} from 'jsonc-parser'
import {jsonSyntaxWords} from '../core/json-text.js'
import {jsonc} from '../core/lazy-require.js'
import {scanJsonEvents} from './lockfile-support/json-events.js'
import type {ErrorCode} from '../core/errors.js'
import type {ScanError} from '../core/model.js'
import type {Position, YamlMap, YamlNode, YamlScalar, YamlSeq} from './yaml-tree.js'

export interface JsonTree {
  /** undefined when the text is not valid JSON or nested too deep (see `errors`). */
  root: YamlNode | undefined
  errors: ScanError[]
}

/** As deep as the YAML reader allows; jsonc-parser recurses per level, so hostile nesting must stop early. */
export const MAX_JSON_DEPTH = 256

class TooDeep extends Error {}

export function readJsonTree(text: string, file: string): JsonTree {
  const stack: Array<YamlMap | YamlSeq> = []
  const errors: ScanError[] = []
  let root: YamlNode | undefined
  let key: string | undefined
  const fail = (code: ErrorCode, message: string, at: Position): void => {
    errors.push({file, line: at.line, column: at.column, code, message})
  }

  function place(node: YamlNode): void {
    const parent = stack[stack.length - 1]
    if (parent === undefined) root = node
    else if (parent.type === 'seq') parent.items.push(node)
    else if (key !== undefined) parent.entries.set(key, node)
  }

  function begin(container: YamlMap | YamlSeq): void {
    if (stack.length >= MAX_JSON_DEPTH) {
      fail('json-too-deep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, container)
      throw new TooDeep()
    }
    place(container)
    stack.push(container)
  }

  try {
    jsonc().visit(
      text,
      {
        onObjectBegin: (_offset, _length, line, character) =>
          begin({type: 'map', ...position(line, character), entries: new Map()}),
        onArrayBegin: (_offset, _length, line, character) =>
          begin({type: 'seq', ...position(line, character), items: []}),
        onObjectEnd: () => void stack.pop(),
        onArrayEnd: () => void stack.pop(),
        onObjectProperty(property, _offset, _length, line, character) {
          const parent = stack[stack.length - 1] as YamlMap
          if (parent.entries.has(property))
            fail('json-duplicate-key', `JSON duplicate key "${property}"`, position(line, character))
          if (property === '__proto__') {
            fail('forbidden-key', `forbidden key '${property}' ignored`, position(line, character))
            key = undefined
            return
          }
          key = property
        },
        onLiteralValue(value: unknown, offset, length, line, character) {
          place(scalar(value, text.slice(offset, offset + length), position(line, character)))
        },
        onError(code: ParseErrorCode, _offset, _length, line, character) {
          if (!errors.some((e) => e.code === 'json-syntax'))
            fail('json-syntax', `invalid JSON: ${jsonSyntaxWords(code)}`, position(line, character))
        },
      },
      {disallowComments: true, allowTrailingComma: false, allowEmptyContent: false},
    )
  } catch (thrown) {
    if (!(thrown instanceof TooDeep)) throw thrown
  }
  const unreadable = errors.some((e) => e.code === 'json-syntax' || e.code === 'json-too-deep')
  return unreadable ? {root: undefined, errors} : {root, errors}
}

function position(line: number, character: number): Position {
  return {line: line + 1, column: character + 1}
}

/** Numbers keep their source text (`1.10` is not `1.1`), as YAML plain scalars do. */
function scalar(value: unknown, source: string, at: Position): YamlScalar {
  if (typeof value === 'string') return {type: 'scalar', ...at, kind: 'string', text: value}
  if (value === null) return {type: 'scalar', ...at, kind: 'null', text: source}
  return {type: 'scalar', ...at, kind: typeof value === 'number' ? 'number' : 'boolean', text: source}
}

class Stop extends Error {}

/**
 * True when `head` (the start of a file) opens a JSON object whose own keys include `key` before the head ends.
 * A cheap test that reads no further than needed: a key nested deeper, or a top-level array, does not count.
 */
export function hasTopLevelKey(head: string, key: string): boolean {
  // The key, quoted, appears in the text unless it is written with escapes (`"\u0061piVersion"`): without either,
  // no parse is needed to say no. Most JSON files a walk meets are other formats' (package-lock.json). The keys
  // asked for are ASCII names, whose only escapes are `\u00XX` (a backslash alone is no sign: composer.lock's PHP
  // namespaces, `Symfony\\Component`, sent each one through the parser).
  const asciiName = /^[\x20-\x7e]+$/.test(key) && !/["\\/]/.test(key)
  if (!head.includes(`"${key}"`) && !head.includes(asciiName ? '\\u00' : '\\')) return false
  let depth = 0
  let found = false
  const enter = (isObject: boolean): void => {
    if (depth === 0 && !isObject) throw new Stop()
    depth++
  }
  try {
    // Token by token with an explicit stack (lockfile-support/json-events.ts): jsonc-parser's visit recursed per
    // level, so a deep head gave an answer that depended on the stack left.
    scanJsonEvents(head, {
      onObjectBegin: () => enter(true),
      onArrayBegin: () => enter(false),
      onObjectEnd: () => {
        if (--depth === 0) throw new Stop()
      },
      onArrayEnd: () => void depth--,
      onObjectProperty(property) {
        if (depth !== 1 || property !== key) return
        found = true
        throw new Stop()
      },
      onLiteralValue: () => {
        if (depth === 0) throw new Stop()
      },
    })
  } catch (thrown) {
    if (!(thrown instanceof Stop)) throw thrown
  }
  return found
}
