/**
 * Company spellings (EXPECTED.json "normalisation"): names equal after case-folding and whitespace collapsing
 * are one organisation, written as the smallest variant in code-point order ("ant group" → "Ant Group").
 */

/** Full case folding approximated by upper- then lower-casing (ß → ss, ſ → s), whitespace collapsed. */
export function spellingKey(name: string): string {
  return name.toUpperCase().toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Maps every name to the smallest variant of its spelling group. */
export function mergeSpellings(names: Iterable<string>): Map<string, string> {
  const smallest = new Map<string, string>()
  for (const name of names) {
    const key = spellingKey(name)
    const best = smallest.get(key)
    if (best === undefined || compare(name, best) < 0) smallest.set(key, name)
  }
  const result = new Map<string, string>()
  for (const name of names) result.set(name, smallest.get(spellingKey(name)) as string)
  return result
}

import {compare} from '../core/compare.js'
