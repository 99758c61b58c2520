/**
 * One SBOM entry (a CycloneDX component, an SPDX package) as the shared Component. The purl decides the
 * ecosystem and the name as our other formats write it (`@scope/name` for npm, `group:artifact` for Maven,
 * `vendor/name` for Composer); `docker` and `oci` purls become images, `helm` purls charts. A purl type no
 * ecosystem names, or an entry without a purl, is listed as `generic` with its purl and CPE as written, so the
 * inventory stays complete and a stated repository can still resolve it.
 * Purls are parsed by packageurl-js (https://github.com/package-url/purl-spec), the same library that builds ours.
 */
import {PackageURL} from 'packageurl-js'
import {imageComponent, parseImageRef} from '../../core/image-ref.js'
import type {Component, Ecosystem, Location, ScanError, Scope, StatedRepository} from '../../core/model.js'
import {chartComponent} from '../output.js'

export interface SbomEntry {
  /** The entry's own name (CycloneDX `name`, SPDX `name`/`PackageName`). */
  name: string
  /** CycloneDX `group` (Maven groupId, npm scope): used only when there is no purl. */
  group?: string
  version?: string
  purl?: string
  cpe?: string
  scope?: Scope
  /** The SBOM's own subject (CycloneDX metadata.component, SPDX DESCRIBES): the product, not a dependency. */
  subject?: boolean
  statedRepository?: StatedRepository
  location: Location
}

export type SbomComponent = {ok: true; component: Component} | {ok: false; error: ScanError}

/** purl types that are an ecosystem of their own (see core/model Ecosystem); every other type is `generic`. */
const ECOSYSTEMS = new Set<Ecosystem>(['npm', 'pypi', 'golang', 'cargo', 'gem', 'composer', 'maven', 'nuget', 'github'])

const MAX_FIELD = 2048

export function sbomComponent(entry: SbomEntry): SbomComponent {
  const {location} = entry
  const purlText = entry.purl?.trim()
  if (purlText) {
    const parsed = parsePurl(purlText)
    if (parsed === undefined)
      return {
        ok: false,
        error: {...location, code: 'invalid-purl', message: `invalid package URL "${clip(purlText)}"`},
      }
    const special = specialKinds(parsed, purlText, entry)
    if (special) return special
    return {ok: true, component: packageFromPurl(parsed, purlText, entry)}
  }
  return {ok: true, component: withCommon(genericComponent(entry), entry)}
}

function parsePurl(text: string): PackageURL | undefined {
  if (text.length > MAX_FIELD) return undefined
  try {
    return PackageURL.fromString(text)
  } catch {
    return undefined
  }
}

/** Images and charts, by the grammars the rest of discover uses for them. */
function specialKinds(purl: PackageURL, written: string, entry: SbomEntry): SbomComponent | undefined {
  if (purl.type === 'docker' || purl.type === 'oci') {
    const ref = imageRefOf(purl)
    const image = ref === undefined ? undefined : parseImageRef(ref)
    if (!image?.ok)
      return {
        ok: false,
        error: {
          ...entry.location,
          code: 'invalid-image-ref',
          message: `purl "${clip(written)}" names no valid image${image ? `: ${image.message}` : ''}`,
        },
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
    name = qualifiers.repository_url ? `${qualifiers.repository_url.replace(/\/+$/, '')}/${path}` : path
  }
  name = name.replace(/^[a-z]+:\/\//, '')
  const version = purl.version
  if (version?.startsWith('sha256:') || version?.startsWith('sha512:') || version?.startsWith('sha384:'))
    return `${name}${qualifiers.tag ? `:${qualifiers.tag}` : ''}@${version}`
  return version ? `${name}:${version}` : qualifiers.tag ? `${name}:${qualifiers.tag}` : name
}

function packageFromPurl(purl: PackageURL, written: string, entry: SbomEntry): Component {
  const ecosystem: Ecosystem = ECOSYSTEMS.has(purl.type as Ecosystem) ? (purl.type as Ecosystem) : 'generic'
  const component = {kind: 'package', ecosystem, name: packageName(purl)} as Component
  const version = purl.version ?? entry.version
  if (version) component.version = version
  // The package's own purl: a subpath points inside the package (cyclonedx-npm writes `#types/node`).
  component.purl = new PackageURL(
    purl.type,
    purl.namespace,
    purl.name,
    purl.version,
    purl.qualifiers,
    undefined,
  ).toString()
  component.ref = written
  return withCommon(component, entry)
}

/** The name as the ecosystem's own lockfiles and registries write it. */
function packageName(purl: PackageURL): string {
  if (!purl.namespace) return purl.name
  if (purl.type === 'maven') return `${purl.namespace}:${purl.name}`
  return `${purl.namespace}/${purl.name}`
}

function genericComponent(entry: SbomEntry): Component {
  const name = entry.group ? `${entry.group}/${entry.name}` : entry.name
  const component = {kind: 'package', ecosystem: 'generic', name} as Component
  if (entry.version) component.version = entry.version
  component.ref = entry.version ? `${name}@${entry.version}` : name
  return component
}

/** Fields every kind shares, in the key order merge.ts writes. */
function withCommon(component: Component, entry: SbomEntry): Component {
  if (entry.cpe) component.cpe = entry.cpe
  if (entry.scope !== undefined && !entry.subject) component.scope = entry.scope
  if (entry.subject) component.local = true
  component.origin = 'sbom'
  if (entry.statedRepository) component.statedRepository = entry.statedRepository
  component.locations = [entry.location]
  return component
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
