/**
 * Elixir `mix.lock`: the map Mix.Dep.Lock.write writes, `%{` then one `"app": <lock tuple>,` line per dependency.
 * Read with the literal-term reader of ./elixir-terms.ts (never evaluated). Lock tuples, as Hex's SCM and Mix's git
 * SCM write them (hex lib/hex/scm.ex, lib/hex/utils.ex `lock/1`; elixir lib/mix/lib/mix/scm/git.ex `get_lock`):
 * - `{:hex, :package, "version"}` (Hex 0.x), `{:hex, :package, "version", "checksum"}`, then `, [managers], [deps]`,
 *   then `, "repo"` and `, "outer_checksum"` (Hex 0.20 on). The package name is the tuple's, which differs from the
 *   app key when a dep names `hex: :other`. Repository `hexpm` (or none): `pkg:hex/<name>@<version>`; an organisation
 *   on hex.pm, `hexpm:acme`: purl namespace `acme` (purl-spec's hex type). Any other repository is one added with
 *   `mix hex.repo add NAME URL`, whose URL is in the user's Hex config, not in the project: such a package is skipped
 *   (`unsupported`), never listed as the hex.pm package of that name.
 * - `{:git, "url", "sha", [branch: ..., tag: ..., ref: ..., sparse: ..., subdir: ..., submodules: true]}`: a
 *   `generic` package named by the repository URL without scheme and `.git`, version the locked sha, purl
 *   `pkg:generic/github.com/o/x@sha?vcs_url=git+URL@sha` (lockfile-support/git-package.ts).
 * - Path dependencies have no lock entry (their lock is nil); any other SCM's tuple is skipped (`unsupported`).
 * Direct: only when the `mix.exs` beside the lock is a single project (no `apps_path`) whose `defp deps do [...] end`
 * is a literal list of `{:app, ...}` tuples; then a lock entry is direct when that list names its app, with scope dev
 * when its `only:` leaves out `:prod`, optional for `optional: true`, else prod (transitive entries get no scope).
 * Otherwise (umbrellas, `deps(Mix.env())`, computed lists) `direct` is left out: the lock alone does not tell.
 * Locations: the line and column of the entry's key.
 */
import {purlString} from '../../../core/purl-string.js'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import type {Position} from '../../../core/line-index.js'
import {TermError} from '../../lockfile-support/term-cursor.js'
import {ElixirReader, type Term} from './elixir-terms.js'

export const discoverer: Discoverer = {
  id: 'mix-lock',
  description: 'Elixir mix.lock (Hex and git dependencies)',
  matches(file) {
    // Not the locks of fetched dependencies (Mix's default deps_path `deps/<app>/`) nor of the build folder.
    return /(^|\/)mix\.lock$/.test(file) && !/(^|\/)(deps\/[^/]+|_build(\/.*)?)\/mix\.lock$/.test(file)
  },
  identify: (head) => head.startsWith('%{') && (head.includes('{:hex, :') || head.includes('{:git, "')),
  discover: ({file, text}, context) => discoverMixLock(file, text, context),
}

/** Hex package names (hexpm's Package changeset: lower-case letter, then letters, digits, `_`). */
const NAME = /^[a-z][a-zA-Z0-9_]{0,127}$/
/** Organisation names on hex.pm (hexpm's Organization changeset). */
const ORGANISATION = /^[a-z0-9_]{1,64}$/
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,127}$/
const SHA = /^[0-9a-f]{7,64}$/i

/** What the mix.exs beside the lock says of an app: listed there (direct), and its scope. */
interface Declared {
  direct: boolean | undefined
  scope: Scope | undefined
}

