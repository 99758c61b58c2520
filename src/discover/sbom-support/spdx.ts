/**
 * SPDX 2.2 / 2.3 packages (https://spdx.github.io/spdx-spec/v2.3/package-information/), read from JSON or
 * tag-value into one shape, and from there into Components. Shared by the spdx-json and spdx-tag-value formats.
 * - purl: the `externalRefs` entry of type `purl` (category PACKAGE-MANAGER); CPE: `cpe23Type`/`cpe22Type`.
 * - Stated repository, first that names one: a `pkg:github` purl; an external reference of type `vcs`; the
 *   `downloadLocation` when it is an SPDX VCS locator (`git+https://host/o/r.git@v1`, any git host) or a forge's
 *   source archive (`/archive/`, `/releases/download/`) on a known forge, never another URL (generators write
 *   registry indexes there: `https://github.com/rust-lang/crates.io-index` is not hyper's repository); the
 *   `homepage` on a known forge. NONE and NOASSERTION say nothing.
 * - The packages the document DESCRIBES (`documentDescribes`, `DESCRIBES`, `DESCRIBED_BY`) are its subject:
 *   listed as local, never resolved. `direct`: what the subject depends on as its relationships state (directIds);
 *   Trivy's grouping packages (a lockfile's, the OS's) are left out, what the subject reaches through them direct;
 *   in Trivy's documents (their creators), what the subject CONTAINS is direct too. The scanned project's own
 *   package Trivy lists under a lockfile's package (its root: a go.mod's main module, a pom.xml's artifact, a
 *   Cargo.toml's crate, ..., projectRoots) is listed as local, as the subject is, and what it depends on is direct.
 *   In a document GitHub's dependency graph wrote, which relates the repository to every package it
 *   holds, `direct` comes from the packages' own edges, when there are any (dependencyGraphDirect).
 * - Scope from relationships (SPDX 2.3 §11.1): a package something needs at run time (`DEPENDS_ON` target,
 *   `DEPENDENCY_OF`, `RUNTIME_DEPENDENCY_OF`, `CONTAINS` or link target) is prod; otherwise one that is only an
 *   `OPTIONAL_DEPENDENCY_OF`/`OPTIONAL_COMPONENT_OF` is optional; otherwise one that is only a development,
 *   build or test dependency or tool (`DEV_DEPENDENCY_OF`, `BUILD_TOOL_OF`, `TEST_DEPENDENCY_OF`...) is dev;
 *   a package no relationship qualifies is prod. Relationships to other documents (`DocumentRef-…:`) are ignored.
 * - A package whose `primaryPackagePurpose` says it is no software (NOT_SOFTWARE) is left out unless it carries a
 *   purl, as CycloneDX's component types that are not software are (./cyclonedx.ts): Syft's subject of a scanned
 *   file or directory (`SPDXRef-DocumentRoot-File-go.mod`, `…-Directory-…`, purpose FILE, the file's digest as its
 *   version), which its CycloneDX of the same scan writes as a `file` component.
 */
import type {Component, Location, ScanError, Scope, Skipped} from '../../core/model.js'
import {isUnversionedGoPurl, namelessSubject, sbomComponent} from './component.js'
import {purlRepository, type StatedCandidate, statedRepository} from './stated.js'
import {mayHoldRoot, trivyRoots} from './trivy-roots.js'

export interface SpdxPackage {
  id?: string
  name?: string
  version?: string
  downloadLocation?: string
  homepage?: string
  /** externalRefs as [category, type, locator]. */
  refs: Array<[string, string, string]>
  /** The comments of its annotations (Trivy writes its properties there: `Type: gomod`). */
  annotations?: string[]
  /** `primaryPackagePurpose` (`PrimaryPackagePurpose:`), SPDX 2.3 §7.24: FILE, DEVICE... are no software (NOT_SOFTWARE). */
  purpose?: string
  position: {line: number; column: number}
}

