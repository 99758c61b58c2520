/**
 * `JSON.stringify(value, null, 2)` and a line break, in chunks (core/chunks.ts, which writes them): the items of
 * the top-level arrays are serialised a block at a time, so an inventory of 280,000 components is never one 120 MB
 * string, and no chunk is a large object in V8's heap. The bytes are those of JSON.stringify.
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
  // JSON.stringify leaves out keys whose value it cannot write.
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  )
  if (Array.isArray(value) || typeof (value as {toJSON?: unknown}).toJSON === 'function' || entries.length === 0) {
    yield* byLines(JSON.stringify(value, null, 2))
    yield '\n'
    return
  }
  yield '{\n'
  for (const [i, [key, v]] of entries.entries()) {
    yield `  ${JSON.stringify(key)}: `
    if (Array.isArray(v) && v.length > 0) {
      yield '[\n'
      yield* items(v)
      yield '\n  ]'
    } else {
      yield* byLines(JSON.stringify(v, null, 2).replaceAll('\n', '\n  '))
    }
    yield i < entries.length - 1 ? ',\n' : '\n'
  }
  yield '}\n'
}

/**
 * The items of a top-level array at four spaces, separated by `,\n`, a block of items per JSON.stringify: its
 * `[\n` and `\n]` are cut off and its lines indented two more spaces.
 */
function* items(values: readonly unknown[]): Generator<string> {
  let count = FIRST_BLOCK_ITEMS
  let written = 0
  let characters = 0
  while (written < values.length) {
    const end = Math.min(values.length, written + count)
    // JSON.stringify writes undefined, functions and symbols in arrays as null, as it does in the whole array.
    const block = JSON.stringify(values.slice(written, end), null, 2)
    yield `  ${block.slice(2, -2).replaceAll('\n', '\n  ')}${end < values.length ? ',\n' : ''}`
    characters += block.length
    written = end
    count = Math.max(1, Math.floor((ITEMS_BLOCK * written) / characters))
  }
}

/** A string already made (a value that is not a large array), in pieces that end at line breaks. */
function* byLines(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    const lineEnd = text.indexOf('\n', start + CHUNK)
    const end = lineEnd === -1 ? text.length : lineEnd + 1
    yield text.slice(start, end)
    start = end
  }
}
