/**
 * One SBOM entry (a CycloneDX component, an SPDX package) as the shared Component. The purl decides the
 * ecosystem and the name as our other formats write it (`@scope/name` for npm, `group:artifact` for Maven,
 * `vendor/name` for Composer); `docker` and `oci` purls become images, `helm` purls charts. A purl type no
 * ecosystem names, or an entry without a purl, is listed as `generic` with its purl and CPE as written, so the
 * inventory stays complete and a stated repository can still resolve it. An entry whose purl packageurl-js refuses
 * is listed by its name, as generic, with a skip saying why (byName).
 * Purls are parsed by packageurl-js (https://github.com/package-url/purl-spec), the same library that builds ours.
 */
import {PackageURL} from 'packageurl-js'
import {purlString} from '../../core/purl-string.js'
import {imageComponent, parseImageRef} from '../../core/image-ref.js'
import type {Component, Ecosystem, Location, ScanError, Scope, Skipped, StatedRepository} from '../../core/model.js'
import {chartComponent} from '../output.js'
import {trimEnd} from '../../core/trim-end.js'

export interface SbomEntry {
  /** The entry's own name (CycloneDX `name`, SPDX `name`/`PackageName`). */
  name: string
  /** CycloneDX `group` (Maven groupId, npm scope): used only when there is no purl. */
  group?: string
  version?: string
  purl?: string
  cpe?: string
  scope?: Scope
  /** Whether the subject depends on it directly, where the SBOM's dependency graph tells. */
  direct?: boolean
  /** The SBOM's own subject (CycloneDX metadata.component, SPDX DESCRIBES): the product, not a dependency. */
  subject?: boolean
  /**
   * A component nested in the subject (CycloneDX `metadata.component.components`, at any depth): a part of the product.
   * cdxgen lists a Gradle build's sub-projects there, with a purl without a group when the build sets none
   * (`pkg:maven/app@1.0?type=jar`: lib/helpers/utils.js buildObjectForGradleModule).
   */
  partOfSubject?: boolean
  statedRepository?: StatedRepository
  location: Location
}

export type SbomComponent = {ok: true; component: Component; skipped?: Skipped} | {ok: false; error: ScanError}

/**
 * purl types that are an ecosystem of their own (see core/model Ecosystem), as the lockfile and workflow formats
 * name them (github-actions, pubspec-lock, swiftpm-resolved); every other type is `generic`.
 */
const ECOSYSTEMS = new Set<Ecosystem>([
  'npm',
  'pypi',
  'golang',
  'cargo',
  'gem',
  'composer',
  'maven',
  'nuget',
  'github',
  'githubactions',
  'pub',
  'swift',
  'hex',
  'cocoapods',
  'cran',
  'julia',
  'conan',
  'bazel',
  'hackage',
  'vcpkg',
])

const MAX_FIELD = 2048

export function sbomComponent(entry: SbomEntry): SbomComponent {
  const {location} = entry
  const purlText = entry.purl?.trim()
  if (purlText) {
    const parsed = parsePurl(purlText)
    if (!parsed.ok) {
      const message = `invalid package URL "${clip(purlText)}"${parsed.reason ? `: ${parsed.reason}` : ''}`
      return byName(entry, message) ?? {ok: false, error: {...location, code: 'invalid-purl', message}}
    }
    const special = specialKinds(parsed.purl, purlText, entry)
    if (special) return special
    return {ok: true, component: packageFromPurl(parsed.purl, purlText, entry)}
  }
  return {ok: true, component: withCommon(genericComponent(entry), entry)}
}

/** The skip for an SBOM's subject with neither name nor purl: what was scanned is not said, so nothing is listed. */
export function namelessSubject(location: Location): Skipped {
  return {
    file: location.file,
    line: location.line,
    reason: 'unsupported',
    message:
      "the SBOM's subject has no name and no purl (the tool that wrote it did not say what it scanned): not listed",
  }
}

