/**
 * Every string inside plain data (objects, arrays) passed through `fn`, copying only the objects and arrays where
 * something changed: clean data keeps its identity and costs no allocation. The redaction and the neutralisation
 * of whole models walk with it.
 */
export interface MapStringsOptions {
  /** Object keys are mapped too (with `fn(key, undefined)`): data keyed by names, such as shares per organisation. */
  keys?: boolean
}

/** `fn` gets each string and the key of the property that holds it (undefined in arrays and for keys). */
export function mapStrings<T>(
  value: T,
  fn: (text: string, key: string | undefined) => string,
  options: MapStringsOptions = {},
): T {
  return walk(value, undefined, fn, options.keys ?? false) as T
}

function walk(
  value: unknown,
  key: string | undefined,
  fn: (text: string, key: string | undefined) => string,
  keys: boolean,
): unknown {
  if (typeof value === 'string') return fn(value, key)
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item, i) => {
      const next = walk(item, key, fn, keys)
      if (next !== item) {
        copy ??= [...value]
        copy[i] = next
      }
    })
    return copy ?? value
  }
  if (value === null || typeof value !== 'object') return value
  // Clean data allocates nothing: the copy starts at the first key or value that changed.
  const source = value as Record<string, unknown>
  const names = Object.keys(source)
  let copy: Record<string, unknown> | undefined
  for (let i = 0; i < names.length; i++) {
    const k = names[i]
    const item = source[k]
    const name = keys ? fn(k, undefined) : k
    const next = walk(item, k, fn, keys)
    if (copy === undefined && (name !== k || next !== item)) {
      copy = {}
      for (let j = 0; j < i; j++) define(copy, names[j], source[names[j]])
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
