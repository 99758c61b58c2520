/**
 * SPDX 2.2 and 2.3 documents in tag-value form (https://spdx.github.io/spdx-spec/v2.3/conformance/#44-standard-data-format-requirements):
 * `Tag: value` lines, multi-line values between `<text>` and `</text>`, `#` comments. Files named `*.spdx` whose
 * head has an `SPDXVersion:` line. Packages become components by ../../sbom-support/spdx.ts, located at their
 * `PackageName:` line. Written by hand: the format is a few line rules, and no maintained JavaScript parser of it
 * exists (the SPDX tools are Java, Python and Go).
 */
import type {ScanError} from '../../../core/model.js'
import {SPDX2_VERSIONS, type SpdxPackage, type SpdxRelationship, spdxComponents} from '../../sbom-support/spdx.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {SBOM_FILE} from '../../sbom-support/json-sbom.js'

export const discoverer: Discoverer = {
  id: 'spdx-tag-value',
  description: 'SPDX 2.2/2.3 tag-value document (*.spdx), with an SPDXVersion line',
  matches: (file) => /\.spdx$/i.test(file) || SBOM_FILE.test(file),
  sniff: (head) => /^\s*SPDXVersion:\s*SPDX-/m.test(head),
  discover: ({file, text}) => discoverSpdxTagValue(file, text),
}

/** Tags that open a section that is not a package: the current package ends there. */
const OTHER_SECTIONS = new Set(['FileName', 'SnippetSPDXID', 'LicenseID'])

export function discoverSpdxTagValue(file: string, text: string): DiscoverOutput {
  const errors: ScanError[] = []
  const packages: SpdxPackage[] = []
  const relationships: SpdxRelationship[] = []
  let version: {value: string; line: number} | undefined
  let documentName: string | undefined
  const creators: string[] = []
  let current: SpdxPackage | undefined
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const number = index + 1
    if (/^\s*(#|$)/.test(line)) continue
    const match = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*:\s?(.*)$/.exec(line)
    if (!match) {
      errors.push({file, line: number, column: 1, code: 'invalid-sbom', message: 'expected "Tag: value"'})
      continue
    }
    const [, tag, rest] = match
    let value = rest.trim()
    if (value.startsWith('<text>')) {
      // Multi-line text: everything up to </text>, never one of the fields read here.
      const end = findTextEnd(lines, index, value)
      if (end === undefined) {
        errors.push({file, line: number, column: 1, code: 'invalid-sbom', message: `${tag}: <text> without </text>`})
        break
      }
      index = end.index
      value = end.value
    }
    if (tag === 'SPDXVersion') version ??= {value, line: number}
    else if (tag === 'DocumentName' && current === undefined) documentName ??= value
    else if (tag === 'Creator' && current === undefined) creators.push(value)
    else if (tag === 'PackageName') {
      current = {name: value, refs: [], position: {line: number, column: 1}}
      packages.push(current)
    } else if (OTHER_SECTIONS.has(tag)) current = undefined
    else if (tag === 'Relationship') {
      const parts = value.split(/\s+/)
      if (parts.length === 3) relationships.push([parts[0], parts[1], parts[2]])
      else
        errors.push({file, line: number, column: 1, code: 'invalid-sbom', message: `Relationship: expected "A TYPE B"`})
    } else if (current) readPackageTag(current, tag, value, file, number, errors)
  }
  if (!version || !SPDX2_VERSIONS.test(version.value)) {
    const message = version
      ? `SPDXVersion ${version.value} is not an SPDX version this reader knows (SPDX-2.0 to SPDX-2.3)`
      : 'no SPDXVersion line'
    return {
      components: [],
      errors: [{file, line: version?.line ?? 1, column: 1, code: 'unsupported-sbom-version', message}],
    }
  }
  const out = spdxComponents(file, packages, relationships, [], documentName, creators)
  return {components: out.components, errors: [...errors, ...out.errors], skipped: out.skipped}
}

function readPackageTag(pkg: SpdxPackage, tag: string, value: string, file: string, line: number, errors: ScanError[]) {
  if (tag === 'SPDXID') pkg.id = value
  else if (tag === 'PackageVersion') pkg.version = value
  else if (tag === 'PackageDownloadLocation') pkg.downloadLocation = value
  else if (tag === 'PackageHomePage') pkg.homepage = value
  else if (tag === 'PrimaryPackagePurpose') pkg.purpose = value
  else if (tag === 'ExternalRef') {
    const parts = value.split(/\s+/)
    if (parts.length === 3) pkg.refs.push([parts[0], parts[1], parts[2]])
    else
      errors.push({
        file,
        line,
        column: 1,
        code: 'invalid-sbom',
        message: 'ExternalRef: expected "CATEGORY TYPE LOCATOR"',
      })
  }
}

/** The line that closes a `<text>` value opened on line `index`, and the text between. */
function findTextEnd(lines: string[], index: number, first: string): {index: number; value: string} | undefined {
  const opened = first.slice('<text>'.length)
  const close = opened.indexOf('</text>')
  if (close !== -1) return {index, value: opened.slice(0, close)}
  for (let next = index + 1; next < lines.length; next++) {
    const at = lines[next].indexOf('</text>')
    if (at !== -1) return {index: next, value: ''}
  }
  return undefined
}
