/**
 * SBOM parsing speed (issue #14: "SBOMs of 10,000 components parse in well under a second"). Synthetic BOMs of
 * 10,000 components shaped like real generator output (cyclonedx-npm: purl with sub-path, vcs and website
 * references, hashes, licences, properties; SPDX: externalRefs, checksums, one DEPENDS_ON per package) in each
 * SBOM format, each parsed by its discover format: median CPU per pass (target < 500 ms; it counts the garbage
 * collector's helper threads too), median wall time, and the components found.
 * Then what a user runs on a large BOM: the built CLI's `inventory --json` of a CycloneDX JSON of LARGE_COMPONENTS
 * components (about 86 MB: name, version, bom-ref, purl, a vcs reference, a property, one `dependencies` entry
 * each), of the same in CycloneDX XML (about 78 MB), and of an SPDX 2 JSON and an SPDX 3 JSON-LD of as many packages
 * (about 87 and 81 MB: purl, download location, one dependency each), one component per line: wall time and the
 * whole process's peak RSS (target: < 512 MB, as for the 100 MB package-lock.json of ./lockfiles.ts).
 */
import {closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {discoverer as cyclonedxJson} from '../src/discover/formats/cyclonedx-json/index.js'
import {discoverer as cyclonedxXml} from '../src/discover/formats/cyclonedx-xml/index.js'
import {discoverer as spdxJson} from '../src/discover/formats/spdx-json/index.js'
import {discoverer as spdxTagValue} from '../src/discover/formats/spdx-tag-value/index.js'
import type {Discoverer} from '../src/discover/types.js'
import {measureNode} from './inventory.js'

export const name = 'sbom'

const COMPONENTS = 10_000
const PASSES = 5
const TARGET_MS = 500

const pkg = (i: number) => `example-package-${i}`
const hex = (i: number) => i.toString(16).padStart(8, '0').repeat(16)

export function cdxJson(): string {
  const components = Array.from({length: COMPONENTS}, (_, i) => ({
    type: 'library',
    name: pkg(i),
    version: `1.${i % 50}.${i % 7}`,
    'bom-ref': `${pkg(i)}@1.${i % 50}.${i % 7}`,
    description: 'A package of the synthetic SBOM bench, with a description as long as real ones often are.',
    hashes: [{alg: 'SHA-512', content: hex(i)}],
    licenses: [{license: {id: 'MIT'}}],
    purl: `pkg:npm/${pkg(i)}@1.${i % 50}.${i % 7}#packages/${pkg(i)}`,
    ...(i % 10 === 0 ? {scope: 'optional'} : {}),
    externalReferences: [
      {
        url: `git+https://github.com/example-org/${pkg(i)}.git`,
        type: 'vcs',
        comment: 'as detected from PackageJson property "repository.url"',
      },
      {url: `https://github.com/example-org/${pkg(i)}#readme`, type: 'website'},
      {
        url: `https://registry.npmjs.org/${pkg(i)}/-/${pkg(i)}-1.0.0.tgz`,
        type: 'distribution',
        hashes: [{alg: 'SHA-512', content: hex(i)}],
      },
    ],
    properties: [
      {name: 'cdx:npm:package:path', value: `node_modules/${pkg(i)}`},
      ...(i % 3 === 0 ? [{name: 'cdx:npm:package:development', value: 'true'}] : []),
    ],
  }))
  const dependencies = components.map((c, i) => ({
    ref: c['bom-ref'],
    dependsOn: i > 0 ? [components[i - 1]['bom-ref']] : [],
  }))
  return JSON.stringify(
    {
      $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      metadata: {
        component: {type: 'application', name: 'bench-app', version: '1.0.0', purl: 'pkg:npm/bench-app@1.0.0'},
      },
      components,
      dependencies,
    },
    null,
    2,
  )
}

export function cdxXml(): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">',
  ]
  lines.push(
    '  <metadata><component type="application"><name>bench-app</name><version>1.0.0</version></component></metadata>',
  )
  lines.push('  <components>')
  for (let i = 0; i < COMPONENTS; i++) {
    lines.push(
      `    <component type="library" bom-ref="${pkg(i)}@1.0.0">`,
      `      <name>${pkg(i)}</name>`,
      '      <version>1.0.0</version>',
      '      <description>A package of the synthetic SBOM bench.</description>',
      `      <hashes><hash alg="SHA-512">${hex(i)}</hash></hashes>`,
      '      <licenses><license><id>MIT</id></license></licenses>',
      `      <purl>pkg:npm/${pkg(i)}@1.0.0</purl>`,
      '      <externalReferences>',
      `        <reference type="vcs"><url>git+https://github.com/example-org/${pkg(i)}.git</url></reference>`,
      `        <reference type="website"><url>https://github.com/example-org/${pkg(i)}#readme</url></reference>`,
      '      </externalReferences>',
      `      <properties><property name="cdx:npm:package:path">node_modules/${pkg(i)}</property></properties>`,
      '    </component>',
    )
  }
  lines.push('  </components>', '</bom>', '')
  return lines.join('\n')
}

