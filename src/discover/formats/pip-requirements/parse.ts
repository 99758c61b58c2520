/**
 * pip requirements files, parsed by hand: the format is pip's own (pip/_internal/req/req_file.py), and no JS library
 * reads it. Handled: `\` continuations, `#` comments, `-r`/`-c` includes, `-e`, per-line `--hash`, PEP 508
 * extras and `;` markers, `name @ url`, bare URLs and paths.
 */
export type RequirementLine =
  | {kind: 'include'; path: string; constraint: boolean; line: number}
  | {kind: 'option'; line: number}
  | {kind: 'named'; name: string; pinned?: string; text: string; line: number; column: number}
  | {kind: 'url'; vcs: boolean; local: boolean; name?: string; url: string; text: string; line: number; column: number}
  | {kind: 'invalid'; text: string; line: number}

/** Joins continuation lines and drops comments, keeping the number of each logical line's first physical line. */
function logicalLines(text: string): Array<{text: string; line: number; column: number}> {
  const result: Array<{text: string; line: number; column: number}> = []
  let buffer = ''
  let start = 0
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, index) => {
    // pip: a `#` at the start or after whitespace starts a comment.
    const source = raw.replace(/(^|\s)#.*$/, '')
    if (buffer === '') start = index + 1
    if (source.endsWith('\\')) {
      buffer += `${source.slice(0, -1)} `
      return
    }
    buffer += source
    if (buffer.trim() !== '') {
      const firstLine = lines[start - 1]
      result.push({text: buffer.trim(), line: start, column: firstLine.length - firstLine.trimStart().length + 1})
    }
    buffer = ''
  })
  if (buffer.trim() !== '') result.push({text: buffer.trim(), line: start, column: 1})
  return result
}

const INCLUDE = /^(-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$/
const EDITABLE = /^(-e|--editable)(?:\s*=\s*|\s+)(\S+)/
const NAMED = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/
const SPECIFIER = /^(===|==|~=|!=|<=|>=|<|>)\s*([^\s,]+)$/

function urlLine(target: string, base: {text: string; line: number; column: number}, name?: string): RequirementLine {
  const vcs = /^(git|hg|svn|bzr)\+/.test(target)
  const local = !vcs && (/^(\.{1,2}\/|\/|file:)/.test(target) || !target.includes('://'))
  const egg = /#egg=([A-Za-z0-9._-]+)/.exec(target)?.[1]
  return {kind: 'url', vcs, local, name: name ?? egg, url: target, ...base}
}

/** The single exact version of `==1.2.3` / `===1.2.3` (no wildcard), if any. */
function exactPin(specifiers: string): string | undefined {
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

export function parseRequirements(text: string): RequirementLine[] {
  return logicalLines(text).map((logical): RequirementLine => {
    const {text: content, line} = logical
    const include = INCLUDE.exec(content)
    if (include)
      return {kind: 'include', path: include[2], constraint: include[1] === '-c' || include[1] === '--constraint', line}
    const editable = EDITABLE.exec(content)
    if (editable) return urlLine(editable[2], logical)
    if (content.startsWith('-')) return {kind: 'option', line}
    // Per-requirement options (`--hash=...`) follow the requirement; markers follow `;`.
    const requirement = content.replace(/\s+--?[A-Za-z][\w-]*(=\S*)?(\s.*)?$/, '').trim()
    const withoutMarkers = requirement.replace(/\s*;.*$/, '').trim()
    const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*@\s*(\S+)/.exec(withoutMarkers)
    const written = {...logical, text: requirement}
    if (direct) return urlLine(direct[3], written, direct[1])
    if (
      withoutMarkers.includes('://') ||
      /^(\.{1,2}\/|\/|file:)/.test(withoutMarkers) ||
      /\.(whl|tar\.gz|zip)$/.test(withoutMarkers)
    ) {
      return urlLine(withoutMarkers, written)
    }
    const named = NAMED.exec(withoutMarkers)
    if (!named) return {kind: 'invalid', text: content, line}
    const specifiers = named[3]
    if (specifiers !== '' && !/^\(?\s*(===|==|~=|!=|<=|>=|<|>)/.test(specifiers))
      return {kind: 'invalid', text: content, line}
    return {kind: 'named', name: named[1], pinned: exactPin(specifiers), ...written}
  })
}
