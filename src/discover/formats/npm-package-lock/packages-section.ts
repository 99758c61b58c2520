import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import type {JsonObject} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {isRemoteRange, nameFromInstallPath, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import type {PackagesEntry} from './schema.js'
import {check, checkValue} from '../../checked.js'

const PackagesEntryCheck = check('npm-package-lock/PackagesEntry')

/** Fields kept from `node_modules/...` entries; the rest (integrity, engines, dependency maps) is pruned unread. */
const INSTALLED_FIELDS = new Set(['version', 'name', 'resolved', 'link', 'dev', 'optional', 'devOptional', 'peer'])

/** For readJson: prune what lockfileVersion 2/3 entries carry that we never read. */
export function skipUnreadPackagesFields(path: readonly string[]): boolean {
  return (
    path.length === 3 && path[0] === 'packages' && path[1].includes('node_modules/') && !INSTALLED_FIELDS.has(path[2])
  )
}

function scopeOf(entry: PackagesEntry): Scope {
  // https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json#packages
  if (entry.dev) return 'dev'
  // devOptional: optional in the production tree, required only by dev dependencies.
  if (entry.optional || entry.devOptional) return 'optional'
  if (entry.peer) return 'peer'
  return 'prod'
}

function declaredNames(entry: PackagesEntry, into: Set<string>): void {
  for (const map of [entry.dependencies, entry.devDependencies, entry.optionalDependencies, entry.peerDependencies]) {
    for (const name of Object.keys(map ?? {})) into.add(name)
  }
}

/** Where an installed package sits: `ws/node_modules/a` → parent `ws`, installed as `a`. */
function installPlace(key: string): {parent: string; installedAs: string} | undefined {
  const installedAs = nameFromInstallPath(key)
  if (installedAs === undefined) return undefined
  return {
    parent: key.slice(0, key.length - installedAs.length - 'node_modules/'.length).replace(/\/$/, ''),
    installedAs,
  }
}

export interface PackagesCollector {
  /** One entry of `packages`, as soon as the reader has it (so a huge file is never held as a tree). */
  add(key: string, raw: JsonObject, position: Position): void
  finish(): {components: Component[]; errors: ScanError[]}
}

/**
 * lockfileVersion 2 and 3 (and npm-shrinkwrap.json): one entry per install path under `packages`.
 * `""` is the root project; other keys without `node_modules/` are workspace members (local). An entry is direct
 * when it sits right under a project and that project declares it; projects may come after their packages, so
 * `direct` is settled in finish().
 */
export function collectPackagesSection(file: string): PackagesCollector {
  const components: Component[] = []
  const errors: ScanError[] = []
  const projectPaths = new Set<string>()
  const declared = new Set<string>()
  /**
   * Where each key's component is: a key written twice (an error the reader reports) keeps its last entry, as
   * JSON.parse and npm read it, so "the last value is used" is what is listed.
   */
  const at = new Map<string, number>()
  const put = (key: string, component: Component) => {
    const index = at.get(key)
    if (index === undefined) {
      at.set(key, components.length)
      components.push(component)
    } else components[index] = component
  }
  return {
    add(key, raw, {line, column}) {
      const parsed = checkValue(PackagesEntryCheck, raw)
      if (!parsed.success) {
        errors.push(
          lockfileError(file, 'invalid-entry', `packages["${key}"]: ${firstIssue(parsed.error)}`, line, column),
        )
        return
      }
      const entry = parsed.data
      const place = installPlace(key)
      if (place === undefined) {
        projectPaths.add(key)
        declaredNames(entry, declared)
        if (key === '') return
        // A workspace member: the folder itself.
        const name = entry.name ?? key.slice(key.lastIndexOf('/') + 1)
        put(
          key,
          packageComponent(file, {ecosystem: 'npm', name, version: entry.version, ref: key, line, column, local: true}),
        )
        return
      }
      if (entry.link) {
        put(
          key,
          packageComponent(file, {ecosystem: 'npm', name: place.installedAs, ref: key, line, column, local: true}),
        )
        return
      }
      const resolved = typeof entry.resolved === 'string' ? entry.resolved : undefined
      const local = resolved?.startsWith('file:') === true
      // A git dependency without `version` but with its `resolved` URL#commit: npm installs `${name}@${resolved}`
      // whenever `resolved` is set (arborist reify.js #extractOrLink: "if (node.resolved) … res =
      // `${node.name}@${registryResolved}`"), the version not needed. Listed as a v1 git dependency is: no version
      // (the package.json at that commit is not in the file), the URL and commit in `vcs_url`.
      const git = resolved !== undefined && isRemoteRange(resolved) && !/^https?:/.test(resolved)
      if (entry.version === undefined && !local && !git) {
        errors.push(lockfileError(file, 'invalid-entry', `packages["${key}"]: no version`, line, column))
        return
      }
      // An alias (`"x": "npm:real@1"`) is installed under its alias; `name` holds the real package.
      const name = entry.name ?? place.installedAs
      const qualifiers = sourceQualifiers(resolved)
      put(
        key,
        packageComponent(file, {
          ecosystem: 'npm',
          name,
          version: entry.version,
          ref: key,
          line,
          column,
          scope: scopeOf(entry),
          // Known once the whole section is read (workspaces come after node_modules/): set in finish(). Made
          // here, the key stands in its place, and merging does not build the component again to order its keys.
          direct: false,
          local,
          qualifiers,
        }),
      )
    },
    finish() {
      for (const component of components) {
        const place = installPlace(component.ref)
        if (place !== undefined) component.direct = projectPaths.has(place.parent) && declared.has(place.installedAs)
      }
      return {components, errors}
    },
  }
}
