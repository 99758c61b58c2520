import type {Component} from '../../../core/model.js'
import {firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

const CRATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

/**
 * crates.io's API (`GET /api/v1/crates/<name>`): `crate.repository`, else `crate.homepage` on a forge. A crate of
 * another registry (its purl's `repository_url`) is not asked: a crate of the same name here is another crate.
 */
export const resolver: Resolver = {
  id: 'crates-io',
  description: 'crates.io API: crate.repository, crate.homepage',
  provenance: 'crates-io',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'cargo',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!CRATE_NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a crate name: ${component.name}`}
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const path = `/api/v1/crates/${component.name}`
  const what = `crates.io ${component.name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('crates.io')}${path}`, {namespace: 'crates-io', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const crate = isRecord(answer.json) && isRecord(answer.json.crate) ? answer.json.crate : {}
  return firstRepository(
    [
      {url: crate.repository, field: 'crate.repository', confidence: 'medium', vcs: true},
      {url: crate.homepage, field: 'crate.homepage', confidence: 'low'},
    ],
    what,
  )
}
