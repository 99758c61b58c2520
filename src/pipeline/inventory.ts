/** `stewards inventory` as text: the components table (stdout) and the summary of what was read (stderr). */
import type {Component, Inventory} from '../core/model.js'
import {formatPlace, formatProblem} from '../core/problem.js'
import {alignedLines} from '../core/columns.js'

const SKIPPED_SHOWN = 50

/**
 * One row per component: reference, kind, ecosystem, version (or digest) and its first location. The lines come
 * one at a time (core/chunks.ts `lineChunks`), their rows made as they are needed: the table of a 100 MB lockfile
 * is 20 MB of text.
 */
export function inventoryTable(components: readonly Component[]): Iterable<string> {
  if (components.length === 0) return ['No components found.']
  // Columns at most 80 wide: a long ref overflows its own.
  return alignedLines(components, row, {header: ['REF', 'KIND', 'ECOSYSTEM', 'VERSION', 'LOCATION'], maxWidth: 80})
}

function row(c: Component): string[] {
  const [first] = c.locations
  const more = c.locations.length > 1 ? ` (+${c.locations.length - 1})` : ''
  return [
    c.ref,
    c.kind,
    c.ecosystem,
    c.version ?? (c.digest ? c.digest.slice(0, 19) : '-'),
    `${formatPlace(first.file, first.line)}${more}`,
  ]
}

/** Counts, every error and the first skipped files, for stderr. */
export function inventorySummary(inventory: Inventory): string {
  const {components, skipped, errors, files} = inventory
  const lines = [
    `${components.length} components in ${files} files; ${skipped.length} skipped; ${errors.length} errors`,
  ]
  for (const e of errors) lines.push(`error: ${formatProblem(e)} [${e.code}]`)
  for (const s of skipped.slice(0, SKIPPED_SHOWN)) lines.push(`skipped: ${formatProblem(s)} [${s.reason}]`)
  if (skipped.length > SKIPPED_SHOWN)
    lines.push(`skipped: ... and ${skipped.length - SKIPPED_SHOWN} more (see --format json)`)
  return lines.join('\n')
}
