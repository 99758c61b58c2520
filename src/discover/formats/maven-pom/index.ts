/**
 * Maven `pom.xml`: the declared dependencies (https://maven.apache.org/pom.html#Dependencies), with `${...}`
 * properties interpolated from the same file and from parents found in the tree, at `<relativePath>` with the
 * groupId, artifactId and version the `<parent>` names, as Maven's model builder takes them
 * (https://maven.apache.org/guides/introduction/introduction-to-the-pom.html#project-interpolation-and-variables).
 * Versions and scopes managed by `dependencyManagement` are applied as Maven does
 * (https://maven.apache.org/guides/introduction/introduction-to-dependency-mechanism.html#dependency-management):
 * from the file, its in-tree parents and the BOMs they import that are POMs of the same tree (a module of an
 * aggregator above the file, matched by groupId, artifactId and version). A parent or an imported BOM that is not
 * in the tree is reported (`missing-resource`), listed as a component itself, and the versions it may manage stay
 * unknown: those dependencies are listed without a version, never guessed, and reported (`unresolved-version`), as
 * is a dependency nothing gives a version. Maven's model builder is Java: this is a bounded re-reading of its rules.
 * What the POMs of one scan share is a function of the tree alone, so the order they are read in changes nothing.
 */
import {FileIds, FileSet} from './file-set.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {posix} from 'node:path'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {exactMavenVersion, isMavenMetaVersion, isVersionRange} from '../../lockfile-support/maven-version.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {type Pom, type PomDependency, readPom} from './pom.js'

export const discoverer: Discoverer = {
  id: 'maven-pom',
  description: 'Maven pom.xml: declared dependencies, properties and in-tree parents interpolated',
  matches(file) {
    return /(^|\/)pom\.xml$/.test(file) && !/(^|\/)target\//.test(file)
  },
  identify: (head) => /<project[\s>]/.test(head) && /<modelVersion>4\.0\.0<\/modelVersion>/.test(head),
  discover({file, text}, context) {
    return discoverPom(file, text, context)
  },
}

/** Parents are followed this far up the tree at most. */
const MAX_PARENTS = 8
const MAX_INTERPOLATION = 10
/** In-tree BOMs imported by in-tree BOMs: this deep at most. */
const MAX_BOM_DEPTH = 4
/** A BOM is looked for among the modules of the aggregators above a POM: this many POMs, this many levels down. */
const MAX_MODULE_POMS = 512
const MAX_MODULE_DEPTH = 3
const ID = /^[A-Za-z0-9_.-]{1,200}$/
/** A skip names this many of the parents and BOMs not in the tree a version may come from; the rest are counted. */
const MAX_UNSEEN_NAMED = 6
/**
 * Parents and BOMs not read kept per lineage, for its notes: past this many, a note says "more than". Each importer
 * merged the whole list of each BOM it imports: 500 in-tree BOMs importing one that imports 6,000 not in the tree,
 * and 1,000 modules, took 111 s for 1.35 MB of POMs (and 1.5 GB for 40,000 such imports).
 */
const MAX_UNSEEN_KEPT = 256
const NOT_IN_TREE = 'not in the tree'
const CYCLE = 'in the tree, an import cycle (which Maven refuses): not read'
const TOO_DEEP = `in the tree, past ${MAX_BOM_DEPTH} levels of BOM imports: not read`

/** What `dependencyManagement` says of one artifact. */
interface Managed {
  version?: string
  scope?: string
  /**
   * Taken from an in-tree BOM while a parent or an earlier-imported BOM is not in the tree: that one wins in Maven
   * (direct management over imports, the first import over later ones) and may manage the artifact too.
   */
  uncertain?: boolean
}

/** A parent or BOM not read, and why; `file`: the in-tree BOM (an import cycle, past MAX_BOM_DEPTH levels). */
interface Unseen {
  why: string
  /** How the note names it (long coordinates elided); the map's key is the whole name. */
  label: string
  file?: string
}

/**
 * A POM's lineage: its properties, its management, and the lineages of the in-tree BOMs it imports, shared (never
 * copied: a BOM is imported by many POMs, and BOMs importing one another would each hold the union of all). The
 * version managed for a key is looked up through them, the first in Maven's order winning (see managedLookup).
 */
interface Lineage {
  properties: Map<string, string>
  /**
   * Management key (`groupId:artifactId:type[:classifier]`) → version and scope, from the POM and its in-tree
   * parents (nearest POM first, field by field). Shared by the lineages of one file at every depth.
   */
  managed: Map<string, Managed>
  /**
   * The in-tree BOMs imported and read, in order; `uncertain`: a parent or BOM not read comes before it, and would
   * win over what it manages.
   */
  imports: Array<{lineage: Lineage; uncertain: boolean}>
  /**
   * Parents and BOMs not read (in order, once each), with why: they may manage versions or define properties. Not
   * in the tree (NOT_IN_TREE), or in the tree but not read (an import cycle, past MAX_BOM_DEPTH levels of BOMs).
   */
  unseen: Map<string, Unseen>
  /** More parents and BOMs not read than `unseen` keeps (MAX_UNSEEN_KEPT). */
  unseenMore: boolean
  /**
   * The BOMs the file itself imports that are not read (reported there; those not in the tree listed as
   * components). `cycle`: an in-tree BOM that imports the file back.
   */
  missingBoms: Array<{at: PomDependency; name: string; version?: string; cycle?: boolean}>
}

