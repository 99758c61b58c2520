import type {Component} from '../../../core/model.js'
import {firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

const GEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/

/**
 * RubyGems.org's API (`GET /api/v1/gems/<name>.json`, https://guides.rubygems.org/rubygems-org-api/):
 * `source_code_uri` (also under `metadata`), then `homepage_uri` and `bug_tracker_uri` on a forge. A gem of another
 * source (Gemfile.lock's `remote:`, its purl's `repository_url`) is not asked: one of the same name here is another gem.
 */
export const resolver: Resolver = {
  id: 'rubygems',
  description: 'RubyGems.org API: source_code_uri, homepage_uri',
  provenance: 'rubygems',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'gem',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!GEM_NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a gem name: ${component.name}`}
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const path = `/api/v1/gems/${component.name}.json`
  const what = `rubygems ${component.name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('rubygems')}${path}`, {namespace: 'rubygems', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const gem = isRecord(answer.json) ? answer.json : {}
  const metadata = isRecord(gem.metadata) ? gem.metadata : {}
  return firstRepository(
    [
      {url: gem.source_code_uri, field: 'source_code_uri', confidence: 'medium', vcs: true},
      {url: metadata.source_code_uri, field: 'metadata.source_code_uri', confidence: 'medium', vcs: true},
      {url: gem.homepage_uri, field: 'homepage_uri', confidence: 'medium'},
      {url: gem.bug_tracker_uri, field: 'bug_tracker_uri', confidence: 'low'},
    ],
    what,
  )
}
