import {posix} from 'node:path'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {redactSecrets, urlWithoutCredentials} from '../../../core/redact.js'
import {vcsUrlRepository} from '../../../core/repo-url.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {parseRequirements} from '../../lockfile-support/pip-lines.js'
import {applyIndexOption, indexesQualifiers, PYPI_INDEX, pipIndexes} from '../../lockfile-support/pip-source.js'
import {isConstraintsName, isRequirementsName} from '../../lockfile-support/requirements-names.js'
import {directReference} from '../../lockfile-support/pypi-index.js'
import {viaDirect} from './via.js'

/** Includes are followed this deep at most (pip has no limit, but cycles must end). */
const MAX_INCLUDE_DEPTH = 8

export const discoverer: Discoverer = {
  id: 'pip-requirements',
  description: 'Python requirements*.txt and .in, requirements/**/*.txt (== pins; ranges listed without a version)',
  matches: isRequirementsName,
  discover({file, text}, context) {
    return discoverRequirements(file, text, context)
  },
}

interface State {
  context: DiscoverContext
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  /** Files read for this one, itself included: each once, which also stops include cycles. */
  read: Set<string>
}

/**
 * The pins of a constraints file (`-c`): such files only pin versions of what is required elsewhere
 * (https://pip.pypa.io/en/stable/user_guide/#constraints-files).
 */
function pinsOf(text: string): Map<string, string> {
  const pins = new Map<string, string>()
  for (const entry of parseRequirements(text)) {
    if (entry.kind === 'named' && entry.pinned !== undefined) pins.set(normalizePypiName(entry.name), entry.pinned)
  }
  return pins
}

/** Why an include was not read: too deep, or unreadable (outside the scanned path, absent). */
function notRead(file: string, what: string, path: string, line: number, column: number, deep: boolean): ScanError {
  const message = deep
    ? `${what} '${path}' is nested deeper than ${MAX_INCLUDE_DEPTH} includes; not read`
    : `cannot read ${what} '${path}'`
  return lockfileError(file, 'include-not-read', message, line, column)
}

/**
 * pip fetches an include named by an http(s) URL (req_file.py: `SCHEME_RE = re.compile(r"^(http|https|file):", re.I)`,
 * then `get_file_content(url, session)`); nothing is fetched here. Reported as a skip, as the format skips the
 * other remote things a file names (URL requirements), the URL without its credentials.
 */
function remoteInclude(file: string, what: string, path: string, line: number): Skipped | undefined {
  if (!/^https?:/i.test(path)) return undefined
  return {
    file,
    line,
    reason: 'remote-resource',
    message: `${what} ${redactSecrets(urlWithoutCredentials(path)).slice(0, 200)} is a URL: not fetched`,
  }
}

/**
 * `inherited`: pip's index list as the file that included this one leaves it (PyPI for a file read on its own). pip
 * keeps one list for the whole run (`--index-url` replaces it, `--extra-index-url` adds to it); here a file's own
 * options, in order, apply on top of its includer's to its requirements and to what it includes.
 */