/** A POM's own part of its lineage, the same at any depth: its parents, properties and their management. */
interface OwnPart {
  chain: ParentChain['chain']
  properties: Map<string, string>
  missing?: ParentChain['missing']
  managed: Map<string, Managed>
  imports: PomDependency[]
}

/**
 * Parsed POMs and in-tree BOM lineages of one scan root, each read once (BOMs are imported by many modules). Each
 * entry is a function of the tree alone, never of which POM was read first: the files of a scan share these, in
 * any order, and every order gives the same output.
 */
interface TreeCache {
  poms: Map<string, Pom | null>
  /** An in-tree BOM candidate's own part (parents, properties, management), by file: one for every depth (ownOf). */
  owns: Map<string, OwnPart>
  /** An in-tree BOM's lineage the depth limit cut none of the imports of (the same at any depth its height fits in). */
  boms: Map<string, BomLineage>
  /** An in-tree BOM's lineage the depth limit cut, by `depth file` (the depth it is read at bounds what it follows). */
  cutBoms: Map<string, BomLineage>
  /** The modules found from a set of starting POMs (treeModules), by those starts. */
  modules: Map<string, Map<string, Array<{file: string; pom: Pom}>>>
  /** An in-tree BOM candidate's own version, interpolated with its own part's properties; null when it has none. */
  versions: Map<string, string | null>
  /**
   * Work done on managed entries: each one put in a Map and each step of a lookup. Bounded by the tree's size (and
   * a POM's dependencies times the lineages it reaches), not by importers times what they import.
   */
  work: number
  /** The POM files' numbers for the FileSets of lineages. */
  fileIds: FileIds
}
const caches = new WeakMap<DiscoverContext, TreeCache>()

/** The work done on managed entries in a scan (TreeCache.work): for tests that the lineages stay linear. */
export function managedWork(context: DiscoverContext): number {
  return caches.get(context)?.work ?? 0
}

function treeCache(context: DiscoverContext): TreeCache {
  let cache = caches.get(context)
  if (!cache) {
    cache = {
      poms: new Map(),
      owns: new Map(),
      boms: new Map(),
      cutBoms: new Map(),
      modules: new Map(),
      versions: new Map(),
      work: 0,
      fileIds: new FileIds(),
    }
    caches.set(context, cache)
  }
  return cache
}

function pomAt(file: string, context: DiscoverContext): Pom | null {
  const {poms} = treeCache(context)
  let pom = poms.get(file)
  if (pom === undefined) {
    // Not kept by the context: the parsed POM is kept here, and a tree may hold hundreds of large module POMs.
    const text = context.readText(file, {keep: false})
    const read = text === null ? undefined : readPom(text)
    pom = read?.ok ? read.pom : null
    poms.set(file, pom)
  }
  return pom
}

export function discoverPom(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readPom(text)
  if (!read.ok) return lockfileFailure(file, 'invalid-xml', read.message, read.line, read.column)
  const {pom} = read
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = []
  const own = ownPart(file, pom, context)
  const lineage = collectLineage(file, own, context, {components, skipped}, 0)
  const managedOf = managedLookup(lineage, pom.dependencies.length, context)
  const interpolate = (value: string | undefined) =>
    value === undefined ? undefined : expand(value, lineage.properties)
  for (const bom of lineage.missingBoms) {
    skipped.push({
      file,
      line: bom.at.line,
      reason: 'missing-resource',
      message: bom.cycle
        ? `imported BOM ${bom.name}:${elide(bom.version ?? '?', 80)} imports this POM back, an import cycle (which Maven refuses): it is not read, the versions it manages are unknown`
        : `imported BOM ${bom.name}:${elide(bom.version ?? '?', 80)} is not read: the versions it manages are unknown`,
    })
    if (!bom.cycle) components.push(component(file, bom.at, bom.name, bom.version, 'prod', {type: 'pom'}))
  }
  for (const dependency of pom.dependencies) {
    const found = coordinates(dependency, interpolate)
    const unset = found ? undefined : unsetCoordinate(dependency, interpolate, lineage.properties)
    if (unset) {
      skipped.push({
        file,
        line: dependency.line,
        reason: 'unset-variable',
        message: `dependency ${unset}${propertyParent(own)}; not listed`,
      })
      continue
    }
    if (
      !found &&
      inferring(pom) &&
      dependency.groupId === undefined &&
      ID.test(interpolate(dependency.artifactId) ?? '')
    ) {
      // Maven 4 fills in a 4.1.0 POM's dependency without a groupId from the project of the same build with that
      // artifactId (DefaultModelBuilder.inferDependencyGroupId; with no such project the build fails): a project of
      // this tree, not an upstream package.
      skipped.push({
        file,
        line: dependency.line,
        reason: 'unsupported',
        message: `dependency ${elide(interpolate(dependency.artifactId) ?? '', 80)} without a groupId: Maven 4 takes it from the project of the same build with that artifactId (POM ${elide(pom.modelVersion ?? '', 20)}), a project of this tree; not listed`,
      })
      continue
    }
    if (!found) {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          'dependency without a valid groupId and artifactId',
          dependency.line,
          dependency.column,
        ),
      )
      continue
    }
    const managed = managedOf(found.key)
    let written = found.version ?? managed?.version
    let version = written
    if (found.version === undefined && managed?.uncertain && version !== undefined) {
      // An in-tree BOM manages it, but a parent or an earlier BOM not in the tree would win if it manages it too.
      skipped.push({
        file,
        line: dependency.line,
        reason: 'unresolved-version',
        message: `${found.name}: version ${elide(version, 200)} from an in-tree BOM, unless a parent or BOM not read manages it first${unseenNote(lineage)}`,
      })
      version = undefined
      written = undefined
    } else {
      const note = versionNote(
        found.name,
        version,
        lineage.properties,
        unseenNote(lineage),
        (lineage.unseen.size > 0
          ? `${found.name}: no version here${unseenNote(lineage)}`
          : `${found.name}: no version, and no dependencyManagement here or in an in-tree parent or BOM gives one`) +
          // Maven 4 gives a 4.1.0 POM's dependency on a project of the same build that project's version
          // (DefaultModelBuilder.inferDependencyVersion): apache/maven's mng-8750 test projects.
          (inferring(pom)
            ? '; Maven 4 takes the version of a project of this build with these coordinates, if any'
            : ''),
      )
      if (note) skipped.push({file, line: dependency.line, reason: 'unresolved-version', message: note})
    }
    // A dependency without a scope takes the one dependencyManagement gives (the optional flag is not managed).
    const scope = nonEmpty(interpolate(dependency.scope)) ?? nonEmpty(managed?.scope)
    // A profile's dependency is there only when the profile is active: optional, as an optional dependency is.
    const optional = interpolate(dependency.optional) === 'true' || dependency.profile !== undefined
    components.push(
      component(
        file,
        dependency,
        found.name,
        exactVersion(version),
        scopeOf(scope, optional),
        found.qualifiers,
        written,
      ),
    )
  }
  buildComponents(file, pom, own, interpolate, {components, skipped, errors})
  repositoryNotes(file, pom, interpolate, skipped)
  return {components, skipped, errors}
}

