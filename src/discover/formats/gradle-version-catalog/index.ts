/**
 * Gradle version catalogs (https://docs.gradle.org/current/userguide/version_catalogs.html, "The version catalog TOML
 * file format"): `gradle/libs.versions.toml`, and any other `*.versions.toml` a build imports. Most Gradle builds
 * lock nothing (gradle-lockfile reads those that do), and the catalog is where they declare what they use. Read
 * with smol-toml; lines from a scan of the tables and keys (tomlKeyLines: smol-toml keeps no positions).
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {gradlePluginMarker} from '../../lockfile-support/gradle-configurations.js'
import {
  exactMavenVersion,
  gradleStrictVersion,
  isGradleDynamicVersion,
  isVersionRange,
} from '../../lockfile-support/maven-version.js'
import {isForbiddenKey, lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import {isTomlTable as isTable, readToml, tomlKeyLines} from '../../lockfile-support/toml.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'gradle-version-catalog',
  description: 'Gradle version catalogs: gradle/libs.versions.toml and other *.versions.toml',
  matches(file) {
    return /(^|\/)[^/]+\.versions\.toml$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  // Standard input: a catalog's own tables (Cargo.lock and the other TOML lockfiles have `[[package]]` instead).
  identify: (head) => /^\[(versions|libraries)\][ \t]*(#.*)?\r?$/m.test(head) && !/^\[\[/m.test(head),
  discover: ({file, text}) => discoverVersionCatalog(file, text),
}

/** Group, artifact and plugin ids: what Gradle and Maven take (no spaces, no `:`), bounded. */
const ID = /^[A-Za-z0-9_.-]{1,200}$/

type Table = Record<string, unknown>

/** A version as the catalog writes it: a string, or a rich version (`strictly`, `require`, `prefer`), or `ref`. */
interface Written {
  /** What the declaration says, as written (the first of `strictly`, `require`, `prefer`). */
  text?: string
  /** `version.ref`: an alias of `[versions]`. */
  ref?: string
}

interface Declared {
  name: string
  version: Written
  /** Plugins: code the build runs (`dev`). */
  plugin: boolean
}

export function discoverVersionCatalog(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const errors: ScanError[] = [...read.forbidden]
  const skipped: Skipped[] = []
  const components: Component[] = []
  const lines = tomlKeyLines(text)
  const versions = isTable(read.table.versions) ? read.table.versions : {}
  if (read.table.versions !== undefined && !isTable(read.table.versions))
    errors.push(lockfileError(file, 'invalid-entry', '[versions] must be a table', lines.get('versions')?.line))
  for (const section of ['libraries', 'plugins'] as const) {
    const entries = read.table[section]
    if (entries === undefined) continue
    const at = lines.get(section)
    if (!isTable(entries)) {
      errors.push(lockfileError(file, 'invalid-entry', `[${section}] must be a table`, at?.line))
      continue
    }
    for (const [alias, value] of Object.entries(entries)) {
      // A `__proto__` key is reported by readToml, at its line.
      if (isForbiddenKey(alias)) continue
      // `alias = …` in the table, or a table of its own (`[libraries.alias]`).
      const line = at?.keys.get(alias) ?? lines.get(`${section}.${alias}`)?.line ?? at?.line ?? 1
      const declared = section === 'libraries' ? library(value) : plugin(value)
      if (typeof declared === 'object' && 'unusable' in declared) {
        skipped.push({
          file,
          line,
          reason: 'unsupported',
          message: `${section}.${alias}: id '${elide(declared.unusable, 200)}' is not a plugin id Gradle can apply (letters, digits, . _ -); Gradle loads the catalog all the same: not listed`,
        })
        continue
      }
      if (typeof declared === 'string') {
        errors.push(lockfileError(file, 'invalid-entry', `${section}.${alias}: ${declared}`, line, 1))
        continue
      }
      const written = versionText(declared.version, versions)
      if (written !== undefined && typeof written !== 'string') {
        errors.push(lockfileError(file, 'invalid-entry', `${section}.${alias}: ${written.error}`, line, 1))
        continue
      }
      const effective = written === undefined ? undefined : gradleStrictVersion(written)
      const version =
        effective === undefined || isGradleDynamicVersion(effective) ? undefined : exactMavenVersion(effective)
      const note = versionNote(declared, effective, written)
      if (note) skipped.push(unresolvedVersion(file, line, note))
      components.push(
        manifestComponent(file, {
          ecosystem: 'maven',
          name: declared.name,
          version,
          ref: written === undefined ? declared.name : `${declared.name}:${written}`,
          line,
          column: 1,
          direct: true,
          ...(declared.plugin ? {scope: 'dev' as const} : {}),
        }),
      )
    }
  }
  return {components, skipped, errors}
}

