/**
 * .NET projects without a lock file: the NuGet packages an MSBuild project references (`*.csproj`, `*.fsproj`,
 * `*.vbproj`, and `Directory.Build.props` for every project below it), with central package management's versions
 * (`Directory.Packages.props`, https://learn.microsoft.com/nuget/consume-packages/central-package-management), and
 * the legacy `packages.config`. Most .NET repositories lock nothing (nuget-lock reads `packages.lock.json` where they
 * do), and these files are what they declare, as Renovate's nuget manager reads them.
 */
import {posix} from 'node:path'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {feedQualifiers, nugetSources} from '../../lockfile-support/nuget-sources.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {type PackageItem, type ProjectFile, readProject} from './project.js'

export const discoverer: Discoverer = {
  id: 'dotnet-project',
  description:
    '.NET project files (*.csproj, *.fsproj, *.vbproj), Directory.Packages.props, Directory.Build.props, packages.config',
  matches(file) {
    return (
      (/\.(cs|fs|vb)proj$/.test(file) ||
        /(^|\/)(Directory\.Packages\.props|Directory\.Build\.props|packages\.config)$/.test(file)) &&
      !/(^|\/)node_modules\//.test(file)
    )
  },
  discover: ({file, text}, context) => discoverProject(file, text, context),
}

const PROPS = 'Directory.Packages.props'
/** NuGet package ids (https://learn.microsoft.com/nuget/reference/nuspec#id): letters, digits, `.`, `-`, `_`; at most 100. */
const ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/
/** An exact NuGet version (SemVer 2, or up to four numeric parts). */
const EXACT = /^\d{1,9}(\.\d{1,9}){0,3}(-[0-9A-Za-z][0-9A-Za-z.-]{0,99})?(\+[0-9A-Za-z.-]{1,100})?$/
/** `$(Name)`: an MSBuild property. */
const PROPERTY = /\$\(([A-Za-z_][A-Za-z0-9_.-]{0,199})\)/g

export function discoverProject(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readProject(text)
  if (!read.ok) return lockfileFailure(file, 'invalid-xml', read.message, read.line, read.column)
  const {project} = read
  const components: Component[] = []
  const skipped: Skipped[] = []
  // The feeds the repository's nuget.config files name (a private feed's packages are not nuget.org's).
  const feeds = nugetSources(context, file)
  const errors: ScanError[] = [...feeds.errors]
  const base = posix.basename(file)
  const central = base === PROPS || base === 'packages.config' ? undefined : centralVersions(file, project, context)
  for (const item of project.items) {
    // `PackageVersion` gives a version to the projects that reference the package (central management): no component.
    if (item.kind === 'PackageVersion') continue
    const config = item.kind === 'package'
    const written = item.metadata.get(config ? 'id' : 'include')
    // `Update` changes what another file declares (a version, assets): it declares nothing itself.
    if (!config && written === undefined && item.metadata.has('update')) continue
    // Several ids in one Include (`A;B`), empty parts dropped, as MSBuild drops them; `$(Property)` expanded.
    const ids = (written === undefined ? [] : expand(written, project.properties).split(';'))
      .map((id) => id.trim())
      .filter((id) => id !== '')
    const unset = ids.filter((id) => id.includes('$('))
    for (const id of unset)
      skipped.push({
        file,
        line: item.line,
        reason: 'unset-variable',
        message: `${item.kind} ${elide(id, 200)} names a property that is not defined here; not read`,
      })
    if (unset.length > 0 && unset.length === ids.length) continue
    if (ids.length === 0 || ids.some((id) => !id.includes('$(') && !ID.test(id))) {
      const what = config ? 'id' : 'Include'
      errors.push(
        lockfileError(file, 'invalid-entry', `${item.kind} without a valid package ${what}`, item.line, item.column),
      )
      continue
    }
    for (const id of ids) {
      if (id.includes('$(')) continue
      const found = versionOf(item, id, project, central)
      const note = versionNote(id, found, central !== undefined)
      if (note) skipped.push(unresolvedVersion(file, item.line, note))
      const version = found.text === undefined ? undefined : exactVersion(found.text)
      components.push(
        packageComponent(file, {
          ecosystem: 'nuget',
          name: id,
          version,
          ref: found.text === undefined ? id : `${id}@${found.text}`,
          line: item.line,
          column: item.column,
          scope: scopeOf(item),
          direct: true,
          qualifiers: feedQualifiers(feeds.feedOf(id)),
        }),
      )
    }
  }
  return {components, skipped, errors}
}

/** The versions central package management gives: the nearest Directory.Packages.props at or above the file. */
interface Central {
  file: string
  /** By lower-case id (NuGet ids are case-insensitive). */
  versions: Map<string, string>
  properties: Map<string, string>
}

