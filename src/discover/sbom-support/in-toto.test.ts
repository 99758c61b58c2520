/**
 * SBOMs in in-toto Statements, through the whole discover stage (the walk, the sniffs of every format, the reading).
 * The fixtures are ours (fictional names): `buildkit/` has the shape BuildKit's local exporter writes for
 * `docker buildx build --sbom=true` (`sbom.spdx.json`: a v0.1 Statement, `_type`, `predicateType`, `subject`,
 * `predicate`; docs.docker.com/build/metadata/attestations/sbom/) beside its SLSA provenance; `sorted/` a v1
 * Statement of a CycloneDX BOM written with sorted keys (Python's `json.dumps(sort_keys=True)`: the predicate
 * before its type).
 */
import {readFileSync} from 'node:fs'
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {discoverPaths} from '../index.js'
import {statementPredicateType} from './in-toto.js'
import {readSbomFixture} from '../../../tests/sbom/support.js'
import {repoRoot} from '../../../tests/support/cli.js'

const fixtures = join(import.meta.dirname, '__fixtures__', 'in-toto')

const rows = (components: Awaited<ReturnType<typeof discoverPaths>>['components']) =>
  components.map((c) => [c.purl ?? c.name, c.locations.map((l) => `${l.file.slice(fixtures.length + 1)}:${l.line}`)])

