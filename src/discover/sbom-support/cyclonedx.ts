/**
 * CycloneDX components (https://cyclonedx.org/docs/1.7/json/#components), read from JSON or XML into one
 * shape, and from there into Components. Shared by the cyclonedx-json and cyclonedx-xml formats.
 * - `metadata.component` is the BOM's subject (the product it describes): listed as local, never resolved;
 *   its nested `components` are read like any other (cdxgen puts a Gradle build's sub-projects there, their purls
 *   without a group). Any component whose purl is not valid is listed by its name with a skip saying why
 *   (./component.ts byName).
 * - Nested `components` are read at any depth (up to MAX_NESTING); a child without a scope of its own takes
 *   its parent's.
 * - Scope: `required` (the default the spec tells consumers to assume) → prod, `optional` → optional,
 *   `excluded` (not part of the shipped product) → dev; the CycloneDX property taxonomy's
 *   `cdx:npm:package:development = true` (cyclonedx-npm, cdxgen) → dev as well.
 * - purl, CPE and the first `vcs` external reference are kept; hashes, licences and the rest are not read.
 * - `direct` from the subject's entry in the `dependencies` graph (see cdxCollector); Trivy's grouping nodes (one
 *   per lockfile, one for the OS packages) are left out, and what the subject depends on through them is direct.
 *   The scanned project's own package Trivy lists under a lockfile's node (its root: a go.mod's main module, a
 *   pom.xml's artifact, a Cargo.toml's crate, ..., ./trivy-roots.ts) is listed as local, as the subject is, and what
 *   it depends on is direct. Trivy's KBOM: its cluster nodes are grouping nodes too
 *   (isKbomStructure), its runtime and old kubelet purls no Go modules (isKbomBinary), its images tagged (withKbomTag).
 * - Component types that are not software packages (`file`, `data`, `device`, `firmware`, `device-driver`,
 *   `machine-learning-model`, `cryptographic-asset`, `operating-system`) are left out unless they carry a purl.
 */
import {imageComponent, parseImageRef} from '../../core/image-ref.js'
import type {Component, Location, ScanError, Scope, Skipped} from '../../core/model.js'
import {isUnversionedGoPurl, namelessSubject, sbomComponent} from './component.js'
import {purlRepository, type StatedCandidate, statedRepository} from './stated.js'
import {mayHoldRoot, trivyRoots} from './trivy-roots.js'

export interface CdxComponent {
  /** `bom-ref`: what the `dependencies` graph names. */
  ref?: string
  type?: string
  name?: string
  group?: string
  version?: string
  /** CycloneDX 1.7 `versionRange` (a `vers:` range, with `isExternal`): kept in `ref`, never a version. */
  versionRange?: string
  purl?: string
  cpe?: string
  scope?: string
  /** `externalReferences` as [type, url] pairs, in document order. */
  references: Array<[string, string]>
  /** `properties` as [name, value] pairs. */
  properties: Array<[string, string]>
  components: CdxComponent[]
  position: {line: number; column: number}
}

export interface CdxOutput {
  components: Component[]
  errors: ScanError[]
  skipped: Skipped[]
}

/** Deeper nesting than any generator writes; a hostile file stops here with an error. */
export const MAX_NESTING = 64

/** Versions of the specification whose component model this reader follows (1.0 to 1.7). */
export const CDX_VERSIONS = /^1\.[0-7]$/

const NOT_SOFTWARE = new Set([
  'file',
  'data',
  'device',
  'firmware',
  'device-driver',
  'machine-learning-model',
  'cryptographic-asset',
  'operating-system',
])

/**
 * Fields of a component (or of the metadata) never read, in both encodings: dropped while parsing so a large BOM
 * keeps only what becomes a component.
 */
