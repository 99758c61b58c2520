/**
 * SARIF 2.1.0 for GitHub code scanning, within its upload limits (docs.github.com: "SARIF support for code
 * scanning"): GitHub keeps the first 5,000 results of a run and rejects files over 10 MB gzipped, so results
 * are ordered most severe first, cut to the limit, and the cut is said in a notification.
 */
import {gzipSync} from 'node:zlib'
import type {Log, Notification, Result} from 'sarif'
import type {ScanResult} from '../../../core/model.js'
import {scanNotifications} from './notifications.js'
import {buildResults} from './results.js'
import {ruleDescriptors} from './rules.js'
import {SRCROOT} from './uri.js'
import {waiverNoticeRules, waiverResults} from './waivers.js'

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'

export interface SarifLimits {
  /** Results kept per run. */
  maxResults: number
  /** Largest gzipped size of the whole file, in bytes. */
  maxGzipBytes: number
}

export const GITHUB_LIMITS: SarifLimits = {maxResults: 5000, maxGzipBytes: 10 * 1024 * 1024}

/** The rules' metadata and the waiver notices' (./waivers.ts), when the run has any. */
function allRules(result: ScanResult) {
  return ruleDescriptors([...result.rules, ...waiverNoticeRules(result)], result.findings)
}

function log(result: ScanResult, results: Result[], notes: Notification[]): Log {
  const {descriptors} = allRules(result)
  const semver = /^\d+\.\d+\.\d+(?:[-+].*)?$/.test(result.tool.version)
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA_URI,
    runs: [
      {
        tool: {
          driver: {
            name: 'stewards',
            version: result.tool.version,
            ...(semver ? {semanticVersion: result.tool.version} : {}),
            rules: descriptors,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: notes,
            properties: {incomplete: result.summary.incomplete},
          },
        ],
        originalUriBaseIds: {
          [SRCROOT]: {description: {text: 'The directory the scan ran in (the repository checkout).'}},
        },
        results,
        properties: {
          window: {since: result.window.since, until: result.window.until},
          schemaVersion: result.schemaVersion,
        },
      },
    ],
  }
}

function serialize(sarif: Log): string {
  return `${JSON.stringify(sarif, null, 2)}\n`
}

function truncationNote(kept: number, total: number, why: string): Notification {
  return {
    level: 'warning',
    message: {
      text: `${total - kept} of ${total} results were left out (${why}); the least severe went first. The JSON report has every finding.`,
    },
  }
}

/** The SARIF text, at most `limits.maxResults` results and `limits.maxGzipBytes` gzipped when any result fits. */
export function renderSarifWithin(result: ScanResult, limits: SarifLimits): string {
  const {index} = allRules(result)
  const all = [...buildResults(result, index), ...waiverResults(result, index)]
  const base = scanNotifications(result)
  let kept = all.slice(0, Math.max(0, limits.maxResults))
  const cuts: Notification[] = []
  if (kept.length < all.length) {
    cuts.push(truncationNote(kept.length, all.length, `GitHub keeps ${limits.maxResults} results per run`))
  }
  let text = serialize(log(result, kept, [...base, ...cuts]))
  let size = gzipSync(text).length
  while (size > limits.maxGzipBytes && kept.length > 0) {
    // Shrink in proportion to the overshoot (with a margin), then check again: a few rounds at most.
    const target = Math.min(kept.length - 1, Math.floor((kept.length * limits.maxGzipBytes * 0.9) / size))
    kept = kept.slice(0, Math.max(0, target))
    const sizeNote = truncationNote(
      kept.length,
      all.length,
      `the file must stay under ${limits.maxGzipBytes} bytes gzipped`,
    )
    text = serialize(log(result, kept, [...base, ...cuts, sizeNote]))
    size = gzipSync(text).length
  }
  return text
}
