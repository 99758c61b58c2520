/**
 * NuGet `packages.lock.json` (https://learn.microsoft.com/en-us/nuget/consume-packages/package-references-in-project-files#locking-dependencies):
 * `dependencies.<target framework>.<package id>` with `type` (Direct, Transitive, CentralTransitive, Project) and
 * `resolved` (the exact version). Read with the shared JSON reader (positions, no prototype keys); the nested
 * `dependencies` of each entry are pruned unread.
 */
import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {feedQualifiers, NO_FEEDS, type NugetSources, nugetSources} from '../../lockfile-support/nuget-sources.js'
import {isJsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError, lockfileFailure} from '../../lockfile-support/problems.js'
import {firstIssue} from '../../../core/zod-issues.js'
import {hasTopLevelKey} from '../../json-tree.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {check, checkValue} from '../../checked.js'

const EntryCheck = check('nuget-lock/Entry')

export const discoverer: Discoverer = {
  id: 'nuget-lock',
  description: 'NuGet packages.lock.json (version 1 and 2)',
  // NuGet takes `packages.<project name>.lock.json` (spaces as `_`) before `packages.lock.json` when it exists beside
  // the project (NuGet.Client, PackagesLockFileUtilities.GetNuGetLockFilePath): projects that share a folder each
  // keep their own. That name is read when its content is a lock file's; `packages.lock.json` by its name.
  matches(file) {
    return /(^|\/)packages\.(?:[^/]+\.)?lock\.json$/.test(file)
  },
  named: (file) => /(^|\/)packages\.lock\.json$/.test(file),
  sniff: isLockContent,
  identify: isLockContent,
  discover: ({file, text}, context) => discoverNugetLock(file, text, nugetSources(context, file)),
}

function isLockContent(head: string): boolean {
  return (
    hasTopLevelKey(head, 'dependencies') && /"type"\s*:\s*"(Direct|Transitive|CentralTransitive|Project)"/.test(head)
  )
}

/** `feeds`: what the repository's nuget.config files say of where packages come from. */
export function discoverNugetLock(file: string, text: string, feeds: NugetSources = NO_FEEDS): DiscoverOutput {
  const read = readLockfileJson(file, text, {
    skip: (path) => path.length === 4 && path[0] === 'dependencies' && path[3] === 'dependencies',
  })
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  const errors: ScanError[] = [...read.errors, ...feeds.errors]
  const version = root.version
  if (version !== 1 && version !== 2) {
    const at = document.topLevelKeys.get('version') ?? {line: 1, column: 1}
    const message = `unknown packages.lock.json version ${JSON.stringify(version ?? 'missing')} (supported: 1, 2)`
    return lockfileFailure(file, 'unsupported-version', message, at.line, at.column)
  }
  const components: Component[] = []
  const frameworks = root.dependencies ?? {}
  if (!isJsonObject(frameworks)) {
    const at = document.topLevelKeys.get('dependencies') ?? {line: 1, column: 1}
    return {
      components,
      errors: [lockfileError(file, 'invalid-lockfile', "'dependencies' must be an object", at.line, at.column)],
    }
  }
  for (const [framework, packages] of Object.entries(frameworks)) {
    if (!isJsonObject(packages)) continue
    for (const [id, raw] of Object.entries(packages)) {
      const at = isJsonObject(raw)
        ? document.positionOf(raw)
        : (document.topLevelKeys.get('dependencies') ?? {line: 1, column: 1})
      const parsed = checkValue(EntryCheck, raw)
      if (!parsed.success || (parsed.data.type !== 'Project' && parsed.data.resolved === undefined)) {
        const why = parsed.success ? 'resolved: missing' : firstIssue(parsed.error)
        errors.push(lockfileError(file, 'invalid-entry', `dependencies.${framework}.${id}: ${why}`, at.line, at.column))
        continue
      }
      const entry = parsed.data
      const local = entry.type === 'Project'
      components.push(
        packageComponent(file, {
          ecosystem: 'nuget',
          name: id,
          version: local ? undefined : entry.resolved,
          ref: `${id}@${entry.resolved ?? entry.type}`,
          line: at.line,
          column: at.column,
          direct: entry.type === 'Direct' || local,
          local,
          qualifiers: local ? undefined : feedQualifiers(feeds.feedOf(id)),
        }),
      )
    }
  }
  return {components, errors}
}
