/**
 * Deterministic inventory: identical components (same kind, ecosystem, name, version, digest, ref, scope,
 * local, origin, direct, purl, repository) are merged by concatenating their locations, and everything is
 * sorted in the one string order of the tool (core/compare.ts, never locale-dependent) so the same inputs give the
 * same bytes.
 */
import {appendAll} from '../core/arrays.js'
import {compare} from '../core/compare.js'
import type {Component, Inventory, Location, ScanError, Skipped} from '../core/model.js'

export function finishInventory(
  components: Component[],
  skipped: Skipped[],
  errors: ScanError[],
  files: number,
): Inventory {
  return {
    components: mergeComponents(components),
    skipped: uniqueSorted(skipped.map(canonicalSkipped), skippedKey),
    errors: uniqueSorted(errors.map(canonicalError), errorKey),
    files,
  }
}

export function mergeComponents(components: Component[]): Component[] {
  const merged = new Map<string, Component>()
  for (const component of components) {
    const key = identity(component)
    const existing = merged.get(key)
    if (existing) appendAll(existing.locations, component.locations)
    else merged.set(key, canonicalComponent(component))
  }
  // Fields compared in place, the identity computed once: no key arrays built per comparison.
  const keyed: Array<{id: string; component: Component}> = []
  for (const [id, component] of merged) {
    component.locations = sortedLocations(component.locations)
    keyed.push({id, component})
  }
  keyed.sort((a, b) => compareComponents(a.component, b.component) || compare(a.id, b.id))
  return keyed.map((entry) => entry.component)
}

/** By name, version, digest, kind, ecosystem, ref, origin: the order reports list components in. */
function compareComponents(a: Component, b: Component): number {
  return (
    compare(a.name, b.name) ||
    compare(a.version ?? '', b.version ?? '') ||
    compare(a.digest ?? '', b.digest ?? '') ||
    compare(a.kind, b.kind) ||
    compare(a.ecosystem, b.ecosystem) ||
    compare(a.ref, b.ref) ||
    compare(a.origin ?? '', b.origin ?? '')
  )
}

/** Sorted by file, line, column; duplicates dropped. */
function sortedLocations(locations: Location[]): Location[] {
  const sorted = locations.map(canonicalLocation)
  if (sorted.length < 2) return sorted
  sorted.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column)
  return sorted.filter(
    (l, i) =>
      i === 0 || l.file !== sorted[i - 1].file || l.line !== sorted[i - 1].line || l.column !== sorted[i - 1].column,
  )
}

function identity(c: Component): string {
  return JSON.stringify([
    c.kind,
    c.ecosystem,
    c.name,
    c.version,
    c.digest,
    c.ref,
    c.scope,
    c.local,
    c.origin,
    c.direct,
    c.purl,
    c.repository,
  ])
}

/** Fixed key order: JSON output does not depend on how a format built the object. Undefined fields are left out. */
function canonicalComponent(c: Component): Component {
  const out = {kind: c.kind, ecosystem: c.ecosystem, name: c.name} as Component
  if (c.version !== undefined) out.version = c.version
  if (c.digest !== undefined) out.digest = c.digest
  if (c.purl !== undefined) out.purl = c.purl
  out.ref = c.ref
  if (c.scope !== undefined) out.scope = c.scope
  if (c.direct !== undefined) out.direct = c.direct
  if (c.local !== undefined) out.local = c.local
  if (c.origin !== undefined) out.origin = c.origin
  if (c.repository !== undefined) out.repository = c.repository
  out.locations = [...c.locations]
  return out
}

function canonicalLocation(l: Location): Location {
  return {file: l.file, line: l.line, column: l.column}
}

function canonicalSkipped(s: Skipped): Skipped {
  return compact({file: s.file, line: s.line, reason: s.reason, message: s.message})
}

function canonicalError(e: ScanError): ScanError {
  return compact({file: e.file, line: e.line, column: e.column, code: e.code, message: e.message})
}

function skippedKey(s: Skipped): string[] {
  return [s.file, pad(s.line), s.reason, s.message]
}

function errorKey(e: ScanError): string[] {
  return [e.file, pad(e.line), pad(e.column), e.code, e.message]
}

/** Numbers sort numerically inside string keys; a missing line sorts first. */
function pad(n: number | undefined): string {
  return n === undefined ? '' : String(n).padStart(12, '0')
}

function uniqueSorted<T>(items: T[], key: (item: T) => string[]): T[] {
  const byKey = new Map<string, {key: string[]; item: T}>()
  for (const item of items) {
    const k = key(item)
    byKey.set(JSON.stringify(k), {key: k, item})
  }
  return [...byKey.values()].sort((a, b) => compareKeys(a.key, b.key)).map((entry) => entry.item)
}

/** Drops undefined fields, keeping the order of the others. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const order = compare(a[i] ?? '', b[i] ?? '')
    if (order !== 0) return order
  }
  return 0
}
