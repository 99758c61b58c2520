/**
 * The R package dependencies a `DESCRIPTION` file declares (Imports, Depends, LinkingTo; Suggests), for renv.lock's
 * `direct`. DESCRIPTION is Debian Control File (DCF) format ("Writing R Extensions" §1.1.1, R's `read.dcf`): `Field:
 * value` lines, a line starting with a space or tab continues the field before it. A small hand-written reader: there
 * is no maintained JavaScript DCF parser, and only these four fields are read; every other field is passed over.
 * Each entry of a dependency field is `name` or `name (>= version)`, comma-separated; `R` itself (Depends) is not a
 * package. One pass over the text, no backtracking regular expression.
 */

/** R package names ("Writing R Extensions": letters, digits and `.`, starting with a letter, not ending in `.`). */
export const R_PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9.]{0,127}$/

export interface DeclaredDependencies {
  /** Imports, Depends and LinkingTo. */
  prod: Set<string>
  /** Suggests. */
  dev: Set<string>
}

const PROD_FIELDS = new Set(['Imports', 'Depends', 'LinkingTo'])

/** The dependency fields of a DESCRIPTION; undefined when the text is not a DCF record (no `Package:` field). */
export function readDescription(text: string): DeclaredDependencies | undefined {
  const fields = new Map<string, string>()
  let current: string | undefined
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line.trim() === '') {
      // A blank line ends the (first) record: a DESCRIPTION holds one.
      if (fields.size > 0) break
      continue
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (current !== undefined) fields.set(current, `${fields.get(current)} ${line.trim()}`)
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) return undefined
    current = line.slice(0, colon)
    fields.set(current, line.slice(colon + 1).trim())
  }
  if (!fields.has('Package')) return undefined
  const declared: DeclaredDependencies = {prod: new Set(), dev: new Set()}
  for (const [field, value] of fields) {
    const into = PROD_FIELDS.has(field) ? declared.prod : field === 'Suggests' ? declared.dev : undefined
    if (into === undefined) continue
    for (const entry of value.split(',')) {
      const paren = entry.indexOf('(')
      const name = (paren >= 0 ? entry.slice(0, paren) : entry).trim()
      if (name !== 'R' && R_PACKAGE_NAME.test(name)) into.add(name)
    }
  }
  return declared
}
