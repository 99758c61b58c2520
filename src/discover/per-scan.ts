/**
 * What a format keeps for the files of one scan (the files it reads beside its own, what it has told): one value per
 * DiscoverContext, made on first use. A WeakMap, so a scan's values go with its context.
 */
import type {DiscoverContext} from './types.js'

export function perScan<T>(make: () => T): (context: DiscoverContext) => T {
  const values = new WeakMap<DiscoverContext, T>()
  return (context) => {
    let value = values.get(context)
    if (value === undefined) {
      value = make()
      values.set(context, value)
    }
    return value
  }
}