/** Each Directory.Packages.props read, by path (null: none there), for the files of one scan. */
const centralCache = new WeakMap<DiscoverContext, Map<string, Central | null>>()

/**
 * Central package management for a project: the nearest Directory.Packages.props at or above it (as MSBuild imports
 * it), when `ManagePackageVersionsCentrally` is true in the project or there (the project's own setting wins).
 */
function centralVersions(file: string, project: ProjectFile, context: DiscoverContext): Central | undefined {
  const props = nearestProps(file, context)
  const enabled = project.properties.get(ENABLE) ?? props?.properties.get(ENABLE)
  return props && enabled?.toLowerCase() === 'true' ? props : undefined
}

const ENABLE = 'ManagePackageVersionsCentrally'

function nearestProps(file: string, context: DiscoverContext): Central | undefined {
  let cache = centralCache.get(context)
  if (!cache) {
    cache = new Map()
    centralCache.set(context, cache)
  }
  for (const candidate of pathsAbove(file, PROPS)) {
    let central = cache.get(candidate)
    if (central === undefined) {
      central = readCentral(candidate, context)
      cache.set(candidate, central)
    }
    if (central) return central
  }
  return undefined
}

function readCentral(file: string, context: DiscoverContext): Central | null {
  const text = context.readText(file)
  if (text === null) return null
  const read = readProject(text)
  // A props file that cannot be read is reported where it is discovered itself; here it gives no versions.
  if (!read.ok) return {file, versions: new Map(), properties: new Map()}
  const versions = new Map<string, string>()
  for (const item of read.project.items) {
    const id = item.metadata.get('include')
    const version = item.metadata.get('version')
    if (item.kind === 'PackageVersion' && id && version !== undefined) versions.set(id.toLowerCase(), version)
  }
  return {file, versions, properties: read.project.properties}
}

interface FoundVersion {
  /** The version as the files give it, properties expanded as far as they are defined. */
  text?: string
  /** Where it came from, for notes. */
  from: 'item' | 'central' | 'none'
}

/** `VersionOverride`, else `Version`, else the central version; `$(Property)` expanded from the file that gives it. */
function versionOf(item: PackageItem, id: string, project: ProjectFile, central: Central | undefined): FoundVersion {
  const own = item.metadata.get('versionoverride') ?? item.metadata.get('version')
  if (own !== undefined && own !== '') return {text: expand(own, project.properties), from: 'item'}
  const managed = central?.versions.get(id.toLowerCase())
  if (managed !== undefined && managed !== '')
    return {text: expand(managed, central!.properties, project.properties), from: 'central'}
  return {from: 'none'}
}

/** `$(Name)` replaced from the properties (the first map that has it), repeatedly; unknown ones stay. */
function expand(value: string, ...maps: Array<Map<string, string>>): string {
  let current = value
  for (let round = 0; round < 10 && current.includes('$('); round++) {
    const next = current.replace(PROPERTY, (whole, name: string) => {
      for (const map of maps) {
        const defined = map.get(name)
        if (defined !== undefined) return defined
      }
      return whole
    })
    if (next === current || next.length > 4096) break
    current = next
  }
  return current
}

/** An exact version: `1.2.3`, or `[1.2.3]` (NuGet's exact match); undefined for a range or a floating version. */
function exactVersion(text: string): string | undefined {
  const bare = /^\[\s*([^,\]]+?)\s*\]$/.exec(text)?.[1] ?? text
  return EXACT.test(bare) ? bare : undefined
}

function versionNote(id: string, found: FoundVersion, centrallyManaged: boolean): string | undefined {
  if (found.text === undefined)
    return centrallyManaged
      ? `${id}: no version here, and none in the central Directory.Packages.props`
      : `${id}: no version, and no central package management applies here (a Directory.Packages.props at or above the file, with ManagePackageVersionsCentrally true)`
  if (exactVersion(found.text) !== undefined) return undefined
  if (found.text.includes('$('))
    return `${id}: version ${elide(found.text, 200)} names a property that is not defined here`
  return `${id}: version ${elide(found.text, 200)} is a range or a floating version: listed without a version`
}

/**
 * `PrivateAssets="all"` keeps a package out of what the project gives its consumers (analyzers, build tools, source
 * link), as `developmentDependency="true"` does in packages.config and as a GlobalPackageReference (analyzers for
 * every project) always is: `dev`. Anything else ships with the project: `prod`.
 */
function scopeOf(item: PackageItem): Scope {
  if (item.kind === 'GlobalPackageReference') return 'dev'
  if (item.kind === 'package')
    return item.metadata.get('developmentdependency')?.toLowerCase() === 'true' ? 'dev' : 'prod'
  const assets = item.metadata
    .get('privateassets')
    ?.toLowerCase()
    .split(';')
    .map((part) => part.trim())
  return assets?.includes('all') ? 'dev' : 'prod'
}
