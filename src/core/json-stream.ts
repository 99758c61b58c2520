/**
 * `JSON.stringify(value, null, 2)` and a line break, handed to `write` in chunks of about BLOCK characters: the
 * items of the top-level arrays are serialised a block at a time, so an inventory of 280,000 components is never
 * one 120 MB string, and no chunk is large enough to be a large object in V8's heap. A whole-document string and
 * the pieces of one are allocated straight into the old generation, where they stay until a full collection:
 * they grew the heap of a 100 MB lockfile's inventory by about as much as its output, and on Node 22 and later
 * writing a 9 MB document that way touched some 30 MB of fresh memory (8,000 page faults) each time. Small chunks
 * live and die in the young generation, whose pages are reused. The bytes are those of JSON.stringify.
 * (process.stdout writes to pipes and files synchronously on Linux, so the chunks do not pile up in memory there.)
 */

/** Characters per chunk: well under V8's large-object threshold (128 KiB), large enough that writes are few. */
const BLOCK = 48 * 1024
/** Characters of a block of array items: half a chunk, so that a block of larger items than average still fits. */
const ITEMS_BLOCK = BLOCK / 2
/** Items in the first block of an array; later blocks are sized from the items written so far. */
const FIRST_BLOCK_ITEMS = 32

export function writeJson(write: (chunk: string) => void, value: object): void {
  let pending = ''
  // A text that would take the pending chunk over BLOCK goes into the next one.
  const put = (text: string): void => {
    if (pending !== '' && pending.length + text.length > BLOCK) {
      write(pending)
      pending = ''
    }
    pending += text
    if (pending.length < BLOCK) return
    write(pending)
    pending = ''
  }
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
  if (pending !== '') write(pending)
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
  if (text.length <= BLOCK) {
    put(text)
    return
  }
  for (let start = 0; start < text.length; ) {
    const lineEnd = text.indexOf('\n', start + BLOCK)
    const end = lineEnd === -1 ? text.length : lineEnd + 1
    put(text.slice(start, end))
    start = end
  }
}