function readFile(
  file: string,
  text: string,
  state: State,
  depth: number,
  inherited?: ReadonlySet<string>,
  inheritedConstraints?: ReadonlyMap<string, string>,
): void {
  const entries = parseRequirements(text)
  const via = viaDirect(text)
  const indexes = pipIndexes(inherited)
  for (const entry of entries) {
    if (entry.kind === 'index' || entry.kind === 'extra-index') applyIndexOption(indexes, entry)
    // An index pip takes from the environment: where packages come from is open, as with PyPI among the indexes.
    else if (entry.kind === 'environment' && entry.index !== undefined)
      applyIndexOption(indexes, {kind: entry.index, url: PYPI_INDEX})
  }
  const qualifiers = indexesQualifiers(indexes)
  // pip applies a constraints file to the whole run: to this file's requirements and to those of the files it
  // includes, wherever the `-c` line is (https://pip.pypa.io/en/stable/user_guide/#constraints-files).
  const constraints = new Map<string, string>(inheritedConstraints)
  const deep = depth >= MAX_INCLUDE_DEPTH
  for (const entry of entries) {
    if (entry.kind !== 'include' || !entry.constraint) continue
    const remote = remoteInclude(file, 'constraints file', entry.path, entry.line)
    if (remote) {
      state.skipped.push(remote)
      continue
    }
    const target = posix.normalize(posix.join(posix.dirname(file), entry.path))
    const pins = deep ? null : state.context.readText(target)
    if (pins === null) state.errors.push(notRead(file, 'constraints file', entry.path, entry.line, entry.column, deep))
    else for (const [name, version] of pinsOf(pins)) constraints.set(name, version)
  }
  for (const entry of entries) {
    if (entry.kind !== 'include' || entry.constraint) continue
    const remote = remoteInclude(file, 'included file', entry.path, entry.line)
    if (remote) {
      state.skipped.push(remote)
      continue
    }
    const target = posix.normalize(posix.join(posix.dirname(file), entry.path))
    // Each included file is read once for this file (`-r` lines repeating one another made 30 × 30 × 30 × … reads),
    // and always, even when the walker will read it too: it may not (one file given as PATH, a folder left out),
    // and what both read merges into the same components and errors.
    if (state.read.has(target)) continue
    state.read.add(target)
    const included = deep ? null : state.context.readText(target)
    if (included === null) state.errors.push(notRead(file, 'included file', entry.path, entry.line, entry.column, deep))
    else readFile(target, included, state, depth + 1, indexes, constraints)
  }
  for (const entry of entries) {
    if (entry.kind === 'environment') {
      state.skipped.push({
        file,
        line: entry.line,
        reason: 'unsupported',
        message: `${entry.what} '${redactSecrets(urlWithoutCredentials(entry.text)).slice(0, 200)}' holds an environment variable (\${…}) that pip fills in when it reads the file: ${entry.listed ? 'listed without a version' : 'not read'}`,
      })
    } else if (entry.kind === 'invalid') {
      state.errors.push(
        lockfileError(
          file,
          'invalid-requirement',
          entry.why ?? 'not a requirement, an option or an include',
          entry.line,
          entry.column,
        ),
      )
    } else if (entry.kind === 'url') {
      // A named local path, VCS requirement (its repository as `vcs_url`, read by resolve's vcs-url resolver on a
      // known forge; no version: a branch, tag or commit is not a release) or download (`name @ https://….whl`, as
      // `download_url`, as the pyproject and conda readers list the same line); credentials removed.
      const onForge = entry.vcs && vcsUrlRepository(entry.url) !== undefined
      if (entry.name !== undefined && (entry.local || onForge || !entry.vcs)) {
        const url = urlWithoutCredentials(entry.url)
        const where = entry.local
          ? {local: true}
          : onForge
            ? {qualifiers: {vcs_url: url}}
            : {qualifiers: directReference(url).qualifiers}
        state.components.push(
          manifestComponent(file, {
            ecosystem: 'pypi',
            name: normalizePypiName(entry.name),
            ref: redactSecrets(entry.text),
            line: entry.line,
            column: entry.column,
            direct: true,
            ...where,
          }),
        )
      } else {
        const what = entry.vcs ? 'VCS requirement' : entry.local ? 'local path requirement' : 'URL requirement'
        state.skipped.push(
          unresolvedVersion(
            file,
            entry.line,
            `${what} '${redactSecrets(entry.text).slice(0, 120)}' has no registry version`,
          ),
        )
      }
    } else if (entry.kind === 'named') {
      const name = normalizePypiName(entry.name)
      // Without a pin (a range or a bare name) the package is still listed, without a version: `ref` keeps the
      // range. Registries that need an exact version say so when resolving. A requirements file does not tell
      // direct from transitive, unless pip-tools or uv compiled it: their `# via` annotations do (./via.ts).
      const direct = via.get(entry.line)
      state.components.push(
        manifestComponent(file, {
          ecosystem: 'pypi',
          name,
          version: entry.pinned ?? constraints.get(name),
          ref: entry.text,
          line: entry.line,
          column: entry.column,
          qualifiers,
          ...(direct !== undefined ? {direct} : {}),
        }),
      )
    }
  }
}

export function discoverRequirements(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  // Read through the `-c` that names it, not as requirements of its own.
  if (isConstraintsName(file)) {
    const message =
      'a constraints file: it pins versions of what other files require (pip -c) and installs nothing; its pins are read through the -c that names it'
    return {components: [], skipped: [{file, reason: 'unsupported', message}], errors: []}
  }
  const state: State = {context, components: [], skipped: [], errors: [], read: new Set([file])}
  readFile(file, text, state, 0)
  return {components: state.components, skipped: state.skipped, errors: state.errors}
}
