/**
 * The sniff of the JSON SBOM formats as discovery runs it (the walk, standard input): a BOM over SNIFF_BYTES is
 * claimed however its marker key is written and wherever it sits, and a large JSON file that is no BOM stays
 * unclaimed. Every document is fictional, generated here.
 */
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import type {Inventory} from '../../core/model.js'
import {scanTree} from '../../../tests/discover/tree.js'
import {discoverPaths} from '../index.js'
import {registeredDiscoverer} from '../../../tests/support/registered.js'
import {bytesToSniff, SNIFF_BYTES, sniffing, tailText, headText} from '../sniff.js'
import {sbomName, wholeWorthReading} from './json-sbom.js'

const COUNT = 1200

/**
 * A CycloneDX BOM of COUNT components, one a line from line 3 (column 5), between `before` (keys written first)
 * and `after` (keys written last): over 64 KiB, so that the head ends inside `components`.
 */
function cycloneDx(before: string, after: string): string {
  const lines = Array.from(
    {length: COUNT},
    (_, i) => `    {"type": "library", "name": "pkg-${i}", "version": "1.0.${i}", "purl": "pkg:npm/pkg-${i}@1.0.${i}"}`,
  )
  const text = `{${before}\n  "components": [\n${lines.join(',\n')}\n  ]${after}\n}\n`
  expect(text.length).toBeGreaterThan(SNIFF_BYTES)
  return text
}

/** file, name, version, line:column of the first and the last components, and how many there are. */
function listed(inventory: Inventory) {
  const rows = inventory.components
    .map((c) => ({at: c.locations[0], row: [c.locations[0].file, c.name, c.version]}))
    .sort((a, b) => a.at.line - b.at.line)
    .map(({at, row}) => [...row, `${at.line}:${at.column}`])
  return {count: rows.length, first: rows[0], last: rows.at(-1), errors: inventory.errors}
}

describe('JSON SBOMs over 64 KiB, as the walk finds them', () => {
  it('lists a BOM whose marker key in the tail is written with escapes ("bom\\u0046ormat")', async () => {
    const text = cycloneDx('', ',\n  "specVersion": "1.5",\n  "bom\\u0046ormat": "Cyclone\\u0044X"')
    expect(listed(await scanTree({'app.json': text}))).toEqual({
      count: COUNT,
      first: ['app.json', 'pkg-0', '1.0.0', '3:5'],
      last: ['app.json', `pkg-${COUNT - 1}`, `1.0.${COUNT - 1}`, `${COUNT + 2}:5`],
      errors: [],
    })
  })

  it('lists a BOM followed by 70 KiB of white space', async () => {
    const text = `${cycloneDx('', ',\n  "specVersion": "1.5",\n  "bomFormat": "CycloneDX"')}${' \n'.repeat(35 * 1024)}`
    expect(listed(await scanTree({'app.json': text}))).toMatchObject({
      count: COUNT,
      first: ['app.json', 'pkg-0', '1.0.0', '3:5'],
      errors: [],
    })
  })

  it('lists a BOM whose marker key in the head is written with escapes, the head ending inside components', async () => {
    const text = cycloneDx('\n  "\\u0062omFormat": "CycloneDX",\n  "specVersion": "1.5",', ',\n  "version": 1')
    expect(listed(await scanTree({'app.json': text}))).toMatchObject({
      count: COUNT,
      first: ['app.json', 'pkg-0', '1.0.0', '5:5'],
      errors: [],
    })
  })

  it('lists SPDX 2 and SPDX 3 documents whose marker in the tail is written with escapes', async () => {
    const packages = Array.from(
      {length: 600},
      (_, i) =>
        `    {"SPDXID": "SPDXRef-p${i}", "name": "p${i}", "versionInfo": "2.0.${i}", "downloadLocation": "NOASSERTION", "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/p${i}@2.0.${i}"}]}`,
    )
    const spdx2 = `{\n  "packages": [\n${packages.join(',\n')}\n  ],\n  "SPDXID": "SPDXRef-DOCUMENT",\n  "spdx\\u0056ersion": "SPDX-2.3"\n}\n`
    const elements = Array.from(
      {length: 600},
      (_, i) =>
        `    {"type": "software_Package", "spdxId": "https://example.org/p${i}", "name": "p${i}", "software_packageVersion": "3.0.${i}", "software_packageUrl": "pkg:npm/p${i}@3.0.${i}"}`,
    )
    // The context written as PHP's json_encode writes it, its slashes escaped; the key escaped too.
    const spdx3 = `{\n  "@graph": [\n${elements.join(',\n')}\n  ],\n  "\\u0040context": "https:\\/\\/spdx.org\\/rdf\\/3.0.1\\/spdx-context.jsonld"\n}\n`
    const inventory = await scanTree({'two.json': spdx2, 'three.json': spdx3})
    const at = (file: string, name: string) =>
      inventory.components.filter((c) => c.name === name).flatMap((c) => c.locations.filter((l) => l.file === file))
    expect(inventory.errors).toEqual([])
    expect(at('two.json', 'p0')).toEqual([{file: 'two.json', line: 3, column: 5}])
    expect(at('three.json', 'p599')).toEqual([{file: 'three.json', line: 602, column: 5}])
    expect(new Set(inventory.components.flatMap((c) => c.locations.map((l) => l.file)))).toEqual(
      new Set(['two.json', 'three.json']),
    )
  })

  it('lists a BOM whose marker sits between head and tail when its name or its keys say BOM', async () => {
    // After the components, another 64 KiB and more: the marker is in neither the head nor the tail.
    const notes = Array.from({length: COUNT}, (_, i) => `    {"note": ${i}, "text": "${'z'.repeat(40)}"}`)
    const after = `,\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.5",\n  "notes": [\n${notes.join(',\n')}\n  ]`
    const middle = (extra: string) => cycloneDx(`\n  "serial": "x"${extra},`, after)
    const plain = middle('')
    const inventory = await scanTree({
      'sbom.cdx.json': plain,
      'bom.json': plain,
      'keys.json': middle(', "bom-ref": "root"'),
      'purls.json': plain,
      'unnamed.json': plain.replace(/, "purl": "[^"]*"/g, ''),
    })
    const files = new Set(inventory.components.flatMap((c) => c.locations.map((l) => l.file)))
    // No sign at all: left out, as before (a marker after the first and before the last 64 KiB, unescaped).
    expect([...files].sort()).toEqual(['bom.json', 'keys.json', 'purls.json', 'sbom.cdx.json'])
    expect(inventory.errors).toEqual([])
  })

  it('reads a BOM given on standard input whose marker key is escaped in the tail', async () => {
    const text = cycloneDx('', ',\n  "specVersion": "1.5",\n  "bom\\u0046ormat": "Cyclone\\u0044X"')
    const inventory = await discoverPaths(['-'], {stdin: {stream: Readable.from([Buffer.from(text)])}})
    expect(listed(inventory)).toMatchObject({count: COUNT, first: ['<stdin>', 'pkg-0', '1.0.0', '3:5']})
  })

  it('leaves large JSON files that are no BOM unclaimed, even when a sign had them read whole', async () => {
    const rows = Array.from({length: 3000}, (_, i) => `{"id": ${i}, "label": "caf\\u00e9 \\u0026 ${i}"}`)
    const data = `{"rows": [${rows.join(', ')}], "meta": {"bomFormat": "CycloneDX"}}`
    expect(data.length).toBeGreaterThan(2 * SNIFF_BYTES)
    const escaped = data.replace('"meta"', '"\\u006deta"')
    const jsonLd = `{"@context": "https:\\/\\/schema.org", "rows": [${rows.join(', ')}], "@type": "Dataset"}`
    const inventory = await scanTree({
      'data.json': data,
      'escaped.json': escaped,
      'bom.json': data,
      'sbom-linked.json': jsonLd,
    })
    expect(inventory.components).toEqual([])
    expect(inventory.errors).toEqual([])
    expect(inventory.files).toBe(0)
  })
})