/**
 * An entry whose purl cannot be read, listed by what the SBOM says of it (its name, group and version, as `generic`),
 * without the purl, and with a skip at its line that says why: the SBOM was read completely, and its generator wrote
 * the purl (cdxgen writes `pkg:maven/app@latest` without a group for the project it scans and for a Gradle build's
 * sub-projects, `pkg:swift/HAKit@unspecified` without a namespace; packageurl-js, which builds ours, refuses them),
 * so the run is not incomplete for it. The subject stays local. Undefined for an entry without a name: there is
 * nothing to list it by, and it is an error.
 */
function byName(entry: SbomEntry, message: string): SbomComponent | undefined {
  if (entry.name.trim() === '') return undefined
  const {location} = entry
  const what = entry.subject
    ? "the SBOM's subject"
    : entry.partOfSubject
      ? "a component of the SBOM's subject"
      : 'the component'
  return {
    ok: true,
    component: withCommon(genericComponent(entry), entry),
    skipped: {
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `${message}; ${what} is listed by its name, without it`,
    },
  }
}

/** The purl, or why it is not one: packageurl-js's own reason (`maven requires a "namespace" component`). */
function parsePurl(text: string): {ok: true; purl: PackageURL} | {ok: false; reason?: string} {
  if (text.length > MAX_FIELD) return {ok: false, reason: `longer than ${MAX_FIELD} characters`}
  try {
    return {ok: true, purl: PackageURL.fromString(text)}
  } catch (error) {
    // The library's PurlError says `Invalid purl: <reason>`; anything else it throws is its own fault, not a reason.
    const said = error instanceof Error ? /^Invalid purl: (.+)$/s.exec(error.message) : null
    return {ok: false, ...(said ? {reason: clip(said[1])} : {})}
  }
}

/** Images and charts, by the grammars the rest of discover uses for them. */
function specialKinds(purl: PackageURL, written: string, entry: SbomEntry): SbomComponent | undefined {
  if (purl.type === 'docker' || purl.type === 'oci') {
    const ref = imageRefOf(purl)
    const image = ref === undefined ? undefined : parseImageRef(ref)
    if (!image?.ok) {
      const message = `purl "${clip(written)}" names no valid image${image ? `: ${image.message}` : ''}`
      return byName(entry, message) ?? {ok: false, error: {...entry.location, code: 'invalid-image-ref', message}}
    }
    const component = imageComponent(image.image, written, entry.location, 'sbom')
    return {ok: true, component: withCommon(component, entry)}
  }
  if (purl.type === 'helm') {
    const chart = {
      name: purl.name,
      ...(purl.version ? {version: purl.version} : {}),
      ...(purl.qualifiers?.repository_url ? {repository: purl.qualifiers.repository_url} : {}),
    }
    const component = {...chartComponent(chart, entry.location, 'sbom'), ref: written}
    return {ok: true, component: withCommon(component, entry)}
  }
  return undefined
}

/**
 * The image a `docker` or `oci` purl names (purl-spec types docker, oci): docker keeps the registry in
 * `repository_url` and the path in namespace/name; oci keeps the whole repository in `repository_url`, the
 * digest as version and the tag as a qualifier.
 */