const UNREAD_FIELDS: ReadonlySet<string> = new Set([
  'hashes',
  'licenses',
  'description',
  'evidence',
  'pedigree',
  'copyright',
  'swid',
  'releaseNotes',
  'modelCard',
  'data',
  'cryptoProperties',
  'signature',
  'author',
  'authors',
  'publisher',
  'supplier',
  'manufacturer',
  'omniborId',
  'swhid',
  'tags',
  'tools',
  'comment',
])

/** Top-level sections of a BOM that hold no components (`dependencies` is read for the subject's entry only). */
const UNREAD_SECTIONS: ReadonlySet<string> = new Set([
  'services',
  'vulnerabilities',
  'compositions',
  'formulation',
  'annotations',
  'declarations',
  'definitions',
  'externalReferences',
  'properties',
  'signature',
])

/** Subtrees of a JSON BOM never read (key paths, as ../lockfile-support/json-reader.ts gives them). */
export function skipUnreadJson(path: readonly string[]): boolean {
  if (path[0] === 'dependencies')
    return path.length > 2 || (path.length === 2 && path[1] !== 'ref' && path[1] !== 'dependsOn')
  return (
    (path.length === 1 && UNREAD_SECTIONS.has(path[0])) ||
    UNREAD_FIELDS.has(path[path.length - 1]) ||
    (path[0] === 'metadata' && path.length === 2 && path[1] !== 'component')
  )
}

/** Elements of an XML BOM never read: sections right below `<bom>`, fields deeper down. */
export function skipUnreadXml({name, depth}: {name: string; depth: number}): boolean {
  return depth === 1 ? UNREAD_SECTIONS.has(name) : UNREAD_FIELDS.has(name)
}

const SCOPES: Record<string, Scope> = {required: 'prod', optional: 'optional', excluded: 'dev'}

export interface CdxCollector {
  /** One component of the BOM's list (not its subject), with the components nested in it. */
  add(component: CdxComponent): void
  /**
   * The refs of the grouping nodes left out (isGrouping): the subject's dependencies through them are its own, for
   * directRefs.
   */
  readonly grouping: ReadonlySet<string>
  /** The projects' own packages Trivy lists under lockfile nodes: found by directRefs, made local by finish(). */
  readonly roots: ProjectRoots
  /**
   * The subject's components first, then the list's; `direct`: the refs the subject's entry in `dependencies` lists
   * (cyclonedx-npm, cdxgen, Syft, the Maven and Gradle plug-ins write it): those components are direct, the others
   * with a `bom-ref` are not. Without that entry nothing is said of `direct`.
   */
  finish(subject: CdxComponent | undefined, direct?: ReadonlySet<string>): CdxOutput
}

/**
 * Turns the subject and the component tree of one BOM into Components; errors name file:line:column. The readers
 * have the list's components one at a time, before the BOM's `dependencies` (JSON read item by item, XML element by
 * element): each becomes a Component as it comes, so only Components are held (a BOM of 200,000 components was held
 * as records first), and `direct`, which the dependencies decide, is set in place by finish() (merge.ts puts the keys
 * of every component in its order).
 */
export function cdxCollector(file: string): CdxCollector {
  const out: CdxOutput = {components: [], errors: [], skipped: []}
  const withRef: Array<[number, string]> = []
  const grouping = new Set<string>()
  const roots: ProjectRoots = {groups: new Map(), unversioned: new Set(), found: new Set()}
  const context: VisitContext = {file, out, direct: undefined, withRef, grouping, roots}
  return {
    add: (component) => visit(context, component, undefined, 0, false),
    grouping,
    roots,
    finish(subject, direct) {
      const first: CdxOutput = {components: [], errors: [], skipped: []}
      if (subject) visit({file, out: first, direct}, subject, undefined, 0, true)
      if (direct) for (const [index, ref] of withRef) out.components[index].direct = direct.has(ref)
      // The project itself, not its dependency: local, without `direct` or a scope, as the subject.
      for (const [index, ref] of withRef) {
        if (!roots.found.has(ref)) continue
        const component = out.components[index]
        component.local = true
        delete component.direct
        delete component.scope
      }
      return {
        components: [...first.components, ...out.components],
        errors: [...first.errors, ...out.errors],
        skipped: [...first.skipped, ...out.skipped],
      }
    },
  }
}