/** [element, relationship type, related element]. */
export type SpdxRelationship = [string, string, string]

export interface SpdxOutput {
  components: Component[]
  errors: ScanError[]
  skipped: Skipped[]
}

/** `SPDX-2.2`, `SPDX-2.3` (2.0 and 2.1 share the package model and are read too). */
export const SPDX2_VERSIONS = /^SPDX-2\.[0-3]$/

const RUNTIME_ELEMENT = new Set([
  'DEPENDENCY_OF',
  'RUNTIME_DEPENDENCY_OF',
  'PROVIDED_DEPENDENCY_OF',
  'CONTAINED_BY',
  'PACKAGE_OF',
])
/** `A DEPENDS_ON B`, `A CONTAINS B`, `A DYNAMIC_LINK B` (A links B): B is needed at run time. */
const RUNTIME_TARGET = new Set(['DEPENDS_ON', 'CONTAINS', 'STATIC_LINK', 'DYNAMIC_LINK'])
/**
 * Purposes (SPDX 2.3 §7.24) of what is no software package, the CycloneDX types left out for the same reason
 * (./cyclonedx.ts NOT_SOFTWARE: `file`, `device`, `firmware`, `operating-system`).
 */
const NOT_SOFTWARE = new Set(['FILE', 'DEVICE', 'FIRMWARE', 'OPERATING-SYSTEM'])
const OPTIONAL_ELEMENT = new Set(['OPTIONAL_DEPENDENCY_OF', 'OPTIONAL_COMPONENT_OF'])
const DEV_ELEMENT = new Set([
  'DEV_DEPENDENCY_OF',
  'TEST_DEPENDENCY_OF',
  'BUILD_DEPENDENCY_OF',
  'DEV_TOOL_OF',
  'BUILD_TOOL_OF',
  'TEST_TOOL_OF',
  'TEST_OF',
])