/**
 * A repository other than Maven Central that the POM declares may serve any of its dependencies (or plugins): Maven
 * asks the declared repositories before Central, and which artifacts each one holds is not in the POM. Said once per
 * repository, as composer-json says of a repository beside Packagist: the artifacts stay listed as Central's, which is
 * what deps.dev is asked about. A repository a parent declares is said in the parent.
 */
function repositoryNotes(
  file: string,
  pom: Pom,
  interpolate: (value: string | undefined) => string | undefined,
  skipped: Skipped[],
): void {
  const seen = new Set<string>()
  for (const repository of pom.repositories) {
    const url = interpolate(repository.url) ?? repository.url
    if (isPublicRegistry('maven', url) || seen.has(url)) continue
    seen.add(url)
    const what = repository.plugins ? 'plugin repository' : 'repository'
    const served = repository.plugins ? 'plugin' : 'dependency'
    skipped.push({
      file,
      line: repository.line,
      reason: 'unsupported',
      message: url.includes('${')
        ? `Maven ${what} ${elide(url, 200)} is declared beside Maven Central, with a property this POM does not set: it may serve any ${served}, and which it serves is not told (they are listed as Maven Central's)`
        : `Maven ${what} ${elide(url, 200)} is declared beside Maven Central and may serve any ${served}: which it serves is not told (they are listed as Maven Central's)`,
    })
  }
}

/** The groupId of a plugin that names none (Maven's default, for its own plugins). */
const DEFAULT_PLUGIN_GROUP = 'org.apache.maven.plugins'

/**
 * The build's plugins (`build/plugins/plugin`), the dependencies they add to their own classpath, and the build's
 * extensions (`build/extensions/extension`): code Maven runs to build, listed as `dev` components, as Renovate's
 * maven manager reads them. A plugin without a version takes the one `build/pluginManagement` gives, in the file or
 * its in-tree parents (nearest first; BOMs manage no plugins). Without one either, Maven picks its own default for
 * the release that builds (and warns): the plugin is listed without a version, with an `unresolved-version` note.
 * dependencyManagement does not manage a plugin's dependencies. A profile's plugins are read as the build's are.
 */
function buildComponents(
  file: string,
  pom: Pom,
  own: OwnPart,
  interpolate: (value: string | undefined) => string | undefined,
  out: {components: Component[]; skipped: Skipped[]; errors: ScanError[]},
): void {
  const managed = new Map<string, string>()
  for (const member of own.chain)
    for (const plugin of member.pom.managedPlugins) {
      const found = coordinates({groupId: DEFAULT_PLUGIN_GROUP, ...plugin}, interpolate)
      if (found?.version !== undefined && !managed.has(found.name)) managed.set(found.name, found.version)
    }
  const parent = own.missing ? ` (it may come from parent ${own.missing.name}, ${NOT_IN_TREE})` : ''
  const entries = [
    ...pom.plugins.map((entry) => ({
      entry,
      what: 'plugin',
      found: coordinates({groupId: DEFAULT_PLUGIN_GROUP, ...entry}, interpolate),
    })),
    ...pom.extensions.map((entry) => ({entry, what: 'extension', found: coordinates(entry, interpolate)})),
    ...pom.pluginDependencies.map((entry) => ({
      entry,
      what: "plugin's dependency",
      found: coordinates(entry, interpolate),
    })),
  ]
  for (const {entry, what, found} of entries) {
    const unset = found
      ? undefined
      : unsetCoordinate(
          what === 'plugin' ? {groupId: DEFAULT_PLUGIN_GROUP, ...entry} : entry,
          interpolate,
          own.properties,
        )
    if (unset) {
      out.skipped.push({
        file,
        line: entry.line,
        reason: 'unset-variable',
        message: `build ${what} ${unset}${propertyParent(own)}; not listed`,
      })
      continue
    }
    if (!found) {
      out.errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `build ${what} without a valid groupId and artifactId`,
          entry.line,
          entry.column,
        ),
      )
      continue
    }
    const version = found.version ?? (what === 'plugin' ? managed.get(found.name) : undefined)
    const note = versionNote(
      found.name,
      version,
      own.properties,
      parent,
      what === 'plugin'
        ? `${found.name}: build plugin without a version here or in an in-tree parent's pluginManagement${parent}: Maven picks its own default for the release that builds`
        : `${found.name}: build ${what} without a version`,
    )
    if (note) out.skipped.push({file, line: entry.line, reason: 'unresolved-version', message: note})
    out.components.push(component(file, entry, found.name, exactVersion(version), 'dev', found.qualifiers, version))
  }
}

