import type {EvidenceGroup, EvidencePerson, Listings, Measurement, Metrics} from '../core/model.js'
import {peopleBehind} from '../core/measurement.js'
import {deriveBase, readable, unavailable} from './base.js'
import {metricFamilies} from './registry.js'
import type {MeasureInput, MetricKey} from './types.js'

export type {Base, EntityLookup, MeasureInput, MetricFamily, MetricKey, MetricType} from './types.js'
export {metricFamilies} from './registry.js'

/** Every documented metric key, in registry order (src/measure/README.md lists the same). */
export function metricKeys(): MetricKey[] {
  return metricFamilies.flatMap((family) => [...family.keys])
}

/**
 * One project measured, once: the metrics, the people behind each key (what findings quote) and the raw of the
 * list-dependent figures; plain data that the JSON report stores, so evaluation never needs the collected data.
 *
 * Every documented key is present, null where it cannot be known (a project that could not be collected has
 * only nulls, never zeros; a figure built on a part that could not be read, such as the governance files, is
 * null, never "absent", and nobody stands behind it). Keys come out in registry order: same input, same bytes.
 */
export function measure(input: MeasureInput): Measurement {
  const base = deriveBase(input)
  const metrics: Metrics = {}
  const evidence: EvidenceGroup[] = []
  if (unavailable(base)) {
    for (const key of metricKeys()) metrics[key.key] = null
    return {metrics, evidence}
  }
  for (const family of metricFamilies) {
    const values = family.measure(base)
    for (const key of family.keys) metrics[key.key] = readable(base, family, key) ? (values[key.key] ?? null) : null
  }
  let listings: Listings | undefined
  for (const family of metricFamilies) {
    if (!family.evidence) continue
    // Only the family's own keys that can be known: an unread part has nobody behind it.
    const known = new Set(family.keys.filter((key) => readable(base, family, key)).map((key) => key.key))
    for (const group of family.evidence(base, metrics)) {
      const keys = group.keys.filter((key) => known.has(key))
      if (keys.length > 0) evidence.push({...group, keys})
    }
    listings ??= family.listings?.(base)
  }
  const ids = evidence.map((g) => g.id)
  if (new Set(ids).size !== ids.length) throw new Error(`evidence group ids repeat: ${ids.join(', ')}`)
  return {metrics, evidence, ...(listings ? {listings} : {})}
}

/** The metrics of one project (see `measure`). */
export function measureProject(input: MeasureInput): Metrics {
  return measure(input).metrics
}

/**
 * The people and organisations behind the given metric keys, each with the source and citation of their
 * attribution and their commits: the evidence chain of a finding. Duplicates (same person, role, organisation)
 * are merged; order is by family, then as each family ranks them.
 */
export function explainMetrics(keys: readonly string[], input: MeasureInput): EvidencePerson[] {
  return peopleBehind(measure(input).evidence, keys)
}
export {INDEPENDENT} from './figures.js'