export function spdxComponents(
  file: string,
  packages: SpdxPackage[],
  relationships: SpdxRelationship[],
  describes: string[],
  /** The document's `name` (`DocumentName:`): which package is the subject when nothing says it (below). */
  documentName?: string,
  /** `creationInfo.creators` (`Creator:` lines): `Tool: trivy-0.56.1` says how Trivy's CONTAINS is meant (directIds). */
  creators: readonly string[] = [],
): SpdxOutput {
  const out: SpdxOutput = {components: [], errors: [], skipped: []}
  const grouping = new Set(packages.filter(isGrouping).map((pkg) => pkg.id as string))
  const subjects = new Set(describes)
  const runtime = new Set<string>()
  const optional = new Set<string>()
  const dev = new Set<string>()
  for (const [element, type, related] of relationships) {
    const kind = type.toUpperCase()
    if (kind === 'DESCRIBES' && element === 'SPDXRef-DOCUMENT') subjects.add(related)
    else if (kind === 'DESCRIBED_BY' && related === 'SPDXRef-DOCUMENT') subjects.add(element)
    else if (RUNTIME_ELEMENT.has(kind)) runtime.add(element)
    else if (RUNTIME_TARGET.has(kind)) runtime.add(related)
    else if (OPTIONAL_ELEMENT.has(kind)) optional.add(element)
    else if (DEV_ELEMENT.has(kind)) dev.add(element)
  }
  // A document that DESCRIBES nothing, though the specification asks it to (FreeRTOS's and pub.dev's `sbom.spdx`
  // files: one package, named as the document): the package named as the document is the one it is about, the
  // project itself, not its dependency.
  if (subjects.size === 0 && documentName !== undefined) {
    const named = packages.filter((pkg) => pkg.id !== undefined && pkg.name === documentName)
    if (named.length === 1) subjects.add(named[0].id as string)
  }
  // The subject is never a grouping node: Trivy names it after its type too, `SPDXRef-Application-…` when the SBOM it
  // converts (`trivy sbom bom.cdx.json --format spdx-json`) had an application without a purl as its subject.
  for (const id of subjects) grouping.delete(id)
  // An image's SBOM (Trivy's subject `SPDXRef-ContainerImage-…`, purpose CONTAINER): its applications are no roots.
  const image = packages.some(
    (pkg) =>
      pkg.id !== undefined &&
      subjects.has(pkg.id) &&
      (pkg.purpose?.trim().toUpperCase() === 'CONTAINER' || pkg.id.startsWith('SPDXRef-ContainerImage-')),
  )
  const main = projectRoots(packages, relationships, grouping, image)
  const github = creators.some(isGitHubDependencyGraph)
  const direct = github
    ? dependencyGraphDirect(packages, relationships, subjects)
    : directIds(relationships, subjects, grouping, creators.some(isTrivy), main)
  /** Whether the subject depends on a package directly; undefined when the document does not say. */
  const directOf = (id: string | undefined): boolean | undefined => {
    if (direct === undefined) return undefined
    if (direct instanceof Map) return id === undefined ? undefined : direct.get(id)
    return id !== undefined && direct.has(id)
  }
  const scopeOf = (id: string | undefined): Scope => {
    if (id === undefined || runtime.has(id)) return 'prod'
    if (optional.has(id)) return 'optional'
    return dev.has(id) ? 'dev' : 'prod'
  }
  for (const pkg of packages) {
    if (pkg.id !== undefined && grouping.has(pkg.id)) continue
    const location: Location = {file, ...pkg.position}
    const written = pkg.refs.find(([, type]) => type.toLowerCase() === 'purl')?.[2]
    const version = pkg.version && !/^(NOASSERTION|NONE)$/.test(pkg.version) ? pkg.version : undefined
    const named = !written && github && pkg.name ? dependencyGraphPurl(pkg.name, version) : undefined
    const purl = written ?? named
    const cpe = pkg.refs.find(([, type]) => /^cpe2[23]type$/i.test(type))?.[2]
    if (!purl && pkg.purpose !== undefined && NOT_SOFTWARE.has(pkg.purpose.trim().toUpperCase())) continue
    if (!pkg.name && !purl) {
      // The subject of a tool that did not know what it scanned (Syft's `SPDXRef-DocumentRoot-Unknown-`, name ""): no
      // package to list, and the SBOM's packages are read all the same. Any other such package is an error.
      if (pkg.id !== undefined && subjects.has(pkg.id)) out.skipped.push(namelessSubject(location))
      else out.errors.push({...location, code: 'invalid-entry', message: 'package without a name or purl'})
      continue
    }
    const candidates: StatedCandidate[] = []
    const fromPurl = purlRepository(purl)
    if (fromPurl) candidates.push(fromPurl)
    for (const [, type, locator] of pkg.refs)
      if (type.toLowerCase() === 'vcs') candidates.push({url: locator, field: 'externalRefs[vcs]', vcs: true})
    const download = downloadCandidate(pkg.downloadLocation)
    if (download) candidates.push(download)
    candidates.push({url: pkg.homepage, field: 'homepage', vcs: false})
    const subject = pkg.id !== undefined && subjects.has(pkg.id)
    const isDirect = subject ? undefined : directOf(pkg.id)
    const built = sbomComponent({
      name: pkg.name ?? '',
      ...(version ? {version} : {}),
      ...(purl ? {purl} : {}),
      ...(cpe ? {cpe} : {}),
      scope: scopeOf(pkg.id),
      ...(isDirect !== undefined ? {direct: isDirect} : {}),
      subject,
      statedRepository: statedRepository(candidates),
      location,
    })
    if (!built.ok) out.errors.push({...built.error, file})
    else {
      // The project itself, not its dependency: local, without `direct` or a scope, as the subject.
      if (pkg.id !== undefined && main.has(pkg.id)) {
        built.component.local = true
        delete built.component.direct
        delete built.component.scope
      }
      // The purl is ours, made from the name GitHub wrote: `ref` keeps what the document says.
      if (named && pkg.name) built.component.ref = version ? `${pkg.name}@${version}` : pkg.name
      out.components.push(built.component)
      if (built.skipped) out.skipped.push(built.skipped)
    }
  }
  return out
}

