/**
 * "Did you mean" for a mistyped command or flag: the nearest known name by edit distance (Levenshtein, from
 * `fastest-levenshtein`). oclif's own plugin-not-found asks an interactive yes/no question on a terminal and then
 * runs the guess, which a CI job must never do, and @oclif/core 4 suggests nothing for an unknown flag: both are
 * answered here, as a hint only.
 */
import {distance} from 'fastest-levenshtein'
import {compare} from './compare.js'

/**
 * The known name nearest to `input`, when it is near enough to be a typo: at most 2 edits, or a third of the
 * name's length for long names; a known name that starts with the input (an abbreviation) also counts. Ties go to
 * the first name in code-point order, so the same input always gets the same suggestion.
 */
export function suggest(input: string, known: readonly string[]): string | undefined {
  if (!input) return undefined
  const limit = Math.max(2, Math.floor(input.length / 3))
  let best: {name: string; d: number} | undefined
  for (const name of [...new Set(known)].sort(compare)) {
    if (name === input) continue
    const d = name.startsWith(input) && input.length >= 3 ? 1 : distance(input, name)
    if (d <= limit && (!best || d < best.d)) best = {name, d}
  }
  return best?.name
}
