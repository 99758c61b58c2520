import type {z} from 'zod'
import {errorMessage, usageError} from '../core/errors.js'
import {boundedGlob} from '../core/glob.js'
import type {Component} from '../core/model.js'
import {readUserFile} from '../core/user-file.js'
import {MAX_MAPPING_FILE_BYTES, parseYamlFile} from '../core/yaml-file.js'
import {normaliseRepoUrl} from '../core/repo-url.js'
import {redactSecrets} from '../core/redact.js'

/**
 * Pattern → repository maps (user overrides, the curated image map), read with the shared YAML reader so every
 * error names the file and line; patterns are picomatch globs over the names `matchKeys` gives, matched in bounded
 * time (../core/glob.ts: a map can come from a scanned tree, and so can the names it is matched against).
 */

export interface PatternEntry {
  match: string
  repo: string
  directory?: string
  /** File and line of the entry, for evidence. */
  source: string
  extra: Record<string, unknown>
}

export interface CompiledEntry extends PatternEntry {
  test: (value: string) => boolean
}

/** Loads and validates a map file; a bad file is a usage error naming file, line and key. */
export async function loadPatternMap<
  S extends z.ZodType<{mappings: Array<{match: string; repo?: string; directory?: string}>}>,
>(file: string, schema: S, displayName = file): Promise<CompiledEntry[]> {
  const text = await readUserFile(file, 'the map file', {maxBytes: MAX_MAPPING_FILE_BYTES})
  const {data, lineAt} = parseYamlFile(text, displayName, schema, 'map-invalid')
  return data.mappings.map((entry, i) => {
    const line = lineAt(['mappings', i])
    const test = globAt(entry.match, `${displayName}:${line}`)
    if (entry.repo === undefined) {
      const {match, ...extra} = entry as {match: string} & Record<string, unknown>
      return {match, repo: '', source: `${displayName}:${line}`, extra, test}
    }
    const ref = normaliseRepoUrl(entry.repo, {vcs: true})
    if (!ref)
      throw usageError(
        'map-invalid',
        `${displayName}:${line}: repo '${redactSecrets(entry.repo)}' is not a repository URL or host/owner/name`,
      )
    const {
      match,
      repo: _repo,
      directory,
      ...extra
    } = entry as {match: string; repo: string; directory?: string} & Record<string, unknown>
    const dir = directory ?? ref.directory
    return {
      match,
      repo: ref.repo,
      ...(dir ? {directory: dir} : {}),
      source: `${displayName}:${line}`,
      extra,
      test,
    }
  })
}

function globAt(match: string, where: string): (value: string) => boolean {
  try {
    return boundedGlob(match)
  } catch (error) {
    throw usageError(
      'map-invalid',
      `${where}: match '${redactSecrets(match)}' is not a glob stewards reads: ${errorMessage(error)}`,
    )
  }
}

/** Names a component is known by, for matching: purl-like names for packages, image names and refs for images. */
export function matchKeys(component: Component): string[] {
  if (component.kind === 'image') {
    const keys = [component.name]
    if (component.version) keys.push(`${component.name}:${component.version}`)
    if (component.digest) keys.push(`${component.name}@${component.digest}`)
    keys.push(component.ref)
    return keys
  }
  const base = `pkg:${component.ecosystem}/${component.name}`
  const keys = [base]
  if (component.version) keys.push(`${base}@${component.version}`)
  if (component.purl) {
    try {
      keys.push(decodeURIComponent(component.purl))
    } catch {
      keys.push(component.purl)
    }
  }
  return keys
}