/**
 * A package Trivy puts between the subject and the packages it found (aquasecurity/trivy pkg/sbom/spdx): one per
 * lockfile or binary (`SPDXRef-Application-…`, named after the file) and one for the operating system's packages
 * (`SPDXRef-OperatingSystem-…`), with no purl. It is no package: left out, and what the subject reaches through it
 * is the subject's own (directIds), as in Trivy's CycloneDX.
 */
function isGrouping(pkg: SpdxPackage): boolean {
  return (
    pkg.id !== undefined &&
    /^SPDXRef-(?:Application|OperatingSystem)-/.test(pkg.id) &&
    !pkg.refs.some(([, type]) => type.toLowerCase() === 'purl')
  )
}

/**
 * The scanned projects' own packages, by their ids, which Trivy lists under the packages of the lockfiles it read
 * (`Application CONTAINS root`, pkg/sbom/spdx/marshal.go), their direct dependencies under them (`DEPENDS_ON`):
 * ./trivy-roots.ts says which lockfile types (the grouping package's `Type: …` annotation, Trivy's properties as
 * annotation comments) get one and how it is told. A go.mod's main module is a Go package without a version (no
 * `versionInfo`, a `pkg:golang` purl without one).
 */
function projectRoots(
  packages: readonly SpdxPackage[],
  relationships: readonly SpdxRelationship[],
  grouping: ReadonlySet<string>,
  image: boolean,
): ReadonlySet<string> {
  const types = new Map<string, string | undefined>()
  const unversioned = new Set<string>()
  for (const pkg of packages) {
    if (pkg.id === undefined) continue
    if (grouping.has(pkg.id)) {
      const type = pkg.annotations?.map((comment) => /^Type:\s*(\S+)$/.exec(comment.trim())?.[1]).find(Boolean)
      if (mayHoldRoot(type)) types.set(pkg.id, type)
    }
    const purl = pkg.refs.find(([, type]) => type.toLowerCase() === 'purl')?.[2]
    if ((!pkg.version || /^(NOASSERTION|NONE)$/.test(pkg.version)) && purl && isUnversionedGoPurl(purl))
      unversioned.add(pkg.id)
  }
  const found = new Set<string>()
  if (types.size === 0) return found
  const children = new Map<string, string[]>()
  const dependent = new Set<string>()
  for (const [element, type, related] of relationships) {
    const kind = type.toUpperCase()
    if (types.has(element) && (kind === 'CONTAINS' || kind === 'DEPENDS_ON') && !grouping.has(related)) {
      const list = children.get(element)
      if (list) list.push(related)
      else children.set(element, [related])
    }
    if (kind === 'DEPENDS_ON') dependent.add(element)
    else if (DEPENDENCY_OF.test(kind)) dependent.add(related)
  }
  for (const [group, type] of types) {
    const roots = trivyRoots({
      type,
      image,
      children: children.get(group) ?? [],
      unversionedGo: (id) => unversioned.has(id),
      dependsOnAny: (id) => dependent.has(id),
    })
    for (const id of roots) found.add(id)
  }
  return found
}

/**
 * A creator that is Trivy: `Tool: trivy-<version>` (aquasecurity/trivy pkg/sbom/spdx/marshal.go: CreatorTool `trivy`,
 * written `trivy-` and the version).
 */
function isTrivy(creator: string): boolean {
  return /^Tool:\s*trivy(?:-|$)/i.test(creator.trim())
}

/**
 * A creator that is GitHub's dependency graph (its SBOM export and `GET /repos/O/R/dependency-graph/sbom`:
 * `Tool: GitHub.com-Dependency-Graph`, also after protobom's creator).
 */
