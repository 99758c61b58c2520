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
  let changed = false
  const entries = Object.entries(value).map(([k, item]) => {
    const name = keys ? fn(k, undefined) : k
    const next = walk(item, k, fn, keys)
    if (name !== k || next !== item) changed = true
    return [name, next] as const
  })
  return changed ? Object.fromEntries(entries) : value
}
