/**
 * The registries an npm project's own settings name, for the lockfiles that do not record them per package:
 * pnpm-lock.yaml (a package of the configured registry has no tarball URL) reads `.npmrc` beside it (`registry=`,
 * `@scope:registry=`, as pnpm does: https://pnpm.io/npmrc#registry), yarn berry's yarn.lock reads `.yarnrc.yml`
 * beside it (`npmRegistryServer`, `npmScopes.<scope>.npmRegistryServer`:
 * https://yarnpkg.com/configuration/yarnrc). A package of a registry other than the npm registry carries it as purl
 * `repository_url` (./npm-name.ts registryQualifiers), and is then never looked up by name on a public registry.
 *
 * npm-package-json also reads yarn 1's `.yarnrc` (https://classic.yarnpkg.com/en/docs/yarnrc: `registry "URL"`,
 * `"@scope:registry" "URL"`) with classicYarnrcRegistries.
 *
 * Only those keys are read. These files also hold auth tokens (`//host/:_authToken=`, `npmAuthToken`): a line of
 * `.npmrc` or `.yarnrc` is matched against the registry keys before anything else is done with it, so no other value
 * is ever kept, which is also why they are read here by their lines rather than through an ini (or yarn lockfile)
 * library that would parse every value. `.npmrc` lines are read as npm's `ini` reads them (its `decode` and
 * `unsafe`): a key is what precedes the first `=`, key and value trimmed, a quoted one unquoted (JSON), an unquoted
 * value cut at its first `;` or `#` not escaped by `\`, `;`/`#` lines comments, and keys after a `[section]` line
 * belong to that section, not to the top level npm reads. A registry holding `${VAR}` is expanded by npm (and yarn)
 * from the environment at install time, which the tree does not tell: its setting is marked `computed`.
 * Settings in the user's home folder or in the environment are not the tree's and are not read.
 */
import {posix} from 'node:path'
import {CORE_SCHEMA, load} from 'js-yaml'
import type {ScanError} from '../../core/model.js'
import type {DiscoverContext} from '../types.js'
import {isForbiddenKey, lockfileError} from './problems.js'

/** Where one registry was set, for the formats that say which setting a package's registry comes from. */
export interface RegistrySetting {
  /** The URL as written; holding `${...}` when `computed`. */
  url: string
  /** The settings file and its 1-based line (undefined where the reader does not tell lines: .yarnrc.yml). */
  file: string
  line: number | undefined
  /** The key as the file names it: `registry`, `@acme:registry`, `npmScopes.acme.npmRegistryServer`... */
  key: string
  /** The URL holds `${VAR}`, expanded from the environment at install time: the registry is not known. */
  computed: boolean
}

/** A file's registry settings: per scope (`@acme`), and the default one. */
export interface RegistrySettings {
  scopes: ReadonlyMap<string, RegistrySetting>
  registry: RegistrySetting | undefined
}

export interface NpmRegistries {
  /**
   * The registry the settings name for a package; undefined when they name none (the npm registry). A computed one
   * (`${VAR}`) is given as written: see `settings` for whether it is.
   */
  registryOf(name: string): string | undefined
  /** A settings file that could not be read whole (its registries are unknown): an error of the run. */
  errors: ScanError[]
  /** The settings read, with where each was set (absent on NO_REGISTRIES and on objects made elsewhere). */
  settings?: RegistrySettings
}

const NO_SETTINGS: RegistrySettings = {scopes: new Map(), registry: undefined}

/** No settings file: every package is the npm registry's. */
export const NO_REGISTRIES: NpmRegistries = {registryOf: () => undefined, errors: [], settings: NO_SETTINGS}

/** `@scope` of a scoped package name, undefined for an unscoped one. */
export function scopeOf(name: string): string | undefined {
  const slash = name.indexOf('/')
  return name.startsWith('@') && slash > 1 ? name.slice(0, slash) : undefined
}

/** The setting that gives `name`'s registry: its scope's, else the default one. */
export function settingOf(settings: RegistrySettings, name: string): RegistrySetting | undefined {
  const scope = scopeOf(name)
  return (scope !== undefined ? settings.scopes.get(scope) : undefined) ?? settings.registry
}

function registries(settings: RegistrySettings, errors: ScanError[] = []): NpmRegistries {
  return {registryOf: (name) => settingOf(settings, name)?.url, errors, settings}
}

/** `${VAR}` (npm's envReplace, yarn's): expanded from the environment when the package manager runs. */
const ENV_REFERENCE = /\$\{[^${}]{1,256}\}/

function setting(url: string, file: string, line: number | undefined, key: string): RegistrySetting {
  return {url, file, line, key, computed: ENV_REFERENCE.test(url)}
}

/** `registry` → the default; `@scope:registry` → that scope; anything else undefined (never read further). */
function registryKey(key: string): {scope: string | undefined} | undefined {
  if (key === 'registry') return {scope: undefined}
  if (!key.startsWith('@') || !key.endsWith(':registry')) return undefined
  const scope = key.slice(0, -':registry'.length)
  return scope.length > 1 && !scope.includes('/') ? {scope} : undefined
}

/** Puts one `key` = `url` setting in place, the last of a file winning (ini, yarn). */
function assign(into: {scopes: Map<string, RegistrySetting>; registry?: RegistrySetting}, found: RegistrySetting) {
  const key = registryKey(found.key)
  if (key === undefined || found.url === '') return
  if (key.scope === undefined) into.registry = found
  else into.scopes.set(key.scope, found)
}

