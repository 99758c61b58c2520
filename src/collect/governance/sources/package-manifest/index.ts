/**
 * The maintainers a project's package manifest names, where Python and npm projects keep them when they keep no
 * MAINTAINERS file: `pyproject.toml` `[project] maintainers` (PEP 621, https://packaging.python.org/en/latest/specifications/pyproject-toml/#authors-maintainers:
 * tables of `name` and `email`) and Poetry's `[tool.poetry] maintainers` (`"Name <address>"` strings,
 * https://python-poetry.org/docs/pyproject/#maintainers); `package.json` `maintainers` (npm's people fields,
 * https://docs.npmjs.com/cli/v11/configuring-npm/package-json#people-fields-author-contributors: `{name, email, url}`
 * or `"Name <address> (url)"`). Authors and contributors are not maintainers and are not read.
 * A person with a GitHub profile URL is that login; one with an address only is a role holder once the project's
 * commits link the address to an account (../../addressed.ts); one with a name only is nobody stewards can count.
 * A manifest that says "maintainers" and is not valid TOML or JSON is a problem that leaves it unread (the run
 * incomplete), as any governance file; one that never says it is not read at all (`mayName`).
 */
import {parse as parseToml} from 'smol-toml'
import type {GovernanceFile} from '../../../../core/model.js'
import {errorMessage} from '../../../../core/errors.js'
import {isRecord} from '../../../../core/is-record.js'
import {parseJsonText} from '../../../../core/json-text.js'
import {createLineIndex} from '../../../../core/line-index.js'
import {isAddress, isLogin, nameAndAddress} from '../../names.js'
import type {AddressedRole, GovernanceParse, GovernanceRole, GovernanceSource} from '../../types.js'

const KIND = 'package-manifest'
/** A GitHub profile, the whole URL (`https://github.com/login`, a trailing slash allowed). */
const PROFILE = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/?$/i

export const source: GovernanceSource = {
  id: KIND,
  description:
    'package manifest maintainers (pyproject.toml [project] or [tool.poetry] maintainers, package.json maintainers)',
  place: 'repository',
  paths: ['pyproject.toml', 'package.json'],
  // A line emptied (over the line cap) would break the TOML or JSON around it: such a file is not read at all.
  wholeLinesOnly: true,
  matches: (path) => path === 'pyproject.toml' || path === 'package.json',
  // A manifest that never says "maintainers" names none, and is not read: one that is not valid TOML or JSON, larger
  // than the cap or minified onto one long line then leaves no run incomplete for a list it does not hold.
  mayName: (content) => content.includes('maintainers'),
  parse: (file) => (file.path.endsWith('package.json') ? parsePackageJson(file) : parsePyproject(file)),
}

interface Person {
  name?: string
  email?: string
  url?: string
  /** Where the manifest groups them: `[project] maintainers`. */
  section: string
}

function parsePyproject(file: GovernanceFile): GovernanceParse {
  let table: Record<string, unknown>
  try {
    table = parseToml(file.content) as Record<string, unknown>
  } catch (error) {
    // smol-toml's TomlError names its line.
    const line = (error as {line?: unknown}).line
    return unread(
      file,
      `not valid TOML: ${errorMessage(error).split('\n')[0]}`,
      typeof line === 'number' ? line : undefined,
    )
  }
  const people: Person[] = []
  const project = record(table.project)
  for (const item of list(project?.maintainers)) {
    const person = record(item)
    if (person) people.push({name: text(person.name), email: text(person.email), section: '[project] maintainers'})
  }
  const poetry = record(record(table.tool)?.poetry)
  for (const item of list(poetry?.maintainers)) {
    const written = text(item)
    const read = written === undefined ? undefined : nameAndAddress(written)
    if (read) people.push({...read, section: '[tool.poetry] maintainers'})
  }
  return rolesOf(file, people)
}