/**
 * A library: `"group:artifact:version"` or `"group:artifact"`, or a table with `module = "group:artifact"` or
 * `group` and `name`, and `version` (a string, a rich version, or `version.ref`). A message when it is none of them.
 */
function library(value: unknown): Declared | string {
  if (typeof value === 'string') {
    const parts = value.split(':')
    if ((parts.length !== 2 && parts.length !== 3) || !ID.test(parts[0]) || !ID.test(parts[1]))
      return `'${elide(value, 200)}' is not group:artifact or group:artifact:version`
    return {name: `${parts[0]}:${parts[1]}`, version: parts.length === 3 ? {text: parts[2]} : {}, plugin: false}
  }
  if (!isTable(value)) return 'expected a string or a table'
  let group: unknown = value.group
  let artifact: unknown = value.name
  if (value.module !== undefined) {
    if (typeof value.module !== 'string' || value.module.split(':').length !== 2)
      return 'module must be a string group:artifact'
    ;[group, artifact] = value.module.split(':')
  }
  if (typeof group !== 'string' || typeof artifact !== 'string' || !ID.test(group) || !ID.test(artifact))
    return 'expected module = "group:artifact", or group and name'
  const version = written(value.version)
  return typeof version === 'string' ? version : {name: `${group}:${artifact}`, version, plugin: false}
}

/**
 * A plugin: `"id:version"` or `"id"`, or a table with `id` and `version`. Its Maven coordinates are those of the
 * plugin marker artifact Gradle resolves the id through (`id:id.gradle.plugin`).
 */
function plugin(value: unknown): Declared | string | {unusable: string} {
  let id: unknown
  let version: Written | string = {}
  if (typeof value === 'string') {
    const colon = value.indexOf(':')
    id = colon === -1 ? value : value.slice(0, colon)
    if (colon !== -1) version = {text: value.slice(colon + 1)}
  } else if (isTable(value)) {
    id = value.id
    version = written(value.version)
  } else return 'expected a string or a table'
  if (typeof id !== 'string' || id === '') return 'expected a plugin id'
  // Gradle keeps any id in the catalog (TomlCatalogFileParser checks none) and refuses it only where a build applies
  // it (DefaultPluginId: ASCII letters, digits, `.`, `_`, `-`): mockito's `id = "org.jetbrains.kotlin:kotlin-gradle-plugin"`.
  if (!ID.test(id)) return {unusable: id}
  return typeof version === 'string' ? version : {name: gradlePluginMarker(id), version, plugin: true}
}

/** `version`: absent, a string, or a table of `ref` or a rich version. A message when it is none of them. */
function written(value: unknown): Written | string {
  if (value === undefined) return {}
  if (typeof value === 'string') return {text: value}
  if (!isTable(value)) return 'version must be a string or a table'
  if (value.ref !== undefined) return typeof value.ref === 'string' ? {ref: value.ref} : 'version.ref must be a string'
  const text = richVersion(value)
  if (text === undefined) return {}
  return typeof text === 'string' ? {text} : text.error
}

/**
 * The version a rich version declares (https://docs.gradle.org/current/userguide/rich_versions.html): `strictly`,
 * else `require`, else `prefer` (`reject` and `rejectAll` name no version).
 */
function richVersion(value: Table): string | undefined | {error: string} {
  for (const key of ['strictly', 'require', 'prefer']) {
    const text = value[key]
    if (text === undefined) continue
    return typeof text === 'string' ? text : {error: `version.${key} must be a string`}
  }
  return undefined
}

/** The version text of a declaration, through `[versions]` for a `ref`; a message for a `ref` that is not there. */
function versionText(version: Written, versions: Table): string | undefined | {error: string} {
  if (version.ref === undefined) return version.text
  if (isForbiddenKey(version.ref) || !Object.hasOwn(versions, version.ref))
    return {error: `version.ref '${version.ref}' is not in [versions]`}
  const value = versions[version.ref]
  if (typeof value === 'string') return value
  if (!isTable(value)) return {error: `versions.${version.ref} must be a string or a table`}
  return richVersion(value)
}

/**
 * Why a declaration is listed without a version (a range needs none: it is kept in ref); undefined when it has one.
 * `text` is the version it declares (`written`, the strict shorthand read).
 */
function versionNote(declared: Declared, text: string | undefined, written = text): string | undefined {
  if (text === undefined)
    return declared.plugin
      ? `${declared.name}: no version in the catalog (the build's plugin management or settings may give one)`
      : `${declared.name}: no version in the catalog (a platform or BOM the build applies may give one)`
  if ((exactMavenVersion(text) !== undefined && !isGradleDynamicVersion(text)) || isVersionRange(text)) return undefined
  return `${declared.name}: version ${elide(written ?? text, 200)} is not an exact version (a dynamic version such as 1.+ or latest.release, or another character than letters, digits and . _ + -): listed without a version`
}
