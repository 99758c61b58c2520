/** The JSON report is the ScanResult itself (schema: ./schema.json, docs/json-report.md), in stable JSON. */
import type {ScanResult} from '../../../core/model.js'
import type {Reporter} from '../../types.js'
import {stableJson} from './stable-json.js'

export function renderJson(result: ScanResult): string {
  return stableJson(result)
}

export const reporter: Reporter = {
  id: 'json',
  description: 'The full scan result as versioned JSON (the evidence chain from component to attribution)',
  exact: true,
  extension: 'json',
  render: renderJson,
}

export {MEASUREMENT_SCHEMA_VERSION, readMeasuredReport, readScanResult} from './read.js'
export type {MeasuredReport} from './schema.js'
export {stableJson} from './stable-json.js'