/**
 * The refs the subject depends on directly, from `dependencies` entries as [ref, dependsOn] pairs; undefined when
 * the subject has no `bom-ref` or no entry.
 */
export function directRefs(
  subject: CdxComponent | undefined,
  entries: Iterable<[string, readonly string[]]>,
  /** Grouping nodes (CdxCollector.grouping): what the subject depends on through one is its own dependency. */
  grouping: ReadonlySet<string> = new Set(),
  /** CdxCollector.roots: the roots found here; what the subject reaches through one is direct too. */
  roots?: ProjectRoots,
): ReadonlySet<string> | undefined {
  let own: readonly string[] | undefined
  const through = new Map<string, readonly string[]>()
  // The packages' own entries, kept only when a lockfile node may hold a root: what a root depends on is direct.
  const ofPackage = new Map<string, readonly string[]>()
  const keep = roots !== undefined && roots.groups.size > 0
  for (const [ref, dependsOn] of entries) {
    if (subject?.ref !== undefined && ref === subject.ref) own = dependsOn
    else if (grouping.has(ref)) through.set(ref, dependsOn)
    else if (keep) ofPackage.set(ref, dependsOn)
  }
  if (roots)
    for (const [group, type] of roots.groups) {
      const children = (through.get(group) ?? []).filter((child) => !grouping.has(child))
      const found = trivyRoots({
        type,
        children,
        image: subject?.type === 'container',
        unversionedGo: (ref) => roots.unversioned.has(ref),
        dependsOnAny: (ref) => (ofPackage.get(ref)?.length ?? 0) > 0,
      })
      for (const ref of found) roots.found.add(ref)
    }
  if (own === undefined) return undefined
  const direct = new Set<string>()
  // A grouping node can hang under another (Trivy's KBOM: a cluster node, then its `node-core-components`): what
  // the subject reaches through groupings alone is its own. Each grouping node is expanded once, from a stack of
  // its own (a chain of thousands of groupings overflowed the call stack, and the file was lost).
  const expanded = new Set<string>()
  const pending: string[] = []
  for (const ref of own) {
    if (grouping.has(ref)) pending.push(ref)
    else direct.add(ref)
  }
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    if (expanded.has(ref)) continue
    expanded.add(ref)
    for (const child of through.get(ref) ?? []) {
      if (grouping.has(child)) pending.push(child)
      else if (!roots?.found.has(child)) direct.add(child)
      else for (const dependency of ofPackage.get(child) ?? []) direct.add(dependency)
    }
  }
  return direct
}

/**
 * The scanned projects' own packages, which Trivy lists under the nodes of the lockfiles it read, its roots
 * (./trivy-roots.ts says which types get one and how they are told): a go.mod's main module (the `module` line,
 * without a version: pkg/dependency/parser/golang/mod/parse.go), a pom.xml's artifact, a Cargo.toml's crate...
 */
export interface ProjectRoots {
  /** The grouping nodes of lockfiles that may hold a root (mayHoldRoot), by ref, with their type (`gomod`, `pom`...). */
  groups: Map<string, string | undefined>
  /** The refs of Go modules without a version (a `pkg:golang` purl without one, and no `version`). */
  unversioned: Set<string>
  /** The roots: children of a node in `groups` that trivyRoots takes. */
  found: Set<string>
}

