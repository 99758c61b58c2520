import {describe, expect, it} from 'vitest'
import {formatRunner, sbomRow} from '../../../../tests/sbom/support.js'
import {discoverer} from './index.js'

const {discover, fixture} = formatRunner(discoverer, 'sbom.spdx')

const HEADER = 'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n'

describe('spdx-tag-value', () => {
  it('takes the package named as the document for its subject when no relationship names one (FreeRTOS coreMQTT)', () => {
    // The shape of FreeRTOS/coreMQTT's sbom.spdx: one package, named as the document, and no DESCRIBES.
    const text = `${HEADER}DocumentName: lanternMQTT\nDocumentNamespace: https://example.com/lanternMQTT\n\nPackageName: lanternMQTT\nSPDXID: SPDXRef-Package-lanternMQTT\nPackageVersion: v2.0.0\n\nPackageName: tinyjson\nSPDXID: SPDXRef-Package-tinyjson\nPackageVersion: 1.2\n`
    const {components, errors} = discover(text)
    expect(errors).toEqual([])
    expect(components.map((c) => [c.name, c.local ?? false, c.scope ?? null])).toEqual([
      ['lanternMQTT', true, null],
      ['tinyjson', false, 'prod'],
    ])
  })

  it("reads a Trivy document's subject CONTAINS as a direct dependency, by its Creator line; another tool's as none", () => {
    // The shape Trivy writes (`trivy fs --format spdx` on a conda environment): the subject CONTAINS the packages.
    const text = (tool: string) =>
      `${HEADER}DocumentName: lantern\nCreator: Organization: aquasecurity\nCreator: Tool: ${tool}\n\nPackageName: lantern\nSPDXID: SPDXRef-Filesystem-2e2426fd0f2580ef\n\nPackageName: openssl\nSPDXID: SPDXRef-Package-8217dab1d30aca2\nPackageVersion: 1.1.1q\nExternalRef: PACKAGE-MANAGER purl pkg:conda/openssl@1.1.1q\n\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Filesystem-2e2426fd0f2580ef\nRelationship: SPDXRef-Filesystem-2e2426fd0f2580ef CONTAINS SPDXRef-Package-8217dab1d30aca2\n`
    const listed = (tool: string) =>
      discover(text(tool)).components.map((c) => [c.name, c.direct ?? null, c.local ?? false])
    expect(listed('trivy-0.58.1')).toEqual([
      ['lantern', null, true],
      ['openssl', true, false],
    ])
    expect(listed('syft-1.13.0')).toEqual([
      ['lantern', null, true],
      ['openssl', null, false],
    ])
  })

  it("leaves out a subject whose PrimaryPackagePurpose is FILE (Syft's scanned directory); one with a purl stays", () => {
    // The shape of Syft's SPDX of a scanned directory: the subject `SPDXRef-DocumentRoot-Directory-.`, purpose FILE
    // (anchore/syft syft/format/common/spdxhelpers/to_format_model.go toRootPackage); was listed as a package named ".".
    const text = (extra: string) =>
      `${HEADER}DocumentName: .\nCreator: Tool: syft-1.20.0\n\nPackageName: .\nSPDXID: SPDXRef-DocumentRoot-Directory-.\nPrimaryPackagePurpose: FILE\n${extra}\nPackageName: tinyjson\nSPDXID: SPDXRef-Package-tinyjson\nPackageVersion: 1.2\nExternalRef: PACKAGE-MANAGER purl pkg:npm/tinyjson@1.2\n\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-DocumentRoot-Directory-.\nRelationship: SPDXRef-DocumentRoot-Directory-. CONTAINS SPDXRef-Package-tinyjson\n`
    const listed = (extra: string) => {
      const {components, errors} = discover(text(extra))
      expect(errors).toEqual([])
      return components.map((c) => [c.name, c.local ?? false, c.purl ?? null])
    }
    expect(listed('')).toEqual([['tinyjson', false, 'pkg:npm/tinyjson@1.2']])
    expect(listed('ExternalRef: PACKAGE-MANAGER purl pkg:generic/lantern@1\n')).toEqual([
      ['lantern', true, 'pkg:generic/lantern@1'],
      ['tinyjson', false, 'pkg:npm/tinyjson@1.2'],
    ])
  })

  it('reads spdx-examples example 4 (spdx/tools-golang, SPDX 2.2): the described binary is local, its git locator stated', () => {
    const {components, errors} = fixture('spdx-example4-bin.spdx')
    expect(errors).toEqual([])
    expect(components.map(sbomRow)).toEqual([
      [
        'generic',
        'main-bin',
        null,
        null,
        true,
        null,
        'downloadLocation git+https://github.com/swinslow/spdx-examples.git',
        '14:1',
      ],
      ['generic', 'libc', null, 'prod', false, null, null, '48:1'],
      ['generic', 'libdl', null, 'prod', false, null, null, '57:1'],
    ])
  })

  it('reads spdx-examples example 6: relationships to other documents are not packages of this one', () => {
    const {components, errors} = fixture('spdx-example6-bin.spdx')
    expect(errors).toEqual([])
    expect(components.map(sbomRow)).toEqual([
      [
        'generic',
        'hello-go-bin',
        null,
        null,
        true,
        null,
        'downloadLocation git+https://github.com/swinslow/spdx-examples.git',
        '15:1',
      ],
    ])
  })

  it('reads purls and CPEs from ExternalRef lines, scope from Relationship lines, skips <text> blocks and files', () => {
    const {components, errors} = discover(
      [
        HEADER,
        'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app',
        '',
        'PackageName: app',
        'SPDXID: SPDXRef-app',
        'PackageComment: <text>PackageName: not-a-package',
        'ExternalRef: PACKAGE-MANAGER purl pkg:npm/fake@1.0.0',
        '</text>',
        '',
        'PackageName: left-pad',
        'SPDXID: SPDXRef-left-pad',
        'PackageVersion: 1.3.0',
        'PackageDownloadLocation: https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
        'PackageHomePage: https://github.com/stevemao/left-pad',
        'ExternalRef: PACKAGE-MANAGER purl pkg:npm/left-pad@1.3.0',
        'ExternalRef: SECURITY cpe23Type cpe:2.3:a:left-pad:left-pad:1.3.0:*:*:*:*:*:*:*',
        '',
        'FileName: ./index.js',
        'SPDXID: SPDXRef-file',
        'PackageVersion: 9.9.9',
        '',
        'PackageName: jest',
        'SPDXID: SPDXRef-jest',
        'ExternalRef: PACKAGE-MANAGER purl pkg:npm/jest@29.0.0',
        'Relationship: SPDXRef-jest DEV_DEPENDENCY_OF SPDXRef-app',
        'Relationship: SPDXRef-app DEPENDS_ON SPDXRef-left-pad',
        '',
      ].join('\n'),
    )
    expect(errors).toEqual([])
    expect(components.map(sbomRow)).toEqual([
      ['generic', 'app', null, null, true, null, null, '7:1'],
      [
        'npm',
        'left-pad',
        '1.3.0',
        'prod',
        false,
        'pkg:npm/left-pad@1.3.0',
        'homepage https://github.com/stevemao/left-pad',
        '13:1',
      ],
      ['npm', 'jest', '29.0.0', 'dev', false, 'pkg:npm/jest@29.0.0', null, '25:1'],
    ])
    expect(components[1].cpe).toBe('cpe:2.3:a:left-pad:left-pad:1.3.0:*:*:*:*:*:*:*')
  })

  it('reports bad lines with file and line and keeps reading; an unknown version or none is an error', () => {
    const {components, errors} = discover(
      `${HEADER}PackageName: a\nthis is not a tag\nExternalRef: PACKAGE-MANAGER purl\nRelationship: x\nPackageName: b\n`,
    )
    expect(components.map((c) => c.name)).toEqual(['a', 'b'])
    expect(errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [5, 'invalid-sbom', 'expected "Tag: value"'],
      [6, 'invalid-sbom', 'ExternalRef: expected "CATEGORY TYPE LOCATOR"'],
      [7, 'invalid-sbom', 'Relationship: expected "A TYPE B"'],
    ])
    expect(discover(`${HEADER}PackageComment: <text>never closed\n`).errors.map((e) => [e.line, e.message])).toEqual([
      [4, 'PackageComment: <text> without </text>'],
    ])
    expect(discover('SPDXVersion: SPDX-3.0\nPackageName: a\n').errors.map((e) => [e.line, e.code])).toEqual([
      [1, 'unsupported-sbom-version'],
    ])
    expect(discover('PackageName: a\n').errors.map((e) => e.message)).toEqual(['no SPDXVersion line'])
  })

  it('claims *.spdx files with an SPDXVersion line', () => {
    expect(discoverer.matches('sbom/app.spdx')).toBe(true)
    expect(discoverer.matches('sbom/app.spdx.json')).toBe(false)
    expect(discoverer.sniff?.('## comment\nSPDXVersion: SPDX-2.2\n')).toBe(true)
    expect(discoverer.sniff?.('PackageName: a\n')).toBe(false)
  })
})