/** The registries `.npmrc` beside `lockfile` names. */
export function npmrcRegistries(context: DiscoverContext, lockfile: string): NpmRegistries {
  const file = posix.join(posix.dirname(lockfile), '.npmrc')
  const text = context.readText(file, {keep: false})
  if (text === null) return NO_REGISTRIES
  const read: {scopes: Map<string, RegistrySetting>; registry?: RegistrySetting} = {scopes: new Map()}
  const lines = text.split(/\r\n|\r|\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (/^\s*(?:[;#]|$)/.test(line)) continue
    // ini: a `[section]` line; what follows it is that section's (npm reads the top level only), to the end.
    if (/^\[[^\]]*\]\s*$/.test(line)) break
    const equals = line.indexOf('=')
    if (equals <= 0) continue
    const key = iniValue(line.slice(0, equals))
    // The key first: no value of another setting (a token) is ever looked at.
    if (registryKey(key) === undefined) continue
    assign(read, setting(iniValue(line.slice(equals + 1)), file, index + 1, key))
  }
  return registries({scopes: read.scopes, registry: read.registry})
}

/**
 * A key or value as npm's ini `unsafe` reads it: trimmed; quoted (`"..."`, `'...'`) → unquoted (JSON, as written when
 * it is not JSON); else cut at the first `;` or `#` not escaped, `\;`, `\#` and `\\` unescaped.
 */
export function iniValue(raw: string): string {
  const value = raw.trim()
  if (value.length >= 2 && ((value[0] === '"' && value.endsWith('"')) || (value[0] === "'" && value.endsWith("'")))) {
    const inner = value[0] === "'" ? value.slice(1, -1) : value
    try {
      const parsed: unknown = JSON.parse(inner)
      return typeof parsed === 'string' ? parsed : inner
    } catch {
      return inner
    }
  }
  let out = ''
  let escaped = false
  for (const char of value) {
    if (escaped) {
      out += char === '\\' || char === ';' || char === '#' ? char : `\\${char}`
      escaped = false
    } else if (char === ';' || char === '#') break
    else if (char === '\\') escaped = true
    else out += char
  }
  if (escaped) out += '\\'
  return out.trim()
}

/**
 * yarn 1's `.yarnrc` beside `manifest` (https://classic.yarnpkg.com/en/docs/yarnrc): lines `key value`, either side
 * quoted (JSON strings, as in yarn.lock v1) or not, `#` comments, indented lines (nested objects) not read. The keys
 * `registry`, `--registry` (a command-line option given in the file) and `@scope:registry`; the last of the file
 * wins. Read more loosely than yarn (an unquoted URL, which yarn's tokenizer cuts at its `:`, is taken whole): a
 * registry named is never taken for the public one.
 */
export function classicYarnrcRegistries(context: DiscoverContext, manifest: string): NpmRegistries {
  const file = posix.join(posix.dirname(manifest), '.yarnrc')
  const text = context.readText(file, {keep: false})
  if (text === null) return NO_REGISTRIES
  const read: {scopes: Map<string, RegistrySetting>; registry?: RegistrySetting} = {scopes: new Map()}
  const lines = text.split(/\r\n|\r|\n/)
  for (let index = 0; index < lines.length; index++) {
    const first = yarnToken(lines[index], 0)
    if (first === undefined) continue
    const key = first.text.replace(/:$/, '').replace(/^--/, '')
    if (registryKey(key) === undefined) continue
    const second = yarnToken(lines[index], first.end)
    if (second !== undefined) assign(read, setting(second.text, file, index + 1, key))
  }
  return registries({scopes: read.scopes, registry: read.registry})
}

/** One token of a `.yarnrc` line from `from`: a JSON string, or a run of non-space characters; not at a comment. */
function yarnToken(line: string, from: number): {text: string; end: number} | undefined {
  // A line that starts indented belongs to the object above it.
  if (from === 0 && /^\s/.test(line)) return undefined
  let start = from
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++
  if (start >= line.length || line[start] === '#') return undefined
  if (line[start] === '"') {
    const close = /^"(?:[^"\\]|\\.)*"/.exec(line.slice(start))
    if (close === null) return undefined
    try {
      return {text: JSON.parse(close[0]) as string, end: start + close[0].length}
    } catch {
      return undefined
    }
  }
  let end = start
  while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++
  return {text: line.slice(start, end), end}
}

/** The registries `.yarnrc.yml` beside `lockfile` names. */
export function yarnrcRegistries(context: DiscoverContext, lockfile: string): NpmRegistries {
  const file = posix.join(posix.dirname(lockfile), '.yarnrc.yml')
  const text = context.readText(file, {keep: false})
  if (text === null) return NO_REGISTRIES
  let loaded: unknown
  try {
    loaded = load(text, {schema: CORE_SCHEMA, filename: file})
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const line = (error as {mark?: {line?: number}}).mark?.line
    return {
      registryOf: () => undefined,
      errors: [
        lockfileError(
          file,
          'invalid-yaml',
          `${message}: the registries it names are not known`,
          line === undefined ? undefined : line + 1,
        ),
      ],
      settings: NO_SETTINGS,
    }
  }
  const record = (value: unknown) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  const server = (value: unknown, key: string) => {
    const url = record(value).npmRegistryServer
    return typeof url === 'string' && url !== '' ? setting(url, file, undefined, key) : undefined
  }
  const scopes = new Map<string, RegistrySetting>()
  for (const [scope, value] of Object.entries(record(record(loaded).npmScopes))) {
    const found = server(value, `npmScopes.${scope}.npmRegistryServer`)
    if (found !== undefined && !isForbiddenKey(scope)) scopes.set(`@${scope.replace(/^@/, '')}`, found)
  }
  return registries({scopes, registry: server(loaded, 'npmRegistryServer')})
}
