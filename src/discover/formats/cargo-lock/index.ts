import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {arrayTableLines, keyLine, readToml} from '../../lockfile-support/toml.js'
import {firstIssue} from '../../lockfile-support/zod-issues.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {CargoLockVersion, CargoPackage} from './schema.js'

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index'

export const discoverer: Discoverer = {
  id: 'cargo-lock',
  description: 'Rust Cargo.lock (v1 to v4)',
  matches(file) {
    return /(^|\/)Cargo\.lock$/.test(file)
  },
  discover({file, text}) {
    return discoverCargoLock(file, text)
  },
}

/** purl qualifiers for where a crate came from; crates.io is the default and needs none. */
function sourceQualifiers(source: string | undefined): Record<string, string> | undefined {
  if (source === undefined || source === CRATES_IO || source === 'sparse+https://index.crates.io/') return undefined
  if (source.startsWith('git+')) return {vcs_url: source}
  return {repository_url: source.replace(/^(registry|sparse)\+/, '')}
}

export function discoverCargoLock(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const version = CargoLockVersion.safeParse(read.table.version)
  if (!version.success) {
    const message = `unknown Cargo.lock version ${JSON.stringify(read.table.version)} (supported: 1 to 4)`
    return {components: [], errors: [lockfileError(file, 'unsupported-version', message, keyLine(text, 'version'))]}
  }
  const packages = read.table.package ?? []
  if (!Array.isArray(packages))
    return {
      components: [],
      errors: [
        lockfileError(file, 'invalid-lockfile', "'package' must be an array of tables", keyLine(text, 'package')),
      ],
    }
  const lines = arrayTableLines(text, 'package')
  const errors: ScanError[] = []
  const parsed: Array<{entry: CargoPackage; line: number}> = []
  packages.forEach((raw, index) => {
    const line = lines[index] ?? 1
    const result = CargoPackage.safeParse(raw)
    if (result.success) parsed.push({entry: result.data, line})
    else
      errors.push(
        lockfileError(file, 'invalid-entry', `[[package]] #${index + 1}: ${firstIssue(result.error)}`, line, 1),
      )
  })
  // Workspace members have no source; what they depend on is direct. Entries read `name`, `name version` or `name version (source)`.
  const direct = new Set<string>()
  for (const {entry} of parsed) {
    if (entry.source !== undefined) continue
    for (const dependency of entry.dependencies ?? []) {
      const [name, depVersion] = dependency.split(' ')
      direct.add(depVersion === undefined ? name : `${name} ${depVersion}`)
    }
  }
  // Without a workspace member in the file, nothing tells direct from transitive.
  const knowsDirect = parsed.some(({entry}) => entry.source === undefined)
  const components: Component[] = parsed.map(({entry, line}) =>
    packageComponent(file, {
      ecosystem: 'cargo',
      name: entry.name,
      version: entry.version,
      ref: `${entry.name} ${entry.version}`,
      line,
      column: 1,
      direct: knowsDirect ? direct.has(entry.name) || direct.has(`${entry.name} ${entry.version}`) : undefined,
      local: entry.source === undefined,
      qualifiers: sourceQualifiers(entry.source),
    }),
  )
  return {components, errors}
}
