/**
 * CMake: the dependencies a C or C++ project fetches from source at configure or build time, written in
 * `CMakeLists.txt` and in `*.cmake` scripts that call the commands below (https://cmake.org/cmake/help/latest/):
 * - `FetchContent_Declare(<name> …)` and the direct `FetchContent_Populate(<name> …)`
 *   (https://cmake.org/cmake/help/latest/module/FetchContent.html), `ExternalProject_Add(<name> …)`
 *   (https://cmake.org/cmake/help/latest/module/ExternalProject.html): `GIT_REPOSITORY` with `GIT_TAG`, or `URL`;
 * - CPM.cmake's `CPMAddPackage`, `CPMFindPackage` and `CPMDeclarePackage` (https://github.com/cpm-cmake/CPM.cmake
 *   README, and `cpm_parse_add_package_single_arg` in cmake/CPM.cmake): the `gh:`/`gl:`/`bb:`/URL shorthand
 *   (`"gh:fmtlib/fmt#7.1.3"`, `"uri@version#tag"`) and the keyword form (`NAME`, `VERSION`, `GIT_TAG`,
 *   `GITHUB_REPOSITORY`, `GITLAB_REPOSITORY`, `BITBUCKET_REPOSITORY`, `GIT_REPOSITORY`, `URL`); CPM's documented
 *   default `GIT_TAG v<VERSION>` applies.
 * A git repository is a `generic` package named by its URL (lockfile-support/git-package.ts, as git submodules),
 * version the `GIT_TAG` as written; a GitHub archive or release download names its repository at the ref in its
 * path; any other URL is a `generic` package with a `download_url`. `find_package` names no source: not read.
 * Conditions (`if()`) are not evaluated: every call is listed whatever surrounds it. `${VAR}` is replaced only by a
 * value a literal `set(VAR value)` earlier in the same file gives it; anything else is reported, never guessed.
 * The syntax is read by ./syntax.ts.
 */
import {purlString} from '../../../core/purl-string.js'
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {gitPackageComponent, repositoryName} from '../../lockfile-support/git-package.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {type Command, readCommands} from './syntax.js'

/** The commands that fetch a dependency (lower case: CMake matches names regardless of case). */
const FETCHING = new Set([
  'fetchcontent_declare',
  'fetchcontent_populate',
  'externalproject_add',
  'cpmaddpackage',
  'cpmfindpackage',
  'cpmdeclarepackage',
])
/** A module that defines one of them: CPM.cmake itself, or a copy of CMake's FetchContent or ExternalProject module. */
const DEFINES =
  /^[ \t]*(?:function|macro)[ \t]*\([ \t]*(?:FetchContent_Declare|FetchContent_Populate|ExternalProject_Add|CPMAddPackage|CPMFindPackage|CPMDeclarePackage)[ \t\r\n)]/im
