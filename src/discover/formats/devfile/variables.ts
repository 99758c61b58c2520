/**
 * Devfile variables (https://devfile.io/docs/2.2.0/defining-variables): `{{name}}` (or `{{ name }}`) in a string is
 * replaced by the value the devfile's `variables:` gives `name`. Done as the devfile library does it
 * (devfile/api, pkg/validation/variables/variables.go `validateAndReplaceDataWithVariable`): the references are found
 * with `\{\{\s*(.*?)\s*\}\}` (never across a line break) in the original string, and for each whose variable is
 * defined every occurrence of the reference as written is replaced, in the order they were found; a reference to an
 * undefined variable is left as written (the library warns). Written by hand: it is that one regular expression.
 */

/** The library's regular expression; Go's `.` stops at a line break, as `[^\n]` does. */
const REFERENCE = /\{\{\s*([^\n]*?)\s*\}\}/g

/** Far above any real devfile; bounds what a hostile file can make the replacements build. */
export const MAX_SUBSTITUTED = 4 * 1024 * 1024

export type Replaced = {ok: true; value: string; changed: boolean; undefined: string[]} | {ok: false; message: string}

/** The references of `text`, in the order they are first found: each as written, with its variable's name. */
export function references(text: string): Array<{written: string; name: string}> {
  const found = new Map<string, string>()
  for (const match of text.matchAll(REFERENCE)) if (!found.has(match[0])) found.set(match[0], match[1])
  return [...found].map(([written, name]) => ({written, name}))
}

/**
 * `text` with the variables of `variables` replaced; `undefined` names the variables it refers to that are not
 * defined. `order` is the references of the whole string the library replaces in (when `text` is one line of it).
 */
export function replaceVariables(
  text: string,
  variables: ReadonlyMap<string, string>,
  order: ReadonlyArray<{written: string; name: string}> = references(text),
): Replaced {
  let value = text
  let changed = false
  const missing = new Set<string>()
  for (const {written, name} of order) {
    if (!value.includes(written)) continue
    const replacement = variables.get(name)
    if (replacement === undefined) {
      missing.add(name)
      continue
    }
    const next = value.split(written).join(replacement)
    if (next.length > MAX_SUBSTITUTED)
      return {ok: false, message: `its variables expand it beyond ${MAX_SUBSTITUTED} characters`}
    changed ||= next !== value
    value = next
  }
  return {ok: true, value, changed, undefined: [...missing]}
}