interface Output {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

export function discoverMixLock(file: string, text: string, context?: DiscoverContext): DiscoverOutput {
  const out: Output = {components: [], skipped: [], errors: []}
  const reader = new ElixirReader(text)
  const entries: Array<[Term, Term]> = []
  try {
    reader.skipSpace()
    if (reader.offset === text.length) return out
    if (!text.startsWith('%{', reader.offset)) reader.fail('a mix.lock is a map, %{...}')
    reader.advance(2)
    reader.readEntries(0, entries)
    reader.expectEnd()
  } catch (error) {
    if (!(error instanceof TermError)) throw error
    // Entries read before the error are kept; the rest of the file is not read, so the run is incomplete.
    out.errors.push(
      lockfileError(file, error.tooDeep ? 'too-deep' : 'invalid-lockfile', error.message, error.line, error.column),
    )
  }
  const direct = directDeps(file, context)
  for (const [key, value] of entries) readEntry(out, file, key, value, direct)
  return out
}

function readEntry(
  out: Output,
  file: string,
  key: Term,
  value: Term,
  direct: Map<string, Scope | undefined> | undefined,
): void {
  const app = key.kind === 'atom' || key.kind === 'string' ? key.value : undefined
  const items = value.kind === 'tuple' ? value.items : []
  const scm = items[0]?.kind === 'atom' ? items[0].value : undefined
  if (app === undefined || !NAME.test(app) || scm === undefined) {
    const what = app === undefined ? 'a key' : `"${app.slice(0, 64)}"`
    out.errors.push(
      lockfileError(file, 'invalid-entry', `${what}: expected "app": {:hex | :git, ...}`, key.line, key.column),
    )
    return
  }
  const declared: Declared = {direct: direct === undefined ? undefined : direct.has(app), scope: direct?.get(app)}
  if (scm === 'hex') hexEntry(out, file, app, key, items, declared)
  else if (scm === 'git') gitEntry(out, file, app, key, items, declared)
  else
    out.skipped.push({
      file,
      line: key.line,
      reason: 'unsupported',
      message: `"${app}": a dependency of SCM :${scm.slice(0, 40)} is not read`,
    })
}

function hexEntry(
  out: Output,
  file: string,
  app: string,
  key: Term & Position,
  items: Term[],
  {direct, scope}: Declared,
): void {
  const [, nameTerm, versionTerm] = items
  const repoTerm = items[6]
  const name = nameTerm?.kind === 'atom' ? nameTerm.value : undefined
  const version = versionTerm?.kind === 'string' ? versionTerm.value : undefined
  const repo = repoTerm === undefined || (repoTerm.kind === 'atom' && repoTerm.value === 'nil') ? 'hexpm' : repoTerm
  if (name === undefined || !NAME.test(name) || version === undefined || !VERSION.test(version)) {
    const message = `"${app}": a Hex lock needs the package name (an atom) and its version`
    out.errors.push(lockfileError(file, 'invalid-entry', message, key.line, key.column))
    return
  }
  if (typeof repo !== 'string' && repo.kind !== 'string') {
    out.errors.push(
      lockfileError(file, 'invalid-entry', `"${app}": the repository must be a string`, key.line, key.column),
    )
    return
  }
  const repoName = typeof repo === 'string' ? repo : repo.value
  const organisation = repoName.startsWith('hexpm:') ? repoName.slice('hexpm:'.length).toLowerCase() : undefined
  if (repoName !== 'hexpm' && (organisation === undefined || !ORGANISATION.test(organisation))) {
    out.skipped.push({
      file,
      line: key.line,
      reason: 'unsupported',
      message: `"${app}": ${name}@${version} comes from the Hex repository "${repoName.slice(0, 100)}", whose URL is in Hex's own configuration, not in the project: not listed as a hex.pm package`,
    })
    return
  }
  const component = packageComponent(file, {
    ecosystem: 'hex',
    name,
    version,
    ref: app,
    line: key.line,
    column: key.column,
    scope,
    direct,
  })
  if (organisation !== undefined) component.purl = purlString('hex', organisation, name, version, undefined, undefined)
  out.components.push(component)
}

function gitEntry(
  out: Output,
  file: string,
  app: string,
  key: Term & Position,
  items: Term[],
  {direct, scope}: Declared,
): void {
  const [, urlTerm, shaTerm] = items
  const url = urlTerm?.kind === 'string' ? urlTerm.value.trim() : ''
  const sha = shaTerm?.kind === 'string' ? shaTerm.value : undefined
  if (url === '' || /\s/.test(url) || sha === undefined || !SHA.test(sha)) {
    const message = `"${app}": a git lock needs the repository URL and the locked commit`
    out.errors.push(lockfileError(file, 'invalid-entry', message, key.line, key.column))
    return
  }
  out.components.push(
    gitPackageComponent(file, {url, rev: sha, ref: app, line: key.line, column: key.column, scope, direct}),
  )
}

const DEPS_FUNCTION = /\bdefp?[ \t]+deps(?:\(\))?[ \t]+do\b/g

/**
 * The apps the `mix.exs` beside the lock lists in `defp deps do [...] end`, when that is a literal list of tuples and
 * the project is not an umbrella; undefined when it cannot be known that way (module header).
 */
function directDeps(file: string, context: DiscoverContext | undefined): Map<string, Scope | undefined> | undefined {
  const slash = file.lastIndexOf('/')
  const mixExs = `${slash >= 0 ? file.slice(0, slash + 1) : ''}mix.exs`
  const text = context?.readText(mixExs)
  if (!text || text.length > 1_000_000 || text.includes('apps_path') || !/deps: deps(?:\(\))?[,\s\]]/.test(text))
    return undefined
  const matches = [...text.matchAll(DEPS_FUNCTION)]
  if (matches.length !== 1) return undefined
  const start = (matches[0].index ?? 0) + matches[0][0].length
  const tuples = topLevelTuples(text, start)
  if (tuples === undefined) return undefined
  const names = new Map<string, Scope | undefined>()
  for (const tuple of tuples) {
    // The app and the options this reads are literal; another option may be an expression
    // (`runtime: Mix.env() == :dev`, as Phoenix's generator writes): it is left out, not read.
    const app = /^\{\s*:([a-z_][a-zA-Z0-9_]*)\s*[,}]/.exec(tuple)?.[1]
    if (app === undefined) return undefined
    names.set(app, declaredScope(tuple))
  }
  return names
}

