import {FAILSAFE_SCHEMA, load, YAMLException} from 'js-yaml'
import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {splitLines} from '../../../core/line-index.js'
import {parseDescriptor, patchSource, registryQualifiers, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {NO_REGISTRIES, type NpmRegistries} from '../../lockfile-support/npm-registries.js'
import {isForbiddenKey, lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import {quoted, readSymlFast} from './syml.js'
import {check, checkValue} from '../../checked.js'

const BerryEntryCheck = check('yarn-lock/BerryEntry')
const BerryMetadataCheck = check('yarn-lock/BerryMetadata')

/**
 * Protocols whose packages live in the repository, not in a registry (https://yarnpkg.com/protocols); `exec:` is a
 * package a script of the repository generates (https://yarnpkg.com/protocols/exec), as npm-package-json reads it.
 */
const LOCAL_PROTOCOLS = new Set(['workspace', 'link', 'portal', 'file', 'exec'])

/**
 * A git repository as yarn tells one (@yarnpkg/plugin-git gitUtils.ts `gitPatterns`, `isGitUrl`): berry writes a git
 * package's resolution as its repository and commit (`https://github.com/owner/repo.git#commit=…`,
 * `git@github.com:owner/repo.git#commit=…`, `ssh://…`), which is no tarball to download.
 */
const GIT_PATTERNS = [
  /^ssh:/,
  /^git(?:\+[^:]+)?:/,
  /^(?:github:|https:\/\/github\.com\/)?(?!\.{1,2}\/)([a-zA-Z._0-9-]+)\/(?!\.{1,2}(?:#|$))([a-zA-Z._0-9-]+?)(?:\.git)?(?:#.*)?$/,
]

/**
 * yarn's `/^(?:git\+)?https?:[^#]+\/[^#]+(?:\.git)(?:#.*)?$/` and `/^git@[^#]+\/[^#]+\.git(?:#.*)?$/`, told without
 * backtracking: before the first `#`, a `/` with something on each side, and `.git` at the end.
 */
function isGitRepositoryUrl(range: string): boolean {
  const prefix = /^(?:git\+)?https?:|^git@/.exec(range)?.[0]
  if (prefix === undefined) return false
  const hash = range.indexOf('#')
  const base = range.slice(prefix.length, hash === -1 ? range.length : hash)
  // The first `/` past the first character, with a character between it and the `.git` that ends the base.
  const slash = base.indexOf('/', 1)
  return base.endsWith('.git') && slash !== -1 && slash < base.length - 5
}

/** Where a package not of a registry comes from: a git repository's `vcs_url`, else a URL's qualifier. */
function remoteQualifiers(range: string | undefined): Record<string, string> | undefined {
  if (range === undefined) return undefined
  if (isGitRepositoryUrl(range) || GIT_PATTERNS.some((pattern) => pattern.test(range))) return {vcs_url: range}
  return sourceQualifiers(range)
}

/** Lines of the top-level keys when js-yaml read the file (it keeps no positions; ./syml.ts gives its own). */
function keyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  splitLines(text).forEach((line, index) => {
    if (line === '' || line.startsWith(' ') || line.startsWith('#') || !line.endsWith(':')) return
    const key = line.slice(0, -1)
    // Unescaped as ./syml.ts reads a key, so a key with an escaped quote is at its line whichever reader read it.
    lines.set(key.startsWith('"') && key.endsWith('"') ? (quoted(key) ?? key) : key, index + 1)
  })
  return lines
}

function yamlErrorLine(error: unknown): number | undefined {
  const mark = (error as {mark?: {line?: number}}).mark
  return typeof mark?.line === 'number' ? mark.line + 1 : undefined
}

/**
 * What yarn's own parseSyml (@yarnpkg/parsers) does with a berry lockfile: js-yaml with the failsafe schema (every
 * scalar a string) into a mapping. A key written twice is reported at its line and the last value kept, as yarn
 * keeps it; any other YAML error leaves the file unread. The plain YAML yarn writes is read by ./syml.ts, which
 * gives the same mapping.
 */
function loadLockfile(
  file: string,
  text: string,
): {document: Record<string, unknown>; lines: Map<string, number>; errors: ScanError[]} {
  // What yarn writes, read line by line (./syml.ts); anything else goes to js-yaml.
  // An entry's fields are read; what is nested in them (dependency lists, metadata) is checked, not kept.
  const fast = readSymlFast(text, 2)
  if (fast) return {document: fast.document, lines: fast.keyLines, errors: []}
  let errors: ScanError[] = []
  let value: unknown
  try {
    value = load(text, {schema: FAILSAFE_SCHEMA})
  } catch (error) {
    if (!(error instanceof YAMLException) || !/duplicated mapping key/.test(error.reason)) throw error
    errors = [lockfileError(file, 'duplicate-key', 'duplicate key (the last value is used)', yamlErrorLine(error))]
    value = load(text, {schema: FAILSAFE_SCHEMA, json: true})
  }
  if (value === undefined || value === null) return {document: {}, lines: new Map(), errors}
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('expected a mapping at the top level')
  return {document: value as Record<string, unknown>, lines: keyLines(text), errors}
}

/**
 * yarn berry (2+): YAML with `__metadata`; the name comes from `resolution`, which resolves aliases. `registries`:
 * what the project's `.yarnrc.yml` names, as the lockfile names no registry.
 */
export function readBerryLockfile(
  file: string,
  text: string,
  registries: NpmRegistries = NO_REGISTRIES,
): {components: Component[]; errors: ScanError[]} {
  let document: Record<string, unknown>
  let lines: Map<string, number>
  let problems: ScanError[]
  try {
    ;({document, lines, errors: problems} = loadLockfile(file, text))
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    return lockfileFailure(file, 'invalid-yaml', message, yamlErrorLine(error))
  }
  const metadata = checkValue(BerryMetadataCheck, document.__metadata)
  if (!metadata.success) {
    return lockfileFailure(
      file,
      'unsupported-version',
      `__metadata: ${firstIssue(metadata.error)}`,
      lines.get('__metadata') ?? 1,
    )
  }
  const components: Component[] = []
  const errors: ScanError[] = [...problems, ...registries.errors]
  for (const key of Object.keys(document)) {
    if (key === '__metadata') continue
    const line = lines.get(key) ?? 1
    if (isForbiddenKey(key)) {
      errors.push(lockfileError(file, 'forbidden-key', `forbidden key '${key}' ignored`, line, 1))
      continue
    }
    const parsed = checkValue(BerryEntryCheck, document[key])
    if (!parsed.success) {
      errors.push(lockfileError(file, 'invalid-entry', `'${key}': ${firstIssue(parsed.error)}`, line, 1))
      continue
    }
    const resolution = parseDescriptor(parsed.data.resolution)
    const protocol = /^([a-z]+):/.exec(resolution.range)?.[1]
    const local = protocol !== undefined && LOCAL_PROTOCOLS.has(protocol)
    // A patch is fetched as the package it patches: its source's registry or URL is the entry's.
    const source = protocol === 'patch' ? patchSource(resolution.range)?.range : resolution.range
    const sourceProtocol = protocol === 'patch' ? /^([a-z]+):/.exec(source ?? '')?.[1] : protocol
    const remote =
      sourceProtocol !== 'npm' && source !== undefined && !local && !LOCAL_PROTOCOLS.has(sourceProtocol ?? '')
        ? source
        : undefined
    components.push(
      packageComponent(file, {
        ecosystem: 'npm',
        name: resolution.name,
        version: local ? undefined : parsed.data.version,
        ref: key,
        line,
        column: 1,
        local,
        qualifiers:
          sourceProtocol === 'npm'
            ? registryQualifiers(registries.registryOf(resolution.name))
            : remoteQualifiers(remote),
      }),
    )
  }
  return {components, errors}
}