describe('the sign that has a whole file read', () => {
  it('is an escaped ASCII letter, a key only BOMs have, or a BOM name; not a common escape or a plain name', () => {
    expect(wholeWorthReading('a.json', '{"x": "\\u00e9 \\u0026 \\u003c"', '"\\u002f"}')).toBe(false)
    expect(wholeWorthReading('a.json', '{"x": 1', '"bom\\u0046ormat": 1}')).toBe(true)
    expect(wholeWorthReading('a.json', '{"\\u0040context": 1', '}')).toBe(true)
    expect(wholeWorthReading('a.json', '{"components": [{"bom-ref": "a"', '}')).toBe(true)
    expect(wholeWorthReading('inventory.json', '{"components": [{"name": "a", "purl": "pkg:npm/a@1"', '}')).toBe(true)
    expect(wholeWorthReading('a.json', '{"x": 1', '"SPDXID": "x"}]}')).toBe(true)
    for (const name of [
      'bom.json',
      'x/sbom.json',
      'app.cdx.json',
      'manifest.spdx.json',
      'sbom-linux.json',
      'a_bom.json',
    ])
      expect([name, sbomName(name)]).toEqual([name, true])
    for (const name of ['data.json', 'bomb.json', 'tombstone.json', 'spdxlike.json', 'cdxs.json'])
      expect([name, sbomName(name)]).toEqual([name, false])
  })

  it('lists a BOM after more than 64 KiB of white space: a blank head decides nothing', async () => {
    const text = `${' \n'.repeat(35 * 1024)}${cycloneDx('', ',\n  "specVersion": "1.5",\n  "bomFormat": "CycloneDX"')}`
    expect(listed(await scanTree({'bom.json': text}))).toMatchObject({count: COUNT, errors: []})
  })

  it('reads a UTF-16 BOM with its byte-order mark (PowerShell 5.1 writes one with `>`); one without is claimed by its marker or its name, so that its encoding is told', async () => {
    const utf16 = (text: string, mark = true) =>
      Buffer.concat([Buffer.from(mark ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')])
    const bom =
      '{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [{"type": "library", "name": "left-pad", "version": "1.3.0", "purl": "pkg:npm/left-pad@1.3.0"}]}'
    const inventory = await scanTree({
      'app.json': utf16(bom),
      'data.json': utf16('{"a": 1}'),
      'nomark/app.json': utf16(bom, false),
      'nomark/sbom.json': utf16('{"components": []}', false),
      'nomark/data.json': utf16('{"a": 1}', false),
    })
    expect(inventory.components.map((c) => [c.purl, c.locations.map((l) => l.file)])).toEqual([
      ['pkg:npm/left-pad@1.3.0', ['app.json']],
    ])
    expect(inventory.errors.map((e) => [e.file, e.code])).toEqual([
      ['nomark/app.json', 'unsupported-encoding'],
      ['nomark/sbom.json', 'unsupported-encoding'],
    ])
  })

  it('reads a UTF-16 BOM over 64 KiB whose marker key is last, little- and big-endian, by its tail or its whole text (was passed over)', async () => {
    const text = cycloneDx('', ',\n  "specVersion": "1.5",\n  "bomFormat": "CycloneDX"').replace(/\n/g, '\r\n')
    const le = (body: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])
    const be = (body: string) => le(body).swap16()
    const escaped = text.replace('"bomFormat"', '"bom\\u0046ormat"')
    const inventory = await scanTree({
      'le/app.json': le(text),
      'be/app.json': be(text),
      // The marker written with an escape: read whole, decoded as UTF-16.
      'whole/app.json': le(escaped),
      // Padded with NULs, or one byte too many: claimed, and its reading says what is wrong.
      'nul/app.json': le(`${text}\u0000\u0000`),
      'odd/app.json': Buffer.concat([le(text), Buffer.from('\n')]),
      // No byte-order mark: claimed by the key in its tail, so that its encoding is told.
      'nomark/app.json': Buffer.from(text, 'utf16le'),
      'nomark-be/app.json': Buffer.from(text, 'utf16le').swap16(),
    })
    // The same components in each file: merged, with a location in each.
    const byFile = (file: string) =>
      inventory.components.flatMap((c) => c.locations.filter((l) => l.file === file).map((l) => ({c, l})))
    for (const file of ['le/app.json', 'be/app.json', 'whole/app.json', 'nul/app.json']) {
      const rows = byFile(file)
        .sort((a, b) => a.l.line - b.l.line)
        .map(({c, l}) => [c.name, `${l.line}:${l.column}`])
      expect([file, rows.length, rows[0], rows.at(-1)]).toEqual([
        file,
        COUNT,
        ['pkg-0', '3:5'],
        [`pkg-${COUNT - 1}`, `${COUNT + 2}:5`],
      ])
    }
    expect(inventory.errors.map((e) => [e.file, e.line ?? null, e.code, e.message])).toEqual([
      ['nomark-be/app.json', null, 'unsupported-encoding', expect.stringContaining('without a byte-order mark')],
      ['nomark/app.json', null, 'unsupported-encoding', expect.stringContaining('without a byte-order mark')],
      ['nul/app.json', COUNT + 7, 'control-character', 'control character NUL at line 1207; the line is not read'],
      [
        'odd/app.json',
        null,
        'unsupported-encoding',
        'UTF-16LE by its byte-order mark, but not valid UTF-16LE; save the file as UTF-8',
      ],
    ])
  })

  it('never reads a whole file another format claimed from its head or its tail (a CycloneDX BOM has bom-refs)', () => {
    for (const [before, after] of [
      ['\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.5",', ''],
      ['', ',\n  "specVersion": "1.5",\n  "bomFormat": "CycloneDX"'],
    ]) {
      const text = cycloneDx(before, after).replaceAll('"type": "library"', '"bom-ref": "x"')
      expect(sniffCountingWholeReads('bom.json', text)).toEqual({kept: ['cyclonedx-json'], reads: 0})
    }
  })

  it('reads the whole file once, for all the JSON SBOM formats that sniff it', () => {
    const text = cycloneDx('', ',\n  "specVersion": "1.5",\n  "bom\\u0046ormat": "Cyclone\\u0044X"')
    expect(sniffCountingWholeReads('app.json', text)).toEqual({kept: ['cyclonedx-json'], reads: 1})
  })
})

/** The JSON SBOM formats that claim `text` named `name`, and how many times the whole of it was read to decide. */
function sniffCountingWholeReads(name: string, text: string): {kept: string[]; reads: number} {
  const bytes = Buffer.from(text)
  const whole = bytesToSniff(name, bytes)
  let reads = 0
  const counted = {
    name: whole.name,
    chunks() {
      reads++
      return whole.chunks()
    },
  }
  const formats = ['cyclonedx-json', 'spdx-json', 'spdx3-jsonld'].map(registeredDiscoverer)
  const kept = sniffing(
    formats,
    () => headText(bytes),
    () => tailText(bytes),
    counted,
  )
  return {kept: kept.map((format) => format.id), reads}
}
