/**
 * A seeded generator for differential tests, so a failure is the same on every run: mulberry32 (32-bit state,
 * Math.imul), whose low bits are as good as its high ones. A linear congruence computed in doubles past 2^53 lost
 * its precision and gave five distinct globs in 4,000.
 */
export function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n)
  }
}