describe('SBOMs in in-toto Statements', () => {
  it("reads BuildKit's sbom.spdx.json as the SPDX document it carries, at the packages' lines; the provenance beside it is no SBOM", async () => {
    const inventory = await discoverPaths([join(fixtures, 'buildkit')])
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(inventory.files).toBe(1)
    expect(rows(inventory.components)).toEqual([
      ['pkg:npm/%40colors/colors@1.6.0', ['buildkit/sbom.spdx.json:28']],
      ['pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1', ['buildkit/sbom.spdx.json:44']],
    ])
    expect(inventory.components.every((c) => c.origin === 'sbom')).toBe(true)
  })

  it('reads a CycloneDX predicate whose type is written after it (sorted keys), with the BOM subject as in a plain BOM', async () => {
    const inventory = await discoverPaths([join(fixtures, 'sorted')])
    expect(inventory.errors).toEqual([])
    expect(rows(inventory.components)).toEqual([
      ['lanternfish', ['sorted/attestation.json:23']],
      ['pkg:pypi/requests@2.32.3', ['sorted/attestation.json:6']],
    ])
  })

  it('refuses a Statement of an SBOM type whose predicate is not a document, at its predicateType (exit 2)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'in-toto-'))
    const statement = (predicate: unknown, type = 'https://spdx.dev/Document/v2.3') =>
      `${JSON.stringify({_type: 'https://in-toto.io/Statement/v1', predicateType: type, subject: [], predicate}, null, 2)}\n`
    await writeFile(join(dir, 'list.spdx.json'), statement(['SPDXRef-DOCUMENT']))
    await writeFile(
      join(dir, 'old.cdx.json'),
      statement({bomFormat: 'CycloneDX', specVersion: '0.9'}, 'https://cyclonedx.org/bom/v1.4'),
    )
    const inventory = await discoverPaths([dir])
    expect(inventory.components).toEqual([])
    expect(inventory.errors.map((e) => [e.file.slice(dir.length + 1), e.line, e.code, e.message])).toEqual([
      ['list.spdx.json', 3, 'invalid-sbom', "the in-toto Statement's 'predicate' must be an object (the SBOM)"],
      [
        'old.cdx.json',
        5,
        'unsupported-sbom-version',
        'specVersion "0.9" is not a CycloneDX version this reader knows (1.0-1.7)',
      ],
    ])
  })

  it('reads signed attestations: DSSE envelopes one per line (cosign, an in-toto bundle) and a Sigstore bundle, at their payloads', async () => {
    const inventory = await discoverPaths([join(fixtures, 'signed')])
    expect(inventory.errors).toEqual([])
    expect(inventory.files).toBe(2)
    expect(rows(inventory.components)).toEqual([
      ['pkg:npm/%40colors/colors@1.6.0', ['signed/quillfeather-api.intoto.jsonl:2']],
      ['pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1', ['signed/quillfeather-api.intoto.jsonl:2']],
      ['lanternfish', ['signed/lanternfish.sigstore.json:11']],
      ['pkg:pypi/requests@2.32.3', ['signed/lanternfish.sigstore.json:11']],
    ])
  })

  it("reads JSON Lines of Sigstore bundles, as `gh attestation download` writes them: the SBOM's, the provenance's passed over", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'in-toto-'))
    const bundle = (statement: string) =>
      JSON.stringify({
        mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        verificationMaterial: {certificate: {rawBytes: 'MIIC'}, tlogEntries: []},
        dsseEnvelope: {
          payload: Buffer.from(statement).toString('base64'),
          payloadType: 'application/vnd.in-toto+json',
          signatures: [{sig: 'MEUC'}],
        },
      })
    const provenance = readFileSync(join(fixtures, 'buildkit', 'provenance.json'), 'utf8')
    const sbom = readFileSync(join(fixtures, 'buildkit', 'sbom.spdx.json'), 'utf8')
    await writeFile(join(dir, 'sha256:0f1e.jsonl'), `${bundle(provenance)}\n${bundle(sbom)}\n`)
    const inventory = await discoverPaths([dir])
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => [c.name, c.locations[0].line])).toEqual([
      ['@colors/colors', 2],
      ['alpine/musl', 2],
    ])
  })

  it('passes over the lines of an in-toto bundle that are not in-toto envelopes, and tells a problem in a payload with its line there', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'in-toto-'))
    const envelope = (statement: object, payloadType = 'application/vnd.in-toto+json') =>
      JSON.stringify({
        payloadType,
        payload: Buffer.from(JSON.stringify(statement, null, 2)).toString('base64'),
        signatures: [],
      })
    const sbom = (packages: unknown) => ({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{name: 'quillfeather', digest: {sha256: '0'.repeat(64)}}],
      predicateType: 'https://spdx.dev/Document/v2.3',
      predicate: {spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', packages},
    })
    const lines = [
      'not json at all',
      envelope(sbom([{SPDXID: 'SPDXRef-a', name: 'a', versionInfo: '1.0'}]), 'text/plain'),
      '',
      envelope(sbom([{SPDXID: 'SPDXRef-b', name: 'b', versionInfo: '2.0'}, 'not a package'])),
    ]
    await writeFile(join(dir, 'app.intoto.jsonl'), `${lines.join('\n')}\n`)
    const inventory = await discoverPaths([dir])
    expect(inventory.components.map((c) => [c.name, c.version, c.locations[0].line])).toEqual([['b', '2.0', 4]])
    expect(inventory.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [4, 'invalid-entry', 'packages[1] must be an object (line 12 of the decoded Statement)'],
    ])
  })

  it("reads the BOM cosign before 2.0 wrapped in its own predicate (predicate.Data), and cosign 0.4's predicate type", async () => {
    // The shape of Trivy's pkg/fanal/artifact/sbom/testdata/sbom.cdx.intoto.jsonl, decoded (`cosign attest --type
    // cyclonedx` before 2.0): Go's struct order, `Data` before `Timestamp`.
    const dir = await mkdtemp(join(tmpdir(), 'in-toto-'))
    const statement = (type: string) =>
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: type,
        subject: [{name: 'registry.example.invalid/quillfeather/api', digest: {sha256: '0'.repeat(64)}}],
        predicate: {
          Data: {
            bomFormat: 'CycloneDX',
            specVersion: '1.4',
            components: [{type: 'library', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0'}],
          },
          Timestamp: '2022-08-03T02:25:44Z',
        },
      })
    await writeFile(join(dir, 'cosign.json'), `${statement('https://cyclonedx.org/bom')}\n`)
    await writeFile(join(dir, 'cosign-0.4.json'), `${statement('https://cyclonedx.org/schema')}\n`)
    const inventory = await discoverPaths([dir])
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => [c.purl, c.locations.map((l) => l.file.slice(dir.length + 1))])).toEqual([
      ['pkg:npm/left-pad@1.3.0', ['cosign-0.4.json', 'cosign.json']],
    ])
  })

  it('reads an SPDX 3 predicate (Document/v3.0) as SPDX 3; one under the versionless type is told as SPDX 3, not read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'in-toto-'))
    const predicate = readSbomFixture('spdx3-example11.spdx3.json')
    const statement = (type: string) =>
      `{"_type": "https://in-toto.io/Statement/v1", "subject": [], "predicateType": "${type}", "predicate": ${predicate}}\n`
    await writeFile(join(dir, 'v3.intoto.json'), statement('https://spdx.dev/Document/v3.0'))
    await writeFile(join(dir, 'plain.intoto.json'), statement('https://spdx.dev/Document'))
    const inventory = await discoverPaths([dir])
    const plain = await discoverPaths([join(repoRoot, 'tests', 'sbom', '__fixtures__', 'spdx3-example11.spdx3.json')])
    expect(inventory.components.map((c) => c.purl ?? c.name)).toEqual(plain.components.map((c) => c.purl ?? c.name))
    expect(inventory.errors.map((e) => [e.file.slice(dir.length + 1), e.code])).toEqual([
      ['plain.intoto.json', 'unsupported-sbom-version'],
    ])
  })

  it('tells a Statement by its _type in the head, and its predicate type when the head holds it', () => {
    expect(
      statementPredicateType(
        '{"_type": "https://in-toto.io/Statement/v0.1", "predicateType": "https://spdx.dev/Document"',
      ),
    ).toBe('https://spdx.dev/Document')
    expect(statementPredicateType('{"_type": "https://in-toto.io/Statement/v1", "predicate": {"packages": [')).toBe('')
    // Another `_type`, or one nested deeper, is no Statement.
    expect(statementPredicateType('{"_type": "https://in-toto.io/Link/v1", "predicateType": "x"}')).toBeUndefined()
    expect(statementPredicateType('{"a": {"_type": "https://in-toto.io/Statement/v1"}}')).toBeUndefined()
  })
})
