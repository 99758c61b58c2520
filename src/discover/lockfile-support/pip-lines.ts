/**
 * pip requirements files, parsed by hand: the format is pip's own (pip/_internal/req/req_file.py), and no JS library
 * reads it. Shared by the pip-requirements format and conda-environment's `pip:` list, which conda writes into a
 * requirements file, one entry a line (conda/env/installers/pip.py: `requirements.write("\n".join(specs))`, then
 * `pip install -U -r` on it). Handled: `\` continuations, `#` comments, `-r`/`-c` includes, `-e`, `-i`/`--index-url`,
 * `--extra-index-url`, per-line `--hash`, PEP 508 extras and `;` markers, `name @ url`, bare URLs and paths,
 * `${NAME}` environment variables (reported, never filled in) (the
 * requirement itself: ./pep508.ts; a URL's `#egg=`/`#subdirectory=`: ./pypi-index.ts splitPipUrl).
 *
 * A line that starts with an option is split as pip splits it: `break_args_options` keeps everything from the first
 * word starting with `-` as the options, then `opts, _ = parser.parse_args(shlex.split(options_str), defaults)`
 * (pip/_internal/req/req_file.py `get_line_parser`), so `-r "base.txt"` and `-c 'cons.txt'` name base.txt and
 * cons.txt. Options are read as optparse reads them: `-r FILE`, `-rFILE`, `--requirement FILE`,
 * `--requirement=FILE`, several on one line; at the first option not read here the rest of the line is passed over.
 */
import {
  DIRECT_REFERENCE,
  exactPin,
  isSpecifierList,
  NAMED_REQUIREMENT,
  withoutMarkersOf,
  withoutPipComment,
  withoutPipOptions,
} from './pep508.js'

import {splitPipUrl} from './pypi-index.js'
import {shlexSplit} from './shlex.js'
import {fillsInEnvironment} from './pip-source.js'

export type RequirementLine =
  | {kind: 'include'; path: string; constraint: boolean; line: number; column: number}
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
  | {kind: 'invalid'; text: string; line: number; column: number; why?: string}
  /** A requirement, include or index whose name, version, URL or path pip takes from the environment. */
  | {
      kind: 'environment'
      what: string
      index?: 'index' | 'extra-index'
      /** The requirement's name is written out and listed; only its version comes from the environment. */
      listed?: boolean
      text: string
      line: number
      column: number
    }

