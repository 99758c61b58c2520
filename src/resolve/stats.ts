import type {Component, RepoGroup, RequestStats, UnresolvedComponent} from '../core/model.js'
import {compare} from '../core/compare.js'
import {formatPercent} from '../core/percent.js'
import type {ResolveRun, ResolveStats} from './types.js'
import {thousands} from '../core/figures.js'
import {alignColumns} from '../core/columns.js'

/** Counts per ecosystem, per source (provenance) and per reason: the resolution-rate table's data. */
export function computeStats(
  components: readonly Component[],
  groups: readonly RepoGroup[],
  unresolved: readonly UnresolvedComponent[],
  requests: RequestStats,
): ResolveStats {
  const stats: ResolveStats = {
    total: components.length,
    resolved: 0,
    unresolved: unresolved.length,
    byEcosystem: {},
    bySource: {},
    byEcosystemSource: {},
    byReason: {},
    requests: {total: requests.total, cached: requests.cached, byStatus: sortKeys(requests.byStatus)},
  }
  const ecosystem = (name: string) => {
    stats.byEcosystem[name] ??= {total: 0, resolved: 0, unresolved: 0}
    return stats.byEcosystem[name]
  }
  for (const c of components) ecosystem(c.ecosystem).total++
  for (const group of groups) {
    group.components.forEach((component, i) => {
      const source = group.resolutions?.[i]?.provenance ?? group.provenance
      stats.resolved++
      ecosystem(component.ecosystem).resolved++
      stats.bySource[source] = (stats.bySource[source] ?? 0) + 1
      stats.byEcosystemSource[component.ecosystem] ??= {}
      const perSource = stats.byEcosystemSource[component.ecosystem]
      perSource[source] = (perSource[source] ?? 0) + 1
    })
  }
  for (const u of unresolved) {
    ecosystem(u.component.ecosystem).unresolved++
    stats.byReason[u.reason] = (stats.byReason[u.reason] ?? 0) + 1
  }
  stats.byEcosystem = sortKeys(stats.byEcosystem)
  stats.bySource = sortKeys(stats.bySource)
  stats.byReason = sortKeys(stats.byReason)
  stats.byEcosystemSource = sortKeys(
    Object.fromEntries(Object.entries(stats.byEcosystemSource).map(([k, v]) => [k, sortKeys(v)])),
  )
  return stats
}

/**
 * Plain-text table of resolution rates: one row per ecosystem, then a total; one column per source and
 * per unresolved reason. Printed by `inventory --resolve`, the acceptance test and the benchmark.
 */
export function formatResolutionTable(stats: ResolveStats): string {
  const sources = Object.keys(stats.bySource).sort(compare)
  const header = ['ecosystem', 'total', 'resolved', 'rate', ...sources, 'unresolved']
  const rows: string[][] = [header]
  const row = (name: string, total: number, resolved: number, perSource: Record<string, number>) => [
    name,
    String(total),
    String(resolved),
    formatPercent(total === 0 ? null : resolved / total, '-'),
    ...sources.map((s) => String(perSource[s] ?? 0)),
    String(total - resolved),
  ]
  for (const [name, eco] of Object.entries(stats.byEcosystem))
    rows.push(row(name, eco.total, eco.resolved, stats.byEcosystemSource[name] ?? {}))
  rows.push(row('all', stats.total, stats.resolved, stats.bySource))
  // The counts to the right, under a rule.
  const lines = alignColumns(rows, {right: header.map((_, i) => i).slice(1), rule: true})
  const reasons = Object.entries(stats.byReason).map(([reason, n]) => `${reason} ${n}`)
  if (reasons.length > 0) lines.push('', `unresolved by reason: ${reasons.join(', ')}`)
  return `${lines.join('\n')}\n`
}

function sortKeys<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)))
}

/** Registries named in the notice; the rest are counted. */
const NOTICE_REGISTRIES = 3

/**
 * One line for stderr when packages of registries other than their ecosystem's public one were left unresolved
 * (ResolveRun.otherRegistries): which registries, and how to say that one is a mirror. undefined when there are none.
 */
export function otherRegistriesNotice(registries: ResolveRun['otherRegistries']): string | undefined {
  if (registries.length === 0) return undefined
  const packages = registries.reduce((sum, r) => sum + r.packages, 0)
  const named = registries.slice(0, NOTICE_REGISTRIES).map((r) => `${r.registry}: ${thousands(r.packages)}`)
  const more = registries.length - named.length
  const list = `${named.join('; ')}${more > 0 ? `; ${more} more` : ''}`
  return `not looked up by name, as from a registry other than their ecosystem's public one: ${thousands(packages)} ${packages === 1 ? 'package' : 'packages'} (${list}). If a registry mirrors a public one, name it with --registry-mirror URL.`
}
