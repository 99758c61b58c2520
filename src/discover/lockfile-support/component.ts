import type {Component, Scope} from '../../core/model.js'
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
}

export function packageComponent(file: string, entry: PackageEntry): Component {
  // Keys in one fixed order, so JSON output is byte-stable.
  const component = {kind: 'package', ecosystem: entry.ecosystem, name: entry.name} as Component
  if (entry.version !== undefined) component.version = entry.version
  // A local package has no registry identity, so no purl.
  const purl = entry.local ? undefined : packagePurl(entry.ecosystem, entry.name, entry.version, entry.qualifiers)
  if (purl !== undefined) component.purl = purl
  component.ref = entry.ref
  if (entry.scope !== undefined) component.scope = entry.scope
  if (entry.direct !== undefined) component.direct = entry.direct
  if (entry.local) component.local = true
  component.origin = 'lockfile'
  component.locations = [{file, line: entry.line, column: entry.column}]
  return component
}
