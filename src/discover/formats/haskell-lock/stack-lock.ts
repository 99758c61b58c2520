/**
 * Stack's lock file, `stack.yaml.lock` (the project file's name with `.lock` added: `stack-ghc-9.12.yaml.lock` for
 * `--stack-yaml stack-ghc-9.12.yaml`), as Stack writes it (Stack.Lock; docs: topics/lock_files.md). Read with the
 * shared YAML reader (positions, alias bound, scalars as written).
 * - `packages:` a list of `{completed, original}`; `completed` is one of pantry's immutable locations:
 *   `hackage: <name>-<version>@sha256:<hash>,<size>` (or `@rev:<n>`, or nothing after the version) → a Hackage
 *   package; `git:`/`hg:` with `commit`, `name`, `version` (and `subdir`) → the Hackage package of that name at that
 *   commit, purl `vcs_url` `git+<url>@<commit>`; `url:` (an archive) with `name`, `version` → purl `download_url`.
 * - `snapshots:` the snapshot layers. A snapshot (an LTS or nightly, or a snapshot file) brings hundreds of packages
 *   the lock does not list: it is not expanded, and said so once per snapshot (`remote-resource`). A `compiler`
 *   layer (`ghc-9.10.3`) is no package.
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {gitVcsUrl, scpToSshUrl} from '../../lockfile-support/purl.js'
import type {DiscoverOutput} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isSeq, stringValue, text, type YamlNode} from '../../yaml-tree.js'
import {hackageLocation, isPackageName, isVersion} from './names.js'

const SHA = /^[0-9a-f]{7,64}$/i

export function discoverStackLock(file: string, source: string): DiscoverOutput {
  const yaml = readYaml(source, file)
  const errors: ScanError[] = [...yaml.errors]
  const components: Component[] = []
  const skipped: Skipped[] = []
  const root = yaml.documents[0]?.root
  if (root === undefined || root === null) return {components, skipped, errors}
  if (!isMap(root)) {
    errors.push(
      lockfileError(
        file,
        'invalid-lockfile',
        'a stack.yaml.lock must be a mapping (of `packages:` and `snapshots:`)',
        root.line,
        root.column,
      ),
    )
    return {components, skipped, errors}
  }
  const packages = at(root, 'packages')
  if (packages !== undefined && !(isScalar0(packages) || isSeq(packages)))
    errors.push(lockfileError(file, 'invalid-lockfile', "'packages' must be a list", packages.line, packages.column))
  if (isSeq(packages))
    for (const entry of packages.items) {
      const component = readPackage(file, entry, errors)
      if (component) components.push(component)
    }
  const snapshots = at(root, 'snapshots')
  if (isSeq(snapshots)) for (const layer of snapshots.items) readSnapshot(file, layer, skipped)
  else if (snapshots !== undefined && !isScalar0(snapshots))
    errors.push(lockfileError(file, 'invalid-lockfile', "'snapshots' must be a list", snapshots.line, snapshots.column))
  return {components, skipped, errors}
}

/** `packages: []` is written as a flow list; an empty value (`packages:`) reads as null. */
function isScalar0(node: YamlNode): boolean {
  return node.type === 'scalar' && node.kind === 'null'
}

function readPackage(file: string, entry: YamlNode, errors: ScanError[]): Component | undefined {
  const completed = at(entry, 'completed')
  const bad = (message: string, node: YamlNode = completed ?? entry) => {
    errors.push(lockfileError(file, 'invalid-entry', message, node.line, node.column))
    return undefined
  }
  if (!isMap(completed)) return bad('a package entry needs a `completed` location')
  const hackage = at(completed, 'hackage')
  if (hackage !== undefined) {
    const component = hackageLocation(file, stringValue(hackage) ?? '', hackage)
    return component ?? bad('`hackage:` must be <name>-<version>[@sha256:<hash>,<size>]', hackage)
  }
  const nameNode = at(completed, 'name')
  const name = stringValue(nameNode)
  const version = text(at(completed, 'version'))
  const where = nameNode ?? completed
  const repository = stringValue(at(completed, 'git')) ?? stringValue(at(completed, 'hg'))
  const archive = stringValue(at(completed, 'url'))
  if (repository === undefined && archive === undefined)
    return bad('`completed` names no `hackage:`, `git:`, `hg:` or `url:` location')
  if (!name || !isPackageName(name) || !version || !isVersion(version))
    return bad('a repository or archive location needs the package `name` and `version`', where)
  if (repository !== undefined) {
    const commit = text(at(completed, 'commit'))
    if (!commit || !SHA.test(commit) || /\s/.test(repository)) return bad('a repository location needs its `commit`')
    const vcs = at(completed, 'hg') !== undefined ? `hg+${repository}@${commit}` : gitVcsUrl(repository, commit)
    return packageComponent(file, {
      ecosystem: 'hackage',
      name,
      version,
      ref: `${name}@${scpToSshUrl(repository).slice(0, 150)}#${commit}`,
      line: where.line,
      column: where.column,
      qualifiers: {vcs_url: vcs},
    })
  }
  return packageComponent(file, {
    ecosystem: 'hackage',
    name,
    version,
    ref: `${name}@${(archive ?? '').slice(0, 200)}`,
    line: where.line,
    column: where.column,
    qualifiers: {download_url: archive ?? ''},
  })
}

/** One `remote-resource` skip per snapshot layer (not for a compiler layer). */
function readSnapshot(file: string, layer: YamlNode, skipped: Skipped[]): void {
  const completed = at(layer, 'completed')
  if (at(completed, 'compiler') !== undefined) return
  const original = at(layer, 'original')
  const name = text(original) ?? stringValue(at(original, 'url')) ?? stringValue(at(completed, 'url')) ?? 'a snapshot'
  skipped.push({
    file,
    line: layer.line,
    reason: 'remote-resource',
    message: `snapshot ${name.slice(0, 200)}: its packages (the project's dependencies it provides) are not listed here, only the lock's own packages; the snapshot is not expanded`,
  })
}
