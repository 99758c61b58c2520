/**
 * The one way a share is written as a percentage, in finding messages (CEL `percent()`), every report format and
 * every command: one decimal, rounded half up on the share's decimal value (0.8415 → 84.2%). A share that is not
 * zero never reads as 0 (under 0.05 % it is `<0.1%`), and one that is not whole never reads as 100 (`>99.9%`).
 */

/** `0.8415` → `84.2%`; null, undefined and non-finite numbers → `unknown` (reports pass `-`). */
export function formatPercent(share: number | null | undefined, unknown = 'unknown'): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return unknown
  // Per mille, cleaned of binary noise first: 0.8415 * 1000 is 841.4999…, which is 841.5 as written.
  const perMille = Math.round(Number((share * 1000).toPrecision(12)))
  if (perMille === 0 && share > 0) return '<0.1%'
  if (perMille === 1000 && share < 1) return '>99.9%'
  return `${(perMille / 10).toFixed(1)}%`
}