/**
 * The `{...}` items of the list that starts after `from` (`[` … `]`, then `end`), each as written, skipping strings,
 * charlists and comments; undefined when an item is not a tuple (`++`, a function call: a computed list) or the list
 * does not close. Bounded by the text: one pass.
 */
function topLevelTuples(text: string, from: number): string[] | undefined {
  let i = from
  const skipSpace = () => {
    while (i < text.length) {
      if (/\s/.test(text[i])) i++
      else if (text[i] === '#') while (i < text.length && text[i] !== '\n') i++
      else break
    }
  }
  skipSpace()
  if (text[i] !== '[') return undefined
  i++
  const tuples: string[] = []
  for (;;) {
    skipSpace()
    if (text[i] === ']') {
      i++
      skipSpace()
      return /^end\b/.test(text.slice(i, i + 4)) ? tuples : undefined
    }
    if (text[i] !== '{') return undefined
    const start = i
    let depth = 0
    for (; i < text.length; i++) {
      const c = text[i]
      if (c === '"' || c === "'") {
        for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++
      } else if (c === '#') while (i < text.length && text[i] !== '\n') i++
      else if (c === '{' || c === '[' || c === '(') depth++
      else if (c === '}' || c === ']' || c === ')') {
        depth--
        if (depth === 0) break
      }
    }
    if (i >= text.length) return undefined
    tuples.push(text.slice(start, ++i))
    skipSpace()
    if (text[i] === ',') i++
  }
}

/**
 * A direct dependency's scope from its options, as written in its tuple: `only:` an environment or list of them
 * without `:prod` → dev (Mix fetches it for those environments only), else `optional: true` → optional, else prod.
 */
function declaredScope(tuple: string): Scope | undefined {
  const only = /\bonly:\s*(\S)/.exec(tuple)
  if (only !== null) {
    const literal = /^\bonly:\s*(\[[^\]]*\]|:[a-z_]\w*)\s*[,}]/.exec(tuple.slice(only.index))?.[1]
    // `only: Mix.env()` and the like: computed, so the scope is not known.
    if (literal === undefined || !/^(?:\[\s*(?::[a-z_]\w*\s*(?:,\s*)?)*\]|:[a-z_]\w*)$/.test(literal)) return undefined
    if (!/:prod\b/.test(literal)) return 'dev'
  }
  return /\boptional:\s*true\b/.test(tuple) ? 'optional' : 'prod'
}
