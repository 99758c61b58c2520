/**
 * How our severities map onto GitHub code scanning. GitHub reads `security-severity` (a number written as a
 * string, 0.0-10.0) from rules tagged `security` and shows over 9.0 as critical, 7.0-8.9 high, 4.0-6.9 medium
 * and 0.1-3.9 low (docs.github.com: "SARIF support for code scanning", reportingDescriptor object).
 * `level` is what other SARIF viewers show.
 */
import type {Severity} from '../../../core/model.js'

export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '2.0',
  info: '0.5',
}

export type SarifLevel = 'error' | 'warning' | 'note'

export const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
}

/** GitHub's fallback when `security-severity` is ignored: error, warning or recommendation. */
export const PROBLEM_SEVERITY: Record<Severity, 'error' | 'warning' | 'recommendation'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'recommendation',
  info: 'recommendation',
}