function isGitHubDependencyGraph(creator: string): boolean {
  return /^Tool:\s*GitHub\.com-Dependency-Graph\s*$/i.test(creator.trim())
}

/**
 * The purl types of the ecosystems GitHub's dependency graph prefixes its package names with (`pip:certifi`,
 * `maven:org.slf4j:slf4j-api`), as its own purls in the same documents pair them (`pip:httpbin` with
 * `pkg:pypi/httpbin@0.10.0`, `rubygems:ast` with `pkg:gem/ast@2.4.2`, `actions:github/codeql-action/analyze` with
 * `pkg:githubactions/github/codeql-action/analyze@…`). Only the prefixes seen paired so.
 */
const DEPENDENCY_GRAPH_TYPES: Readonly<Record<string, string>> = {
  actions: 'githubactions',
  composer: 'composer',
  go: 'golang',
  maven: 'maven',
  npm: 'npm',
  pip: 'pypi',
  rubygems: 'gem',
}

/**
 * The purl of a package GitHub's dependency graph wrote without one: exports of 2023 leave out the `externalRefs` of
 * the packages whose version it could not resolve (`"name": "pip:certifi", "versionInfo": ">= 2017.4.17"`, and
 * `""`), which were listed as generic packages named `pip:certifi`. Made from the name's ecosystem prefix and the rest
 * (Maven's `group:artifact` as namespace and name) and the version (a range, as GitHub writes in its own purls too,
 * is none: component.ts leaves it out); undefined for a prefix not known or a name that does not fit it.
 */
function dependencyGraphPurl(name: string, version: string | undefined): string | undefined {
  const colon = name.indexOf(':')
  if (colon <= 0) return undefined
  const type = DEPENDENCY_GRAPH_TYPES[name.slice(0, colon)]
  const rest = name.slice(colon + 1).trim()
  if (type === undefined || rest === '' || rest.length > 512) return undefined
  const segments = type === 'maven' ? rest.split(':') : rest.split('/')
  if (type === 'maven' && segments.length !== 2) return undefined
  if (segments.some((segment) => segment.trim() === '' || segment.includes(':'))) return undefined
  const path = segments.map((segment) => encodeURIComponent(segment)).join('/')
  return `pkg:${type}/${path}${version ? `@${encodeURIComponent(version.trim())}` : ''}`
}

/**
 * `direct` in a document GitHub's dependency graph wrote, by package id (a package not in the map: not said). Its
 * exports relate the repository's package to every package the graph holds (`R DEPENDS_ON X` for each, a
 * Gemfile.lock's transitive gems as well: safedep/vet's fixture of google/osv-scanner, 162 packages, 162 such edges
 * and no other), so the repository's edges alone say which packages are in the graph, not which are direct:
 * - no package depends on another: nothing is said of `direct` (whatever the repository relates);
 * - the repository relates every package another depends on (its edges are not a choice of the direct ones): one
 *   it relates that no other depends on is direct (a root of the graph); the others are not said (a gem the Gemfile
 *   names may be another's dependency as well);
 * - it leaves out a package another depends on (its edges are the direct ones): those it relates are direct, one
 *   another depends on is not, and one no relationship names is not said.
 */
function dependencyGraphDirect(
  packages: readonly SpdxPackage[],
  relationships: readonly SpdxRelationship[],
  subjects: ReadonlySet<string>,
): ReadonlyMap<string, boolean> | undefined {
  const named = new Set<string>()
  const dependedOn = new Set<string>()
  for (const [element, type, related] of relationships) {
    if (type.toUpperCase() !== 'DEPENDS_ON' || subjects.has(related)) continue
    if (subjects.has(element)) named.add(related)
    else dependedOn.add(related)
  }
  if (dependedOn.size === 0) return undefined
  const chosen = [...dependedOn].some((id) => !named.has(id))
  const direct = new Map<string, boolean>()
  for (const pkg of packages) {
    const id = pkg.id
    if (id === undefined || subjects.has(id)) continue
    if (!chosen) {
      if (named.has(id) && !dependedOn.has(id)) direct.set(id, true)
    } else if (named.has(id)) direct.set(id, true)
    else if (dependedOn.has(id)) direct.set(id, false)
  }
  return direct
}