/** Joins continuation lines and drops comments, keeping the number of each logical line's first physical line. */
function logicalLines(text: string): Array<{text: string; line: number; column: number}> {
  const result: Array<{text: string; line: number; column: number}> = []
  let buffer = ''
  let start = 0
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, index) => {
    // pip: a `#` at the start or after whitespace starts a comment.
    const source = withoutPipComment(raw)
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

/**
 * The options read here, by each of their names, and what they are: `--index-url` replaces pip's index list (PyPI at
 * first), `--extra-index-url` adds one to it (./pip-source.ts). All take a value.
 */
const OPTIONS: ReadonlyMap<string, 'include' | 'constraint' | 'editable' | 'index' | 'extra-index'> = new Map([
  ['-r', 'include'],
  ['--requirement', 'include'],
  ['-c', 'constraint'],
  ['--constraint', 'constraint'],
  ['-e', 'editable'],
  ['--editable', 'editable'],
  ['-i', 'index'],
  ['--index-url', 'index'],
  ['--extra-index-url', 'extra-index'],
] as const)

type Logical = {text: string; line: number; column: number}

/** A line of options (it starts with `-`), split by shlex and read as optparse reads it. */
function optionLines(logical: Logical): RequirementLine[] {
  const {text, line, column} = logical
  const words = shlexSplit(text)
  if (typeof words === 'string')
    return [{kind: 'invalid', text, line, column, why: `pip cannot split this line's options (${words})`}]
  const result: RequirementLine[] = []
  for (let at = 0; at < words.length; ) {
    const word = words[at]
    // `--name=value`, `--name value`; `-xvalue`, `-x value` (optparse).
    const long = word.startsWith('--')
    const equals = long ? word.indexOf('=') : -1
    const name = long ? (equals === -1 ? word : word.slice(0, equals)) : word.slice(0, 2)
    const kind = OPTIONS.get(name)
    if (kind === undefined) {
      result.push({kind: 'option', line})
      break
    }
    const inline = long
      ? equals === -1
        ? undefined
        : word.slice(equals + 1)
      : word.length > 2
        ? word.slice(2)
        : undefined
    const value = inline ?? words[at + 1]
    at += inline === undefined ? 2 : 1
    if (value === undefined) {
      result.push({kind: 'invalid', text, line, column, why: `${name} without a value`})
      break
    }
    if (fillsInEnvironment(value)) {
      const what =
        kind === 'include'
          ? 'included file'
          : kind === 'constraint'
            ? 'constraints file'
            : kind === 'editable'
              ? 'editable requirement'
              : `${name} option`
      const index = kind === 'index' || kind === 'extra-index' ? kind : undefined
      result.push({kind: 'environment', what, ...(index ? {index} : {}), text: value, line, column})
    } else if (kind === 'include' || kind === 'constraint')
      result.push({kind: 'include', path: value, constraint: kind === 'constraint', line, column})
    else if (kind === 'editable') result.push(urlLine(value, logical))
    else result.push({kind, url: value, line})
  }
  return result
}

function urlLine(target: string, base: Logical, name?: string): RequirementLine {
  const vcs = /^(git|hg|svn|bzr)\+/.test(target)
  const local = !vcs && (/^(\.{1,2}\/|\/|file:)/.test(target) || !target.includes('://'))
  const {url, egg} = splitPipUrl(target)
  return {kind: 'url', vcs, local, name: name ?? egg, url, ...base}
}

export function parseRequirements(text: string): RequirementLine[] {
  return logicalLines(text).flatMap((logical): RequirementLine | RequirementLine[] => {
    const {text: content, line, column} = logical
    if (content.startsWith('-')) return optionLines(logical)
    // Per-requirement options (`--hash=...`) follow the requirement; markers follow `;`.
    const requirement = withoutPipOptions(content)
    const withoutMarkers = withoutMarkersOf(requirement)
    const direct = DIRECT_REFERENCE.exec(withoutMarkers)
    const written = {...logical, text: requirement}
    // The requirement pip reads is the one the environment fills in. A name written out (`torch==${TORCH_VERSION}`)
    // is listed without a version; a name, URL or path pip takes from the environment is not known.
    if (fillsInEnvironment(withoutMarkers)) {
      const environment: RequirementLine = {kind: 'environment', what: 'requirement', ...written}
      const named = NAMED_REQUIREMENT.exec(withoutMarkers)
      const byName =
        named !== null &&
        !DIRECT_REFERENCE.test(withoutMarkers) &&
        !/[/\\:]/.test(withoutMarkers) &&
        !fillsInEnvironment(named[1] + (named[2] ?? '')) &&
        /^(?:[<>=!~]|$)/.test(named[3].trim())
      return byName
        ? [
            {kind: 'named', name: named[1], ...written},
            {...environment, listed: true},
          ]
        : environment
    }
    if (direct) return urlLine(direct[3], written, direct[1])
    // pip's `_looks_like_path` (pip/_internal/req/constructors.py): a separator anywhere, or a leading `.` (`.`,
    // `.[dev]`, `sdks/typescript-a`), is a local path, never a project name (PEP 508 names hold neither).
    if (
      withoutMarkers.includes('://') ||
      /^(\.|file:)/.test(withoutMarkers) ||
      /[/\\]/.test(withoutMarkers) ||
      /\.(whl|tar\.gz|zip)$/.test(withoutMarkers)
    ) {
      return urlLine(withoutMarkers, written)
    }
    const named = NAMED_REQUIREMENT.exec(withoutMarkers)
    if (!named) return {kind: 'invalid', text: content, line, column}
    const specifiers = named[3]
    if (!isSpecifierList(specifiers)) return {kind: 'invalid', text: content, line, column}
    return {kind: 'named', name: named[1], pinned: exactPin(specifiers), ...written}
  })
}
