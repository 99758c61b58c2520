/**
 * Pipenv's `Pipfile` (https://pipenv.pypa.io/en/latest/pipfile.html), read with smol-toml: what a project asks for,
 * where Pipfile.lock (../pipfile-lock) pins it. `[packages]` are prod, `[dev-packages]` dev, any other table of
 * packages (Pipenv's package categories, installed only with `--categories`) optional. A value is a version
 * specifier (`"*"`, `"==2.32.3"`, `">=1.0"`) or a table (`{version, index, git, ref, path, file, editable, extras,
 * markers}`): `==X` is the version; any other specifier leaves none (it is kept in `ref`, as package.json ranges are);
 * `git` is a purl `vcs_url`; `path` and a local `file` are this tree's own (local); `index` names a `[[source]]`, whose
 * URL, unless PyPI's, is purl `repository_url` (the first source is the default index), without credentials; a URL
 * Pipenv fills in from the environment is reported, not taken as written. Components are `manifest`,
 * direct, located at their key.
 */
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {kindOf} from '../../../core/value-kind.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {indexQualifiers} from '../../lockfile-support/pypi-index.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {pipenvKnownUrl} from '../../lockfile-support/pip-source.js'
import type {Skipped} from '../../../core/model.js'
import {isTomlTable, readToml, tomlKeyLines, pipfileCategories} from '../../lockfile-support/toml.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'pipfile',
  description: "Pipenv's Pipfile: packages, dev-packages and package categories",
  matches(file) {
    return /(^|\/)Pipfile$/.test(file)
  },
  discover: ({file, text}) => discoverPipfile(file, text),
}

/** The line of the first line of `text` that writes `value` (as a TOML string), else 1. */
function lineOf(text: string, value: string): number {
  const at = text.indexOf(value)
  return at === -1 ? 1 : text.slice(0, at).split('\n').length
}

/** Names as PEP 508 writes them, bounded. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,198}[A-Za-z0-9])?$/
const STRING_FIELDS = ['version', 'index', 'git', 'ref', 'path', 'file'] as const

export function discoverPipfile(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const errors: ScanError[] = [...read.forbidden]
  const components: Component[] = []
  const lines = tomlKeyLines(text)
  const sources = Array.isArray(read.table.source) ? read.table.source.filter(isTomlTable) : []
  const skipped: Skipped[] = []
  // A source whose URL the environment fills in: where its packages come from is open (no repository_url).
  const sourceUrl = (url: string): string | undefined => {
    const known = pipenvKnownUrl(url)
    if (known === undefined)
      skipped.push({
        file,
        line: lineOf(text, url),
        reason: 'unsupported',
        message: `[[source]] url '${elide(urlWithoutCredentials(url), 200)}' holds an environment variable that Pipenv fills in when it reads the file: its packages are listed without it`,
      })
    return known
  }
  const byName = new Map<string, string | undefined>()
  for (const source of sources)
    if (typeof source.name === 'string' && typeof source.url === 'string' && !byName.has(source.name))
      byName.set(source.name, sourceUrl(source.url))
  const first = sources[0]
  const defaultIndex =
    typeof first?.url === 'string'
      ? typeof first.name === 'string'
        ? byName.get(first.name)
        : sourceUrl(first.url)
      : undefined
  for (const [section, packages] of pipfileCategories(read.table)) {
    const scope: Scope = section === 'packages' ? 'prod' : section === 'dev-packages' ? 'dev' : 'optional'
    const keys = lines.get(section)
    for (const [name, value] of Object.entries(packages)) {
      const line = keys?.keys.get(name) ?? keys?.line ?? 1
      const problem = valueProblem(name, value)
      if (problem !== undefined) {
        errors.push(lockfileError(file, 'invalid-entry', `[${section}] ${elide(name, 100)}: ${problem}`, line, 1))
        continue
      }
      const entry = typeof value === 'string' ? {version: value} : (value as Record<string, unknown>)
      const field = (key: (typeof STRING_FIELDS)[number]) => entry[key] as string | undefined
      const specifier = field('version')?.trim()
      const pinned = /^===?\s*([^\s,;*]+)$/.exec(specifier ?? '')?.[1]
      const ref = specifier && specifier !== '*' ? `${name} ${specifier}` : name
      const base = {
        ecosystem: 'pypi' as const,
        name: normalizePypiName(name),
        ref,
        line,
        column: 1,
        scope,
        direct: true,
      }
      const git = field('git')
      const local = field('path') !== undefined || (field('file') !== undefined && !/^https?:/i.test(field('file')!))
      if (local) components.push(manifestComponent(file, {...base, local: true}))
      else if (git !== undefined) {
        const url = pipenvKnownUrl(git)
        if (url === undefined)
          skipped.push({
            file,
            line,
            reason: 'unsupported',
            message: `[${section}] ${elide(name, 100)}: git '${elide(urlWithoutCredentials(git), 200)}' holds an environment variable that Pipenv fills in when it reads the file: not read`,
          })
        else components.push(manifestComponent(file, {...base, qualifiers: {vcs_url: gitVcsUrl(url, field('ref'))}}))
      } else {
        const index = field('index')
        const url = index === undefined || !byName.has(index) ? defaultIndex : byName.get(index)
        components.push(manifestComponent(file, {...base, version: pinned, qualifiers: indexQualifiers(url)}))
      }
    }
  }
  return {components, skipped, errors}
}

/** Why a package entry is not one Pipenv reads, or undefined. */
function valueProblem(name: string, value: unknown): string | undefined {
  if (!NAME.test(name)) return 'not a package name'
  if (typeof value === 'string') return undefined
  if (!isTomlTable(value)) return `is ${kindOf(value)}, not a version specifier or a table`
  for (const key of STRING_FIELDS)
    if (value[key] !== undefined && typeof value[key] !== 'string')
      return `has a ${key} that is ${kindOf(value[key])}, not a string`
  return undefined
}
