import {normalizePypiName} from '../../core/package-names.js'
/**
 * PEP 508 requirements (https://peps.python.org/pep-0508/), as far as the inventory needs them: the name, the
 * version specifiers and the one exact version they pin, and a direct URL. Parsed by hand: pip's requirements files
 * and pyproject.toml write them, and no JS library reads them.
 */

/** A name (letters, digits, `.`, `_`, `-`, starting and ending with a letter or digit), extras, then specifiers. */
export const NAMED_REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/
const SPECIFIER = /^(===|==|~=|!=|<=|>=|<|>)\s*([^\s,]+)$/

/** `name @ url`: a direct reference. */
// (The spaces before the extras and before `@` are one run when there are no extras: `\s*(\[...\])?\s*@` was
// quadratic in a long run of spaces.)
export const DIRECT_REFERENCE = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:(\[[^\]]*\])\s*)?@\s*(\S+)/

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
  const withoutMarkers = withoutMarkersOf(text)
  const direct = DIRECT_REFERENCE.exec(withoutMarkers)
  if (direct) return {kind: 'url', name: direct[1], url: direct[3]}
  const named = NAMED_REQUIREMENT.exec(withoutMarkers)
  if (!named || !isSpecifierList(named[3])) return undefined
  const pinned = exactPin(named[3])
  return {kind: 'named', name: named[1], specifiers: named[3], ...(pinned === undefined ? {} : {pinned})}
}

/**
 * A requirement without its `; markers`, trimmed: cut at the first `;` (`/\s*;.*$/` was tried from every space of a
 * long run before a `;`, quadratic).
 */
export function withoutMarkersOf(text: string): string {
  const semicolon = text.indexOf(';')
  return (semicolon === -1 ? text : text.slice(0, semicolon)).trim()
}

/**
 * A pip requirement line without the per-requirement options after it (`--hash=…`: a whole token after whitespace),
 * trimmed. Found where the first option starts, not matched to the end of the line (`\s+--?…(\s.*)?$` was quadratic
 * in a long run of spaces).
 */
export function withoutPipOptions(line: string): string {
  const option = PIP_OPTION.exec(line)
  return (option === null ? line : line.slice(0, option.index)).trim()
}

const PIP_OPTION = /\s--?[A-Za-z][\w-]*(?:=\S*)?(?=\s|$)/

/** A pip line without its comment: a `#` at the start or after whitespace (found where it starts: `(^|\s)#.*$` was quadratic). */
export function withoutPipComment(line: string): string {
  const comment = PIP_COMMENT.exec(line)
  return comment === null ? line : line.slice(0, comment.index)
}

const PIP_COMMENT = /(?:^|\s)#/

/**
 * The normalised names of a list of PEP 508 requirement strings (a pyproject.toml's `dependencies`, a group of it):
 * what a lockfile's reader takes for the project's direct dependencies. PDM's dev-dependencies may hold `-e ./path`
 * or `-e git+...#egg=name`: named by the `egg` fragment, if any. Anything else is passed over.
 */
export function requirementNames(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  const names: string[] = []
  for (const item of list) {
    if (typeof item !== 'string') continue
    const editable = /^\s*-e\s/.test(item) ? /#(?:.*&)?egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(item) : null
    if (editable !== null) {
      names.push(normalizePypiName(editable[1]))
      continue
    }
    const parsed = parseRequirement(item)
    if (parsed !== undefined) names.push(normalizePypiName(parsed.name))
  }
  return names
}
