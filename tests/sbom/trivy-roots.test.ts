/**
 * The scanned project's own package in Trivy's SBOMs (src/discover/sbom-support/trivy-roots.ts): Trivy hangs it,
 * its "root", on the node of the lockfile it read, and the direct dependencies on it. Read from CycloneDX JSON and
 * SPDX JSON alike: the root local (the project, not a dependency to look up), what it depends on direct, the rest not.
 */
import {describe, expect, it} from 'vitest'
import type {Component} from '../../src/core/model.js'
import {discoverer as cyclonedxJson} from '../../src/discover/formats/cyclonedx-json/index.js'
import {discoverer as spdxJson} from '../../src/discover/formats/spdx-json/index.js'
import {formatRunner, readSbomFixture} from './support.js'

const cdxRunner = formatRunner(cyclonedxJson, 'bom.json')
const cdx = cdxRunner.fixture
const spdxRunner = formatRunner(spdxJson, 'bom.spdx.json')
const spdx = spdxRunner.fixture

/** ecosystem, name, version, direct, local, scope: the subject first, then the packages in the document's order. */
const listed = (components: Component[]) =>
  components.map((c) => [c.ecosystem, c.name, c.version ?? null, c.direct ?? null, c.local ?? false, c.scope ?? null])

describe("Trivy's root packages", () => {
  it("takes a pom.xml's artifact for the project: Trivy's own pom-cyclonedx.json.golden", () => {
    const {components, errors} = cdx('trivy-pom-cyclonedx.json')
    expect(errors).toEqual([])
    // Before: com.example:log4shell listed as a direct dependency, jackson-databind as a transitive one.
    expect(listed(components)).toEqual([
      ['generic', 'testdata/fixtures/repo/pom', null, null, true, null],
      ['maven', 'com.example:log4shell', '1.0-SNAPSHOT', null, true, null],
      ['maven', 'com.fasterxml.jackson.core:jackson-databind', '2.9.1', true, false, 'prod'],
    ])
  })

  const pom = [
    ['maven', 'com.example:web', '1.0.0', null, true, null],
    ['maven', 'org.apache.commons:commons-lang3', '3.14.0', true, false, 'prod'],
    ['maven', 'com.fasterxml.jackson.core:jackson-databind', '2.17.0', true, false, 'prod'],
    ['maven', 'com.fasterxml.jackson.core:jackson-core', '2.17.0', false, false, 'prod'],
    ['maven', 'com.fasterxml.jackson.core:jackson-annotations', '2.17.0', false, false, 'prod'],
  ]
  const cargo = [
    ['cargo', 'example-web', '0.1.0', null, true, null],
    ['cargo', 'pin-project-lite', '0.2.14', false, false, 'prod'],
    ['cargo', 'serde', '1.0.200', true, false, 'prod'],
    ['cargo', 'serde_derive', '1.0.200', false, false, 'prod'],
    ['cargo', 'tokio', '1.37.0', true, false, 'prod'],
  ]
  // The workspace project the root references stays a direct dependency: Trivy marks it (RelationshipWorkspace) in
  // its report only, and the SBOM does not tell it from a NuGet package.
  const dotnet = [
    ['nuget', 'ExampleWeb', '1.0.0', null, true, null],
    ['nuget', 'ExampleWeb.Data', '1.0.0', true, false, 'prod'],
    ['nuget', 'Newtonsoft.Json', '13.0.3', false, false, 'prod'],
    ['nuget', 'Serilog', '3.1.1', false, false, 'prod'],
    ['nuget', 'Serilog.Sinks.Console', '5.0.1', true, false, 'prod'],
  ]

  for (const [type, expected] of [
    ['pom', pom],
    ['cargo', cargo],
    ['dotnet-core', dotnet],
  ] as const) {
    it(`takes the root under a ${type} lockfile for the project, in CycloneDX and SPDX`, () => {
      for (const [read, file, subject] of [
        [cdx, `trivy-roots/${type}.cdx.json`, ['generic', `testdata/fixtures/repo/${type}`, null, null, true, null]],
        [spdx, `trivy-roots/${type}.spdx.json`, null],
      ] as const) {
        const {components, errors} = read(file)
        expect(errors).toEqual([])
        const rows = listed(components)
        // SPDX lists the subject (`SPDXRef-Filesystem-…`) where Trivy writes it, after the packages.
        if (subject) expect(rows).toEqual([subject, ...expected])
        else expect(rows).toEqual([...expected, ['generic', `testdata/fixtures/repo/${type}`, null, null, true, null]])
      }
    })
  }

  it('takes no root when two packages hang on a Cargo.lock (a workspace member beside the root), as before', () => {
    for (const [read, file] of [
      [cdx, 'trivy-roots/cargo-workspace.cdx.json'],
      [spdx, 'trivy-roots/cargo-workspace.spdx.json'],
    ] as const) {
      const {components, errors} = read(file)
      expect(errors).toEqual([])
      expect(listed(components).filter(([, , , , local]) => !local)).toEqual([
        ['cargo', 'example-cli', '0.1.0', true, false, 'prod'],
        ['cargo', 'example-web', '0.1.0', true, false, 'prod'],
        ['cargo', 'serde', '1.0.200', false, false, 'prod'],
        ['cargo', 'serde_derive', '1.0.200', false, false, 'prod'],
        ['cargo', 'tokio', '1.37.0', false, false, 'prod'],
        ['cargo', 'pin-project-lite', '0.2.14', false, false, 'prod'],
      ])
    }
  })

  it('takes no root under a lockfile type Trivy gives none (package-lock.json), however lone its top package', () => {
    for (const [read, file] of [
      [cdx, 'trivy-roots/npm.cdx.json'],
      [spdx, 'trivy-roots/npm.spdx.json'],
    ] as const) {
      const {components, errors} = read(file)
      expect(errors).toEqual([])
      expect(listed(components).filter(([, , , , local]) => !local)).toEqual([
        ['npm', 'body-parser', '1.20.2', false, false, 'prod'],
        ['npm', 'express', '4.19.2', true, false, 'prod'],
      ])
    }
  })

  it('takes no root that depends on nothing: a lone top package of a lockfile Trivy gave no root looks the same', () => {
    const bom = JSON.parse(readSbomFixture('trivy-roots/cargo.cdx.json'))
    for (const entry of bom.dependencies) if (entry.ref === 'pkg:cargo/example-web@0.1.0') entry.dependsOn = []
    const {components, errors} = cdxRunner.discover(JSON.stringify(bom, null, 2))
    expect(errors).toEqual([])
    expect(listed(components).slice(1, 3)).toEqual([
      ['cargo', 'example-web', '0.1.0', true, false, 'prod'],
      ['cargo', 'pin-project-lite', '0.2.14', false, false, 'prod'],
    ])
  })

  it("takes no root in an image's SBOM: a lockfile's one package there is an application the image ships", () => {
    const bom = JSON.parse(readSbomFixture('trivy-roots/dotnet-core.cdx.json'))
    bom.metadata.component.type = 'container'
    const fromCdx = cdxRunner.discover(JSON.stringify(bom, null, 2))
    expect(fromCdx.errors).toEqual([])
    expect(listed(fromCdx.components).find(([, name]) => name === 'ExampleWeb')).toEqual([
      'nuget',
      'ExampleWeb',
      '1.0.0',
      true,
      false,
      'prod',
    ])
    const doc = JSON.parse(readSbomFixture('trivy-roots/dotnet-core.spdx.json'))
    const described = new Set(
      doc.relationships
        .filter(
          (r: {relationshipType: string; spdxElementId: string}) =>
            r.relationshipType === 'DESCRIBES' && r.spdxElementId === 'SPDXRef-DOCUMENT',
        )
        .map((r: {relatedSpdxElement: string}) => r.relatedSpdxElement),
    )
    for (const pkg of doc.packages) if (described.has(pkg.SPDXID)) pkg.primaryPackagePurpose = 'CONTAINER'
    expect(described.size).toBe(1)
    const fromSpdx = spdxRunner.discover(JSON.stringify(doc, null, 2))
    expect(fromSpdx.errors).toEqual([])
    expect(listed(fromSpdx.components).find(([, name]) => name === 'ExampleWeb')?.[4]).toBe(false)
  })
})