/**
 * A node Trivy puts between the subject and the packages it found (aquasecurity/trivy pkg/sbom/cyclonedx): one per
 * lockfile or binary (type `application`, named after the file: `package-lock.json`, `app/gobinary/gobinary`) and
 * one for the operating system's packages (type `operating-system`), marked by its `aquasecurity:trivy:Class`
 * property (`lang-pkgs`, `os-pkgs`), with no purl. It is no package: left out, and the packages it depends on are
 * the subject's direct dependencies. (An operating system without a purl is left out as no software package anyway.)
 */
function isGrouping(node: CdxComponent): boolean {
  if (node.purl) return false
  if (node.properties.some(([name, value]) => name === 'aquasecurity:trivy:Class' && /^(?:lang|os)-pkgs$/.test(value)))
    return true
  return isKbomStructure(node)
}

/** Trivy's property naming the Kubernetes resource a KBOM component stands for: `cluster`, `controlPlane`, `node`. */
const TRIVY_RESOURCE_TYPE = 'aquasecurity:trivy:resource:Type'

function property(node: CdxComponent, name: string): string | undefined {
  return node.properties.find(([key]) => key === name)?.[1]
}

/**
 * The nodes of Trivy's KBOM (`trivy k8s --format cyclonedx`, aquasecurity/trivy pkg/k8s/scanner/scanner.go
 * clusterInfoToReportResources) that are no software: a cluster node (type `platform`, resource type `node`, named
 * after the host, no purl), which CONTAINS its operating system and a purl-less, versionless `node-core-components`
 * application, which CONTAINS the kubelet and the container runtime. Left out as grouping nodes: what the cluster
 * reaches through them is its own. (They were listed as packages named after the host and `node-core-components`.)
 */
function isKbomStructure(node: CdxComponent): boolean {
  if (node.type === 'platform') return property(node, TRIVY_RESOURCE_TYPE) === 'node'
  return node.type === 'application' && node.name === 'node-core-components' && !node.version
}

/**
 * A KBOM's node or control-plane component under a `pkg:golang` purl that names no Go module at that version: the
 * container runtime Trivy names by the runtime alone (`pkg:golang/docker@24.0.4`: a Go module path has a dot in its
 * first element), and, before Trivy 0.47 wrote `pkg:k8s`, the kubelet as `pkg:golang/k8s.io/kubelet` at the
 * Kubernetes release (the Go module k8s.io/kubelet is versioned v0.x). Listed as generic by its name and version;
 * `ref` keeps the purl. containerd, CRI-O and cri-dockerd are named by their module paths and stay Go modules.
 */
