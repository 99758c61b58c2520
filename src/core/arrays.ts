/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as a call argument and
 * overflows the stack past about 125,000 of them (V8's argument limit); inputs decide how many there are.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item)
  return target
}
