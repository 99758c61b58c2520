/** SBOMs from the command line: a named SBOM is read, and what it states resolves offline with no registry. */
import {readFileSync} from 'node:fs'
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {Readable} from 'node:stream'
import {discoverPaths} from '../../src/discover/index.js'
import {repoRoot, runCli} from '../support/cli.js'
import {readSbomFixture} from './support.js'

const dir = join(import.meta.dirname, '__fixtures__')
const inToto = join(repoRoot, 'src', 'discover', 'sbom-support', '__fixtures__', 'in-toto')
const file = (name: string) => relative(repoRoot, join(dir, name))

describe('stewards inventory with SBOMs', () => {
  it('resolves a cyclonedx-npm SBOM offline from the repositories it states (exit 0)', async () => {
    const bom = file('round-trip/bom.1.6.json')
    const r = await runCli(['inventory', bom, '--resolve', '--offline', '--json'], {
      env: {XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), 'xdg-'))},
    })
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    const groups = out.resolution.groups as Array<{repo: string; provenance: string; components: Array<{name: string}>}>
    expect(groups.map((g) => [g.repo, g.provenance, g.components.map((c) => c.name).join(',')])).toEqual([
      ['github.com/colinhacks/zod', 'sbom-stated', 'zod'],
      ['github.com/epoberezkin/fast-json-stable-stringify', 'sbom-stated', 'fast-json-stable-stringify'],
      ['github.com/sindresorhus/mimic-fn', 'sbom-stated', 'mimic-fn'],
      ['github.com/sindresorhus/path-exists', 'sbom-stated', 'path-exists'],
      ['github.com/sindresorhus/pify', 'sbom-stated', 'pify'],
      ['github.com/sindresorhus/pretty-bytes', 'sbom-stated', 'pretty-bytes'],
      ['github.com/sindresorhus/yocto-queue', 'sbom-stated', 'yocto-queue'],
      ['github.com/stevemao/left-pad', 'sbom-stated', 'left-pad'],
      ['github.com/wooorm/zwitch', 'sbom-stated', 'zwitch'],
    ])
    expect(out.resolution.unresolved.map((u: {reason: string}) => u.reason)).toEqual(['local'])
  })

  it('names the file and line of a hostile XML SBOM and refuses its DOCTYPE (exit 2: an input was not read)', async () => {
    const work = await mkdtemp(join(tmpdir(), 'sbom-cli-'))
    await writeFile(
      join(work, 'bom.xml'),
      '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components/></bom>\n',
    )
    const r = await runCli(['inventory', work, '--json'])
    expect(r.code).toBe(2)
    const out = JSON.parse(r.stdout)
    expect(out.errors).toEqual([
      {
        file: join(work, 'bom.xml'),
        line: 2,
        column: 1,
        code: 'invalid-xml',
        message: 'DOCTYPE declarations are refused (no entity expansion, no external entities in SBOMs)',
      },
    ])
  })
})

describe('SBOMs on standard input', () => {
  it('are recognised by their content, in every SBOM format', async () => {
    const formats: Record<string, string> = {
      'cdx-npm-dev-dependencies.bom.1.6.json': 'demo-dev-dependencies',
      'cdx-npm-dev-dependencies.bom.1.5.xml': 'demo-dev-dependencies',
      'spdx-example11.spdx.json': 'hyper',
      'spdx-example4-bin.spdx': 'libc',
      'spdx3-example11.spdx3.json': 'hyper',
    }
    for (const [name, component] of Object.entries(formats)) {
      const stream = Readable.from([Buffer.from(readSbomFixture(name))])
      const inventory = await discoverPaths(['-'], {stdin: {stream}})
      expect(inventory.errors, name).toEqual([])
      expect(
        inventory.components.map((c) => c.name),
        name,
      ).toContain(component)
      expect(inventory.components[0].locations[0].file).toBe('<stdin>')
    }
  })

  it('and an SBOM in an in-toto Statement (BuildKit, cosign): what `cosign verify-attestation | jq` pipes in', async () => {
    const text = readFileSync(join(inToto, 'buildkit', 'sbom.spdx.json'))
    const inventory = await discoverPaths(['-'], {stdin: {stream: Readable.from([text])}})
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => [c.name, c.locations[0].file, c.locations[0].line])).toEqual([
      ['@colors/colors', '<stdin>', 28],
      ['alpine/musl', '<stdin>', 44],
    ])
  })
})

describe('SBOMs under the names Syft reads them by', () => {
  it('reads bom, *.sbom and *.cdx by their content, in each format; another file of such a name is passed over', async () => {
    const work = await mkdtemp(join(tmpdir(), 'sbom-names-'))
    await writeFile(join(work, 'app.cdx'), readSbomFixture('cdx-npm-dev-dependencies.bom.1.6.json'))
    await writeFile(join(work, 'bom'), readSbomFixture('cdx-npm-dev-dependencies.bom.1.5.xml'))
    await writeFile(join(work, 'image.sbom'), readSbomFixture('spdx-example4-bin.spdx'))
    await writeFile(join(work, 'notes.bom'), 'a bill of materials for the workshop: 3 screws\n')
    const inventory = await discoverPaths([work])
    expect([inventory.files, inventory.errors, inventory.skipped]).toEqual([3, [], []])
    const files = new Set(inventory.components.flatMap((c) => c.locations.map((l) => l.file.slice(work.length + 1))))
    expect([...files].sort()).toEqual(['app.cdx', 'bom', 'image.sbom'])
  })
})

describe('stewards inventory of in-toto attestations', () => {
  it("lists what BuildKit's SBOM attestation lists and passes its provenance over (exit 0)", async () => {
    const r = await runCli(['inventory', relative(repoRoot, join(inToto, 'buildkit')), '--json'])
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.components.map((c: {purl: string}) => c.purl)).toEqual([
      'pkg:npm/%40colors/colors@1.6.0',
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1',
    ])
    expect([out.files, out.errors, out.skipped]).toEqual([1, [], []])
  })

  it('lists what signed attestations carry: a cosign in-toto bundle (.intoto.jsonl) and a Sigstore bundle (exit 0)', async () => {
    const r = await runCli(['inventory', relative(repoRoot, join(inToto, 'signed')), '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.components.map((c: {purl?: string; name: string}) => c.purl ?? c.name)).toEqual([
      'pkg:npm/%40colors/colors@1.6.0',
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1',
      'lanternfish',
      'pkg:pypi/requests@2.32.3',
    ])
    expect([out.files, out.errors]).toEqual([2, []])
  })
})