function isKbomBinary(node: CdxComponent): boolean {
  const kind = property(node, TRIVY_RESOURCE_TYPE)
  // A purl's type is case-insensitive (purl-spec): `pkg:GOLANG/` is the same.
  if ((kind !== 'node' && kind !== 'controlPlane') || !/^pkg:golang\//i.test(node.purl ?? '')) return false
  // The path as written, `/` or `%2F` between its elements (undecoded: a bad `%` sequence is the purl reader's to say).
  const path = (node.purl ?? '').slice('pkg:golang/'.length).split(/[@?#]/, 1)[0]
  const first = path.split(/\/|%2F/i, 1)[0]
  return !first.includes('.') || first === 'k8s.io'
}

/**
 * The tag of a KBOM's image, which Trivy writes in its `aquasecurity:trivy:PkgID` property (`registry/repo:1.27.0`)
 * while its purl and version hold the digest only: added to an image without a tag when the name is the image's.
 */
function withKbomTag(component: Component, node: CdxComponent): Component {
  if (component.kind !== 'image' || component.version !== undefined || !component.digest) return component
  const id = property(node, 'aquasecurity:trivy:PkgID')
  const colon = id?.lastIndexOf(':') ?? -1
  if (id === undefined || colon <= 0 || id.slice(0, colon) !== node.name) return component
  const parsed = parseImageRef(`${id}@${component.digest}`)
  if (!parsed.ok || parsed.image.name !== component.name) return component
  const tagged = imageComponent(parsed.image, component.ref, component.locations[0], 'sbom')
  return {...component, version: tagged.version, purl: tagged.purl}
}

interface VisitContext {
  file: string
  out: CdxOutput
  direct: ReadonlySet<string> | undefined
  /** Where `direct` is settled later (cdxCollector): the index in `out.components` of each component with a ref. */
  withRef?: Array<[number, string]>
  /** The refs of grouping nodes left out (isGrouping). */
  grouping?: Set<string>
  roots?: ProjectRoots
}

function visit(
  context: VisitContext,
  node: CdxComponent,
  inherited: Scope | undefined,
  depth: number,
  subject: boolean,
  /** Nested in the subject, at any depth (SbomEntry.partOfSubject). */
  partOfSubject = false,
): void {
  const {file, out} = context
  const location: Location = {file, ...node.position}
  if (depth >= MAX_NESTING) {
    out.errors.push({
      ...location,
      code: 'sbom-too-deep',
      message: `components nested deeper than ${MAX_NESTING} levels are not read`,
    })
    return
  }
  const scope = scopeOf(node) ?? inherited ?? 'prod'
  add(context, node, scope, subject, location, partOfSubject)
  for (const child of node.components) visit(context, child, scope, depth + 1, false, subject || partOfSubject)
}

function add(
  context: VisitContext,
  node: CdxComponent,
  scope: Scope,
  subject: boolean,
  location: Location,
  partOfSubject: boolean,
) {
  const {file, out, direct} = context
  if (!subject && isGrouping(node)) {
    if (node.ref) context.grouping?.add(node.ref)
    const type = property(node, 'aquasecurity:trivy:Type')
    if (node.ref && mayHoldRoot(type)) context.roots?.groups.set(node.ref, type)
    return
  }
  if (!subject && node.ref && !node.version && node.purl && isUnversionedGoPurl(node.purl))
    context.roots?.unversioned.add(node.ref)
  if (!node.purl && node.type !== undefined && NOT_SOFTWARE.has(node.type)) return
  if (!node.name && !node.purl) {
    // As for SPDX (./spdx.ts): a subject the tool could not name is no package; any other such component is an error.
    if (subject) out.skipped.push(namelessSubject(location))
    else out.errors.push({...location, code: 'invalid-entry', message: 'component without a name or purl'})
    return
  }
  const candidates: StatedCandidate[] = node.references
    .filter(([type]) => type === 'vcs')
    .map(([, url]) => ({url, field: 'externalReferences[vcs]', vcs: true}))
  const fromPurl = purlRepository(node.purl)
  if (fromPurl) candidates.unshift(fromPurl)
  const binary = isKbomBinary(node)
  const built = sbomComponent({
    name: node.name ?? '',
    ...(node.group ? {group: node.group} : {}),
    ...(node.version ? {version: node.version} : node.versionRange ? {version: node.versionRange} : {}),
    ...(node.purl && !binary ? {purl: node.purl} : {}),
    ...(node.cpe ? {cpe: node.cpe} : {}),
    scope,
    subject,
    ...(partOfSubject ? {partOfSubject} : {}),
    ...(direct && !subject && node.ref ? {direct: direct.has(node.ref)} : {}),
    statedRepository: statedRepository(candidates),
    location,
  })
  if (!built.ok) out.errors.push({...built.error, file})
  else {
    if (binary && node.purl) built.component.ref = node.purl
    out.components.push(withKbomTag(built.component, node))
    if (context.withRef && !subject && node.ref) context.withRef.push([out.components.length - 1, node.ref])
    if (built.skipped) out.skipped.push(built.skipped)
  }
}

function scopeOf(node: CdxComponent): Scope | undefined {
  const development = node.properties.some(
    ([name, value]) => name === 'cdx:npm:package:development' && value.trim().toLowerCase() === 'true',
  )
  if (development) return 'dev'
  return node.scope === undefined ? undefined : SCOPES[node.scope]
}
