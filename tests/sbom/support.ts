/** Shared by the SBOM format tests: the real-world fixtures and a discoverer run as discovery runs it. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Component, ScanError, Skipped} from '../../src/core/model.js'
import type {Discoverer} from '../../src/discover/types.js'

export const SBOM_FIXTURES = join(import.meta.dirname, '__fixtures__')

export function readSbomFixture(name: string): string {
  return readFileSync(join(SBOM_FIXTURES, name), 'utf8')
}

export interface SbomRun {
  components: Component[]
  errors: ScanError[]
  skipped?: Skipped[]
}

/** `discover(text, file?)` and `fixture(name)` for one format; SBOM formats are synchronous. */
export function formatRunner(discoverer: Discoverer, defaultFile: string) {
  const discover = (text: string, file = defaultFile) =>
    discoverer.discover({file, text}, {readText: () => null}) as SbomRun
  return {discover, fixture: (name: string) => discover(readSbomFixture(name), name)}
}

/** ecosystem, name, version, scope, local, line:column: what the fixture tests compare first. */
export function brief(c: Component): Array<string | boolean | null> {
  const at = c.locations[0]
  return [c.ecosystem, c.name, c.version ?? null, c.scope ?? null, c.local ?? false, `${at.line}:${at.column}`]
}

/** ecosystem, name, version, scope, local, purl, `field url` of the stated repository, line:column. */
export function sbomRow(c: Component): Array<string | boolean | null> {
  const at = c.locations[0]
  const stated = c.statedRepository ? `${c.statedRepository.field} ${c.statedRepository.url}` : null
  return [
    c.ecosystem,
    c.name,
    c.version ?? null,
    c.scope ?? null,
    c.local ?? false,
    c.purl ?? null,
    stated,
    `${at.line}:${at.column}`,
  ]
}
