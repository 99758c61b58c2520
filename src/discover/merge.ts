/**
 * Deterministic inventory, and the point where discovered data enters the model (credentials are removed here).
 * Identical components (same kind, ecosystem, name, version, digest, ref, scope,
 * local, origin, direct, purl, repository) are merged by concatenating their locations, and everything is
 * sorted with plain code-unit comparisons (never locale-dependent) so the same inputs give the same bytes.
 */
import type {Component, Inventory, Location, ScanError, Skipped} from '../core/model.js'
import {redactDeep} from '../core/redact.js'

export function finishInventory(
  components: Component[],
  skipped: Skipped[],
  errors: ScanError[],
  files: number,
): Inventory {
  // The model's entry: credentials in what the files say (URLs, purl qualifiers, refs, messages) are removed here,
  // before anything is merged, so no stage and no report can print them (src/core/redact.ts).
  return {
    components: mergeComponents(redactDeep(components)),
    skipped: uniqueSorted(redactDeep(skipped).map(canonicalSkipped), skippedKey),
    errors: uniqueSorted(redactDeep(errors).map(canonicalError), errorKey),
    files,
  }
}

export function mergeComponents(components: Component[]): Component[] {
  const merged = new Map<string, Component>()
  for (const component of components) {
    const key = identity(component)
    const existing = merged.get(key)
    if (existing) existing.locations.push(...component.locations)
    else merged.set(key, {...canonicalComponent(component), locations: [...component.locations]})
  }
  const list = [...merged.values()]
  for (const component of list)
    component.locations = uniqueSorted(component.locations.map(canonicalLocation), locationKey)
  return list.sort((a, b) => compareKeys(sortKey(a), sortKey(b)))
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

function sortKey(c: Component): string[] {
  return [c.name, c.version ?? '', c.digest ?? '', c.kind, c.ecosystem, c.ref, c.origin ?? '', identity(c)]
}

/** Fixed key order: JSON output does not depend on how a format built the object. */
function canonicalComponent(c: Component): Component {
  return compact({
    kind: c.kind,
    ecosystem: c.ecosystem,
    name: c.name,
    version: c.version,
    digest: c.digest,
    purl: c.purl,
    ref: c.ref,
    scope: c.scope,
    direct: c.direct,
    local: c.local,
    origin: c.origin,
    repository: c.repository,
    locations: c.locations,
  })
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

function locationKey(l: Location): string[] {
  return [l.file, pad(l.line), pad(l.column)]
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
    const x = a[i] ?? ''
    const y = b[i] ?? ''
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}
