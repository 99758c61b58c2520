/**
 * Git submodules: `.gitmodules` (https://git-scm.com/docs/gitmodules), the repositories a project vendors at a commit
 * of theirs. Each `[submodule "name"]` section's `url` is listed as the repository it names: a `generic` package
 * `pkg:generic/github.com/o/r?vcs_url=git+URL` (lockfile-support/git-package.ts), which the vcs-url resolver names
 * with no request. The commit a submodule is pinned at is in the superproject's git tree (a gitlink), not in this
 * file, and stewards never reads `.git`: the submodules are listed without a version, and that is said once.
 * A relative URL (`../lib.git`) is relative to the superproject's own remote, which the tree does not name: reported,
 * not guessed; a path on the machine (`/srv/x.git`, `file://`) is not a repository of anyone: reported.
 *
 * The file is git-config syntax (https://git-scm.com/docs/git-config#_syntax), read here by hand (no maintained
 * JavaScript reader of git's config syntax: `ini` readers do not unquote subsections nor know git's escapes and
 * continuations): sections, `[section "subsection"]` with `\"` and `\\`, `name = value` with `#`/`;` comments outside
 * quotes, `"…"` quoting, `\n \t \b \" \\` escapes and a trailing `\` continuing the value. Variable names are not
 * case-sensitive; the last value of a variable wins, as `git config --get` gives it.
 */
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'git-submodules',
  description: 'Git submodules: the repositories .gitmodules names',
  matches: (file) => /(^|\/)\.gitmodules$/.test(file),
  identify: (head) => /^(?:[ \t]*(?:[#;][^\r\n]*)?\r?\n)*[ \t]*\[submodule[ \t]+"/.test(head),
  discover: ({file, text}) => discoverGitmodules(file, text),
}

/** Sections read at most (a hostile file of millions of sections is reported past it). */
const MAX_SUBMODULES = 10_000

interface Value {
  text: string
  line: number
  column: number
}

interface Submodule {
  name: string
  line: number
  column: number
  /** Variables by lower-case name: the last value written. */
  values: Map<string, Value>
}

export function discoverGitmodules(file: string, text: string): DiscoverOutput {
  const errors: ScanError[] = []
  const skipped: Skipped[] = []
  const components: Component[] = []
  const submodules = readSections(file, text, errors)
  if (submodules.length > MAX_SUBMODULES)
    skipped.push({
      file,
      line: submodules[MAX_SUBMODULES].line,
      reason: 'unsupported',
      message: `${submodules.length} submodules: the first ${MAX_SUBMODULES} are read`,
    })
  for (const submodule of submodules.slice(0, MAX_SUBMODULES)) {
    const url = submodule.values.get('url')
    const label = `submodule "${elide(submodule.name, 100)}"`
    if (url === undefined || url.text.trim() === '') {
      errors.push(lockfileError(file, 'invalid-entry', `${label} has no url`, submodule.line, submodule.column))
      continue
    }
    const address = url.text.trim()
    if (/^\.\.?\//.test(address)) {
      skipped.push({
        file,
        line: url.line,
        reason: 'unsupported',
        message: `${label}: url "${elide(address, 200)}" is relative to the superproject's own remote, which the tree does not name: not listed`,
      })
      continue
    }
    if (address.startsWith('/') || /^file:/i.test(address) || /^[A-Za-z]:[\\/]/.test(address)) {
      skipped.push({
        file,
        line: url.line,
        reason: 'unsupported',
        message: `${label}: url "${elide(address, 200)}" is a path on the machine, not a repository anyone publishes: not listed`,
      })
      continue
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/\S/i.test(address) && !/^[\w.-]+@[\w.-]+:\S/.test(address)) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `${label}: url "${elide(address, 200)}" is not a repository URL`,
          url.line,
          url.column,
        ),
      )
      continue
    }
    components.push(
      // origin manifest: .gitmodules names the repositories, unpinned; the pins (gitlinks) are in the git tree.
      gitPackageComponent(file, {
        url: address,
        ref: address,
        line: url.line,
        column: url.column,
        direct: true,
        origin: 'manifest',
      }),
    )
  }
  if (components.length > 0)
    skipped.push({
      file,
      reason: 'unresolved-version',
      message:
        "the commit each submodule is pinned at is in the superproject's git tree, not in .gitmodules (stewards does not read .git): submodules are listed without a version",
    })
  return {components, skipped, errors}
}

