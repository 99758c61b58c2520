import {readFile} from 'node:fs/promises'
import picomatch from 'picomatch'
import {LineCounter, parseDocument} from 'yaml'
import type {z} from 'zod'
import {usageError} from '../core/errors.js'
import type {Component} from '../core/model.js'
import {normaliseRepoUrl} from './repo-url.js'

/**
 * Pattern → repository maps (user overrides, the curated image map): YAML read with positions so every
 * error names the file and line; patterns are picomatch globs over the names `matchKeys` gives.
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
export async function loadPatternMap<S extends z.ZodType<{mappings: Array<{match: string; repo?: string; directory?: string}>}>>(file: string, schema: S, displayName = file): Promise<CompiledEntry[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw usageError('resolve.map-unreadable', `${displayName}: cannot read map file (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  const lineCounter = new LineCounter()
  const document = parseDocument(text, {lineCounter, prettyErrors: false})
  if (document.errors.length > 0) {
    const first = document.errors[0]
    const line = lineCounter.linePos(first.pos[0]).line
    throw usageError('resolve.map-invalid', `${displayName}:${line}: ${first.message.split('\n')[0]}`)
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = document.getIn(path.slice(0, n) as Array<string | number>, true) as {range?: [number, number, number]} | undefined
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line
    }
    return 1
  }
  const parsed = schema.safeParse(document.toJS())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const keys = (issue as {keys?: string[]}).keys
    const at = keys?.length ? [...issue.path, keys[0]] : issue.path
    throw usageError('resolve.map-invalid', `${displayName}:${lineOf(issue.path)}: ${at.map(String).join('.') || '(root)'}: ${issue.message}`)
  }
  return parsed.data.mappings.map((entry, i) => {
    const line = lineOf(['mappings', i])
    if (entry.repo === undefined) {
      const {match, ...extra} = entry as {match: string} & Record<string, unknown>
      return {match, repo: '', source: `${displayName}:${line}`, extra, test: picomatch(match, {dot: true})}
    }
    const ref = normaliseRepoUrl(entry.repo, {vcs: true})
    if (!ref) throw usageError('resolve.map-invalid', `${displayName}:${line}: repo '${entry.repo}' is not a repository URL or host/owner/name`)
    const {match, repo: _repo, directory, ...extra} = entry as {match: string; repo: string; directory?: string} & Record<string, unknown>
    const dir = directory ?? ref.directory
    return {match, repo: ref.repo, ...(dir ? {directory: dir} : {}), source: `${displayName}:${line}`, extra, test: picomatch(match, {dot: true})}
  })
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
