/**
 * `JSON.stringify(value, null, 2)` and a line break, in chunks (core/chunks.ts, which writes them): objects are
 * written key by key and arrays a block of items per JSON.stringify, at any depth, so an inventory of 280,000
 * components (or its resolution, one group per component) is never one 120 MB string, and no chunk is a large
 * object in V8's heap. The bytes are those of JSON.stringify.
 */
import {CHUNK, chunked} from './chunks.js'

/** Characters of a block of array items: half a chunk, so that a block of larger items than average still fits. */
const ITEMS_BLOCK = CHUNK / 2
/** Items in the first block of an array; later blocks are sized from the items written so far. */
const FIRST_BLOCK_ITEMS = 32

export function jsonChunks(value: object): Generator<string> {
  return chunked(jsonTexts(value))
}

function* jsonTexts(value: object): Generator<string> {
  yield* valueTexts(value, '')
  yield '\n'
}

/** `value` as JSON.stringify(value, null, 2) writes it on a line indented by `indent` (after its key, if any). */
function* valueTexts(value: unknown, indent: string): Generator<string> {
  if (Array.isArray(value) && value.length > 0) {
    yield '[\n'
    yield* items(value, indent)
    yield `\n${indent}]`
    return
  }
  // JSON.stringify leaves out keys whose value it cannot write, and writes what has a toJSON as toJSON says.
  const entries =
    typeof value === 'object' && value !== null && typeof (value as {toJSON?: unknown}).toJSON !== 'function'
      ? Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
      : []
  if (entries.length === 0) {
    yield* byLines(JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`))
    return
  }
  yield '{\n'
  for (const [i, [key, v]] of entries.entries()) {
    yield `${indent}  ${JSON.stringify(key)}: `
    yield* valueTexts(v, `${indent}  `)
    yield i < entries.length - 1 ? ',\n' : '\n'
  }
  yield `${indent}}`
}

/**
 * The items of an array whose `[` is on a line indented by `indent`, separated by `,\n`, a block of items per
 * JSON.stringify. JSON.stringify indents from its own top level, so the block is put `depth` arrays deep, where
 * its lines come out indented as the document needs them (no second pass to indent them), and the lines of those
 * arrays and of the block's own brackets are cut off: one `[` or `]` line per level, 2 × level + 2 characters each.
 */
function* items(values: readonly unknown[], indent: string): Generator<string> {
  const depth = indent.length / 2
  const cut = (depth + 1) * (depth + 2)
  let count = FIRST_BLOCK_ITEMS
  let written = 0
  let characters = 0
  while (written < values.length) {
    const end = Math.min(values.length, written + count)
    // JSON.stringify writes undefined, functions and symbols in arrays as null, as it does in the whole array.
    let nested: unknown = values.slice(written, end)
    for (let level = 0; level < depth; level++) nested = [nested]
    const block = JSON.stringify(nested, null, 2)
    yield `${block.slice(cut, block.length - cut)}${end < values.length ? ',\n' : ''}`
    characters += block.length
    written = end
    count = Math.max(1, Math.floor((ITEMS_BLOCK * written) / characters))
  }
}

/** A string already made (a value that is neither a large array nor an object), in pieces that end at line breaks. */
function* byLines(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    const lineEnd = text.indexOf('\n', start + CHUNK)
    const end = lineEnd === -1 ? text.length : lineEnd + 1
    yield text.slice(start, end)
    start = end
  }
}
