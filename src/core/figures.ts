/**
 * Share and ranking arithmetic that measure (which computes figures) and evaluate (which recomputes the figures
 * that depend on the chosen watch-lists, src/core/measurement.ts) must do the same way, to the same bytes; and how
 * every stage writes a count for people to read.
 */

/**
 * A whole number with a comma between thousands (`1,000,000`), as `toLocaleString('en-US')` writes it, without ICU:
 * the first number formatter of a process costs about 6 ms, and a message made at load paid it at every start.
 */
export function thousands(n: number): string {
  if (!Number.isSafeInteger(n)) return String(n)
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',')
}

/**
 * n/d rounded to 4 decimals; null when d is 0 (unknown, never 0). Ties are broken to even as Python's
 * `round()` does, so figures equal the independently computed references in ../shared/affiliation.
 */
export function share(n: number, d: number): number | null {
  if (d === 0) return null
  // toFixed rounds the double's exact value, ties up; Python rounds exact ties to even. A double is exactly
  // a tie only when n/d is one and its reduced denominator is a power of two (e.g. 1/32 = 0.03125).
  if (isExactTie(n, d)) {
    const k = Math.floor((n * 10_000) / d)
    return (k % 2 === 0 ? k : k + 1) / 10_000
  }
  return Number((n / d).toFixed(4))
}

function isExactTie(n: number, d: number): boolean {
  if ((2 * n * 10_000) % d !== 0 || ((2 * n * 10_000) / d) % 2 !== 1) return false
  const reduced = d / gcd(n, d)
  return (reduced & (reduced - 1)) === 0
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** Entries sorted by count, largest first, then by name in code-point order (stable across runs). */
export function ranked(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

/** Counts as a plain object with keys in ranked order (deterministic JSON). */
export function rankedRecord(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(ranked(counts))
}
