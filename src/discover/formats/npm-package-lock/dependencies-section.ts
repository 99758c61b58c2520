import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {isJsonObject, type JsonDocument, type JsonObject} from '../../lockfile-support/json-reader.js'
import {aliasTarget, isLocalRange, isRemoteRange, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import type {DependenciesEntry} from './schema.js'
import {check, checkValue} from '../../checked.js'

const DependenciesEntryCheck = check('npm-package-lock/DependenciesEntry')

/** For readJson: `requires` and `integrity` of lockfileVersion 1 entries are never read. */
export function skipUnreadDependenciesFields(path: readonly string[]): boolean {
  // Paths alternate dependencies/<name>/dependencies/<name>/<field>: fields sit at odd lengths from 3 on.
  if (path[0] !== 'dependencies' || path.length < 3 || path.length % 2 === 0) return false
  const field = path[path.length - 1]
  return field === 'requires' || field === 'integrity'
}

function scopeOf(entry: DependenciesEntry): Scope {
  if (entry.dev) return 'dev'
  if (entry.optional) return 'optional'
  return 'prod'
}

/**
 * lockfileVersion 1: a tree of `dependencies`, nested where npm could not hoist. Walked with an explicit stack
 * (no recursion), depth first in file order.
 */
export function readDependenciesTree(
  file: string,
  document: JsonDocument,
  root: JsonObject,
): {components: Component[]; errors: ScanError[]} {
  const components: Component[] = []
  const errors: ScanError[] = []
  const pending: Array<{map: JsonObject; path: string}> = [{map: root, path: ''}]
  while (pending.length > 0) {
    const {map, path} = pending.pop()!
    const nested: Array<{map: JsonObject; path: string}> = []
    for (const key of Object.keys(map)) {
      const raw = map[key]
      const ref = path === '' ? key : `${path} > ${key}`
      const {line, column} = isJsonObject(raw) ? document.positionOf(raw) : {line: 1, column: 1}
      const parsed = checkValue(DependenciesEntryCheck, raw)
      if (!parsed.success) {
        errors.push(
          lockfileError(file, 'invalid-entry', `dependencies["${ref}"]: ${firstIssue(parsed.error)}`, line, column),
        )
        continue
      }
      const entry = parsed.data
      const alias = aliasTarget(entry.version)
      const name = alias?.name ?? key
      let version: string | undefined = alias?.range ?? entry.version
      const local = isLocalRange(version)
      let qualifiers: Record<string, string> | undefined
      if (local) version = undefined
      else if (isRemoteRange(version)) {
        // A git or tarball dependency: `version` holds the URL.
        qualifiers = sourceQualifiers(version)
        version = undefined
      } else if (typeof entry.resolved === 'string') {
        // A registry package: `resolved` is the tarball it was fetched from, as in lockfileVersion 2 and 3 (another
        // registry's tarball names that registry: https://docs.npmjs.com/cli/v6/configuring-npm/package-lock-json
        // "resolved: This is the actual source this package was installed from").
        qualifiers = sourceQualifiers(entry.resolved)
      }
      components.push(
        packageComponent(file, {
          ecosystem: 'npm',
          name,
          version,
          ref,
          line,
          column,
          scope: scopeOf(entry),
          local,
          qualifiers,
        }),
      )
      const children = (raw as JsonObject).dependencies
      if (isJsonObject(children)) nested.push({map: children, path: ref})
    }
    // Reverse so the stack pops children in file order.
    for (let index = nested.length - 1; index >= 0; index--) pending.push(nested[index])
  }
  return {components, errors}
}