const SNIFF =
  /\b(?:FetchContent_Declare|FetchContent_Populate|ExternalProject_Add|CPMAddPackage|CPMFindPackage|CPMDeclarePackage)[ \t]*\(/i

export const discoverer: Discoverer = {
  id: 'cmake',
  description: 'CMake FetchContent, ExternalProject and CPM.cmake dependencies in CMakeLists.txt and *.cmake',
  matches(file) {
    // `_deps/` is where FetchContent and CPM put what they fetch, `<name>-prefix/src/` where ExternalProject does, and
    // `CMakeFiles/` what CMake generates: a build tree's, not the project's. Templates (`*.cmake.in`) are not
    // matched: configure_file fills them in.
    return (
      /(^|\/)CMakeLists\.txt$|\.cmake$/.test(file) &&
      !/(^|\/)(_deps|CMakeFiles|node_modules)\//.test(file) &&
      !/(^|\/)[^/]+-prefix\/src\//.test(file)
    )
  },
  // Every CMakeLists.txt is read (no sniff, no head read first: an unreadable one is an error); a `.cmake` module only
  // when it calls one of the commands.
  named: (file) => /(^|\/)CMakeLists\.txt$/.test(file),
  sniff(head, _tail, file) {
    if (file === undefined) return true
    // A module may call them past its first bytes: read on, keeping the end of each chunk for a name cut in two. One
    // that defines them (CPM.cmake, a copy of CMake's own modules) is their implementation, not a project's calls.
    let carry = ''
    let calls = false
    for (const chunk of file.chunks()) {
      const text = carry + chunk
      if (DEFINES.test(text)) return false
      calls ||= SNIFF.test(text)
      carry = chunk.slice(-80)
    }
    return calls || (SNIFF.test(head) && !DEFINES.test(head))
  },
  identify: (head) => /^[ \t]*cmake_minimum_required[ \t]*\(/im.test(head) || SNIFF.test(head),
  discover: ({file, text}) => discoverCmake(file, text),
}

/** One argument after variables are replaced, split as CMake splits unquoted arguments on `;`. */
interface Element {
  value: string
  line: number
  column: number
  /** A variable reference this reader does not replace, as written (`${X}`, `$ENV{X}`). */
  unresolved?: string
  /** An unquoted argument that is only that reference: it may stand for any number of arguments, keywords too. */
  list?: boolean
}

/** Keywords of ExternalProject_Add, FetchContent_Declare and CPMAddPackage: where one keyword's values end. */
const KEYWORDS = new Set(
  `PREFIX TMP_DIR STAMP_DIR LOG_DIR DOWNLOAD_DIR SOURCE_DIR BINARY_DIR INSTALL_DIR DOWNLOAD_COMMAND URL URL_HASH URL_MD5
  DOWNLOAD_NAME DOWNLOAD_EXTRACT_TIMESTAMP DOWNLOAD_NO_EXTRACT DOWNLOAD_NO_PROGRESS TIMEOUT INACTIVITY_TIMEOUT
  HTTP_USERNAME HTTP_PASSWORD HTTP_HEADER TLS_VERSION TLS_VERIFY TLS_CAINFO NETRC NETRC_FILE GIT_REPOSITORY GIT_TAG
  GIT_REMOTE_NAME GIT_SUBMODULES GIT_SUBMODULES_RECURSE GIT_SHALLOW GIT_PROGRESS GIT_CONFIG GIT_REMOTE_UPDATE_STRATEGY
  SVN_REPOSITORY SVN_REVISION SVN_USERNAME SVN_PASSWORD SVN_TRUST_CERT HG_REPOSITORY HG_TAG CVS_REPOSITORY CVS_MODULE
  CVS_TAG UPDATE_COMMAND UPDATE_DISCONNECTED PATCH_COMMAND CONFIGURE_COMMAND CMAKE_COMMAND CMAKE_GENERATOR
  CMAKE_GENERATOR_PLATFORM CMAKE_GENERATOR_TOOLSET CMAKE_GENERATOR_INSTANCE CMAKE_ARGS CMAKE_CACHE_ARGS
  CMAKE_CACHE_DEFAULT_ARGS SOURCE_SUBDIR CONFIGURE_HANDLED_BY_BUILD BUILD_COMMAND BUILD_IN_SOURCE BUILD_ALWAYS
  BUILD_BYPRODUCTS BUILD_JOB_SERVER_AWARE INSTALL_COMMAND INSTALL_BYPRODUCTS TEST_COMMAND TEST_BEFORE_INSTALL
  TEST_AFTER_INSTALL TEST_EXCLUDE_FROM_MAIN LOG_DOWNLOAD LOG_UPDATE LOG_PATCH LOG_CONFIGURE LOG_BUILD LOG_INSTALL
  LOG_TEST LOG_MERGED_STDOUTERR LOG_OUTPUT_ON_FAILURE USES_TERMINAL_DOWNLOAD USES_TERMINAL_UPDATE USES_TERMINAL_PATCH
  USES_TERMINAL_CONFIGURE USES_TERMINAL_BUILD USES_TERMINAL_INSTALL USES_TERMINAL_TEST DEPENDS EXCLUDE_FROM_ALL
  STEP_TARGETS INDEPENDENT_STEP_TARGETS LIST_SEPARATOR COMMAND FIND_PACKAGE_ARGS OVERRIDE_FIND_PACKAGE SYSTEM QUIET
  SUBBUILD_DIR NAME FORCE VERSION DOWNLOAD_ONLY GITHUB_REPOSITORY GITLAB_REPOSITORY BITBUCKET_REPOSITORY
  FIND_PACKAGE_ARGUMENTS NO_CACHE CUSTOM_CACHE_KEY OPTIONS PATCHES URI`.split(/\s+/),
)

/** Commands in whose arguments a variable's bare name is read, not assigned. */
const READS_ONLY = new Set(['if', 'elseif', 'else', 'endif', 'while', 'endwhile', 'message', 'return'])

/** Conventional branch names: a GIT_TAG naming one follows what is pushed to it. */
const BRANCH = /^(?:origin\/.+|main|master|develop|development|dev|trunk|HEAD)$/

/** Calls read at most per file (a hostile file of millions of calls is reported past it). */
const MAX_CALLS = 10_000

interface Variable {
  /** The value of the literal `set`, or undefined when the file assigns it otherwise or more than one value. */
  value: string | undefined
}

export function discoverCmake(file: string, text: string): DiscoverOutput {
  // The implementation of the commands (a file given by name is not sniffed): its calls forward their callers'.
  if (DEFINES.test(text)) return {components: [], skipped: [], errors: []}
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = []
  const variables = new Map<string, Variable>()
  /** function()/macro() bodies open: their `set`s run when called, not here. */
  let bodies = 0
  let calls = 0
  const problems = readCommands(text, (command) => {
    const name = command.name.toLowerCase()
    if (name === 'function' || name === 'macro') bodies++
    else if ((name === 'endfunction' || name === 'endmacro') && bodies > 0) bodies--
    if (name === 'set') {
      if (bodies === 0) recordSet(command, variables)
      return
    }
    if (FETCHING.has(name)) {
      calls++
      if (calls === MAX_CALLS + 1)
        skipped.push({
          file,
          line: command.line,
          reason: 'unsupported',
          message: `more than ${MAX_CALLS} fetching calls: the first ${MAX_CALLS} are read`,
        })
      if (calls > MAX_CALLS) return
      readCall(file, command, name, variables, {components, skipped, errors})
      return
    }
    if (READS_ONLY.has(name)) return
    // Any other command given a variable's bare name may assign it (list, string, option, foreach…).
    for (const argument of command.arguments)
      if (argument.kind === 'unquoted' && variables.has(argument.value))
        variables.set(argument.value, {value: undefined})
  })
  for (const problem of problems)
    errors.push(lockfileError(file, 'invalid-entry', problem.message, problem.line, problem.column))
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
  return {components, skipped, errors}
}

/** `set(VAR value)`: a literal value is kept; any other assignment (a list, CACHE, a reference, a second value) not. */
function recordSet(command: Command, variables: Map<string, Variable>): void {
  const [target, ...rest] = command.arguments
  if (target === undefined || target.kind === 'bracket' || /[$@]/.test(target.value)) return
  const name = target.value
  // `PARENT_SCOPE` sets the caller's variable, not this file's.
  if (rest.at(-1)?.value === 'PARENT_SCOPE' && rest.at(-1)?.kind === 'unquoted') return
  const literal =
    rest.length === 1 &&
    !/\$\{|\$ENV\{|\$CACHE\{|\$</.test(rest[0].value) &&
    !(rest[0].kind === 'unquoted' && /(?<!\\);/.test(rest[0].value))
      ? rest[0].value
      : undefined
  const known = variables.get(name)
  if (known === undefined) variables.set(name, {value: literal})
  else if (known.value !== literal) known.value = undefined
}

interface Output {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

/** The arguments with variables replaced where this reader may, unquoted ones split on `;`. */
function elements(command: Command, variables: Map<string, Variable>): Element[] {
  const out: Element[] = []
  for (const argument of command.arguments) {
    const expanded = argument.kind === 'bracket' ? {value: argument.value} : expand(argument.value, variables)
    const at = {line: argument.line, column: argument.column}
    if ('unresolved' in expanded) {
      const list = argument.kind === 'unquoted' && argument.value === expanded.unresolved
      out.push({value: argument.value, ...at, unresolved: expanded.unresolved, ...(list ? {list} : {})})
      continue
    }
    if (argument.kind !== 'unquoted') {
      out.push({value: expanded.value, ...at})
      continue
    }
    for (const part of expanded.value.split(/(?<!\\);/)) if (part !== '') out.push({value: part, ...at})
  }
  return out
}

/** A value with `${VAR}` replaced by literal `set` values; the first reference that cannot be, as written. */
function expand(value: string, variables: Map<string, Variable>): {value: string} | {unresolved: string} {
  if (!value.includes('$')) return {value}
  let out = ''
  let from = 0
  const reference = /\$(ENV|CACHE)?\{|\$</g
  for (let match = reference.exec(value); match !== null; match = reference.exec(value)) {
    const end = closing(value, match.index + match[0].length, match[0].endsWith('<') ? '<' : '{')
    const written = value.slice(match.index, end === -1 ? value.length : end + 1)
    if (match[0] !== '${' || end === -1) return {unresolved: written}
    const name = value.slice(match.index + 2, end)
    const known = variables.get(name)
    if (!/^[A-Za-z0-9_./+-]+$/.test(name) || known?.value === undefined) return {unresolved: written}
    out += value.slice(from, match.index) + known.value
    from = end + 1
    reference.lastIndex = from
  }
  return {value: out + value.slice(from)}
}

/** A reference this reader does not replace, and who gives its value. */
function unknown(reference: string): string {
  const written = elide(reference, 100)
  if (reference.startsWith('$ENV{')) return `${written} is the environment's, known only when CMake runs`
  if (reference.startsWith('$CACHE{'))
    return `${written} is a cache entry's (-D, CMakeCache.txt), known only when CMake runs`
  if (reference.startsWith('$<')) return `${written} is a generator expression, known only when the build is generated`
  return `${written} is known only when CMake runs (no literal set() of it earlier in this file)`
}

/** The index of the bracket closing the one opened before `from` (nesting counted), or -1. */
function closing(value: string, from: number, open: '{' | '<'): number {
  const close = open === '{' ? '}' : '>'
  let depth = 1
  for (let i = from; i < value.length; i++) {
    if (value[i] === open) depth++
    else if (value[i] === close && --depth === 0) return i
  }
  return -1
}

/** Keyword arguments as cmake_parse_arguments reads them: each keyword's values up to the next keyword; last wins. */
function keywords(items: readonly Element[]): Map<string, Element[]> {
  const out = new Map<string, Element[]>()
  let current: Element[] | undefined
  for (const item of items) {
    if (item.unresolved === undefined && KEYWORDS.has(item.value)) {
      current = []
      out.set(item.value, current)
    } else current?.push(item)
  }
  return out
}

function readCall(file: string, command: Command, name: string, variables: Map<string, Variable>, out: Output): void {
  const items = elements(command, variables)
  const cpm = name.startsWith('cpm')
  const named = !cpm || name === 'cpmdeclarepackage'
  let label = named && items[0] !== undefined ? `${command.name}(${elide(items[0].value, 100)})` : `${command.name}`
  const skip = (line: number, message: string, reason: Skipped['reason'] = 'unsupported') =>
    out.skipped.push({file, line, reason, message: `${label}: ${message}`})
  const error = (at: {line: number; column: number}, message: string) =>
    out.errors.push(lockfileError(file, 'invalid-entry', `${label}: ${message}`, at.line, at.column))
  if (named && items.length === 0) {
    error(command, 'names nothing')
    return
  }
  let rest = named ? items.slice(1) : items
  // CPM's shorthand: one argument, or `URI <shorthand>` first.
  let shorthand: Element | undefined
  if (cpm && rest.length === 1) shorthand = rest[0]
  else if (cpm && rest[0]?.value === 'URI' && rest[1] !== undefined) {
    shorthand = rest[1]
    rest = rest.slice(2)
  }
  if (shorthand?.unresolved !== undefined) {
    skip(shorthand.line, `${unknown(shorthand.unresolved)}: not listed`)
    return
  }
  let parsed = keywords(rest)
  if (shorthand !== undefined) {
    const expanded = cpmShorthand(shorthand.value)
    if (expanded === undefined) {
      error(
        shorthand,
        `CPM cannot tell whether ${JSON.stringify(elide(shorthand.value, 200))} is a git repository or an archive (it names no gh:, gl:, bb: or URL scheme, nor .git)`,
      )
      return
    }
    const fromShorthand = keywords(expanded.map((value) => ({value, line: shorthand.line, column: shorthand.column})))
    for (const [key, values] of parsed) fromShorthand.set(key, values)
    parsed = fromShorthand
  }
  const one = (key: string): Element | undefined => parsed.get(key)?.at(-1)
  const given = one('NAME')
  if (!named && given !== undefined && given.unresolved === undefined)
    label = `${command.name}(${elide(given.value, 100)})`
  // An argument that is a variable alone may expand to several, a repository's among them; CMake's own variables
  // (`${CMAKE_COMMAND}`, `${PROJECT_SOURCE_DIR}`: paths and settings) never do.
  const hidden = rest.find((item) => item.list === true && !/^\$\{(?:CMAKE|PROJECT)_\w*\}$/.test(item.value))

  // The repository or URL.
  const source = (() => {
    for (const [key, prefix] of [
      ['GITHUB_REPOSITORY', 'https://github.com/'],
      ['GITLAB_REPOSITORY', 'https://gitlab.com/'],
      ['BITBUCKET_REPOSITORY', 'https://bitbucket.org/'],
    ] as const) {
      const value = cpm ? one(key) : undefined
      if (value !== undefined) return {key, at: value, address: `${prefix}${value.value}.git`}
    }
    const git = one('GIT_REPOSITORY')
    if (git !== undefined) return {key: 'GIT_REPOSITORY', at: git, address: git.value}
    const url = parsed.get('URL')?.[0]
    // URL takes a list of mirrors, also written as one quoted `a;b`: the first is listed.
    if (url !== undefined) return {key: 'URL', at: url, address: url.value.split(/(?<!\\);/)[0]}
    return undefined
  })()
  if (source === undefined) {
    const other = ['SVN_REPOSITORY', 'HG_REPOSITORY', 'CVS_REPOSITORY', 'DOWNLOAD_COMMAND'].find((key) =>
      parsed.has(key),
    )
    if (other !== undefined) skip(command.line, `${other}: only git repositories and URLs are read; not listed`)
    else if (hidden !== undefined)
      skip(hidden.line, `its source may come from ${hidden.unresolved}, known only when CMake runs: not listed`)
    else if (cpm && !parsed.has('SOURCE_DIR'))
      skip(
        command.line,
        'names no repository nor URL (a CPMDeclarePackage, a package lock or find_package gives it): not listed',
      )
    // Without a download method, FetchContent and ExternalProject use a SOURCE_DIR of this machine: nothing fetched.
    return
  }
  if (source.at.unresolved !== undefined) {
    skip(source.at.line, `${source.key} ${unknown(source.at.unresolved)}: not listed`)
    return
  }
  const tag = one('GIT_TAG')
  const version = cpm ? one('VERSION') : undefined
  for (const value of [tag, version])
    if (value?.unresolved !== undefined) {
      skip(value.line, `${value === tag ? 'GIT_TAG' : 'VERSION'} ${unknown(value.unresolved)}: not listed`)
      return
    }
  const written = shorthand?.value
  // A declaration (CPM's package-lock.cmake holds one for every package, its dependencies' too) does not say whether
  // the project itself asks for the package.
  const direct = name === 'cpmdeclarepackage' ? undefined : true

  if (source.key === 'URL') {
    addUrl(file, source.address, source.at, version?.value, written, direct, {skip, error, out})
    return
  }
  // A git repository, at GIT_TAG; CPM's documented default is `v<VERSION>`.
  const address = source.address
  if (/^\.\.?\//.test(address)) {
    skip(
      source.at.line,
      `GIT_REPOSITORY ${JSON.stringify(elide(address, 200))} is relative to the parent project's own remote (policy CMP0150), which the tree does not name: not listed`,
    )
    return
  }
  if (address.startsWith('/') || /^file:/i.test(address) || /^[A-Za-z]:[\\/]/.test(address)) {
    skip(
      source.at.line,
      `GIT_REPOSITORY ${JSON.stringify(elide(address, 200))} is a repository on this machine, not one anyone publishes: not listed`,
    )
    return
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/\S/i.test(address) && !/^[\w.-]+@[\w.-]+:\S/.test(address)) {
    // No scheme and not scp-like (`git@host:o/r`): a path git takes as written, relative to the build's directory or,
    // under policy CMP0150, to the parent project's remote (CMake's own tests write `GIT_REPOSITORY fake`).
    skip(
      source.at.line,
      `GIT_REPOSITORY ${JSON.stringify(elide(address, 200))} names no repository URL: a path on this machine or relative to the parent project's remote (policy CMP0150), which the tree does not name: not listed`,
    )
    return
  }
  let rev = tag?.value
  if (rev === undefined && cpm && version !== undefined && version.value !== '') rev = `v${version.value}`
  if (rev === '') rev = undefined
  if (rev === undefined)
    skip(
      source.at.line,
      `no GIT_TAG${cpm ? ' nor VERSION' : ''}: the default branch of ${elide(repositoryName(address), 200)} is fetched, which moves; listed without a version`,
      'unresolved-version',
    )
  else if (BRANCH.test(rev))
    skip(
      (tag ?? source.at).line,
      `GIT_TAG ${elide(rev, 100)} names a branch: what is fetched moves with it; listed without a version`,
      'unresolved-version',
    )
  out.components.push(
    gitPackageComponent(file, {
      url: address,
      // A branch is no version: the ref keeps it as written.
      rev: rev !== undefined && BRANCH.test(rev) ? undefined : rev,
      ref: written ?? (rev === undefined ? address : `${address}@${rev}`),
      line: source.at.line,
      column: source.at.column,
      scope: 'prod',
      direct,
      origin: 'manifest',
    }),
  )
}

/**
 * CPM's single-argument form as cpm_parse_add_package_single_arg reads it: `gh:`, `gl:`, `bb:` name a repository of
 * their forge; another scheme is a git URL when `.git` ends its path (before `@` or `#`), else an archive URL;
 * without a scheme, only a git URL. The last `@…` is the VERSION; a `#…` after it the GIT_TAG (git) or URL_HASH
 * (archive). The keyword list it stands for, or undefined where CPM gives up.
 */
function cpmShorthand(argument: string): string[] | undefined {
  const scheme = /^([a-zA-Z]+):(.+)$/.exec(argument)
  const looksGit = /.git\/?(@|#|$)/.test(argument)
  let out: string
  let git = true
  if (scheme !== null) {
    const kind = scheme[1].toLowerCase()
    if (kind === 'gh') out = `GITHUB_REPOSITORY;${scheme[2]}`
    else if (kind === 'gl') out = `GITLAB_REPOSITORY;${scheme[2]}`
    else if (kind === 'bb') out = `BITBUCKET_REPOSITORY;${scheme[2]}`
    else if (looksGit) out = `GIT_REPOSITORY;${argument}`
    else {
      out = `URL;${argument}`
      git = false
    }
  } else if (looksGit) out = `GIT_REPOSITORY;${argument}`
  else return undefined
  out = out.replace(/@([^@]+)$/, ';VERSION;$1')
  out = git ? out.replace(/#([^#]+)$/, ';GIT_TAG;$1') : out.replace(/#([^#]+)$/, ';URL_HASH;$1')
  return out.split(';').filter((part) => part !== '')
}

/**
 * A source archive of a known forge: GitHub's (./githubArchive) or gitlab.com's
 * (`https://gitlab.com/GROUP[/SUBGROUP…]/PROJECT/-/archive/REF/PROJECT-REF.tar.gz`, libeigen/eigen's usual URL): the
 * repository's git URL, the ref, and whether that ref is a branch (by GitHub's `refs/heads/`, or a conventional name).
 */
function forgeArchive(url: string): {repository: string; ref: string; branch: boolean} | undefined {
  const github = githubArchive(url)
  if (github !== undefined)
    return {repository: `https://github.com/${github.owner}/${github.repo}.git`, ref: github.ref, branch: github.branch}
  const gitlab =
    /^https?:\/\/gitlab\.com\/((?:[\w.-]{1,255}\/){1,20}[\w.-]{1,255})\/-\/archive\/([^/?#]{1,255})\/[^/?#]+\.(?:tar\.gz|tar\.bz2|tar|zip)$/.exec(
      url,
    )
  if (gitlab === null) return undefined
  let ref: string
  try {
    ref = decodeURIComponent(gitlab[2])
  } catch {
    return undefined
  }
  if (ref.includes('..')) return undefined
  return {repository: `https://gitlab.com/${gitlab[1]}.git`, ref, branch: BRANCH.test(ref)}
}

/** A GitHub source archive or release download: owner, repository, the ref in its path, and whether it is a branch. */
function githubArchive(url: string): {owner: string; repo: string; ref: string; branch: boolean} | undefined {
  const patterns = [
    /^https?:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\/archive\/(.{1,255}?)\.(?:tar\.gz|zip)$/,
    /^https?:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\/releases\/download\/([^/?#]{1,255})\/[^/?#]+$/,
    /^https?:\/\/codeload\.github\.com\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\/(?:zip|tar\.gz|legacy\.zip|legacy\.tar\.gz)\/(.{1,255})$/,
    /^https?:\/\/api\.github\.com\/repos\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\/(?:zipball|tarball)\/(.{1,255})$/,
  ]
  for (const pattern of patterns) {
    const match = pattern.exec(url)
    if (match === null || /[?#]/.test(match[3])) continue
    let ref: string
    try {
      ref = decodeURIComponent(match[3])
    } catch {
      return undefined
    }
    const branch = ref.startsWith('refs/heads/')
    ref = ref.replace(/^refs\/(?:tags|heads)\//, '')
    if (ref === '' || ref.includes('..')) return undefined
    return {owner: match[1], repo: match[2].replace(/\.git$/, ''), ref, branch}
  }
  return undefined
}

function addUrl(
  file: string,
  url: string,
  at: Element,
  version: string | undefined,
  written: string | undefined,
  direct: boolean | undefined,
  {
    skip,
    error,
    out,
  }: {
    skip: (line: number, message: string, reason?: Skipped['reason']) => void
    error: (at: Element, message: string) => void
    out: Output
  },
): void {
  const archive = forgeArchive(url)
  if (archive !== undefined) {
    if (archive.branch)
      skip(
        at.line,
        `URL ${elide(url, 200)} is an archive of branch ${elide(archive.ref, 100)}: what is fetched moves with it; listed without a version`,
        'unresolved-version',
      )
    out.components.push(
      gitPackageComponent(file, {
        url: archive.repository,
        rev: archive.branch ? undefined : archive.ref,
        ref: written ?? url,
        line: at.line,
        column: at.column,
        scope: 'prod',
        direct,
        origin: 'manifest',
      }),
    )
    return
  }
  if (/^file:/i.test(url) || !/^[a-z][a-z0-9+.-]*:/i.test(url) || /^[A-Za-z]:[\\/]/.test(url)) {
    skip(at.line, `URL ${JSON.stringify(elide(url, 200))} is a file on this machine, not a download: not listed`)
    return
  }
  if (!/^(?:https?|ftps?):\/\//i.test(url)) {
    skip(at.line, `URL ${JSON.stringify(elide(url, 200))}: only http, https and ftp downloads are read; not listed`)
    return
  }
  if (!/^[a-z]+:\/\/[^/\s]+\/\S/i.test(url)) {
    error(at, `URL ${JSON.stringify(elide(url, 200))} names no file to download`)
    return
  }
  const name = repositoryName(url)
  const listed = version === '' ? undefined : version
  const purl = genericPurl(name, listed, url)
  out.components.push({
    kind: 'package',
    ecosystem: 'generic',
    name,
    ...(listed === undefined ? {} : {version: listed}),
    ...(purl === undefined ? {} : {purl}),
    ref: written ?? url,
    scope: 'prod',
    ...(direct === undefined ? {} : {direct}),
    origin: 'manifest',
    locations: [{file, line: at.line, column: at.column}],
  })
}

/** `pkg:generic/host/path@version?download_url=URL` (namespace all but the last segment, as git packages are named). */
function genericPurl(name: string, version: string | undefined, url: string): string | undefined {
  const slash = name.lastIndexOf('/')
  try {
    return purlString(
      'generic',
      slash > 0 ? name.slice(0, slash) : undefined,
      name.slice(slash + 1),
      version,
      {download_url: url},
      undefined,
    )
  } catch {
    return undefined
  }
}
