/**
 * Dart and Flutter `pubspec.lock` (written by `dart pub get`; fields as pub's lockfile.dart writes them):
 * `packages.<name>` with `dependency` ("direct main", "direct dev", "direct overridden", "transitive"),
 * `source` (hosted, git, path, sdk), `description` and `version`. Read with the shared YAML reader (positions,
 * alias bound, scalars as written so `1.10` stays `1.10`).
 */
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, stringValue, text, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'pubspec-lock',
  description: 'Dart/Flutter pubspec.lock',
  matches(file) {
    return /(^|\/)pubspec\.lock$/.test(file)
  },
  discover({file, text}) {
    return discoverPubspecLock(file, text)
  },
}

const PUB_DEV = new Set(['https://pub.dev', 'https://pub.dartlang.org'])
/** pub package names: https://dart.dev/tools/pub/pubspec#name */
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/

export function discoverPubspecLock(file: string, source: string): DiscoverOutput {
  const yaml = readYaml(source, file)
  const errors: ScanError[] = [...yaml.errors]
  const components: Component[] = []
  const root = yaml.documents[0]?.root
  const packages = at(root, 'packages')
  if (!isMap(packages)) {
    if (root && packages !== undefined)
      errors.push(
        lockfileError(file, 'invalid-lockfile', "'packages' must be a mapping", packages.line, packages.column),
      )
    return {components, errors}
  }
  for (const [name, entry] of packages.entries) {
    const version = text(at(entry, 'version'))
    const kind = stringValue(at(entry, 'source'))
    if (!NAME.test(name) || !isMap(entry) || !version || !kind) {
      const where = entry ?? packages
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `packages.${name.slice(0, 64)}: needs a name, source and version`,
          where.line,
          where.column,
        ),
      )
      continue
    }
    const dependency = stringValue(at(entry, 'dependency')) ?? ''
    const description = at(entry, 'description')
    components.push(
      packageComponent(file, {
        ecosystem: 'pub',
        name,
        version,
        ref: `${name}@${version}`,
        line: keyLine(packages, entry),
        column: packages.column,
        scope:
          dependency === 'direct dev'
            ? 'dev'
            : dependency.startsWith('direct')
              ? 'prod'
              : (undefined as Scope | undefined),
        direct: dependency === '' ? undefined : dependency.startsWith('direct'),
        local: kind === 'path' || kind === 'sdk',
        qualifiers: qualifiers(kind, description),
      }),
    )
  }
  return {components, errors}
}

/**
 * The package's key line. The reader positions a block mapping at its first key, the line below the package's
 * key, as pub writes every entry; a flow mapping (`name: {...}`, never written by pub) starts on the key's line.
 */
function keyLine(packages: YamlNode, entry: YamlNode): number {
  return entry.column === packages.column + 2 ? Math.max(1, entry.line - 1) : entry.line
}

/** git packages carry their repository; hosted packages from another server their repository URL. */
function qualifiers(kind: string, description: YamlNode | undefined): Record<string, string> | undefined {
  const url = stringValue(at(description, 'url'))
  if (kind === 'git' && url) {
    const ref = stringValue(at(description, 'resolved-ref'))
    return {vcs_url: `git+${url}${ref ? `@${ref}` : ''}`}
  }
  if (kind === 'hosted' && url && !PUB_DEV.has(url.replace(/\/+$/, ''))) return {repository_url: url}
  return undefined
}
