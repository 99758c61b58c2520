/**
 * The official SARIF 2.1.0 schema (tests/fixtures/sarif-schema-2.1.0.json, kept byte for byte) as the specification
 * reads: the committee schema spells the suppression object's `status` property `state`, which the prose
 * specification (§3.35.3) and SARIF 2.1.0 Errata 01 (OASIS, 2023) name `status` (oasis-tcs/sarif-spec#449). The one
 * correction is made here, in memory, so a report with waiver suppressions validates as the standard says.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {Ajv} from 'ajv'
import addFormats from 'ajv-formats'
import {repoRoot} from './cli.js'

export function sarifSchema(): Record<string, unknown> {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'tests', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'))
  const suppression = schema.definitions.suppression.properties
  if (suppression.state && !suppression.status) {
    suppression.status = {...suppression.state, description: 'A string that indicates the status of the suppression.'}
    delete suppression.state
  }
  return schema
}

/** A validator of SARIF logs against the errata-corrected schema; `errors` lists the first few problems. */
export function sarifValidator(): (log: unknown) => {valid: boolean; errors: string} {
  const ajv = new Ajv({allErrors: true, strict: false})
  addFormats.default(ajv)
  const validate = ajv.compile(sarifSchema())
  return (log) => ({valid: validate(log) === true, errors: JSON.stringify(validate.errors?.slice(0, 5), null, 2)})
}
