/**
 * CycloneDX 1.6 JSON (https://cyclonedx.org/docs/1.6/json/) of the scanned stack, so one file carries the
 * stewardship facts into every SBOM tool an auditor already uses. See ./readme.md for the mapping.
 * Deterministic: the timestamp is the collection window's end (never the clock), the serial number a UUID
 * derived from the document's content (./serial.ts), components and properties in a fixed order.
 */
import {appendAll} from '../../../core/arrays.js'
import {compare} from '../../../core/compare.js'
import type {Component, Location, ProjectReport, ScanResult, Scope, UnresolvedComponent} from '../../../core/model.js'
import {SEVERITIES} from '../../../core/model.js'
import {headline, numberMetric, severityCounts} from '../../shared/metrics.js'
import {uniqueLocations} from '../../shared/order.js'
import type {Reporter} from '../../types.js'
import {contentUuid} from './serial.js'

export const SPEC_VERSION = '1.6'
/** Every property this format writes starts with it (CycloneDX property taxonomy: a namespace per tool). */
export const PREFIX = 'stewards:'

interface CdxProperty {
  name: string
  value: string
}

interface CdxComponent {
  type: 'library' | 'container' | 'application'
  'bom-ref': string
  name: string
  version?: string
  scope?: 'required' | 'optional' | 'excluded'
  cpe?: string
  purl?: string
  externalReferences?: Array<{type: 'vcs'; url: string; comment: string}>
  properties?: CdxProperty[]
  evidence?: {occurrences: Array<{location: string; line: number}>}
}

/** One component of the stack with where it resolved (or why not). */
interface Entry {
  component: Component
  project?: ProjectReport
  resolution?: ResolutionFacts
  unresolved?: UnresolvedComponent
  locations: Location[]
  scopes: Set<Scope | undefined>
}

interface ResolutionFacts {
  repo: string
  provenance: string
  confidence: string
}

/** CycloneDX scope: `required` (the default), `optional`, `excluded` (not part of what runs: development only). */
const SCOPES: Record<Scope, CdxComponent['scope']> = {
  prod: 'required',
  peer: 'optional',
  optional: 'optional',
  dev: 'excluded',
}

export function renderCycloneDx(result: ScanResult): string {
  const body = {
    $schema: `http://cyclonedx.org/schema/bom-${SPEC_VERSION}.schema.json`,
    bomFormat: 'CycloneDX',
    specVersion: SPEC_VERSION,
    serialNumber: '',
    version: 1,
    metadata: {
      timestamp: result.window.until,
      tools: {components: [{type: 'application', name: result.tool.name, version: result.tool.version}]},
      properties: metadataProperties(result),
    },
    components: components(result),
  }
  const {serialNumber: _, ...rest} = body
  body.serialNumber = `urn:uuid:${contentUuid(JSON.stringify(rest))}`
  return `${JSON.stringify(body, null, 2)}\n`
}

function metadataProperties(result: ScanResult): CdxProperty[] {
  const props = new Properties()
  props.add('window:since', result.window.since)
  props.add('window:until', result.window.until)
  // The data is as of the window's end: commits, maintainers and organisation lists are read for that day.
  props.add('collected', result.window.until.slice(0, 10))
  props.add('report:schema_version', result.schemaVersion)
  for (const input of result.inputs) props.add('input', input)
  props.add('incomplete', String(result.summary.incomplete))
  props.add(
    'portfolio_score',
    result.summary.portfolioScore === null ? 'unknown' : number(result.summary.portfolioScore),
  )
  props.add('projects', String(result.summary.projects))
  for (const severity of [...SEVERITIES].reverse())
    props.add(`findings:${severity}`, String(result.summary.findingsBySeverity[severity] ?? 0))
  const byRule = new Map<string, number>()
  for (const finding of result.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1)
  for (const [rule, count] of [...byRule].sort(([a], [b]) => compare(a, b)))
    props.add(`findings:rule:${rule}`, String(count))
  for (const list of result.lists?.selected ?? []) props.add('lists:selected', list)
  if (result.waivers) {
    props.add('findings:waived', String(result.summary.waived ?? 0))
    props.add('waivers:judged_on', result.waivers.judgedOn)
  }
  return props.list
}

/** Every component once (merged by bom-ref: the same package declared with several scopes is one component). */
function components(result: ScanResult): CdxComponent[] {
  const entries = new Map<string, Entry>()
  const add = (component: Component, facts: Omit<Entry, 'component' | 'locations' | 'scopes'>) => {
    const ref = bomRef(component)
    const known = entries.get(ref)
    if (known) {
      // Not push(...): a package found in 200,000 places would overflow the call stack.
      appendAll(known.locations, component.locations)
      known.scopes.add(component.scope)
      return
    }
    entries.set(ref, {component, ...facts, locations: [...component.locations], scopes: new Set([component.scope])})
  }
  for (const project of result.projects)
    for (const component of project.components) add(component, {project, resolution: resolutionOf(project)})
  for (const unresolved of result.unresolved) add(unresolved.component, {unresolved})
  return [...entries].sort(([a], [b]) => compare(a, b)).map(([ref, entry]) => toCdx(ref, entry, result.lists?.selected))
}

function resolutionOf(project: ProjectReport): ResolutionFacts {
  return {repo: project.repo, provenance: project.provenance, confidence: project.confidence}
}

/** The purl when there is one (unique per package version), else kind, ecosystem and reference as written. */
function bomRef(component: Component): string {
  if (component.purl) return component.purl
  return `stewards:${component.kind}:${component.ecosystem}:${component.ref}`
}

