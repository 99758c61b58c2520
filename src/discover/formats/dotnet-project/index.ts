/**
 * .NET projects without a lock file: the NuGet packages an MSBuild project references (`*.csproj`, `*.fsproj`,
 * `*.vbproj`, and `Directory.Build.props` for every project below it), with central package management's versions
 * (`Directory.Packages.props` and the props files it imports: ./central.ts,
 * https://learn.microsoft.com/nuget/consume-packages/central-package-management), and
 * the legacy `packages.config`. Most .NET repositories lock nothing (nuget-lock reads `packages.lock.json` where they
 * do), and these files are what they declare, as Renovate's nuget manager reads them. Items are applied in document
 * order as MSBuild evaluates them (a `Remove` takes out what is above it); conditions of items are not evaluated (only
 * simple ones of a central file's imports are: ./central.ts): the items of
 * every `Choose` branch are listed, and a reference is listed once per central version conditions choose among.
 */
import {posix} from 'node:path'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {feedQualifiers, nugetSources} from '../../lockfile-support/nuget-sources.js'
import {lockfileError, lockfileFailure, unresolvedVersion} from '../../lockfile-support/problems.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {evaluate, expand, parsed, type Unfollowed} from './central.js'
import {type PackageItem, type ProjectFile, readProject} from './project.js'
import {perScan} from '../../per-scan.js'

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
  const managed = base === PROPS || base === 'packages.config' ? undefined : management(file, project, context)
  const central = managed && 'on' in managed ? managed.on : undefined
  const visible = visibleProperties(file, base, project, managed?.props, context)
  // A Directory.Packages.props says itself which of its imports are not followed (and those of the files it imports
  // that are not read as files of their own): each project below it would say the same.
  if (base === PROPS) skipped.push(...unfollowedImports(file, project, context))
  // The project SDKs referenced with a version: NuGet packages the SDK resolver restores (build tooling: dev, as
  // global.json's msbuild-sdks are in ../dotnet-tools).
  for (const sdk of project.sdks) {
    if (!ID.test(sdk.name)) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `project SDK ${elide(sdk.name, 100)} is not a valid package id`,
          sdk.line,
          sdk.column,
        ),
      )
      continue
    }
    const version = sdk.version === undefined ? undefined : exactVersion(sdk.version)
    if (version === undefined)
      skipped.push(
        unresolvedVersion(
          file,
          sdk.line,
          sdk.minimum === undefined
            ? `${sdk.name}: project SDK at ${elide(sdk.version ?? '', 200)}, not one exact version: listed without a version`
            : `${sdk.name}: project SDK of at least ${elide(sdk.minimum, 200)} (the resolver takes that or a newer one): listed without a version`,
        ),
      )
    components.push(
      manifestComponent(file, {
        ecosystem: 'nuget',
        name: sdk.name,
        version,
        ref: sdk.ref,
        line: sdk.line,
        column: sdk.column,
        scope: 'dev',
        direct: true,
        qualifiers: feedQualifiers(feeds.feedOf(sdk.name)),
      }),
    )
  }
  // What each item declares, in document order: a later `Remove` takes earlier ones out, as MSBuild evaluates items.
  const declared = new DeclaredList()
  for (const item of project.items) {
    // `PackageVersion` gives a version to the projects that reference the package (central management): no component.
    if (item.kind === 'PackageVersion') continue
    const config = item.kind === 'package'
    const written = item.metadata.get(config ? 'id' : 'include')
    if (!config && written === undefined) {
      // `Update` changes what another file declares (a version, assets): it declares nothing itself.
      if (item.metadata.has('update')) continue
      // `Remove` takes references out of the list: it declares nothing either.
      const remove = item.metadata.get('remove')
      if (remove !== undefined) {
        removeDeclared(declared, item, expand(remove, ...visible), file, skipped)
        continue
      }
    }
    // Several ids in one Include (`A;B`), empty parts dropped, as MSBuild drops them; `$(Property)` expanded.
    const ids = (written === undefined ? [] : expand(written, ...visible).split(';'))
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
      errors.push(lockfileError(file, 'invalid-entry', invalidMessage(item, written), item.line, item.column))
      continue
    }
    for (const id of ids) {
      if (id.includes('$(')) continue
      const entry: Declared = {kind: item.kind, key: id.toLowerCase(), components: [], skipped: []}
      for (const found of versionsOf(item, id, visible, central)) {
        const note = versionNote(id, found, managed)
        if (note) entry.skipped.push(unresolvedVersion(file, item.line, note))
        const version = found.text === undefined ? undefined : exactVersion(found.text)
        entry.components.push(
          manifestComponent(file, {
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
      declared.add(entry)
    }
  }
  for (const entry of declared.all) {
    if (entry.removed) continue
    components.push(...entry.components)
    skipped.push(...entry.skipped)
  }
  return {components, skipped, errors}
}

/** What one id of one item declares, until a later `Remove` takes it out. */
interface Declared {
  kind: string
  /** The id in lower case: MSBuild matches item specs case-insensitively. */
  key: string
  components: Component[]
  skipped: Skipped[]
  removed?: boolean
}

/** The error for an item that declares no valid package: no id at all, or one that is not a NuGet id. */
function invalidMessage(item: PackageItem, written: string | undefined): string {
  if (item.kind === 'package') return written === undefined ? 'package without an id' : 'package without a valid id'
  return written === undefined
    ? `${item.kind} without an Include, Update or Remove`
    : `${item.kind} without a valid package Include`
}

/**
 * `<PackageReference Remove="A;B" />` (https://learn.microsoft.com/visualstudio/msbuild/item-element-msbuild): the
 * references of that type declared above it in this file with those ids (any case) are not in the build, nor is any
 * for `@(PackageReference)` (all of them). A Remove under a condition (its own, its ItemGroup's, a Choose branch's)
 * may not happen: it takes nothing out, as the conditioned items it could take out are listed. What it takes out of
 * other files (an SDK's, a Directory.Build.props's) stays listed there. A part naming another item list, a property
 * not defined here or a wildcard is not matched: a skip says so.
 */
function removeDeclared(declared: DeclaredList, item: PackageItem, spec: string, file: string, skipped: Skipped[]) {
  if (item.conditions.length > 0) return
  const unmatched: string[] = []
  for (const part of spec.split(';').map((text) => text.trim())) {
    if (part === '') continue
    if (part.toLowerCase() === `@(${item.kind.toLowerCase()})`) declared.removeAll(item.kind)
    else if (/[$@%*?]/.test(part)) unmatched.push(part)
    else declared.remove(item.kind, part.toLowerCase())
  }
  if (unmatched.length > 0)
    skipped.push({
      file,
      line: item.line,
      reason: 'unsupported',
      message: `${item.kind} Remove="${elide(unmatched.join(';'), 200)}" is not matched here (another item list, an undefined property or a wildcard): nothing above it is taken out`,
    })
}

/**
 * What the items declare, in document order, with what a Remove may still take out (by type, by type and id): each
 * taken out at most once, so a file of many Removes is read in linear time.
 */
class DeclaredList {
  readonly all: Declared[] = []
  private readonly byKind = new Map<string, Declared[]>()
  private readonly byId = new Map<string, Declared[]>()

  add(entry: Declared): void {
    this.all.push(entry)
    const kind = this.byKind.get(entry.kind)
    if (kind) kind.push(entry)
    else this.byKind.set(entry.kind, [entry])
    const id = `${entry.kind}\u0000${entry.key}`
    const same = this.byId.get(id)
    if (same) same.push(entry)
    else this.byId.set(id, [entry])
  }

  removeAll(kind: string): void {
    for (const entry of this.byKind.get(kind) ?? []) entry.removed = true
    this.byKind.delete(kind)
  }

  remove(kind: string, key: string): void {
    const id = `${kind}\u0000${key}`
    for (const entry of this.byId.get(id) ?? []) entry.removed = true
    this.byId.delete(id)
  }
}

/**
 * The versions central package management gives: the nearest Directory.Packages.props at or above the file, with what
 * it imports (./central.ts).
 */
interface Central {
  file: string
  /**
   * By lower-case id (NuGet ids are case-insensitive): the versions it may have, one unless `PackageVersion` items
   * under different conditions give different ones.
   */
  versions: Map<string, CentralVersion[]>
  /** Its final properties, those of the files it imports included. */
  properties: Map<string, string>
  /** Its imports (and theirs) that are not followed. */
  unfollowed: Unfollowed[]
}

/**
 * Central package management for a project: on, with its versions; or off, and why (for the notes). `props`: the
 * nearest Directory.Packages.props, whose properties the project sees either way.
 */
type Management = {on: Central; props: Central} | {off: string; props?: Central}

const BUILD_PROPS = 'Directory.Build.props'

/**
 * The properties a `$(Name)` may come from, the one that wins first (MSBuild keeps a property's last definition).
 * MSBuild evaluates, in this order (Microsoft.Common.props), the nearest Directory.Build.props, the nearest
 * Directory.Packages.props (whether central management is on or not), then the project's body. Each with the props
 * files it imports: the central file's as ./central.ts follows them; a project's and a Directory.Build.props' only
 * when unconditioned (a plain relative path to a `.props` file, or GetPathOfFileAbove: aspire's nested
 * Directory.Build.props import their parent's), for the properties their versions name.
 */
function visibleProperties(
  file: string,
  base: string,
  project: ProjectFile,
  central: Central | undefined,
  context: DiscoverContext,
): Array<Map<string, string>> {
  if (base === PROPS || base === 'packages.config') return [project.properties]
  const own = evaluate(file, project, context, {conditioned: false}).properties
  const centralProperties = central ? [central.properties] : []
  if (base === BUILD_PROPS) return [...centralProperties, own]
  const build = nearestBuildProps(file, context)
  return [own, ...centralProperties, ...(build ? [build] : [])]
}

/** Each Directory.Build.props' properties (with its unconditioned imports'), by path, for the files of one scan. */
const buildProps = perScan(() => new Map<string, Map<string, string> | null>())

function nearestBuildProps(file: string, context: DiscoverContext): Map<string, string> | undefined {
  return nearest(file, BUILD_PROPS, buildProps(context), (candidate) => {
    const props = parsed(candidate, context)
    // Only the nearest is imported: one that is there but not well-formed gives nothing, and ends the search.
    if (props) return evaluate(candidate, props, context, {conditioned: false}).properties
    return context.readText(candidate) === null ? null : new Map<string, string>()
  })
}

/** The first file named `name` at or above `file` that `read` finds (null: none there), each read once a scan. */
function nearest<T>(file: string, name: string, cache: Map<string, T | null>, read: (path: string) => T | null) {
  for (const candidate of pathsAbove(file, name)) {
    let found = cache.get(candidate)
    if (found === undefined) {
      found = read(candidate)
      cache.set(candidate, found)
    }
    if (found) return found
  }
  return undefined
}

/** The imports not followed already told, by file, line and column, for the files of one scan. */
const toldImports = perScan(() => new Set<string>())

/** Each Directory.Packages.props read, by path (null: none there), for the files of one scan. */
const centralFiles = perScan(() => new Map<string, Central | null>())

/**
 * Central package management for a project: the nearest Directory.Packages.props at or above it (as MSBuild imports
 * it), when `ManagePackageVersionsCentrally` is true in the project or there, or in what it imports (the project's
 * own setting wins). When it is off, why: no such file, the project's setting, or the nearest file's (naming it, and
 * the first of its imports not followed).
 */
function management(file: string, project: ProjectFile, context: DiscoverContext): Management {
  const props = nearestProps(file, context)
  const own = project.properties.get(ENABLE)
  const enabled = own ?? props?.properties.get(ENABLE.toLowerCase())
  if (props && enabled?.toLowerCase() === 'true') return {on: props, props}
  if (!props) return {off: `no ${PROPS} at or above the file (central package management)`}
  if (own !== undefined)
    return {props, off: `the project sets ${ENABLE} to ${elide(own, 50)} (central package management off)`}
  if (enabled !== undefined)
    return {props, off: `the nearest ${PROPS} (${props.file}) sets ${ENABLE} to ${elide(enabled, 50)}, not true`}
  const first = props.unfollowed[0]
  return {
    props,
    off:
      `the nearest ${PROPS} (${props.file}) does not set ${ENABLE} to true` +
      (first ? `, and ${importNote(first)}` : ''),
  }
}

/** `its Import at file:line:column is not followed: why`. */
function importNote(unfollowed: Unfollowed): string {
  return `the Import at ${unfollowed.file}:${unfollowed.line}:${unfollowed.column} is not followed: ${unfollowed.reason}`
}

/**
 * The imports of a Directory.Packages.props not followed, as skips: those written in it, and in the files it
 * imports that are not read as files of their own (not another Directory.Packages.props or Directory.Build.props).
 */
function unfollowedImports(file: string, project: ProjectFile, context: DiscoverContext): Skipped[] {
  const seen = toldImports(context)
  return evaluate(file, project, context)
    .unfollowed.filter((unfollowed) => unfollowed.file === file || !discoverer.matches(unfollowed.file))
    .filter((unfollowed) => {
      // A file two props files import: its imports told once.
      const key = `${unfollowed.file}\u0000${unfollowed.line}\u0000${unfollowed.column}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .map((unfollowed) => ({
      file: unfollowed.file,
      line: unfollowed.line,
      reason: unfollowed.kind,
      message: `Import Project="${elide(unfollowed.project, 200)}" at ${unfollowed.file}:${unfollowed.line}:${unfollowed.column} is not followed: ${unfollowed.reason}; what it would give this file's versions is not read`,
    }))
}

const ENABLE = 'ManagePackageVersionsCentrally'

function nearestProps(file: string, context: DiscoverContext): Central | undefined {
  return nearest(file, PROPS, centralFiles(context), (candidate) => readCentral(candidate, context))
}

function readCentral(file: string, context: DiscoverContext): Central | null {
  const project = parsed(file, context)
  if (project === null) {
    if (context.readText(file) === null) return null
    // A props file that cannot be read is reported where it is discovered itself; here it gives no versions.
    return {file, versions: new Map(), properties: new Map(), unfollowed: []}
  }
  // Its PackageVersion items and those of the files it imports, in MSBuild's evaluation order.
  const evaluated = evaluate(file, project, context)
  const versions = new Map<string, CentralVersion[]>()
  for (const item of evaluated.items) applyPackageVersion(versions, item)
  return {file, versions, properties: evaluated.properties, unfollowed: evaluated.unfollowed}
}

/** A central version and the conditions under which it is the one (none: whatever the build). */
interface CentralVersion {
  version: string
  conditions: string[]
}

/**
 * One `PackageVersion` item applied to the versions read so far, in document order as MSBuild evaluates them.
 * Unconditioned: `Include` sets the version (a second one for the same id is NuGet's NU1506 duplicate; the later is
 * kept), `Update` sets the version of what is there, `Remove` drops it. Under a condition (not evaluated here): an
 * `Include` or an `Update` of something there adds a candidate version, a `Remove` changes nothing.
 */
function applyPackageVersion(versions: Map<string, CentralVersion[]>, item: PackageItem): void {
  const include = item.metadata.get('include')
  const update = item.metadata.get('update')
  const remove = item.metadata.get('remove')
  const version = item.metadata.get('version')
  const conditional = item.conditions.length > 0
  const candidate = (): CentralVersion[] => (version === undefined ? [] : [{version, conditions: item.conditions}])
  for (const id of splitIds(include ?? update ?? remove)) {
    const key = id.toLowerCase()
    const there = versions.get(key) ?? []
    if (include !== undefined) versions.set(key, conditional ? [...there, ...candidate()] : candidate())
    else if (update !== undefined && there.length > 0 && version !== undefined)
      versions.set(key, conditional ? [...there, ...candidate()] : candidate())
    else if (remove !== undefined && !conditional) versions.delete(key)
  }
}

/** The ids of an item spec (`A;B`), blank parts dropped; bounded. */
function splitIds(spec: string | undefined): string[] {
  if (spec === undefined) return []
  return spec
    .split(';', 1000)
    .map((id) => id.trim())
    .filter((id) => id !== '')
}

interface FoundVersion {
  /** The version as the files give it, properties expanded as far as they are defined. */
  text?: string
  /** Where it came from, for notes. */
  from: 'item' | 'central' | 'none'
}

/**
 * `VersionOverride`, else `Version`, else the central version (each candidate when conditions choose among several,
 * distinct ones once); `$(Property)` expanded from the project's properties, then the central file's (`visible`).
 */
function versionsOf(
  item: PackageItem,
  id: string,
  visible: Array<Map<string, string>>,
  central: Central | undefined,
): FoundVersion[] {
  const own = item.metadata.get('versionoverride') ?? item.metadata.get('version')
  if (own !== undefined && own !== '') return [{text: expand(own, ...visible), from: 'item'}]
  const candidates = (central?.versions.get(id.toLowerCase()) ?? [])
    .filter((managed) => managed.version !== '')
    .map((managed) => ({
      text: expand(managed.version, ...visible),
      conditioned: managed.conditions.length > 0,
    }))
  // A conditioned version naming a property not defined here (source-build's `Update` when `'$(XVersion)' != ''`)
  // is no candidate anyone can name: it adds nothing beside the others.
  const known = candidates.filter((candidate) => !(candidate.conditioned && candidate.text.includes('$(')))
  const texts = [...new Set((known.length > 0 ? known : candidates).map((candidate) => candidate.text))]
  return texts.length === 0 ? [{from: 'none'}] : texts.map((text) => ({text, from: 'central' as const}))
}

/** An exact version: `1.2.3`, or `[1.2.3]` (NuGet's exact match); undefined for a range or a floating version. */
function exactVersion(text: string): string | undefined {
  const bare = /^\[\s*([^,\]]+?)\s*\]$/.exec(text)?.[1] ?? text
  return EXACT.test(bare) ? bare : undefined
}

function versionNote(id: string, found: FoundVersion, managed: Management | undefined): string | undefined {
  if (found.text === undefined) {
    if (managed === undefined || 'off' in managed) return `${id}: no version, and ${managed?.off ?? 'none given here'}`
    const first = managed.on.unfollowed[0]
    return (
      `${id}: no version here, and none in the central ${managed.on.file}` + (first ? ` (${importNote(first)})` : '')
    )
  }
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