/** `X DEPENDENCY_OF S`, `X DEV_DEPENDENCY_OF S`...: X is a dependency of S (SPDX 2.3 §11.1). */
const DEPENDENCY_OF = /^(?:[A-Z]+_)?DEPENDENCY_OF$/

/**
 * The packages the subject depends on directly, as the relationships state it (`S DEPENDS_ON X`, `X DEPENDENCY_OF S`
 * and its dev, build, test, optional, runtime and provided kinds), through a grouping node it contains or depends on
 * too (what that node depends on or contains); undefined when the subject states none (then nothing is said of
 * `direct`, as for a CycloneDX BOM whose subject has no `dependencies` entry). In a document Trivy wrote (`trivy`),
 * the subject's own `CONTAINS` is such an edge too.
 */
function directIds(
  relationships: readonly SpdxRelationship[],
  subjects: ReadonlySet<string>,
  grouping: ReadonlySet<string>,
  trivy: boolean,
  /** projectRoots: what the subject reaches through one is direct too. */
  main: ReadonlySet<string> = new Set(),
): ReadonlySet<string> | undefined {
  const dependsOn = new Map<string, string[]>()
  const add = (from: string, to: string) => {
    const list = dependsOn.get(from)
    if (list) list.push(to)
    else dependsOn.set(from, [to])
  }
  const reached = new Set<string>()
  for (const [element, type, related] of relationships) {
    const kind = type.toUpperCase()
    if (kind === 'DEPENDS_ON') add(element, related)
    else if (DEPENDENCY_OF.test(kind)) add(related, element)
    else if (kind === 'CONTAINS' && subjects.has(element) && grouping.has(related)) reached.add(related)
    // Trivy 0.51 and later write `Application CONTAINS X` for the packages of a lockfile that have no parent in it
    // (its direct ones, or all when the lockfile states no graph: pkg/sbom/io/encode.go belongToParent), the same
    // edge its CycloneDX writes in the application's `dependsOn`.
    else if (kind === 'CONTAINS' && grouping.has(element)) add(element, related)
    // Trivy writes `S CONTAINS X` from the subject itself for packages found on their own, not in a lockfile (conda
    // environments, jars, gemspecs, Python and Node packages installed in an image: encode.go encodeResult's
    // AggregatingTypes, then belongToParent), again the edge its CycloneDX writes in the subject's `dependsOn`
    // (marshal.go makes CONTAINS and DEPENDS_ON alike CycloneDX dependencies). Any other tool's subject CONTAINS
    // stays no dependency: Syft writes one to every package it found.
    else if (kind === 'CONTAINS' && trivy && subjects.has(element)) add(element, related)
  }
  const direct = new Set<string>()
  for (const subject of subjects)
    for (const id of dependsOn.get(subject) ?? []) (grouping.has(id) ? reached : direct).add(id)
  for (const group of reached)
    for (const id of dependsOn.get(group) ?? []) {
      if (!main.has(id)) direct.add(id)
      else for (const dependency of dependsOn.get(id) ?? []) direct.add(dependency)
    }
  return direct.size > 0 ? direct : undefined
}

/** The download location as a stated repository: a VCS locator, or a source archive on a forge. */
function downloadCandidate(location: string | undefined): StatedCandidate | undefined {
  const url = location?.trim()
  if (!url) return undefined
  if (/^[a-z]+\+[a-z]+:\/\//i.test(url)) return {url, field: 'downloadLocation', vcs: true}
  if (/^https?:\/\/[^/]+\/[^?#]+\/(?:-\/)?(?:archive|releases\/download)\//i.test(url))
    return {url, field: 'downloadLocation', vcs: false}
  return undefined
}
