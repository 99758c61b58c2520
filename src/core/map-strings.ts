/**
 * Every string inside plain data (objects, arrays) passed through `fn`, copying only the objects and arrays where
 * something changed: clean data keeps its identity and costs no allocation. The redaction and the neutralisation
 * of whole models walk with it.
 */
export interface MapStringsOptions {
  /** Object keys are mapped too (with `fn(key, undefined)`): data keyed by names, such as shares per organisation. */
  keys?: boolean
}

/**
 * `fn` gets each string and the key of the property that holds it (for an array's items, the array's; undefined
 * for keys and outside any object), and whether the string is itself a key (`options.keys`).
 */
export type StringMapper = (text: string, key: string | undefined, isKey: boolean) => string

export function mapStrings<T>(value: T, fn: StringMapper, options: MapStringsOptions = {}): T {
  return walk(value, undefined, fn, options.keys ?? false) as T
}

function walk(value: unknown, key: string | undefined, fn: StringMapper, keys: boolean): unknown {
  if (typeof value === 'string') return fn(value, key, false)
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    // A plain loop: a callback per array was a closure allocated for each of an inventory's location lists.
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      const next = walk(item, key, fn, keys)
      if (next !== item) {
        copy ??= [...value]
        copy[i] = next
      }
    }
    return copy ?? value
  }
  if (value === null || typeof value !== 'object') return value
  // Clean data allocates nothing: the copy starts at the first key or value that changed. `for…in` walks the
  // object's keys without the array Object.keys makes for each (a fifth of what redacting an inventory allocated);
  // plain data has no enumerable inherited keys, and any such key is left out as Object.keys leaves it out.
  const source = value as Record<string, unknown>
  let copy: Record<string, unknown> | undefined
  for (const k in source) {
    if (!Object.hasOwn(source, k)) continue
    const item = source[k]
    const name = keys ? fn(k, undefined, true) : k
    const next = walk(item, k, fn, keys)
    if (copy === undefined && (name !== k || next !== item)) {
      copy = {}
      for (const j in source) {
        if (j === k) break
        if (Object.hasOwn(source, j)) define(copy, j, source[j])
      }
    }
    if (copy !== undefined) define(copy, name, next)
  }
  return copy ?? value
}

/** As Object.fromEntries writes a property: an own data property, `__proto__` included. */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, {value, writable: true, enumerable: true, configurable: true})
  else object[key] = value
}
