import {isComposerName} from '../../../core/package-names.js'
import type {Component} from '../../../core/model.js'
import {firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** Composer's package-name rule (https://getcomposer.org/doc/04-schema.md#name). */

/**
 * Packagist's metadata (`GET /p2/<vendor>/<name>.json`, https://packagist.org/apidoc): a minified list of
 * versions, newest first, where each entry only carries what changed from the previous one (`__unset`
 * removes a key; composer/metadata-minifier). `source.url` of the locked version (else the newest) wins,
 * then `support.source`, then `homepage`.
 */
export const resolver: Resolver = {
  id: 'packagist',
  description: 'Packagist p2 metadata: source.url of the version',
  provenance: 'packagist',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'composer',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

/** Undoes composer/metadata-minifier's `minify`: each entry is the previous one plus its own changes. */
export function expandMinified(versions: readonly unknown[]): Record<string, unknown>[] {
  const expanded: Record<string, unknown>[] = []
  let previous: Record<string, unknown> = {}
  for (const entry of versions) {
    if (!isRecord(entry)) continue
    const current: Record<string, unknown> = {...previous}
    for (const [key, value] of Object.entries(entry)) {
      if (value === '__unset') delete current[key]
      else current[key] = value
    }
    expanded.push(current)
    previous = current
  }
  return expanded
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const name = component.name.toLowerCase()
  if (!isComposerName(name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a Composer package name: ${component.name}`}
  // A package installed from a repository off the known forges: Packagist's package of that name is not it.
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const path = `/p2/${name}.json`
  const what = `packagist ${name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('packagist')}${path}`, {namespace: 'packagist', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const packages = isRecord(answer.json) && isRecord(answer.json.packages) ? answer.json.packages : {}
  const list = Array.isArray(packages[name]) ? expandMinified(packages[name] as unknown[]) : []
  if (list.length === 0) return {status: 'miss', reason: 'not-found', detail: `${what}: no versions listed`}
  const bare = (v: unknown) => (typeof v === 'string' ? v.replace(/^v/i, '') : '')
  const wanted = bare(component.version)
  const entry = list.find((v) => wanted !== '' && bare(v.version) === wanted) ?? list[0]
  const source = isRecord(entry.source) ? entry.source : {}
  const support = isRecord(entry.support) ? entry.support : {}
  return firstRepository(
    [
      {url: source.url, field: `source.url (${String(entry.version)})`, confidence: 'medium', vcs: true},
      {url: support.source, field: 'support.source', confidence: 'medium'},
      {url: entry.homepage, field: 'homepage', confidence: 'low'},
    ],
    what,
  )
}