/** The `submodule` sections, in order (a section written twice is one, as git merges it). */
function readSections(file: string, text: string, errors: ScanError[]): Submodule[] {
  const byName = new Map<string, Submodule>()
  /** The section being read: a submodule, or null inside another section (its variables are not read). */
  let current: Submodule | null = null
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1
    let line = lines[index].replace(/\r$/, '')
    const indent = line.length - line.trimStart().length
    line = line.trimStart()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    let column = indent + 1
    if (line.startsWith('[')) {
      const header = /^\[[ \t]*([A-Za-z0-9.-]+)(?:[ \t]+"((?:[^"\\\n]|\\.)*)")?[ \t]*\](.*)$/.exec(line)
      if (header === null) {
        errors.push(
          lockfileError(file, 'invalid-entry', 'not a section header of git-config syntax', lineNumber, indent + 1),
        )
        current = null
        continue
      }
      const section = header[1].toLowerCase()
      // `[submodule "x"]`, or the deprecated `[submodule.x]` (whose subsection is case-insensitive: lower-cased).
      const name =
        section === 'submodule' && header[2] !== undefined
          ? header[2].replace(/\\(.)/g, '$1')
          : section.startsWith('submodule.') && header[2] === undefined
            ? section.slice('submodule.'.length)
            : undefined
      if (name === undefined) {
        current = null
        continue
      }
      current = byName.get(name) ?? null
      if (current === null) {
        current = {name, line: lineNumber, column: indent + 1, values: new Map()}
        byName.set(name, current)
      }
      // A variable may follow the header on its line (`[submodule "c"] url = …`, which git reads).
      const rest = header[3].trimStart()
      if (rest === '' || rest.startsWith('#') || rest.startsWith(';')) continue
      column = indent + 1 + line.length - rest.length
      line = rest
    }
    const variable = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*(=)?(.*)$/.exec(line)
    if (variable === null) {
      errors.push(lockfileError(file, 'invalid-entry', 'not a variable of git-config syntax', lineNumber, column))
      continue
    }
    // The value, continued over the lines a trailing backslash joins.
    let raw = variable[2] === undefined ? '' : variable[3]
    const valueColumn = column + (line.length - variable[3].length) + (raw.length - raw.trimStart().length)
    while (endsInContinuation(raw) && index + 1 < lines.length) {
      raw = `${raw.slice(0, -1)}${lines[++index].replace(/\r$/, '')}`
    }
    const value = unquote(raw)
    if (value === undefined) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          'a value with an unterminated quote or a bad escape',
          lineNumber,
          valueColumn,
        ),
      )
      continue
    }
    if (current !== null)
      current.values.set(variable[1].toLowerCase(), {text: value, line: lineNumber, column: valueColumn})
  }
  return [...byName.values()]
}

/** A trailing `\` outside quotes and comments continues the value on the next line. */
function endsInContinuation(raw: string): boolean {
  let quoted = false
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (c === '\\') {
      if (i === raw.length - 1) return true
      i++
    } else if (c === '"') quoted = !quoted
    else if (!quoted && (c === '#' || c === ';')) return false
  }
  return false
}

/** A value as git reads it: quotes removed, escapes applied, a comment cut, outer white space trimmed. */
function unquote(raw: string): string | undefined {
  let out = ''
  let quoted = false
  /** Where the value's text ends before trailing white space outside quotes. */
  let kept = 0
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (c === '\\') {
      const next = raw[++i]
      const escaped = next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next
      if (escaped !== '"' && escaped !== '\\' && escaped !== '\n' && escaped !== '\t' && escaped !== '\b')
        return undefined
      out += escaped
      kept = out.length
    } else if (c === '"') {
      quoted = !quoted
      kept = out.length
    } else if (!quoted && (c === '#' || c === ';')) break
    else {
      if (out === '' && !quoted && (c === ' ' || c === '\t')) continue
      out += c
      if (quoted || (c !== ' ' && c !== '\t')) kept = out.length
    }
  }
  return quoted ? undefined : out.slice(0, kept)
}
