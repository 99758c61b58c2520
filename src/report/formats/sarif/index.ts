/** SARIF 2.1.0 for GitHub code scanning (see ./readme.md for the mapping and limits). */
import type {ScanResult} from '../../../core/model.js'
import type {ReportOptions, Reporter} from '../../types.js'
import {GITHUB_LIMITS, renderSarifWithin} from './build.js'

export function renderSarif(result: ScanResult, options: ReportOptions): string {
  return renderSarifWithin(result, {...GITHUB_LIMITS, maxResults: options.maxSarifResults ?? GITHUB_LIMITS.maxResults})
}

export const reporter: Reporter = {
  id: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning: one result per finding per declaring location',
  extension: 'sarif',
  render: renderSarif,
}

export {GITHUB_LIMITS, renderSarifWithin, type SarifLimits} from './build.js'
export {SECURITY_SEVERITY} from './severity.js'
