/**
 * Runs `fn` over `items` with at most `limit` calls in flight; results keep the order of `items`.
 * Hand-written: a dozen lines, and p-limit/p-map would be a dependency for just this.
 * The first rejection rejects the whole call (calls already started still run to their end).
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index])
    }
  }
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length))
  await Promise.all(Array.from({length: workers}, worker))
  return results
}
