/**
 * The `yaml` library's duplicate-key check, in linear time. The library checks each key of a mapping against every
 * key before it (`mapIncludes`: `items.some`, even when `uniqueKeys` is a function), so a mapping of n keys costs
 * n²/2 comparisons: a ConfigMap of 50,000 keys with one key written twice (1.7 MB) took 15 s to read, one of
 * 200,000 keys more than five minutes, and a settings file of 45,000 keys 7 s. Every parse with the library passes
 * `uniqueKeys: false` and then calls `addDuplicateKeyErrors`, which reports the same errors from one Map per mapping.
 * Written by hand: the library offers no faster check.
 *
 * The errors are the library's own (`YAMLParseError`, code `DUPLICATE_KEY`, "Map keys must be unique"), at the
 * duplicate key's first character (the library sometimes has a place before it: an empty key, `? ` with nothing after
 * it, or a key after an indent in broken YAML), merged by place among the library's other errors (its own list is not
 * always in order), and among themselves in its order: a key's own content first, then the key, then its value. Keys are
 * equal as the library has them equal: two scalars whose resolved values are `===` (`1` and `0x1`, `~` and `null`;
 * never NaN, and never a merge key `<<`, whose value is a new symbol each time); any other key only to itself.
 */
import type {
  Document,
  DocumentOptions,
  LineCounter,
  Node,
  Pair,
  ParseOptions,
  SchemaOptions,
  YAMLParseError,
} from 'yaml'
import {yamlLibrary} from './lazy-require.js'

/** A node to walk, or a mapping's key to check against the keys before it. */
type Step = {node: unknown} | {key: Node; seen: Map<unknown, true>}

/**
 * The library's `parseDocument`, its duplicate keys found here: what every caller that parses one document with the
 * library uses, so none forgets the second step. A `lineCounter` in the options gives each error its `linePos`
 * when the library's pretty errors are on (its default).
 */
export function parseDocumentLinear(
  text: string,
  options: ParseOptions & DocumentOptions & SchemaOptions = {},
): Document.Parsed {
  const doc = yamlLibrary().parseDocument(text, {...options, uniqueKeys: false})
  addDuplicateKeyErrors(doc, options.prettyErrors === false ? undefined : options.lineCounter)
  return doc
}

/**
 * Adds an error for each key written twice in a mapping of `doc`, after parsing or composing it with
 * `uniqueKeys: false`. With a `lineCounter`, each error has its `linePos`, as the library's pretty errors have.
 */
export function addDuplicateKeyErrors(doc: Document, lineCounter?: LineCounter): void {
  const offsets = duplicateKeyOffsets(doc.contents)
  if (offsets.length === 0) return
  const {YAMLParseError} = yamlLibrary()
  const added = offsets.map((offset) => {
    const error = new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique')
    if (lineCounter) error.linePos = [lineCounter.linePos(offset), lineCounter.linePos(offset + 1)]
    return error
  })
  doc.errors = mergeByOffset(doc.errors, added)
}

/** Where each duplicate key starts, in the order the library reports them. Iterative: any depth the library read. */
export function duplicateKeyOffsets(root: unknown): number[] {
  const {isMap, isPair, isScalar, isSeq} = yamlLibrary()
  const offsets: number[] = []
  const steps: Step[] = [{node: root}]
  for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
    if ('seen' in step) {
      const value = isScalar(step.key) ? step.key.value : step.key
      if (step.seen.has(value) && !Number.isNaN(value)) offsets.push(step.key.range?.[0] ?? 0)
      else step.seen.set(value, true)
      continue
    }
    const {node} = step
    if (isMap(node)) {
      const seen = new Map<unknown, true>()
      // Pushed last to first, so they are taken first to last: each key's content, the key, then its value.
      for (let i = node.items.length - 1; i >= 0; i--) pushPair(steps, node.items[i], seen)
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) steps.push({node: node.items[i]})
    } else if (isPair(node)) {
      pushPair(steps, node, undefined)
    }
  }
  return offsets
}

function pushPair(steps: Step[], pair: Pair, seen: Map<unknown, true> | undefined): void {
  steps.push({node: pair.value})
  if (seen && pair.key !== null && typeof pair.key === 'object') steps.push({key: pair.key as Node, seen})
  steps.push({node: pair.key})
}

/** `errors` with `added` put among them by offset; the library's own keep their order. */
function mergeByOffset(errors: YAMLParseError[], added: YAMLParseError[]): YAMLParseError[] {
  if (errors.length === 0) return added
  const merged: YAMLParseError[] = []
  let next = 0
  for (const error of errors) {
    while (next < added.length && added[next].pos[0] < error.pos[0]) merged.push(added[next++])
    merged.push(error)
  }
  while (next < added.length) merged.push(added[next++])
  return merged
}
