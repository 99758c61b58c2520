import type {Component, Origin, Scope} from '../../core/model.js'
import {type PackageEcosystem, packagePurl} from './purl.js'

/** One lockfile entry, as the format tells it; `packageComponent` turns it into the shared Component shape. */
export interface PackageEntry {
  ecosystem: PackageEcosystem
  name: string
  version?: string
  /** The entry key or requirement exactly as written. */
  ref: string
  line: number
  column: number
  scope?: Scope
  direct?: boolean
  local?: boolean
  /** purl qualifiers (gem `platform`, `vcs_url` for git sources). */
  qualifiers?: Record<string, string>
  /** Where it is declared: `lockfile` unless said (manifestComponent says `manifest`). */
  origin?: Origin
}

export function packageComponent(file: string, entry: PackageEntry): Component {
  const {ecosystem, name, version, ref, scope, direct} = entry
  const locations = [{file, line: entry.line, column: entry.column}]
  // A local package has no registry identity, so no purl.
  const purl = entry.local ? undefined : packagePurl(ecosystem, name, version, entry.qualifiers)
  // Most entries, as one literal each: every key in the object itself, where one grown key by key kept most of them
  // in a second, regrown array (twice the allocation of what every inventory keeps to its end). Keys in the order
  // merging writes them (merge.ts), so JSON output is byte-stable.
  if (version !== undefined && purl !== undefined && !entry.local) {
    const origin = entry.origin ?? 'lockfile'
    if (scope !== undefined && direct !== undefined)
      return {kind: 'package', ecosystem, name, version, purl, ref, scope, direct, origin, locations}
    if (scope !== undefined) return {kind: 'package', ecosystem, name, version, purl, ref, scope, origin, locations}
    if (direct !== undefined) return {kind: 'package', ecosystem, name, version, purl, ref, direct, origin, locations}
    return {kind: 'package', ecosystem, name, version, purl, ref, origin, locations}
  }
  const component = {kind: 'package', ecosystem, name} as Component
  if (version !== undefined) component.version = version
  if (purl !== undefined) component.purl = purl
  component.ref = ref
  if (scope !== undefined) component.scope = scope
  if (direct !== undefined) component.direct = direct
  if (entry.local) component.local = true
  component.origin = entry.origin ?? 'lockfile'
  component.locations = locations
  return component
}

/**
 * A dependency a manifest declares (Cargo.toml, pom.xml, package.json, go.mod, a Gemfile...): packageComponent with
 * origin `manifest`, so a report tells what a project asks for from what a lockfile pins.
 */
export function manifestComponent(file: string, entry: PackageEntry): Component {
  return packageComponent(file, {...entry, origin: 'manifest'})
}
