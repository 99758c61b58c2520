import {describe, expect, it} from 'vitest'
import type {ScanResult} from '../../../core/model.js'
import {cycloneDxErrors} from '../../../../tests/support/cyclonedx-schema.js'
import {expectGolden, loadFixture, reverseKeys} from '../../../../tests/report/support.js'
import {renderCycloneDx} from './index.js'

interface Bom {
  serialNumber: string
  metadata: {timestamp: string; properties: Array<{name: string; value: string}>}
  components: Array<{
    'bom-ref': string
    name: string
    scope?: string
    purl?: string
    externalReferences?: Array<{type: string; url: string}>
    properties: Array<{name: string; value: string}>
    evidence?: {occurrences: Array<{location: string; line: number}>}
  }>
}

function render(result: ScanResult = loadFixture()): Bom {
  const text = renderCycloneDx(result)
  const bom = JSON.parse(text) as Bom
  expect(cycloneDxErrors(bom)).toBe('')
  return bom
}

/** name → values of one component's (or the metadata's) properties. */
function props(list: Array<{name: string; value: string}>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const {name, value} of list) out[name] = [...(out[name] ?? []), value]
  return out
}

describe('cyclonedx report', () => {
  it('validates against the official CycloneDX 1.6 JSON schema and matches its reviewed golden file', () => {
    const bom = render()
    expectGolden('scan-result.cdx.json', renderCycloneDx(loadFixture()))
    // The validator does reject what the schema forbids.
    const broken = structuredClone(bom)
    broken.components[0].scope = 'dev'
    expect(cycloneDxErrors(broken)).toContain('enum')
  })

  it('lists every component, resolved or not, with purl, locations and its upstream repository as a vcs reference', () => {
    const fixture = loadFixture()
    const bom = render(fixture)
    const expected = new Set([
      ...fixture.projects.flatMap((p) => p.components.map((c) => c.purl ?? c.ref)),
      ...fixture.unresolved.map((u) => u.component.purl ?? u.component.ref),
    ])
    expect(bom.components).toHaveLength(expected.size)
    const operator = bom.components.find((c) => c.name === 'ghcr.io/acme-widgets/widget-operator')
    expect(operator?.externalReferences).toEqual([
      {
        type: 'vcs',
        url: 'https://github.com/acme-widgets/widget-operator',
        comment: 'upstream repository as resolved by stewards (oci-label, high confidence)',
      },
    ])
    expect(operator?.evidence?.occurrences).toEqual([
      {location: 'deploy/operator.yaml', line: 21},
      {location: 'deploy/staging/operator.yaml', line: 19},
    ])
    const p = props(operator?.properties ?? [])
    expect(p['stewards:repository']).toEqual(['github.com/acme-widgets/widget-operator'])
    expect(p['stewards:listed_organization']).toEqual(['Acme Widgets Inc. (example-watch-list)'])
    expect(p['stewards:finding']).toEqual(['critical watch-list-organisation', 'high single-vendor'])
    expect(p['stewards:findings:critical']).toEqual(['1'])
    // Every property is in the stewards namespace.
    for (const c of bom.components) for (const prop of c.properties) expect(prop.name).toMatch(/^stewards:/)
    // An unresolved component has no vcs reference and says why.
    const sidecar = bom.components.find((c) => c.name === 'docker.io/internal/mystery-sidecar')
    expect(sidecar?.externalReferences).toBeUndefined()
    expect(props(sidecar?.properties ?? [])['stewards:unresolved:reason']).toEqual(['no-source'])
  })

  it('writes the stewardship facts of the project as namespaced properties; unknown figures say unknown, never 0', () => {
    const fixture = loadFixture()
    const project = fixture.projects[0]
    project.metrics = {
      ...project.metrics,
      top_org: 'Acme Widgets Inc.',
      top_org_share: 0.61234,
      top_company: 'Acme Widgets Inc.',
      top_company_share: 0.7,
      commit_coverage: 0.875,
      author_coverage: 0.5,
      elephant_factor: 1,
      bus_factor: null,
      human_commits: 120,
    }
    const bom = render(fixture)
    const component = bom.components.find((c) => c.name === project.components[0].name)
    const p = props(component?.properties ?? [])
    expect([
      p['stewards:top_org'],
      p['stewards:top_org_share'],
      p['stewards:top_company_share'],
      p['stewards:attribution_coverage'],
      p['stewards:author_coverage'],
      p['stewards:elephant_factor'],
      p['stewards:bus_factor'],
      p['stewards:human_commits'],
    ]).toEqual([['Acme Widgets Inc.'], ['0.6123'], ['0.7'], ['0.875'], ['0.5'], ['1'], ['unknown'], ['120']])
    const meta = props(bom.metadata.properties)
    expect(meta['stewards:window:since']).toEqual([fixture.window.since])
    expect(meta['stewards:window:until']).toEqual([fixture.window.until])
    expect(meta['stewards:collected']).toEqual([fixture.window.until.slice(0, 10)])
    expect(meta['stewards:findings:rule:single-vendor']).toEqual(['2'])
    expect(meta['stewards:lists:selected']).toEqual(['example-watch-list'])
  })

  it('maps scopes (dev → excluded, optional and peer → optional, prod → required) and merges one package declared twice', () => {
    const fixture = loadFixture()
    const base = fixture.projects[1].components[0]
    const at = (file: string, line: number) => [{file, line, column: 1}]
    fixture.projects[1].components = [
      {...base, purl: 'pkg:npm/example-a@1.0.0', scope: 'dev', locations: at('a/package-lock.json', 3)},
      {...base, purl: 'pkg:npm/example-a@1.0.0', scope: 'prod', locations: at('b/package-lock.json', 9)},
      {...base, purl: 'pkg:npm/example-b@1.0.0', scope: 'dev', locations: at('a/package-lock.json', 5)},
      {...base, purl: 'pkg:npm/example-c@1.0.0', scope: 'peer', locations: at('a/package-lock.json', 7)},
    ]
    const bom = render(fixture)
    const byRef = Object.fromEntries(bom.components.map((c) => [c['bom-ref'], c]))
    expect(byRef['pkg:npm/example-a@1.0.0'].scope).toBe('required')
    expect(byRef['pkg:npm/example-a@1.0.0'].evidence?.occurrences).toEqual([
      {location: 'a/package-lock.json', line: 3},
      {location: 'b/package-lock.json', line: 9},
    ])
    expect(byRef['pkg:npm/example-b@1.0.0'].scope).toBe('excluded')
    expect(byRef['pkg:npm/example-c@1.0.0'].scope).toBe('optional')
  })

  it('merges a package found in 200,000 places under two scopes (no spread of its locations into a call)', () => {
    const fixture = loadFixture()
    const base = fixture.projects[1].components[0]
    const many = Array.from({length: 200_000}, (_, i) => ({file: 'k8s/all.yaml', line: i + 1, column: 1}))
    fixture.projects[1].components = [
      {
        ...base,
        purl: 'pkg:npm/example-a@1.0.0',
        scope: 'dev',
        locations: [{file: 'a/package-lock.json', line: 3, column: 1}],
      },
      {...base, purl: 'pkg:npm/example-a@1.0.0', scope: 'prod', locations: many},
    ]
    const bom = JSON.parse(renderCycloneDx(fixture)) as Bom
    const merged = bom.components.find((c) => c['bom-ref'] === 'pkg:npm/example-a@1.0.0')
    expect(merged?.scope).toBe('required')
    expect(merged?.evidence?.occurrences).toHaveLength(200_001)
  })

  it('is deterministic: same data in any key order gives the same bytes; the serial number follows the content', () => {
    const a = renderCycloneDx(loadFixture())
    expect(renderCycloneDx(reverseKeys(loadFixture()))).toBe(a)
    const changed = loadFixture()
    changed.window = {since: '2024-02-01T00:00:00Z', until: '2025-02-01T00:00:00Z'}
    const b = JSON.parse(renderCycloneDx(changed)) as Bom
    expect(b.metadata.timestamp).toBe('2025-02-01T00:00:00Z')
    expect(b.serialNumber).not.toBe((JSON.parse(a) as Bom).serialNumber)
    expect(b.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