function imageRefOf(purl: PackageURL): string | undefined {
  const qualifiers = purl.qualifiers ?? {}
  let name: string
  if (purl.type === 'oci') {
    name = qualifiers.repository_url ?? purl.name
  } else {
    const path = purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name
    name = qualifiers.repository_url ? `${trimEnd(qualifiers.repository_url, '/')}/${path}` : path
  }
  name = name.replace(/^[a-z]+:\/\//, '')
  const version = purl.version
  if (version?.startsWith('sha256:') || version?.startsWith('sha512:') || version?.startsWith('sha384:'))
    return `${name}${qualifiers.tag ? `:${qualifiers.tag}` : ''}@${version}`
  return version ? `${name}:${version}` : qualifiers.tag ? `${name}:${qualifiers.tag}` : name
}

function packageFromPurl(purl: PackageURL, written: string, entry: SbomEntry): Component {
  const ecosystem: Ecosystem = ECOSYSTEMS.has(purl.type as Ecosystem) ? (purl.type as Ecosystem) : 'generic'
  // A GitHub action's subpath names another action of the repository (`github/codeql-action/init`), as the
  // github-actions format writes it: kept in the name and the purl. Elsewhere it points inside the package
  // (cyclonedx-npm writes `#types/node`), and the package's own purl goes without it.
  const action = purl.type === 'githubactions' && purl.subpath ? purl.subpath : undefined
  const name = packageName(purl, written)
  const component = {kind: 'package', ecosystem, name: action ? `${name}/${action}` : name} as Component
  // A range is no version (GitHub's dependency graph writes `4.*.*` and `>= 3.5.0` where it could not resolve one):
  // the purl goes without it, `ref` keeps it as written.
  const version = purl.version ?? entry.version
  const exact = version !== undefined && !isRange(version) ? version : undefined
  // Go's main module (`(devel)`, built from a checkout) and `replace` targets in the tree (`./staging/…`) are the
  // project's own code, as go.mod's reader lists them: local, never looked up on the module proxy.
  const local = purl.type === 'golang' && (version === '(devel)' || /^\.\.?(?:\/|$)/.test(purl.namespace ?? purl.name))
  if (exact && !local) component.version = exact
  const purlVersion = purl.version !== undefined && purl.version === exact && !local ? purl.version : undefined
  component.purl = purlString(purl.type, purl.namespace, purl.name, purlVersion, purl.qualifiers, action)
  component.ref = written
  if (local) component.local = true
  return withCommon(component, entry)
}

/** A version written as a range or wildcard (`4.*.*`, `>= 3.5.0`, `^1.2`, `1.x || 2.x`), not one release. */
function isRange(version: string): boolean {
  return /[*\s|,]|^[<>=~^!]|^vers:|^[xX]$|\.[xX](?:\.|$)/.test(version.trim())
}

/**
 * The name as the ecosystem's own lockfiles and registries write it, spelt as the SBOM wrote it: packageurl-js
 * normalises per type (npm names lower-cased, pypi `_` to `-`), and `JSONStream` is not the npm package
 * `jsonstream`. The purl keeps the library's canonical form, as our other formats build theirs.
 */
function packageName(purl: PackageURL, written: string): string {
  const [, rawNamespace, rawName] = writtenParts(written)
  const namespace = same(rawNamespace, purl.namespace) ? rawNamespace : purl.namespace
  const name = same(rawName, purl.name) ? rawName : purl.name
  if (!namespace) return name
  if (purl.type === 'maven') return `${namespace}:${name}`
  return `${namespace}/${name}`
}

/** The purl's components decoded but not normalised (packageurl-js parseString); none when it cannot say. */
function writtenParts(written: string): Array<string | undefined> {
  try {
    return PackageURL.parseString(written) as Array<string | undefined>
  } catch {
    return []
  }
}

/** The written and the normalised form differ only as normalising changes a name (case, `-`, `_`, `.`). */
function same(raw: string | undefined, normal: string | undefined): raw is string {
  const fold = (text: string) => text.toLowerCase().replace(/[-_.]/g, '-')
  return typeof raw === 'string' && raw !== '' && normal !== undefined && fold(raw) === fold(normal)
}

function genericComponent(entry: SbomEntry): Component {
  const name = entry.group ? `${entry.group}/${entry.name}` : entry.name
  const component = {kind: 'package', ecosystem: 'generic', name} as Component
  if (entry.version && !isRange(entry.version)) component.version = entry.version
  component.ref = entry.version ? `${name}@${entry.version}` : name
  return component
}

/** Fields every kind shares, in the key order merge.ts writes. */
function withCommon(component: Component, entry: SbomEntry): Component {
  if (entry.cpe) component.cpe = entry.cpe
  if (entry.scope !== undefined && !entry.subject) component.scope = entry.scope
  if (entry.subject) component.local = true
  component.origin = 'sbom'
  if (entry.direct !== undefined) component.direct = entry.direct
  if (entry.statedRepository) component.statedRepository = entry.statedRepository
  component.locations = [entry.location]
  return component
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

/** A `pkg:golang` purl without a version (none before its qualifiers and subpath): how Trivy writes a go.mod's module. */
export function isUnversionedGoPurl(purl: string): boolean {
  return /^pkg:golang\/[^@?#]+(?:[?#]|$)/.test(purl)
}
