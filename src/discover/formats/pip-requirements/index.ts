import {posix} from 'node:path'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {vcsUrlRepository} from '../../../core/repo-url.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {parseRequirements} from './parse.js'

/** Includes are followed this deep at most (pip has no limit, but cycles must end). */
const MAX_INCLUDE_DEPTH = 8

function isRequirementsFile(file: string): boolean {
  const base = posix.basename(file)
  return (
    /^(.*[-_.])?requirements([-_.].*)?\.txt$/i.test(base) ||
    (posix.basename(posix.dirname(file)) === 'requirements' && base.endsWith('.txt'))
  )
}

export const discoverer: Discoverer = {
  id: 'pip-requirements',
  description: 'Python requirements*.txt, requirements/*.txt (== pins; ranges listed without a version)',
  matches: isRequirementsFile,
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

/** `-c` files only pin versions of what is required elsewhere (https://pip.pypa.io/en/stable/user_guide/#constraints-files). */
function readConstraints(file: string, state: State, depth: number): Map<string, string> {
  const pins = new Map<string, string>()
  const text = state.context.readText(file)
  if (text === null || depth > MAX_INCLUDE_DEPTH) return pins
  for (const entry of parseRequirements(text)) {
    if (entry.kind === 'named' && entry.pinned !== undefined) pins.set(normalizePypiName(entry.name), entry.pinned)
  }
  return pins
}

function readFile(file: string, text: string, state: State, depth: number): void {
  const entries = parseRequirements(text)
  const constraints = new Map<string, string>()
  for (const entry of entries) {
    if (entry.kind !== 'include') continue
    const target = posix.normalize(posix.join(posix.dirname(file), entry.path))
    if (entry.constraint) {
      if (depth < MAX_INCLUDE_DEPTH && state.context.readText(target) === null)
        state.errors.push(
          lockfileError(file, 'include-not-read', `cannot read constraints file '${entry.path}'`, entry.line),
        )
      for (const [name, version] of readConstraints(target, state, depth + 1)) constraints.set(name, version)
      continue
    }
    // Each included file is read once for this file (`-r` lines repeating one another made 30 × 30 × 30 × … reads),
    // and always, even when the walker will read it too: it may not (one file given as PATH, a folder left out),
    // and what both read merges into the same components and errors.
    if (state.read.has(target)) continue
    state.read.add(target)
    const included = depth < MAX_INCLUDE_DEPTH ? state.context.readText(target) : null
    if (included === null)
      state.errors.push(
        lockfileError(file, 'include-not-read', `cannot read included file '${entry.path}'`, entry.line),
      )
    else readFile(target, included, state, depth + 1)
  }
  for (const entry of entries) {
    if (entry.kind === 'invalid') {
      state.errors.push(
        lockfileError(file, 'invalid-requirement', 'not a requirement, an option or an include', entry.line),
      )
    } else if (entry.kind === 'url') {
      // A local path, or a VCS requirement on a known forge (its repository as `vcs_url`, read by resolve's
      // vcs-url resolver; no version: a branch, tag or commit is not a release).
      const onForge = entry.vcs && vcsUrlRepository(entry.url) !== undefined
      if (entry.name !== undefined && (entry.local || onForge)) {
        state.components.push(
          packageComponent(file, {
            ecosystem: 'pypi',
            name: normalizePypiName(entry.name),
            ref: entry.text,
            line: entry.line,
            column: entry.column,
            direct: true,
            ...(entry.local ? {local: true} : {qualifiers: {vcs_url: entry.url}}),
          }),
        )
      } else {
        const what = entry.vcs ? 'VCS requirement' : entry.local ? 'local path requirement' : 'URL requirement'
        state.skipped.push(
          unresolvedVersion(file, entry.line, `${what} '${entry.text.slice(0, 120)}' has no registry version`),
        )
      }
    } else if (entry.kind === 'named') {
      const name = normalizePypiName(entry.name)
      // Without a pin (a range or a bare name) the package is still listed, without a version: `ref` keeps the
      // range. Registries that need an exact version say so when resolving. requirements files do not tell
      // direct from transitive (pip-compile output lists both).
      state.components.push(
        packageComponent(file, {
          ecosystem: 'pypi',
          name,
          version: entry.pinned ?? constraints.get(name),
          ref: entry.text,
          line: entry.line,
          column: entry.column,
        }),
      )
    }
  }
}

export function discoverRequirements(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const state: State = {context, components: [], skipped: [], errors: [], read: new Set([file])}
  readFile(file, text, state, 0)
  return {components: state.components, skipped: state.skipped, errors: state.errors}
}
