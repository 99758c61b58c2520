/**
 * The one string order of the tool: Unicode code points (the order of UTF-8 bytes, of Python's and Go's string
 * comparison, in which the shared reference figures were computed). Locale-independent, so the same inputs sort
 * to the same bytes on every machine (reports, caches, bundles); not `localeCompare`, whose order changes with
 * ICU versions and the user's locale. Differs from `<` (UTF-16 code units) only where a character beyond U+FFFF
 * meets one in U+E000–U+FFFF.
 */
export function compare(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i)
    let y = b.charCodeAt(i)
    if (x === y) continue
    // Surrogates (U+D800–U+DFFF) stand for code points above U+FFFF: move them above U+E000–U+FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000
    }
    return x < y ? -1 : 1
  }
  return a.length < b.length ? -1 : 1
}
