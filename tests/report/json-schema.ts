/**
 * Generates the JSON report's schema from the model's TypeScript types (src/core/model/), so the schema and
 * the code cannot drift: json.test.ts regenerates it and compares with the committed
 * src/report/formats/json/schema.json. Descriptions come from the JSDoc comments on the model.
 */
import {join} from 'node:path'
import {createGenerator} from 'ts-json-schema-generator'
import {SCAN_SCHEMA_VERSION} from '../../src/core/model.js'
import {stableJson} from '../../src/report/formats/json/stable-json.js'
import {repoRoot} from '../support/cli.js'

export const schemaFile = join(repoRoot, 'src', 'report', 'formats', 'json', 'schema.json')

export function generateScanSchema(): string {
  const generated = createGenerator({
    path: join(repoRoot, 'src', 'core', 'model', 'scan.ts'),
    tsconfig: join(repoRoot, 'tsconfig.json'),
    type: 'ScanResult',
    skipTypeCheck: true,
    jsDoc: 'extended',
    additionalProperties: false,
    sortProps: true,
    topRef: true,
  }).createSchema('ScanResult')
  return stableJson({
    ...generated,
    $id: `urn:stewards:report:scan-result:${SCAN_SCHEMA_VERSION}`,
    title: `stewards JSON report, schema version ${SCAN_SCHEMA_VERSION}`,
    description:
      'The ScanResult of one `stewards scan` (docs/json-report.md). Generated from src/core/model/*.ts by tests/report/json-schema.ts: do not edit by hand.',
  })
}