function parsePackageJson(file: GovernanceFile): GovernanceParse {
  const parsed = parseJsonText(file.content)
  if (!parsed.ok) return unread(file, parsed.message, parsed.line)
  const json = parsed.value
  const people: Person[] = []
  for (const item of list(record(json)?.maintainers)) {
    const person = record(item)
    if (person) {
      people.push({name: text(person.name), email: text(person.email), url: text(person.url), section: 'maintainers'})
      continue
    }
    const written = text(item)
    if (written !== undefined) people.push({...npmPerson(written), section: 'maintainers'})
  }
  return rolesOf(file, people)
}

/**
 * npm's one-string form, `Name <address> (url)`, address and url optional: cut at the last `(` and `<` from the end,
 * not matched by one expression (a lazy name before optional parts is quadratic on a long run of spaces).
 */
function npmPerson(written: string): Omit<Person, 'section'> {
  let rest = written.trim()
  let url: string | undefined
  if (rest.endsWith(')') && rest.lastIndexOf('(') >= 0) {
    url = rest.slice(rest.lastIndexOf('(') + 1, -1).trim()
    rest = rest.slice(0, rest.lastIndexOf('(')).trim()
  }
  let email: string | undefined
  if (rest.endsWith('>') && rest.lastIndexOf('<') >= 0) {
    email = rest.slice(rest.lastIndexOf('<') + 1, -1).trim()
    rest = rest.slice(0, rest.lastIndexOf('<')).trim()
  }
  return {name: rest || undefined, email: email || undefined, url: url || undefined}
}

/** Each person as a role holder by login (a GitHub profile URL) or by address; a name alone is left out. */
function rolesOf(file: GovernanceFile, people: readonly Person[]): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const lineOf = lineFinder(file.content)
  for (const person of people) {
    const line = lineOf(person.email ?? person.url ?? person.name)
    const base = {role: 'maintainer' as const, file: file.path, line, kind: KIND, source: `${file.path}:${line}`}
    const login = PROFILE.exec(person.url ?? '')?.[1]
    if (login && isLogin(login)) {
      const role: GovernanceRole = {...base, login, section: person.section}
      result.roles.push(role)
      continue
    }
    const email = person.email?.trim()
    if (!email || !isAddress(email)) continue
    // The name as written, for the warning when no commit links the address; one that is no name is not shown.
    const name = person.name?.trim()
    const shown = name && !/[<>@()[\]]/.test(name) ? name : 'a maintainer'
    const role: AddressedRole = {...base, name: shown, email, section: person.section}
    result.addressed ??= []
    result.addressed.push(role)
  }
  return result
}

/**
 * Where each person is written, in file order: the next place their address (else URL, else name) is written after
 * the previous person's, from the first "maintainers" on (an author written with the same address above is not the
 * maintainer); else from there, else anywhere; line 1 when it is not found. The parsers keep no positions. Searched
 * onward, and lines found in the line starts (core/line-index.ts): linear in the file however many people it names.
 * Unescaped JSON or TOML strings are found as written; a few values written with escapes are looked for everywhere.
 */
const MAX_MISSES = 8

function lineFinder(content: string): (needle: string | undefined) => number {
  const lines = createLineIndex(content)
  const section = Math.max(0, content.indexOf('maintainers'))
  let cursor = section
  // A value written with escapes (`\u0040`) is not found as parsed: each miss reads the whole file, so after a few
  // the rest are placed at line 1 rather than read for again (a file of such values would be quadratic).
  let misses = 0
  return (needle) => {
    if (!needle || misses >= MAX_MISSES) return 1
    let at = content.indexOf(needle, cursor)
    if (at < 0) at = content.indexOf(needle, section)
    if (at < 0) at = content.indexOf(needle)
    if (at < 0) {
      misses++
      return 1
    }
    cursor = at + needle.length
    return lines.position(at).line
  }
}

function unread(file: GovernanceFile, message: string, line?: number): GovernanceParse {
  return {roles: [], teams: [], problems: [{file: file.path, ...(line ? {line} : {}), message, unread: true}]}
}

function record(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}
