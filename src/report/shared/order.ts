/** What every report needs of the orders in src/core/order.ts: locations sorted and deduplicated. */
import type {Location} from '../../core/model.js'
import {compareLocations} from '../../core/order.js'

/** Sorted by file, line and column, duplicates removed. */
export function uniqueLocations(locations: readonly Location[]): Location[] {
  const sorted = [...locations].sort(compareLocations)
  return sorted.filter((loc, i) => i === 0 || compareLocations(loc, sorted[i - 1]) !== 0)
}
