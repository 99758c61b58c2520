/**
 * .NET's other NuGet packages, outside the project files: the local tools of a tool manifest
 * (`.config/dotnet-tools.json` or `dotnet-tools.json`, https://learn.microsoft.com/dotnet/core/tools/local-tools-how-to-use:
 * `tools.<package id>.version`) and the MSBuild project SDKs of `global.json`
 * (https://learn.microsoft.com/dotnet/core/tools/global-json, `msbuild-sdks`: package id → version). Both are code
 * the build runs or developers run: `dev`. `global.json`'s `sdk.version` is the .NET SDK itself, not a package.
 * Read with the shared JSON reader, comments and trailing commas allowed (the .NET SDK reads both files so).
 */
import {posix} from 'node:path'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {isJsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {feedQualifiers, nugetSources} from '../../lockfile-support/nuget-sources.js'
import {isForbiddenKey, lockfileError, unresolvedVersion} from '../../lockfile-support/problems.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'dotnet-tools',
  description: '.NET local tool manifests (.config/dotnet-tools.json) and global.json MSBuild SDKs',
  matches(file) {
    return /(^|\/)(\.config\/)?dotnet-tools\.json$|(^|\/)global\.json$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  discover: ({file, text}, context) => discoverDotnetTools(file, text, context),
}

/** NuGet package ids: letters, digits, `.`, `_`, `-`, at most 100 characters. */
const ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/
/** An exact NuGet version (SemVer 2, or four numbers); ranges and floating versions are not. */
const EXACT = /^\d+(\.\d+){1,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/

export function discoverDotnetTools(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const read = readLockfileJson(file, text, {jsonc: true})
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root} = read
  // global.json's MSBuild SDKs, else a tool manifest's tools.
  const key = posix.basename(file) === 'global.json' ? 'msbuild-sdks' : 'tools'
  const tools = root[key]
  const components: Component[] = []
  const skipped: Skipped[] = []
  const errors: ScanError[] = [...read.errors]
  // global.json without msbuild-sdks (most name only the SDK), a manifest without tools: nothing to list.
  if (tools === undefined) return {components, errors}
  const feeds = nugetSources(context, file)
  errors.push(...feeds.errors)
  const at = document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  if (!isJsonObject(tools)) {
    errors.push(lockfileError(file, 'invalid-entry', `'${key}' must be an object`, at.line, at.column))
    return {components, errors}
  }
  const lines = text.split('\n')
  let cursor = at.line
  for (const [id, value] of Object.entries(tools)) {
    if (isForbiddenKey(id)) continue
    // A tool is an object whose key is placed; an SDK is a string: its key is the next line after the last that names it.
    const position = isJsonObject(value) ? document.positionOf(value) : keyPosition(lines, id, cursor)
    cursor = position.line
    const written = isJsonObject(value) ? value.version : value
    if (!ID.test(id) || typeof written !== 'string') {
      errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `${key}.${elide(id, 100)}: expected a package id and a version string`,
          position.line,
          position.column,
        ),
      )
      continue
    }
    const version = EXACT.test(written) ? written : undefined
    if (version === undefined)
      skipped.push(unresolvedVersion(file, position.line, `${id}: ${elide(written, 100)} is not one exact version`))
    components.push(
      manifestComponent(file, {
        ecosystem: 'nuget',
        name: id,
        version,
        ref: `${id}@${written}`,
        line: position.line,
        column: position.column,
        scope: 'dev',
        direct: true,
        qualifiers: feedQualifiers(feeds.feedOf(id)),
      }),
    )
  }
  return {components, skipped, errors}
}

/** The first line at or after `from` that writes `"id"` as a key, and its column; `from` when none does. */
function keyPosition(lines: readonly string[], id: string, from: number): {line: number; column: number} {
  const quoted = JSON.stringify(id)
  for (let index = from - 1; index < lines.length; index++) {
    const column = lines[index].indexOf(quoted)
    if (column !== -1 && /^\s*:/.test(lines[index].slice(column + quoted.length)))
      return {line: index + 1, column: column + 1}
  }
  return {line: from, column: 1}
}
