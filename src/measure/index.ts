import type {EvidencePerson, Metrics} from '../core/model.js'
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
 * All metrics of one project: every documented key is present, null where it cannot be known (a project that
 * could not be collected has only nulls, never zeros; a figure built on a part that could not be read, such as
 * the governance files, is null, never "absent"). Keys come out in registry order: same input, same bytes.
 */
export function measureProject(input: MeasureInput): Metrics {
  const base = deriveBase(input)
  const metrics: Metrics = {}
  for (const family of metricFamilies) {
    const values = unavailable(base) ? {} : family.measure(base)
    for (const key of family.keys) metrics[key.key] = readable(base, family, key) ? (values[key.key] ?? null) : null
  }
  return metrics
}

/**
 * The people and organisations behind the given metric keys, each with the source and citation of their
 * attribution and their commits: the evidence chain of a finding. Duplicates (same person, role, organisation)
 * are merged; order is by family, then as each family ranks them.
 */
export function explainMetrics(keys: readonly string[], input: MeasureInput, metrics: Metrics): EvidencePerson[] {
  const base = deriveBase(input)
  if (unavailable(base)) return []
  const people: EvidencePerson[] = []
  const seen = new Set<string>()
  for (const family of metricFamilies) {
    // Figures built on a part that could not be read are unknown: nobody stands behind them.
    const own = keys.filter((key) => family.keys.some((k) => k.key === key && readable(base, family, k)))
    if (own.length === 0 || !family.explain) continue
    for (const person of family.explain(own, base, metrics)) {
      const id = `${person.person}\u0000${person.role ?? ''}\u0000${person.organization ?? ''}`
      if (seen.has(id)) continue
      seen.add(id)
      people.push(person)
    }
  }
  return people
}
export {INDEPENDENT} from './figures.js'
