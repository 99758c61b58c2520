import type {Component} from '../../../core/model.js'
import {exactVersion, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** https://dart.dev/tools/pub/pubspec#name */
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/

/**
 * pub.dev (the hosted pub repository API, https://github.com/dart-lang/pub/blob/master/doc/repository-spec-v2.md):
 * `GET /api/packages/<name>/versions/<version>` → `{version, pubspec}`; the pubspec's `repository` (a source
 * repository, medium), then `homepage` and `issue_tracker` on a known forge (low). Packages of another hosted
 * server (`repository_url` in the purl) and git packages are not asked here.
 */
export const resolver: Resolver = {
  id: 'pub-dev',
  description: 'pub.dev version metadata: pubspec repository, homepage, issue_tracker',
  provenance: 'pub.dev',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'pub' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a pub package name: ${component.name.slice(0, 100)}`}
  // A package of another hosted server, or installed from a repository off the known forges: pub.dev's is another.
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const version = exactVersion(component.version)
  if (!version) return {status: 'miss', reason: 'no-version', detail: `pub ${component.name} needs an exact version`}
  const path = `/api/packages/${component.name}/versions/${encodeURIComponent(version)}`
  const what = `pub.dev ${component.name}@${version}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('pub.dev')}${path}`, {namespace: 'pub-dev', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const pubspec = isRecord(answer.json) && isRecord(answer.json.pubspec) ? answer.json.pubspec : {}
  return firstRepository(
    [
      {url: pubspec.repository, field: 'pubspec.repository', confidence: 'medium', vcs: true},
      {url: pubspec.homepage, field: 'pubspec.homepage', confidence: 'low'},
      {url: pubspec.issue_tracker, field: 'pubspec.issue_tracker', confidence: 'low'},
    ],
    what,
  )
}
