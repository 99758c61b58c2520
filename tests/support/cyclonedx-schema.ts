/**
 * The official CycloneDX 1.6 JSON schema (tests/fixtures/cyclonedx-1.6, with the SPDX licence and JSF schemas it
 * references), compiled once with ajv. The schema uses two formats ajv-formats does not define: `iri-reference`
 * is checked as a URI reference (every IRI stewards writes is ASCII) and `idn-email` as an e-mail address.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import {fullFormats} from 'ajv-formats/dist/formats.js'
import {repoRoot} from './cli.js'

const dir = join(repoRoot, 'tests', 'fixtures', 'cyclonedx-1.6')
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'))

const ajv = new Ajv({allErrors: true, strict: false})
addFormats.default(ajv)
ajv.addFormat('iri-reference', fullFormats['uri-reference'])
ajv.addFormat('idn-email', fullFormats.email)
ajv.addSchema(load('spdx.schema.json'))
ajv.addSchema(load('jsf-0.82.schema.json'))
const validate = ajv.compile(load('bom-1.6.schema.json'))

/** The schema's errors for a document (at most five), empty when it is valid. */
export function cycloneDxErrors(document: unknown): string {
  return validate(document) ? '' : JSON.stringify(validate.errors?.slice(0, 5), null, 2)
}
