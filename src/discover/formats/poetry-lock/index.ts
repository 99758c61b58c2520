import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {arrayTableLines, readToml} from '../../lockfile-support/toml.js'
import {firstIssue} from '../../lockfile-support/zod-issues.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {PoetryMetadata, type PoetryPackage} from './schema.js'
import {PoetryPackage as PoetryPackageSchema} from './schema.js'

export const discoverer: Discoverer = {
  id: 'poetry-lock',
  description: 'Python poetry.lock (lock-version 1.x, 2.x)',
  matches(file) {
    return /(^|\/)poetry\.lock$/.test(file)
  },
  discover({file, text}) {
    return discoverPoetryLock(file, text)
  },
}

/** Groups other than `main` (test, docs, dev...) are not installed with the package; `optional` marks extras. */
function scopeOf(entry: PoetryPackage): Scope {
  if (entry.groups !== undefined && !entry.groups.includes('main')) return 'dev'
  if (entry.category === 'dev') return 'dev'
  if (entry.optional) return 'optional'
  return 'prod'
}

function headerLine(text: string, header: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.trim() === header)
  return index === -1 ? 1 : index + 1
}

export function discoverPoetryLock(file: string, text: string): DiscoverOutput {
  const read = readToml(file, text)
  if ('error' in read) return {components: [], errors: [read.error]}
  const metadata = PoetryMetadata.safeParse(read.table.metadata)
  if (!metadata.success) {
    return {
      components: [],
      errors: [
        lockfileError(
          file,
          'unsupported-version',
          `[metadata] ${firstIssue(metadata.error)}`,
          headerLine(text, '[metadata]'),
        ),
      ],
    }
  }
  const packages = Array.isArray(read.table.package) ? read.table.package : []
  const lines = arrayTableLines(text, 'package')
  const components: Component[] = []
  const errors: ScanError[] = []
  packages.forEach((raw, index) => {
    const line = lines[index] ?? 1
    const parsed = PoetryPackageSchema.safeParse(raw)
    if (!parsed.success) {
      errors.push(
        lockfileError(file, 'invalid-entry', `[[package]] #${index + 1}: ${firstIssue(parsed.error)}`, line, 1),
      )
      return
    }
    const entry = parsed.data
    const source = entry.source
    const local = source?.type === 'directory' || source?.type === 'file'
    const qualifiers =
      source?.type === 'git' && source.url
        ? {vcs_url: `git+${source.url}@${source.resolved_reference ?? source.reference ?? ''}`}
        : undefined
    components.push(
      packageComponent(file, {
        ecosystem: 'pypi',
        name: normalizePypiName(entry.name),
        version: entry.version,
        ref: `${entry.name} ${entry.version}`,
        line,
        column: 1,
        scope: scopeOf(entry),
        local,
        qualifiers,
      }),
    )
  })
  return {components, errors}
}
