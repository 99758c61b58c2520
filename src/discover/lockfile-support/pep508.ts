/**
 * PEP 508 requirements (https://peps.python.org/pep-0508/), as far as the inventory needs them: the name, the
 * version specifiers and the one exact version they pin, and a direct URL. Parsed by hand: pip's requirements files
 * and pyproject.toml write them, and no JS library reads them.
 */

/** A name (letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit), extras, then specifiers. */
export const NAMED_REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/
const SPECIFIER = /^(===|==|~=|!=|<=|>=|<|>)\s*([^\s,]+)$/

/** `name @ url`: a direct reference. */
export const DIRECT_REFERENCE = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*@\s*(\S+)/

/**
 * Specifiers as PEP 508 writes them after the name: none, or a comparison first (in parentheses or not), clauses
 * separated by commas (packaging, pip's parser since 22.0, refuses `>=2<3` and `>=2 <3`: missingComma).
 */
export function isSpecifierList(specifiers: string): boolean {
  return specifiers === '' || (/^\(?\s*(===|==|~=|!=|<=|>=|<|>)/.test(specifiers) && !missingComma(specifiers))
}

/**
 * Two version clauses with no comma between them (`>=2<3`, `>=2 <3`): packaging refuses the requirement. A clause is
 * an operator and a version; only `===` takes any text up to a comma.
 */
export function missingComma(specifiers: string): boolean {
  const list = specifiers.trim().replace(/^\((.*)\)$/, '$1')
  return list.split(',').some((clause) => {
    const match = /^\s*(===|==|~=|!=|<=|>=|<|>)\s*([\s\S]*)$/.exec(clause)
    return match !== null && match[1] !== '===' && /[\s<>=!~]/.test(match[2].trim())
  })
}

/** The single exact version of `==1.2.3` / `===1.2.3` (no wildcard), if any. */
export function exactPin(specifiers: string): string | undefined {
  const parts = specifiers
    .replace(/^\((.*)\)$/, '$1')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
  for (const part of parts) {
    const match = SPECIFIER.exec(part)
    if (match && (match[1] === '==' || match[1] === '===') && !match[2].includes('*')) return match[2]
  }
  return undefined
}

export type Requirement =
  | {kind: 'named'; name: string; specifiers: string; pinned?: string}
  | {kind: 'url'; name: string; url: string}

/** One PEP 508 requirement string (`name[extra]>=1.0; markers`, `name @ url`); undefined when it is not one. */
export function parseRequirement(text: string): Requirement | undefined {
  const withoutMarkers = text.replace(/\s*;.*$/, '').trim()
  const direct = DIRECT_REFERENCE.exec(withoutMarkers)
  if (direct) return {kind: 'url', name: direct[1], url: direct[3]}
  const named = NAMED_REQUIREMENT.exec(withoutMarkers)
  if (!named || !isSpecifierList(named[3])) return undefined
  const pinned = exactPin(named[3])
  return {kind: 'named', name: named[1], specifiers: named[3], ...(pinned === undefined ? {} : {pinned})}
}
