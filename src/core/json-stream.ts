/**
 * `JSON.stringify(value, null, 2)` and a line break, handed to `write` in chunks of about a megabyte: the items of
 * the top-level arrays are serialised one at a time, so an inventory of 280,000 components is never one 120 MB
 * string. The bytes are those of JSON.stringify. (process.stdout writes to pipes and files synchronously on Linux,
 * so the chunks do not pile up in memory there.)
 */

const CHUNK = 1 << 20
/**
 * Up to this many items in the top-level arrays, the value is one JSON.stringify (a single native pass, several
 * times faster than an item at a time) handed over in chunks that end at line breaks.
 */
const WHOLE_ITEMS = 20_000

export function writeJson(write: (chunk: string) => void, value: object): void {
  if (topLevelItems(value) <= WHOLE_ITEMS) {
    // The final line break is added to the last chunk, not to the whole text: `text + '\n'` would be a second
    // string that the first search flattens into a copy of the whole document.
    const text = JSON.stringify(value, null, 2)
    for (let start = 0; start < text.length; ) {
      const lineEnd = text.indexOf('\n', start + CHUNK)
      const end = lineEnd === -1 ? text.length : lineEnd + 1
      write(end === text.length ? `${text.slice(start, end)}\n` : text.slice(start, end))
      start = end
    }
    return
  }
  let pending = ''
  const put = (text: string): void => {
    pending += text
    if (pending.length < CHUNK) return
    write(pending)
    pending = ''
  }
  // JSON.stringify leaves out keys whose value it cannot write.
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  )
  if (Array.isArray(value) || typeof (value as {toJSON?: unknown}).toJSON === 'function' || entries.length === 0) {
    put(`${JSON.stringify(value, null, 2)}\n`)
  } else {
    put('{\n')
    for (const [i, [key, v]] of entries.entries()) {
      put(`  ${JSON.stringify(key)}: `)
      if (Array.isArray(v) && v.length > 0) {
        put('[\n')
        for (const [j, item] of v.entries()) {
          // JSON.stringify writes undefined, functions and symbols in arrays as null.
          const text = JSON.stringify(item, null, 2) ?? 'null'
          put(`    ${text.replaceAll('\n', '\n    ')}${j < v.length - 1 ? ',' : ''}\n`)
        }
        put('  ]')
      } else {
        put(JSON.stringify(v, null, 2).replaceAll('\n', '\n  '))
      }
      put(i < entries.length - 1 ? ',\n' : '\n')
    }
    put('}\n')
  }
  if (pending !== '') write(pending)
}

function topLevelItems(value: object): number {
  if (Array.isArray(value)) return value.length
  let items = 0
  for (const v of Object.values(value)) if (Array.isArray(v)) items += v.length
  return items
}
