/**
 * How deep a YAML text nests, found before the `yaml` library reads it. The library builds its whole tree before
 * anything can measure its depth, and a nested flow collection costs it about 1.2 KB of memory per byte: 800 KB of
 * `a: [[[[…` took 515 MB and 4 MB ran out of memory (exit 134), through a settings file, a map or a manifest.
 *
 * A text cannot nest deeper than it has `[` and `{`, so one with at most MAX_FLOW_OPENERS of them is passed at once.
 * Any other is read first by js-yaml (ten times faster, with its own `maxDepth`): past `limit` levels it is too deep. When js-yaml refuses the text before that, its depth is unknown, and its problem is
 * what is told: the library is not given a text that may be a nesting bomb. Written by hand: neither library has a
 * depth limit.
 */
import {DEFAULT_SCHEMA, loadAll, type Schema, YAMLException} from 'js-yaml'

/** Texts with more `[` and `{` than this are measured. Far above the nesting any limit allows. */
const MAX_FLOW_OPENERS = 1024

/**
 * Past the limit, or refused by js-yaml: where (1-based; the start of the text when too deep) and why, in words
 * without a prefix; a refusal keeps js-yaml's error for callers that sort its kinds.
 */
export type DepthProbe =
  | {kind: 'ok'}
  | {kind: 'too-deep'; line: number; column: number; reason: string}
  | {kind: 'refused'; line: number; column: number; reason: string; error: YAMLException}

/**
 * Whether `text` nests at most `limit` nodes deep, measured only when it could nest deeper than MAX_FLOW_OPENERS.
 * `schema`: js-yaml's default one, or one extending it with the local tags a caller reads (GitLab's `!reference`).
 */
export function probeYamlDepth(text: string, limit: number, schema: Schema = DEFAULT_SCHEMA): DepthProbe {
  if (flowOpeners(text) <= MAX_FLOW_OPENERS) return {kind: 'ok'}
  try {
    // `maxDepth` is js-yaml's own (100 by default), in nodes nested. Its default schema knows the standard tags
    // (`!!int`, `!!str`...): the failsafe one refused them, and a valid document was not read.
    loadAll(text, undefined, {schema, maxDepth: limit} as Parameters<typeof loadAll>[2])
    return {kind: 'ok'}
  } catch (error) {
    const tooDeep = {kind: 'too-deep' as const, line: 1, column: 1, reason: `nested deeper than ${limit} levels`}
    if (error instanceof YAMLException && error.reason.startsWith('nesting exceeded maxDepth')) return tooDeep
    if (error instanceof YAMLException) {
      const {mark, reason} = error
      return {kind: 'refused', line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, reason, error}
    }
    // Recursion ran out before maxDepth (a small stack): nesting far past any document's.
    if (error instanceof RangeError) return tooDeep
    throw error
  }
}

function flowOpeners(text: string): number {
  let count = 0
  for (let i = text.indexOf('['); i !== -1; i = text.indexOf('[', i + 1)) count++
  for (let i = text.indexOf('{'); i !== -1; i = text.indexOf('{', i + 1)) count++
  return count
}