function toCdx(ref: string, entry: Entry, selected: readonly string[] | undefined): CdxComponent {
  const {component} = entry
  const out: CdxComponent = {
    type: component.kind === 'image' ? 'container' : component.kind === 'chart' ? 'application' : 'library',
    'bom-ref': ref,
    name: component.name,
  }
  if (component.version) out.version = component.version
  const scope = mergedScope(entry.scopes)
  if (scope) out.scope = scope
  if (component.cpe) out.cpe = component.cpe
  if (component.purl) out.purl = component.purl
  const resolution = entry.resolution
  if (resolution)
    out.externalReferences = [
      {
        type: 'vcs',
        url: `https://${resolution.repo}`,
        comment: `upstream repository as resolved by stewards (${resolution.provenance}, ${resolution.confidence} confidence)`,
      },
    ]
  out.properties = componentProperties(entry, selected)
  const occurrences = uniqueLocations(entry.locations).map((l) => ({location: l.file, line: Math.max(0, l.line)}))
  const seen = new Set<string>()
  const distinct = occurrences.filter((o) => {
    const key = `${o.location}\0${o.line}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  if (distinct.length > 0) out.evidence = {occurrences: distinct}
  return out
}

/** The widest scope wins: one declaration needed at run time makes the component required. */
function mergedScope(scopes: Set<Scope | undefined>): CdxComponent['scope'] {
  const mapped = [...scopes].map((s) => (s === undefined ? 'required' : SCOPES[s]))
  if (mapped.includes('required')) return scopes.has(undefined) && scopes.size === 1 ? undefined : 'required'
  if (mapped.includes('optional')) return 'optional'
  return mapped.includes('excluded') ? 'excluded' : undefined
}

function componentProperties(entry: Entry, selected: readonly string[] | undefined): CdxProperty[] {
  const props = new Properties()
  const {component, resolution, unresolved, project} = entry
  if (component.origin) props.add('origin', component.origin)
  if (resolution) {
    props.add('repository', resolution.repo)
    props.add('resolution:provenance', resolution.provenance)
    props.add('resolution:confidence', resolution.confidence)
  }
  if (unresolved) {
    props.add('unresolved:reason', unresolved.reason)
    if (unresolved.detail) props.add('unresolved:detail', unresolved.detail)
  }
  if (project) projectProperties(project, selected, props)
  return props.list
}

/**
 * The stewardship facts of the component's upstream project. A figure that could not be known is written
 * `unknown`, never left out and never 0 (a missing property would read as "not measured").
 */
function projectProperties(project: ProjectReport, selected: readonly string[] | undefined, props: Properties): void {
  const h = headline(project)
  const m = project.metrics
  props.add('project:status', project.status)
  if (project.reason) props.add('project:reason', project.reason)
  props.add('score', project.score === null ? 'unknown' : number(project.score))
  props.add('top_org', h.topOrg ?? 'unknown')
  props.add('top_org_share', share(h.topOrgShare))
  props.add('top_company', h.topCompany ?? 'unknown')
  props.add('top_company_share', share(h.topCompanyShare))
  props.add('attribution_coverage', share(numberMetric(m, 'commit_coverage')))
  props.add('author_coverage', share(numberMetric(m, 'author_coverage')))
  props.add('elephant_factor', count(h.elephantFactor))
  props.add('bus_factor', count(h.busFactor))
  props.add('human_commits', count(h.humanCommits))
  for (const listed of listedOrganizations(project, selected)) props.add('listed_organization', listed)
  const counts = severityCounts(project.findings)
  for (const severity of [...SEVERITIES].reverse()) props.add(`findings:${severity}`, String(counts[severity]))
  // Findings come sorted once, in the pipeline (core/order.ts).
  for (const finding of project.findings) props.add('finding', `${finding.severity} ${finding.ruleId}`)
  // An accepted risk (README "Waivers"): which finding, until when, by whom and why.
  for (const {ruleId, waiver} of project.findings)
    if (waiver)
      props.add('finding:waived', `${ruleId} until ${waiver.expires} by ${waiver.approvedBy}: ${waiver.reason}`)
}

/**
 * Listed organisations with their list ids: `Name (list-a, list-b)`, the organisations of `listed_organizations`
 * with the lists that counted (`--lists`, else every list) from the measured listings, sorted.
 */
function listedOrganizations(project: ProjectReport, selected: readonly string[] | undefined): string[] {
  const names = project.metrics.listed_organizations
  if (!Array.isArray(names)) return []
  const listings = project.listings
  const lists = new Map<string, Set<string>>()
  if (listings) {
    for (const person of [...listings.authors, ...listings.roleHolders]) {
      if (person.organization === null) continue
      const ids = Object.hasOwn(listings.organizations, person.entityId) ? listings.organizations[person.entityId] : []
      const set = lists.get(person.organization) ?? new Set<string>()
      for (const id of ids) if (!selected || selected.includes(id)) set.add(id)
      lists.set(person.organization, set)
    }
  }
  return names
    .filter((name): name is string => typeof name === 'string')
    .sort(compare)
    .map((name) => {
      const ids = [...(lists.get(name) ?? [])].sort(compare)
      return ids.length > 0 ? `${name} (${ids.join(', ')})` : name
    })
}

class Properties {
  readonly list: CdxProperty[] = []
  add(name: string, value: string): void {
    this.list.push({name: `${PREFIX}${name}`, value})
  }
}

function number(value: number): string {
  return String(Math.round(value * 10_000) / 10_000)
}

function share(value: number | null): string {
  return value === null ? 'unknown' : number(value)
}

function count(value: number | null): string {
  return value === null ? 'unknown' : String(value)
}

export const reporter: Reporter = {
  id: 'cyclonedx',
  description:
    'CycloneDX 1.6 JSON SBOM: every component with purl, locations, upstream repository and stewardship facts',
  extension: 'cdx.json',
  render: renderCycloneDx,
}
