/**
 * pip requirements files, parsed by hand: the format is pip's own (pip/_internal/req/req_file.py), and no JS library
 * reads it. Handled: `\` continuations, `#` comments, `-r`/`-c` includes, `-e`, `-i`/`--index-url`,
 * `--extra-index-url`, per-line `--hash`, PEP 508 extras and `;` markers, `name @ url`, bare URLs and paths (the
 * requirement itself: ../../lockfile-support/pep508.ts; a URL's `#egg=`/`#subdirectory=`: ./pip-source.ts).
 */
import {DIRECT_REFERENCE, exactPin, isSpecifierList, NAMED_REQUIREMENT} from '../../lockfile-support/pep508.js'
import {splitPipUrl} from '../../lockfile-support/pypi-index.js'

export type RequirementLine =
  | {kind: 'include'; path: string; constraint: boolean; line: number}
  | {kind: 'option'; line: number}
  | {kind: 'index' | 'extra-index'; url: string; line: number}
  | {kind: 'named'; name: string; pinned?: string; text: string; line: number; column: number}
  | {
      kind: 'url'
      vcs: boolean
      local: boolean
      name?: string
      /** Without pip's `#egg=`/`#subdirectory=` (./pip-source.ts). */
      url: string
      text: string
      line: number
      column: number
    }
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
/** `--index-url` replaces pip's index list (PyPI at first), `--extra-index-url` adds one to it (./pip-source.ts). */
const INDEX_URL = /^(?:-i|--index-url)(?:\s*=\s*|\s+)(\S+)$/
const EXTRA_INDEX_URL = /^--extra-index-url(?:\s*=\s*|\s+)(\S+)$/

function urlLine(target: string, base: {text: string; line: number; column: number}, name?: string): RequirementLine {
  const vcs = /^(git|hg|svn|bzr)\+/.test(target)
  const local = !vcs && (/^(\.{1,2}\/|\/|file:)/.test(target) || !target.includes('://'))
  const {url, egg} = splitPipUrl(target)
  return {kind: 'url', vcs, local, name: name ?? egg, url, ...base}
}

export function parseRequirements(text: string): RequirementLine[] {
  return logicalLines(text).map((logical): RequirementLine => {
    const {text: content, line} = logical
    const include = INCLUDE.exec(content)
    if (include)
      return {kind: 'include', path: include[2], constraint: include[1] === '-c' || include[1] === '--constraint', line}
    const editable = EDITABLE.exec(content)
    if (editable) return urlLine(editable[2], logical)
    const index = INDEX_URL.exec(content)
    if (index) return {kind: 'index', url: index[1], line}
    const extraIndex = EXTRA_INDEX_URL.exec(content)
    if (extraIndex) return {kind: 'extra-index', url: extraIndex[1], line}
    if (content.startsWith('-')) return {kind: 'option', line}
    // Per-requirement options (`--hash=...`) follow the requirement; markers follow `;`.
    const requirement = content.replace(/\s+--?[A-Za-z][\w-]*(=\S*)?(\s.*)?$/, '').trim()
    const withoutMarkers = requirement.replace(/\s*;.*$/, '').trim()
    const direct = DIRECT_REFERENCE.exec(withoutMarkers)
    const written = {...logical, text: requirement}
    if (direct) return urlLine(direct[3], written, direct[1])
    if (
      withoutMarkers.includes('://') ||
      /^(\.{1,2}\/|\/|file:)/.test(withoutMarkers) ||
      /\.(whl|tar\.gz|zip)$/.test(withoutMarkers)
    ) {
      return urlLine(withoutMarkers, written)
    }
    const named = NAMED_REQUIREMENT.exec(withoutMarkers)
    if (!named) return {kind: 'invalid', text: content, line}
    const specifiers = named[3]
    if (!isSpecifierList(specifiers)) return {kind: 'invalid', text: content, line}
    return {kind: 'named', name: named[1], pinned: exactPin(specifiers), ...written}
  })
}