export function spdxJsonText(): string {
  const packages = Array.from({length: COMPONENTS}, (_, i) => ({
    SPDXID: `SPDXRef-Package-${i}`,
    name: pkg(i),
    versionInfo: '1.0.0',
    downloadLocation: `https://registry.npmjs.org/${pkg(i)}/-/${pkg(i)}-1.0.0.tgz`,
    homepage: `https://github.com/example-org/${pkg(i)}`,
    filesAnalyzed: false,
    licenseConcluded: 'MIT',
    licenseDeclared: 'MIT',
    copyrightText: 'NOASSERTION',
    checksums: [{algorithm: 'SHA512', checksumValue: hex(i)}],
    externalRefs: [
      {referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:npm/${pkg(i)}@1.0.0`},
      {
        referenceCategory: 'SECURITY',
        referenceType: 'cpe23Type',
        referenceLocator: `cpe:2.3:a:example:${pkg(i)}:1.0.0:*:*:*:*:*:*:*`,
      },
    ],
  }))
  const relationships = packages.map((p) => ({
    spdxElementId: 'SPDXRef-DOCUMENT',
    relationshipType: 'DEPENDS_ON',
    relatedSpdxElement: p.SPDXID,
  }))
  return JSON.stringify(
    {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'bench',
      dataLicense: 'CC0-1.0',
      packages,
      relationships,
    },
    null,
    2,
  )
}

export function spdxTagValueText(): string {
  const lines = ['SPDXVersion: SPDX-2.3', 'DataLicense: CC0-1.0', 'SPDXID: SPDXRef-DOCUMENT', 'DocumentName: bench', '']
  for (let i = 0; i < COMPONENTS; i++) {
    lines.push(
      `PackageName: ${pkg(i)}`,
      `SPDXID: SPDXRef-Package-${i}`,
      'PackageVersion: 1.0.0',
      `PackageDownloadLocation: https://registry.npmjs.org/${pkg(i)}/-/${pkg(i)}-1.0.0.tgz`,
      `PackageHomePage: https://github.com/example-org/${pkg(i)}`,
      `PackageChecksum: SHA512: ${hex(i)}`,
      'PackageLicenseConcluded: MIT',
      'PackageComment: <text>A package of the synthetic',
      'SPDX bench.</text>',
      `ExternalRef: PACKAGE-MANAGER purl pkg:npm/${pkg(i)}@1.0.0`,
      `Relationship: SPDXRef-DOCUMENT DEPENDS_ON SPDXRef-Package-${i}`,
      '',
    )
  }
  return lines.join('\n')
}

async function bench(label: string, discoverer: Discoverer, file: string, text: string): Promise<void> {
  const parse = async () => (await discoverer.discover({file, text}, {readText: () => null})).components.length
  await parse() // warm-up: JIT and module initialisation are not what we measure
  const cpu: number[] = []
  const wall: number[] = []
  let components = 0
  for (let pass = 0; pass < PASSES; pass++) {
    const before = process.cpuUsage()
    const started = performance.now()
    components = await parse()
    wall.push(performance.now() - started)
    const used = process.cpuUsage(before)
    cpu.push((used.user + used.system) / 1000)
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(PASSES / 2)]
  const median = middle(cpu)
  const size = `${(text.length / 1024 / 1024).toFixed(1)} MB`
  const verdict = median < TARGET_MS ? 'OK' : 'OVER'
  console.log(
    `${label.padEnd(16)} ${size.padStart(7)}  ${components} components  median CPU ${median.toFixed(0)} ms (target < ${TARGET_MS} ms) ${verdict}, wall ${middle(wall).toFixed(0)} ms`,
  )
}

const LARGE_COMPONENTS = 200_000
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))

/** Writes the texts to `path` as they come: the bench never holds a large file as one string. */
function writeAll(path: string, texts: Iterable<string>): void {
  const fd = openSync(path, 'w')
  try {
    for (const text of texts) writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
}

/** LARGE_COMPONENTS JSON values, one a line, as an array's items; `more`: the array goes on after them. */
function* jsonItems(item: (i: number) => unknown, more = false): Generator<string> {
  for (let i = 0; i < LARGE_COMPONENTS; i++)
    yield `    ${JSON.stringify(item(i))}${i < LARGE_COMPONENTS - 1 || more ? ',' : ''}\n`
}

const ref = (i: number) => `${pkg(i)}@1.${i % 50}.${i % 7}`

/** The large CycloneDX JSON: name, version, bom-ref, purl, a vcs reference, a property, one dependency each. */
function* largeCdx(): Generator<string> {
  yield '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  "version": 1,\n  "components": [\n'
  yield* jsonItems((i) => ({
    type: 'library',
    name: pkg(i),
    version: `1.${i % 50}.${i % 7}`,
    'bom-ref': ref(i),
    purl: `pkg:npm/${ref(i)}`,
    externalReferences: [{url: `git+https://github.com/example-org/${pkg(i)}.git`, type: 'vcs'}],
    properties: [{name: 'cdx:npm:package:path', value: `node_modules/${pkg(i)}`}],
  }))
  yield '  ],\n  "dependencies": [\n'
  yield* jsonItems((i) => ({ref: ref(i), dependsOn: i > 0 ? [ref(i - 1)] : []}))
  yield '  ]\n}\n'
}

/** The large SPDX JSON: packages with a purl and a download location, one DEPENDS_ON each. */
function* largeSpdx(): Generator<string> {
  yield '{\n  "spdxVersion": "SPDX-2.3",\n  "SPDXID": "SPDXRef-DOCUMENT",\n  "name": "bench",\n  "packages": [\n'
  yield* jsonItems((i) => ({
    SPDXID: `SPDXRef-Package-${i}`,
    name: pkg(i),
    versionInfo: '1.0.0',
    downloadLocation: `https://registry.npmjs.org/${pkg(i)}/-/${pkg(i)}-1.0.0.tgz`,
    externalRefs: [
      {referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:npm/${pkg(i)}@1.0.0`},
    ],
  }))
  yield '  ],\n  "relationships": [\n'
  yield* jsonItems((i) => ({
    spdxElementId: 'SPDXRef-DOCUMENT',
    relationshipType: 'DEPENDS_ON',
    relatedSpdxElement: `SPDXRef-Package-${i}`,
  }))
  yield '  ]\n}\n'
}

/** The large CycloneDX XML: the components of largeCdx, one element each, and a `<dependency>` each. */
function* largeCdxXml(): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">\n'
  yield '  <components>\n'
  for (let i = 0; i < LARGE_COMPONENTS; i++) {
    const reference = `<reference type="vcs"><url>git+https://github.com/example-org/${pkg(i)}.git</url></reference>`
    yield `    <component type="library" bom-ref="${ref(i)}"><name>${pkg(i)}</name><version>1.${i % 50}.${i % 7}</version><purl>pkg:npm/${ref(i)}</purl><externalReferences>${reference}</externalReferences></component>\n`
  }
  yield '  </components>\n  <dependencies>\n'
  for (let i = 0; i < LARGE_COMPONENTS; i++) yield `    <dependency ref="${ref(i)}"/>\n`
  yield '  </dependencies>\n</bom>\n'
}

/** The large SPDX 3 JSON-LD: a document, then a package and a dependsOn relationship a component in `@graph`. */
function* largeSpdx3(): Generator<string> {
  yield '{\n  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",\n  "@graph": [\n'
  yield `    ${JSON.stringify({type: 'SpdxDocument', spdxId: 'urn:doc', rootElement: ['urn:app']})},\n`
  yield* jsonItems(
    (i) => ({
      type: 'software_Package',
      spdxId: `urn:pkg-${i}`,
      name: pkg(i),
      software_packageVersion: '1.0.0',
      software_packageUrl: `pkg:npm/${pkg(i)}@1.0.0`,
      software_downloadLocation: `https://registry.npmjs.org/${pkg(i)}/-/${pkg(i)}-1.0.0.tgz`,
    }),
    true,
  )
  yield* jsonItems((i) => ({
    type: 'Relationship',
    spdxId: `urn:rel-${i}`,
    from: 'urn:app',
    relationshipType: 'dependsOn',
    to: [`urn:pkg-${i}`],
  }))
  yield '  ]\n}\n'
}

async function benchLarge(label: string, name: string, texts: () => Iterable<string>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-bench-sbom-'))
  try {
    const path = join(dir, name)
    writeAll(path, texts())
    const size = statSync(path).size
    const run = await measureNode([bin, 'inventory', dir, '--json', '--max-file-size', String(size + 1)])
    const rss = run.maxRssKb * 1024
    // A component's JSON object is over 300 bytes: less is a cut output.
    const whole = run.code === 0 && run.bytes >= 300 * LARGE_COMPONENTS
    const verdict = !whole ? `FAILED (exit ${run.code})` : rss < 512 * 1024 * 1024 ? 'OK' : 'OVER'
    console.log(
      `${label}: ${(size / 1024 / 1024).toFixed(0)} MB, ${LARGE_COMPONENTS} components: stewards inventory --json ${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${(rss / 1024 / 1024).toFixed(0)} MB (target < 512 MB) ${verdict}`,
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

export async function run(): Promise<void> {
  await bench('cyclonedx-json', cyclonedxJson, 'bom.cdx.json', cdxJson())
  await bench('cyclonedx-xml', cyclonedxXml, 'bom.cdx.xml', cdxXml())
  await bench('spdx-json', spdxJson, 'sbom.spdx.json', spdxJsonText())
  await bench('spdx-tag-value', spdxTagValue, 'sbom.spdx', spdxTagValueText())
  await benchLarge('large cyclonedx-json', 'bom.json', largeCdx)
  await benchLarge('large spdx-json', 'sbom.spdx.json', largeSpdx)
  await benchLarge('large cyclonedx-xml', 'bom.cdx.xml', largeCdxXml)
  await benchLarge('large spdx3-jsonld', 'sbom.spdx3.json', largeSpdx3)
}
