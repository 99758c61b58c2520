/**
 * Deterministic inventory, and the point where discovered data enters the model (credentials are removed here).
 * Identical components (same kind, ecosystem, name, version, digest, ref, scope, local, origin, direct, purl, cpe,
 * repository, stated repository) are merged by concatenating their locations, and everything is sorted in the one
 * string order of the tool (core/compare.ts, never locale-dependent) so the same inputs give the same bytes.
 */
import {appendAll} from '../core/arrays.js'
import {compare} from '../core/compare.js'
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

/**
 * Sorts `components` in place, then merges each run of equal components. Only components equal in every sorted
 * field are compared by their whole identity, so a large inventory builds no key per component and no second
 * copy of itself (components already in canonical form are kept as they are).
 */
export function mergeComponents(components: Component[]): Component[] {
  // Without characters beyond U+FFFF, UTF-16 code-unit order (native `<`) is the code-point order of compare().
  const order = components.some(hasSurrogates) ? compare : compareUnits
  components.sort((a, b) => compareComponents(a, b, order))
  const merged: Component[] = []
  for (let start = 0; start < components.length; ) {
    let end = start + 1
    while (end < components.length && sameSortedFields(components[start], components[end])) end++
    if (end - start === 1) {
      merged.push(canonicalComponent(components[start]))
    } else if (allIdentical(components, start, end)) {
      // The common case (one package in several lockfiles): merged without building their identities.
      const first = {...components[start], locations: [...components[start].locations]}
      for (let i = start + 1; i < end; i++) appendAll(first.locations, components[i].locations)
      merged.push(canonicalComponent(first))
    } else {
      // Equal in the sorted fields: merged when identical, else ordered by their whole identity.
      const byIdentity = new Map<string, Component>()
      for (let i = start; i < end; i++) {
        const id = identity(components[i])
        const existing = byIdentity.get(id)
        if (existing) appendAll(existing.locations, components[i].locations)
        else byIdentity.set(id, {...components[i], locations: [...components[i].locations]})
      }
      for (const id of [...byIdentity.keys()].sort(compare)) merged.push(canonicalComponent(byIdentity.get(id)!))
    }
    start = end
  }
  return merged
}

const SURROGATE = /[\uD800-\uDFFF]/

function hasSurrogates(c: Component): boolean {
  return (
    SURROGATE.test(c.name) ||
    SURROGATE.test(c.ref) ||
    SURROGATE.test(c.version ?? '') ||
    SURROGATE.test(c.digest ?? '') ||
    SURROGATE.test(c.origin ?? '')
  )
}

function compareUnits(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1
}

/** By name, version, digest, kind, ecosystem, ref, origin: the order reports list components in. */
function compareComponents(a: Component, b: Component, order: (x: string, y: string) => number): number {
  return (
    order(a.name, b.name) ||
    order(a.version ?? '', b.version ?? '') ||
    order(a.digest ?? '', b.digest ?? '') ||
    order(a.kind, b.kind) ||
    order(a.ecosystem, b.ecosystem) ||
    order(a.ref, b.ref) ||
    order(a.origin ?? '', b.origin ?? '')
  )
}

/** compareComponents(a, b, order) === 0, by equality alone: either order is 0 for equal strings only. */
function sameSortedFields(a: Component, b: Component): boolean {
  return (
    a.name === b.name &&
    (a.version ?? '') === (b.version ?? '') &&
    (a.digest ?? '') === (b.digest ?? '') &&
    a.kind === b.kind &&
    a.ecosystem === b.ecosystem &&
    a.ref === b.ref &&
    (a.origin ?? '') === (b.origin ?? '')
  )
}

/** Sorted by file, line, column; duplicates dropped. */
function sortedLocations(locations: Location[]): Location[] {
  if (locations.length === 1 && hasKeysInOrder(locations[0], LOCATION_KEYS)) return locations
  const sorted = locations.map(canonicalLocation)
  if (sorted.length < 2) return sorted
  sorted.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column)
  return sorted.filter(
    (l, i) =>
      i === 0 || l.file !== sorted[i - 1].file || l.line !== sorted[i - 1].line || l.column !== sorted[i - 1].column,
  )
}

/** True when components[start, end) are all equal, field by field, in what `identity` holds. */
function allIdentical(components: Component[], start: number, end: number): boolean {
  const a = components[start]
  for (let i = start + 1; i < end; i++) {
    const b = components[i]
    if (
      a.kind !== b.kind ||
      a.ecosystem !== b.ecosystem ||
      a.name !== b.name ||
      a.version !== b.version ||
      a.digest !== b.digest ||
      a.ref !== b.ref ||
      a.scope !== b.scope ||
      a.local !== b.local ||
      a.origin !== b.origin ||
      a.direct !== b.direct ||
      a.purl !== b.purl ||
      a.cpe !== b.cpe ||
      a.repository !== b.repository ||
      a.statedRepository?.url !== b.statedRepository?.url ||
      a.statedRepository?.field !== b.statedRepository?.field
    )
      return false
  }
  return true
}

/**
 * What makes two components one. The same fields are spelled out again, for speed, in `allIdentical` (and the
 * sorted ones in `compareComponents` and `sameSortedFields`): a field added to one must be added to all;
 * ./merge.test.ts keeps apart components that differ in any one of them.
 */
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
    c.cpe,
    c.repository,
    c.statedRepository?.url,
    c.statedRepository?.field,
  ])
}

const COMPONENT_KEYS = [
  'kind',
  'ecosystem',
  'name',
  'version',
  'digest',
  'purl',
  'cpe',
  'ref',
  'scope',
  'direct',
  'local',
  'origin',
  'repository',
  'statedRepository',
  'locations',
]
const LOCATION_KEYS = ['file', 'line', 'column']

/** True when the object's own keys are some of `keys`, in that order, none of them undefined. */
function hasKeysInOrder(value: object, keys: readonly string[]): boolean {
  let k = 0
  for (const key in value) {
    while (k < keys.length && keys[k] !== key) k++
    if (k === keys.length || (value as Record<string, unknown>)[key] === undefined) return false
    k++
  }
  return true
}

/** Fixed key order: JSON output does not depend on how a format built the object. Undefined fields are left out. */
function canonicalComponent(c: Component): Component {
  c.locations = sortedLocations(c.locations)
  if (hasKeysInOrder(c, COMPONENT_KEYS)) return c
  const out = {kind: c.kind, ecosystem: c.ecosystem, name: c.name} as Component
  if (c.version !== undefined) out.version = c.version
  if (c.digest !== undefined) out.digest = c.digest
  if (c.purl !== undefined) out.purl = c.purl
  if (c.cpe !== undefined) out.cpe = c.cpe
  out.ref = c.ref
  if (c.scope !== undefined) out.scope = c.scope
  if (c.direct !== undefined) out.direct = c.direct
  if (c.local !== undefined) out.local = c.local
  if (c.origin !== undefined) out.origin = c.origin
  if (c.repository !== undefined) out.repository = c.repository
  if (c.statedRepository !== undefined)
    out.statedRepository = {url: c.statedRepository.url, field: c.statedRepository.field}
  out.locations = c.locations
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
