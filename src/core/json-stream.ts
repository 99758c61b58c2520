/**
 * `JSON.stringify(value, null, 2)` and a line break, handed to `write` in chunks (core/chunks.ts): the items of the
 * top-level arrays are serialised a block at a time, so an inventory of 280,000 components is never one 120 MB
 * string, and no chunk is a large object in V8's heap. The bytes are those of JSON.stringify. (process.stdout
 * writes to pipes and files synchronously on Linux, so the chunks do not pile up in memory there.)
 */
import {CHUNK, chunker} from './chunks.js'

/** Characters of a block of array items: half a chunk, so that a block of larger items than average still fits. */
const ITEMS_BLOCK = CHUNK / 2
/** Items in the first block of an array; later blocks are sized from the items written so far. */
const FIRST_BLOCK_ITEMS = 32

export function writeJson(write: (chunk: string) => void, value: object): void {
  const out = chunker(write)
  const put = out.put
  // JSON.stringify leaves out keys whose value it cannot write.
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  )
  if (Array.isArray(value) || typeof (value as {toJSON?: unknown}).toJSON === 'function' || entries.length === 0) {
    putWhole(put, JSON.stringify(value, null, 2))
    put('\n')
  } else {
    put('{\n')
    for (const [i, [key, v]] of entries.entries()) {
      put(`  ${JSON.stringify(key)}: `)
      if (Array.isArray(v) && v.length > 0) {
        put('[\n')
        putItems(put, v)
        put('\n  ]')
      } else {
        putWhole(put, JSON.stringify(v, null, 2).replaceAll('\n', '\n  '))
      }
      put(i < entries.length - 1 ? ',\n' : '\n')
    }
    put('}\n')
  }
  out.end()
}

/**
 * The items of a top-level array at four spaces, separated by `,\n`, a block of items per JSON.stringify: its
 * `[\n` and `\n]` are cut off and its lines indented two more spaces.
 */
function putItems(put: (text: string) => void, items: readonly unknown[]): void {
  let count = FIRST_BLOCK_ITEMS
  let written = 0
  let characters = 0
  while (written < items.length) {
    const end = Math.min(items.length, written + count)
    // JSON.stringify writes undefined, functions and symbols in arrays as null, as it does in the whole array.
    const block = JSON.stringify(items.slice(written, end), null, 2)
    put(`  ${block.slice(2, -2).replaceAll('\n', '\n  ')}${end < items.length ? ',\n' : ''}`)
    characters += block.length
    written = end
    count = Math.max(1, Math.floor((ITEMS_BLOCK * written) / characters))
  }
}

/** A string already made (a value that is not a large array), handed over in chunks that end at line breaks. */
function putWhole(put: (text: string) => void, text: string): void {
  if (text.length <= CHUNK) {
    put(text)
    return
  }
  for (let start = 0; start < text.length; ) {
    const lineEnd = text.indexOf('\n', start + CHUNK)
    const end = lineEnd === -1 ? text.length : lineEnd + 1
    put(text.slice(start, end))
    start = end
  }
}
