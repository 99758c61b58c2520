/**
 * `setup.cfg`, setuptools' declarative config (https://setuptools.pypa.io/en/latest/userguide/declarative_config.html),
 * read as setuptools reads it, by hand (no JS INI library follows Python's configparser on these points):
 *
 * - configparser's rules (Python's Lib/configparser.py `_read`, as setuptools' `ConfigParser()` uses them): a line
 *   whose stripped text starts with `#` or `;` is a comment, also among a value's lines; `key = value` or
 *   `key: value`, split at the first `=` or `:`; a line indented deeper than its option's line continues the value;
 *   blank lines do not end it; `[section]` headers; no inline comments (setuptools drops ` #` later).
 * - setuptools' list parsing (setuptools/config/setupcfg.py `_parse_list_semicolon`, `_parse_requirements_list`): a
 *   value of several lines is one requirement a line; a value of one line is split at `;` (so a marker must go on a
 *   line of its own); a value starting with `file:` names files whose lines are the requirements.
 * - `[options]` keys with `-` for `_` or in upper case are read as setuptools reads them (with its deprecation
 *   warning).
 */
import type {Scope} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {notRead, type Out, readRequirements} from './read.js'
import type {Sourced} from './requirements.js'

/** `[options]` keys that hold requirements, and their scopes. */
const OPTION_SCOPES: ReadonlyMap<string, Scope> = new Map([
  ['install_requires', 'prod'],
  ['setup_requires', 'dev'],
  ['tests_require', 'dev'],
])

const OPTIONS = 'options'
const EXTRAS = 'options.extras_require'

/** One `key = value` and its continuation lines (kept only for the options read). */
interface Option {
  section: string
  key: string
  /** Where the key is written. */
  offset: number
  first: Sourced
  continuation: Sourced[]
  read?: {scope: Scope; where: string; id: string}
}

export function readSetupCfg(out: Out, text: string): void {
  let section: string | undefined
  let option: Option | undefined
  let indentLevel = 0
  const given = new Set<string>()
  const finish = () => {
    if (option?.read) readOption(out, option, option.read, given)
    option = undefined
  }
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline
    const raw = text.slice(start, text.charCodeAt(end - 1) === 0x0d ? end - 1 : end)
    const lineStart = start
    start = end + 1
    const stripped = raw.trim()
    // Comments (also among a value's lines) and blank lines (which do not end a value) change nothing.
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) continue
    const indent = raw.length - raw.trimStart().length
    if (option && indent > indentLevel) {
      if (option.read) option.continuation.push({text: stripped, base: lineStart + indent})
      continue
    }
    finish()
    indentLevel = indent
    // configparser's `\[(?P<header>.+)\]`: from the first `[` to the last `]`.
    const close = stripped.startsWith('[') ? stripped.lastIndexOf(']') : -1
    if (close > 1) {
      section = stripped.slice(1, close)
      continue
    }
    if (section === undefined) {
      // configparser refuses the file (MissingSectionHeaderError): setuptools reads nothing of it.
      out.errors.push(
        lockfileError(
          out.file,
          'invalid-lockfile',
          'setup.cfg: text before the first [section] header; not an INI file setuptools reads',
          out.lines.position(lineStart).line,
          indent + 1,
        ),
      )
      return
    }
    const delimiter = firstDelimiter(stripped)
    const key = delimiter === -1 ? '' : stripped.slice(0, delimiter).trimEnd()
    if (key === '') {
      if (section === OPTIONS || section === EXTRAS)
        out.errors.push(
          lockfileError(
            out.file,
            'invalid-entry',
            `[${section}]: '${elide(stripped, 200)}' is not a 'key = value' line, a continuation line or a section header`,
            out.lines.position(lineStart).line,
            indent + 1,
          ),
        )
      continue
    }
    const after = stripped.slice(delimiter + 1)
    const lead = after.length - after.trimStart().length
    option = {
      section,
      key,
      offset: lineStart + indent,
      first: {text: after.trim(), base: lineStart + indent + delimiter + 1 + lead},
      continuation: [],
      read: readAs(section, key),
    }
  }
  finish()
}

/** The first `=` or `:`: configparser's option pattern takes the shortest key. */
function firstDelimiter(line: string): number {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index)
    if (code === 0x3d || code === 0x3a) return index
  }
  return -1
}

function readAs(section: string, key: string): Option['read'] {
  if (section === EXTRAS) return {scope: 'optional', where: `[${EXTRAS}] ${key}`, id: `${EXTRAS}\0${key}`}
  if (section !== OPTIONS) return undefined
  // setuptools' `_enforce_underscore` and `_enforce_option_lowercase`.
  const name = key.replace(/-/g, '_').toLowerCase()
  const scope = OPTION_SCOPES.get(name)
  return scope === undefined ? undefined : {scope, where: `[${OPTIONS}] ${key}`, id: `${OPTIONS}\0${name}`}
}

function readOption(out: Out, option: Option, read: NonNullable<Option['read']>, given: Set<string>): void {
  const {where, scope, id} = read
  if (given.has(id))
    out.errors.push(
      lockfileError(
        out.file,
        'duplicate-key',
        `${where} is given twice (configparser refuses the file); both are read`,
        out.lines.position(option.offset).line,
        out.lines.position(option.offset).column,
      ),
    )
  given.add(id)
  const {first, continuation} = option
  if (first.text.startsWith('file:')) {
    const files = [first.text.slice('file:'.length), ...continuation.map((line) => line.text)]
      .join('\n')
      .split(',')
      .map((path) => path.trim())
      .filter((path) => path !== '')
    notRead(
      out,
      option.offset,
      `${where}: setuptools reads these requirements from ${elide(files.join(', '), 200)} (a 'file:' directive), which is not followed`,
    )
    return
  }
  // Several lines: one requirement a line. One line: split at `;`.
  if (continuation.length > 0) {
    readRequirements(out, first.text === '' ? continuation : [first, ...continuation], scope, where)
    return
  }
  const fragments: Sourced[] = []
  let from = 0
  for (const piece of first.text.split(';')) {
    const lead = piece.length - piece.trimStart().length
    if (piece.trim() !== '') fragments.push({text: piece.trim(), base: first.base + from + lead})
    from += piece.length + 1
  }
  readRequirements(out, fragments, scope, where, {semicolonSplit: fragments.length > 1})
}