/** A version as written when it is one exact version: not a range, not a meta-version, no property left. */
function exactVersion(version: string | undefined): string | undefined {
  return isMavenMetaVersion(version) ? undefined : exactMavenVersion(version)
}

/**
 * Why a version is not listed as written, or undefined when it is: a property left (`unseen` says where it may be
 * defined), not an exact version (a range is listed without one, kept in ref, and needs no note), or none (`none`).
 */
function versionNote(
  name: string,
  version: string | undefined,
  properties: Map<string, string>,
  unseen: string,
  none: string,
): string | undefined {
  if (version === undefined) return none
  if (/\$\{/.test(version))
    return allDefined(version, properties)
      ? `${name}: version ${elide(version, 200)} expands past ${MAX_INTERPOLATION} rounds of properties or 4096 characters; not read`
      : `${name}: version ${elide(version, 200)} names a property that is not defined here${unseen}`
  if (isMavenMetaVersion(version))
    return `${name}: version ${version} is a meta-version that Maven resolves when it builds, from the repository's metadata (RELEASE: the newest release; LATEST: the newest version, snapshots too): listed without a version`
  // Not a range (listed without a version, the range in ref) and not exact: `1.0 beta`, `1.0;$(id)`, too long.
  if (!isVersionRange(version) && exactMavenVersion(version) === undefined)
    return `${name}: version ${elide(version, 200)} is not an exact version (only letters, digits and . _ + -, at most 128 characters): listed without a version`
  return undefined
}

/** A POM and its in-tree parents (nearest first), with the properties they define and the first parent not taken. */
interface ParentChain {
  chain: Array<{pom: Pom; file: string}>
  properties: Map<string, string>
  /** The first parent not in the tree: its name, and why the POM at its relativePath, if any, is not it. */
  missing?: {name: string; key: string; relative: string; other?: string}
}

/**
 * The in-tree parents of a POM, as Maven's model builder takes one from `<relativePath>` (default `../pom.xml`):
 * only when that POM's groupId, artifactId and version are the ones the `<parent>` names. A POM there of another
 * version is not the parent: Maven then reads the named one from the repository, so its properties and managed
 * versions are unknown here. Versions are compared as written (Maven 3 compares the raw text, which keeps the CI
 * friendly `${revision}` written on both sides matching), or else as both interpolate (a `${revision}` the child
 * or that POM defines). A version range is not matched: whether the POM's version is in it is not checked.
 */
function parentChain(file: string, pom: Pom, context: DiscoverContext): ParentChain {
  const chain: Array<{pom: Pom; file: string}> = [{pom, file}]
  let missing: ParentChain['missing']
  let current = pom
  let currentFile = file
  for (let depth = 0; depth < MAX_PARENTS && current.parent; depth++) {
    const parent = current.parent
    const relative = parent.relativePath ?? '../pom.xml'
    const name = `${elide(parent.groupId ?? '?', 80)}:${elide(parent.artifactId ?? '?', 80)}:${elide(parent.version ?? '?', 80)}`
    let found: Pom | undefined
    let other: string | undefined
    let parentFile = ''
    if (relative !== '') {
      parentFile = posix.normalize(
        posix.join(posix.dirname(currentFile), relative.endsWith('.xml') ? relative : `${relative}/pom.xml`),
      )
      const read = pomAt(parentFile, context)
      // A 4.1.0 POM may leave out any of the parent's coordinates (`<parent/>`): Maven 4 then takes the POM at
      // relativePath whatever it names there (DefaultModelBuilder.readParentLocally compares only those written).
      const inferred = inferring(current)
      if (
        read &&
        (read.artifactId === parent.artifactId || (inferred && parent.artifactId === undefined)) &&
        ((read.groupId ?? read.parent?.groupId) === parent.groupId || (inferred && parent.groupId === undefined))
      ) {
        const version = read.version ?? read.parent?.version
        if (sameVersion(parent.version, current, version, read)) found = read
        else other = `${elide(parentFile, 200)} is version ${elide(version ?? '?', 80)}`
      }
    }
    if (!found) {
      missing = {
        name,
        key: `${parent.groupId}:${parent.artifactId}:${parent.version}`,
        relative,
        ...(other ? {other} : {}),
      }
      break
    }
    chain.push({pom: found, file: parentFile})
    current = found
    currentFile = parentFile
  }
  // Nearest definition wins: walk from the farthest parent down, each POM overriding what it inherits.
  const properties = new Map<string, string>()
  for (const member of [...chain].reverse())
    for (const [key, value] of member.pom.properties) properties.set(key, value)
  // The parent's coordinates a 4.1.0 POM leaves out are those of the POM taken as its parent.
  const found = chain[1]?.pom
  const parentVersion = pom.parent?.version ?? (found && (found.version ?? found.parent?.version))
  const parentGroupId = pom.parent?.groupId ?? (found && (found.groupId ?? found.parent?.groupId))
  const version = pom.version ?? parentVersion
  const builtins: Record<string, string | undefined> = {
    'project.version': version,
    'pom.version': version,
    version,
    'project.groupId': pom.groupId ?? parentGroupId,
    'pom.groupId': pom.groupId ?? parentGroupId,
    'project.artifactId': pom.artifactId,
    'project.parent.version': parentVersion,
    'parent.version': parentVersion,
    'project.parent.groupId': parentGroupId,
  }
  for (const [key, value] of Object.entries(builtins))
    if (value !== undefined && !properties.has(key)) properties.set(key, value)
  return {chain, properties, ...(missing ? {missing} : {})}
}

/**
 * Whether Maven 4 infers what a POM leaves out (its parent's coordinates, a reactor dependency's groupId and
 * version): a POM of a model version after 4.0.0, as DefaultModelBuilder does for a model that is not 4.0.0
 * (https://maven.apache.org/ref/4-LATEST/maven-impl-modules/maven-impl/apidocs/, `transformFileToRaw`).
 */
function inferring(pom: Pom): boolean {
  return pom.modelVersion !== undefined && pom.modelVersion !== '4.0.0'
}

/**
 * Whether the version a `<parent>` names (`declared`, written in `child`) is the version of the POM found for it
 * (`own`, written in `candidate`): the same text, or the same exact version once each is interpolated (the child's
 * properties first, then the candidate's, which the child would inherit). One not written: Maven does not compare them.
 */
function sameVersion(declared: string | undefined, child: Pom, own: string | undefined, candidate: Pom): boolean {
  if (declared === undefined || own === undefined || declared === own) return true
  if (/^[[(]/.test(declared)) return false
  const properties = new Map(candidate.properties)
  for (const [key, value] of child.properties) properties.set(key, value)
  const left = expand(declared, properties)
  return exactMavenVersion(left) !== undefined && left === expand(own, new Map(candidate.properties))
}

/** An in-tree BOM's lineage and the in-tree BOM files it was made of (itself included), to tell an import cycle. */
interface BomLineage {
  lineage: Lineage
  reached: FileSet
  /** The levels of in-tree BOM imports read below it (0: none). */
  height: number
  /** Whether an import was left unread for the depth limit, here or below. */
  truncated: boolean
}

/**
 * A POM's own part of its lineage: its in-tree parents, their properties, and the management they give (nearest POM
 * first, field by field: Maven's inheritance assembly), entries interpolated with the POM's properties.
 */
function ownPart(file: string, pom: Pom, context: DiscoverContext): OwnPart {
  const {chain, properties, missing} = parentChain(file, pom, context)
  const interpolate = (value: string | undefined) => (value === undefined ? undefined : expand(value, properties))
  const cache = treeCache(context)
  const managed = new Map<string, Managed>()
  const imports: PomDependency[] = []
  for (const member of chain)
    for (const dependency of member.pom.managed) {
      if (dependency.scope === 'import' && dependency.type === 'pom') {
        imports.push(dependency)
        continue
      }
      const found = coordinates(dependency, interpolate)
      if (!found) continue
      const entry = managed.get(found.key) ?? {}
      entry.version ??= found.version
      entry.scope ??= nonEmpty(interpolate(dependency.scope))
      managed.set(found.key, entry)
      cache.work++
    }
  return {chain, properties, ...(missing ? {missing} : {}), managed, imports}
}

/**
 * Properties, managed versions and scopes of a POM, from itself, its in-tree parents and the in-tree BOMs they
 * import. `report` (the file being read) gets its own missing parent as a skip and a component; a BOM's lineage
 * is read with none. `bomDepth`: how deep in BOM imports this POM is (0: the file being read). What it gives is a
 * function of the file and the depth alone (cached so: see TreeCache), whatever was read before. The lineages of
 * the BOMs it imports are referred to, not copied.
 */
function collectLineage(
  file: string,
  own: OwnPart,
  context: DiscoverContext,
  report: {components: Component[]; skipped: Skipped[]} | undefined,
  bomDepth: number,
): Lineage & Omit<BomLineage, 'lineage'> {
  const {chain, properties, missing, managed} = own
  const pom = chain[0].pom
  const unseen = new Map<string, Unseen>()
  let unseenMore = false
  /** Notes a parent or BOM not read, once, while fewer than MAX_UNSEEN_KEPT are kept. */
  const noteUnseen = (key: string, entry: Unseen) => {
    if (unseen.has(key)) return
    if (unseen.size < MAX_UNSEEN_KEPT) unseen.set(key, entry)
    else unseenMore = true
  }
  if (missing) {
    noteUnseen(`parent ${missing.key}`, {why: NOT_IN_TREE, label: `parent ${missing.name}`})
    const parent = pom.parent
    if (report && parent && chain.length === 1) {
      const where = missing.other
        ? ` (${missing.other}: Maven takes the parent from the repository)`
        : missing.relative
          ? ` (relativePath ${elide(missing.relative, 200)})`
          : ''
      report.skipped.push({
        file,
        line: parent.line,
        reason: 'missing-resource',
        message: `parent ${missing.name} is not in the tree${where}: the properties and versions it defines are unknown`,
      })
      if (parent.groupId && parent.artifactId && ID.test(parent.groupId) && ID.test(parent.artifactId))
        report.components.push(
          component(
            file,
            {line: parent.line, column: parent.column},
            `${parent.groupId}:${parent.artifactId}`,
            exactVersion(parent.version),
            'prod',
            {type: 'pom'},
          ),
        )
    }
  }
  const interpolate = (value: string | undefined) => (value === undefined ? undefined : expand(value, properties))
  // Then the imported BOMs, in order: an artifact already managed keeps its entry (Maven's import).
  const imports: Lineage['imports'] = []
  const missingBoms: Lineage['missingBoms'] = []
  const fileIds = treeCache(context).fileIds
  const reached = new FileSet()
  reached.add(fileIds.idOf(file))
  let height = 0
  let truncated = false
  let modules: ReturnType<typeof treeModules> | undefined
  const direct = new Set<PomDependency>(pom.managed)
  // Each BOM once: importing the same one again changes nothing (the first import of an artifact wins).
  const imported = new Set<string>()
  for (const dependency of own.imports) {
    const bom = coordinates(dependency, interpolate)
    // Told apart by the whole coordinates (two long versions may differ only where a message elides them).
    const key = bom ? `${bom.name}:${bom.version}` : `${dependency.groupId}:${dependency.artifactId}`
    if (imported.has(key)) continue
    imported.add(key)
    const name = bom
      ? `${bom.name}:${elide(bom.version ?? '?', 80)}`
      : `${elide(dependency.groupId ?? '?', 80)}:${elide(dependency.artifactId ?? '?', 80)}`
    let inTree: BomLineage | undefined
    let why = NOT_IN_TREE
    let where: string | undefined
    if (bom?.version) {
      modules ??= treeModules(chain, file, context)
      const candidate = bomCandidate(bom.name, bom.version, modules, context)
      where = candidate?.file
      if (candidate && bomDepth >= MAX_BOM_DEPTH) {
        why = TOO_DEEP
        truncated = true
      } else if (candidate) {
        inTree = bomLineage(candidate, context, bomDepth + 1)
        // Read, even if cut below: what it gave (its reached POMs) depends on its depth as this lineage does.
        height = Math.max(height, inTree.height + 1)
        truncated ||= inTree.truncated
        // An import cycle (Maven refuses one): the BOM that leads back here is not read here.
        if (inTree.reached.has(fileIds.idOf(file))) {
          inTree = undefined
          why = CYCLE
        }
      }
    }
    if (!inTree) {
      noteUnseen(`BOM ${key}`, {
        why,
        label: `BOM ${name}`,
        ...(where !== undefined && why !== NOT_IN_TREE ? {file: where} : {}),
      })
      if (bom && report && direct.has(dependency))
        missingBoms.push({
          at: dependency,
          name: bom.name,
          version: bom.version,
          ...(why === CYCLE ? {cycle: true} : {}),
        })
      continue
    }
    // Anything not read so far (a parent, an earlier BOM) would win over this BOM's entries.
    imports.push({lineage: inTree.lineage, uncertain: unseen.size > 0})
    // What the BOM did not read of this file (the cycle it closes, cut there) this file reads: not unseen here.
    // Once full and past it, nothing merged can change the notes.
    if (!(unseenMore && unseen.size >= MAX_UNSEEN_KEPT))
      for (const [note, entry] of inTree.lineage.unseen) if (entry.file !== file) noteUnseen(note, entry)
    unseenMore ||= inTree.lineage.unseenMore
    reached.addAll(inTree.reached)
  }
  return {properties, managed, imports, unseen, unseenMore, missingBoms, reached, height, truncated}
}

/**
 * What dependencyManagement gives for a key in `lineage`, as Maven's import merges it: the POM's own (and its
 * parents') entry, else the first imported BOM's, each BOM's own entries before those of the BOMs it imports (the
 * first wins). The lineages are walked, not merged: once each (one reached twice gave nothing the first time), in
 * that order, the walk made once per POM. A POM with more dependencies than the entries it reaches merges them once.
 */
function managedLookup(
  lineage: Lineage,
  lookups: number,
  context: DiscoverContext,
): (key: string) => Managed | undefined {
  const cache = treeCache(context)
  const order: Array<{managed: Map<string, Managed>; uncertain: boolean}> = []
  const visited = new Set<Lineage>()
  let entries = 0
  // Bounded recursion: each level is one BOM deeper, MAX_BOM_DEPTH at most.
  const visit = (node: Lineage, uncertain: boolean) => {
    if (visited.has(node)) return
    visited.add(node)
    order.push({managed: node.managed, uncertain})
    entries += node.managed.size
    for (const next of node.imports) visit(next.lineage, uncertain || next.uncertain)
  }
  visit(lineage, false)
  cache.work += visited.size
  const mark = (entry: Managed, uncertain: boolean) =>
    uncertain && !entry.uncertain ? {...entry, uncertain: true} : entry
  if (lookups * order.length > entries) {
    const merged = new Map<string, Managed>()
    for (const {managed, uncertain} of order)
      for (const [key, entry] of managed)
        if (!merged.has(key)) {
          merged.set(key, mark(entry, uncertain))
          cache.work++
        }
    return (key) => merged.get(key)
  }
  return (key) => {
    for (const {managed, uncertain} of order) {
      cache.work++
      const entry = managed.get(key)
      if (entry) return mark(entry, uncertain)
    }
    return undefined
  }
}

/**
 * The POMs of the tree a BOM may be, by `groupId:artifactId`: the modules (and modules' modules, a few levels down)
 * of the POMs in `chain` and of the pom.xml in each folder above `file`, as a reactor build would have them. Read
 * once per POM that imports a BOM, at most MAX_MODULE_POMS POMs.
 */
function treeModules(
  chain: ReadonlyArray<{file: string}>,
  file: string,
  context: DiscoverContext,
): Map<string, Array<{file: string; pom: Pom}>> {
  const starts = chain.map((member) => member.file)
  for (let dir = posix.dirname(file), i = 0; i < MAX_PARENTS; i++) {
    starts.push(posix.join(dir, 'pom.xml'))
    const up = posix.dirname(dir)
    if (up === dir) break
    dir = up
  }
  // Many POMs of a tree share their starts (the same parents and folders): the search is made once for them.
  const {modules} = treeCache(context)
  const key = starts.join('\n')
  const known = modules.get(key)
  if (known) return known
  const byName = new Map<string, Array<{file: string; pom: Pom}>>()
  modules.set(key, byName)
  const seen = new Set<string>()
  let level: string[] = []
  for (const start of starts)
    if (!seen.has(start)) {
      seen.add(start)
      level.push(start)
    }
  for (let depth = 0; depth <= MAX_MODULE_DEPTH && level.length > 0; depth++) {
    const next: string[] = []
    for (const candidate of level) {
      const pom = pomAt(candidate, context)
      if (!pom) continue
      if (depth > 0) {
        const name = `${pom.groupId ?? pom.parent?.groupId}:${pom.artifactId}`
        const found = byName.get(name)
        if (found) found.push({file: candidate, pom})
        else byName.set(name, [{file: candidate, pom}])
      }
      for (const module of pom.modules) {
        if (seen.size >= MAX_MODULE_POMS) break
        const path = posix.normalize(
          posix.join(posix.dirname(candidate), module.endsWith('.xml') ? module : `${module}/pom.xml`),
        )
        if (!seen.has(path)) {
          seen.add(path)
          next.push(path)
        }
      }
    }
    level = next
  }
  return byName
}

/**
 * The POM of the tree that is the BOM `name`:`version`, if any: the first module of that name whose own version,
 * interpolated with its parents' properties, is `version`.
 */
function bomCandidate(
  name: string,
  version: string,
  modules: Map<string, Array<{file: string; pom: Pom}>>,
  context: DiscoverContext,
): {file: string; pom: Pom} | undefined {
  const {versions} = treeCache(context)
  for (const candidate of modules.get(name) ?? []) {
    // Its own version, interpolated once per candidate however many POMs import a BOM of its name.
    let own = versions.get(candidate.file)
    if (own === undefined) {
      const written = candidate.pom.version ?? candidate.pom.parent?.version
      own = written === undefined ? null : expand(written, ownOf(candidate, context).properties)
      versions.set(candidate.file, own)
    }
    if (own === version) return candidate
  }
  return undefined
}

/**
 * An in-tree BOM candidate's own part (parents, properties, management): the same at every depth it is read at, and
 * what its own version is interpolated with, so made once for both.
 */
function ownOf(candidate: {file: string; pom: Pom}, context: DiscoverContext): OwnPart {
  const {owns} = treeCache(context)
  let own = owns.get(candidate.file)
  if (!own) {
    own = ownPart(candidate.file, candidate.pom, context)
    owns.set(candidate.file, own)
  }
  return own
}

/**
 * An in-tree BOM's lineage read at `bomDepth`: once per BOM and depth, whoever imports it. A lineage the depth limit
 * cut nothing of is the same at every depth its height fits in (the same imports read, the same cycles cut): it is
 * read once for all of them, which a tree without long chains of BOMs always is.
 */
function bomLineage(candidate: {file: string; pom: Pom}, context: DiscoverContext, bomDepth: number): BomLineage {
  const {boms, cutBoms} = treeCache(context)
  const whole = boms.get(candidate.file)
  if (whole && bomDepth + whole.height <= MAX_BOM_DEPTH) return whole
  const key = `${bomDepth} ${candidate.file}`
  const known = cutBoms.get(key)
  if (known) return known
  // Bounded recursion: each level is one BOM deeper, and a BOM MAX_BOM_DEPTH deep follows no import.
  const {reached, height, truncated, ...lineage} = collectLineage(
    candidate.file,
    ownOf(candidate, context),
    context,
    undefined,
    bomDepth,
  )
  const read = {lineage, reached, height, truncated}
  if (truncated) cutBoms.set(key, read)
  else boms.set(candidate.file, read)
  return read
}

/**
 * groupId:artifactId, the version as written (interpolated), the management key Maven matches managed entries by
 * (`groupId:artifactId:type[:classifier]`, type `jar` unless said), and the purl qualifiers of the maven type
 * (https://github.com/package-url/purl-spec: `classifier`, and `type` when not `jar`). A classifier or type left
 * with an undefined property (`${os.detected.classifier}`, set by a build extension) is not put in the purl.
 */
function coordinates(
  dependency: PomDependency,
  interpolate: (value: string | undefined) => string | undefined,
): {name: string; version?: string; key: string; qualifiers?: Record<string, string>} | undefined {
  const groupId = interpolate(dependency.groupId)
  const artifactId = interpolate(dependency.artifactId)
  if (!groupId || !artifactId || !ID.test(groupId) || !ID.test(artifactId)) return undefined
  const version = interpolate(dependency.version)
  const type = nonEmpty(interpolate(dependency.type)) ?? 'jar'
  const classifier = nonEmpty(interpolate(dependency.classifier))
  const name = `${groupId}:${artifactId}`
  const qualifiers: Record<string, string> = {}
  if (classifier !== undefined && ID.test(classifier)) qualifiers.classifier = classifier
  if (type !== 'jar' && ID.test(type)) qualifiers.type = type
  return {
    name,
    ...(version ? {version} : {}),
    key: `${name}:${type}${classifier === undefined ? '' : `:${classifier}`}`,
    ...(Object.keys(qualifiers).length > 0 ? {qualifiers} : {}),
  }
}

/**
 * A groupId or artifactId that names a property no POM read here defines (`${rookit.group}`, set in a parent not in
 * the tree, or on the command line with `-D`): `GROUP:ARTIFACT: groupId ${x} names a property that is not defined
 * here`, as written; undefined when both are defined (then a bad id is an error). Maven interpolates the model
 * before it validates the ids, so the id is unknown here, as a version in the same case is.
 */
function unsetCoordinate(
  entry: PomDependency,
  interpolate: (value: string | undefined) => string | undefined,
  properties: Map<string, string>,
): string | undefined {
  const groupId = interpolate(entry.groupId)
  const artifactId = interpolate(entry.artifactId)
  const fields = [
    ['groupId', entry.groupId, groupId],
    ['artifactId', entry.artifactId, artifactId],
  ]
  const coordinates = `${elide(groupId ?? '?', 200)}:${elide(artifactId ?? '?', 200)}`
  const field = fields.find(([, , value]) => value?.includes('${') && !allDefined(value, properties))
  if (field !== undefined)
    return `${coordinates}: ${field[0]} ${elide(field[1] ?? '', 200)} names a property that is not defined here`
  // `@project.groupId@`: a POM written as a template, filled in before Maven reads it (resource filtering's and
  // maven-invoker-plugin's delimiter), as a `${…}` the tree does not define is: skipped the same way, never an error.
  const placeholder = fields.find(([, , value]) => value !== undefined && FILTER_PLACEHOLDER.test(value))
  if (placeholder !== undefined)
    return `${coordinates}: ${placeholder[0]} ${elide(placeholder[1] ?? '', 200)} is a placeholder filled in before Maven reads the file (resource filtering, maven-invoker-plugin)`
  return undefined
}

/** A value that is one `@name@` placeholder (maven-resources-plugin's and maven-invoker-plugin's default delimiter). */
const FILTER_PLACEHOLDER = /^@[\w.-]{1,200}@$/

/** Where an undefined property may be set: the first parent not in the tree, when there is one. */
function propertyParent(own: OwnPart): string {
  return own.missing ? ` (it may come from parent ${own.missing.name}, ${NOT_IN_TREE})` : ''
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

/** A property reference, `${name}` (global: `replace` and `matchAll` start each search afresh). */
const PROPERTY = /\$\{([^}]{1,200})\}/g

/** `${name}` replaced from the properties, repeatedly (properties may use properties); unknown ones stay. */
function expand(value: string, properties: Map<string, string>): string {
  let current = value
  for (let i = 0; i < MAX_INTERPOLATION && current.includes('${'); i++) {
    const next = current.replace(PROPERTY, (whole, name: string) => properties.get(name) ?? whole)
    if (next === current) break
    current = next.length > 4096 ? current : next
  }
  return current
}

/** Every `${name}` left in `value` names a defined property: what stopped its expansion was the limit. */
function allDefined(value: string, properties: Map<string, string>): boolean {
  for (const [, name] of value.matchAll(PROPERTY)) if (!properties.has(name)) return false
  return true
}

/**
 * `test`, and Maven 4's `test-only` (test compile only) and `test-runtime` (test runtime only)
 * (https://maven.apache.org/ref/4-LATEST/api/maven-api-core/apidocs/org/apache/maven/api/DependencyScope.html):
 * `dev`. Maven 4's `compile-only` is compiled against, shipped by whoever runs it: `prod`, as `provided` is.
 */
function scopeOf(scope: string | undefined, optional: boolean): Scope {
  if (scope === 'test' || scope === 'test-only' || scope === 'test-runtime') return 'dev'
  return optional ? 'optional' : 'prod'
}

/** What a version may come from, not in the tree: the first few named, the rest counted. */
function unseenNote(lineage: Lineage): string {
  const {unseen} = lineage
  if (unseen.size === 0) return ''
  // The names by why they were not read, in the order each why first comes.
  const groups = new Map<string, string[]>()
  let count = 0
  for (const {why, label} of unseen.values()) {
    if (count++ === MAX_UNSEEN_NAMED) break
    const group = groups.get(why)
    if (group) group.push(label)
    else groups.set(why, [label])
  }
  const more =
    unseen.size > MAX_UNSEEN_NAMED || lineage.unseenMore
      ? ` and ${lineage.unseenMore ? 'more than ' : ''}${Math.max(0, unseen.size - MAX_UNSEEN_NAMED)} more`
      : ''
  if (groups.size === 1) {
    const [[why, names]] = groups
    return ` (it may come from ${names.join(', ')}${more}, ${why})`
  }
  const named = [...groups].map(([why, names]) => `${names.join(', ')}, ${why}`).join('; ')
  return ` (it may come from ${named}${more ? `;${more}` : ''})`
}

function component(
  file: string,
  at: {line: number; column: number},
  name: string,
  version: string | undefined,
  scope: Scope,
  qualifiers?: Record<string, string>,
  written = version,
): Component {
  return manifestComponent(file, {
    ecosystem: 'maven',
    name,
    version,
    ref: written ? `${name}:${written}` : name,
    line: at.line,
    column: at.column,
    scope,
    direct: true,
    ...(qualifiers ? {qualifiers} : {}),
  })
}
