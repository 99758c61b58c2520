import type {Component} from '../../../core/model.js'
import {type Candidate, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** Hex package names (hexpm's Package changeset: a lower-case letter, then letters, digits and `_`). */
const NAME = /^[a-z][a-zA-Z0-9_]{0,127}$/
/** Link labels that name the source repository (`GitHub`, `github`, `GitLab`, `Source`, `Source code`, `Repository`). */
const SOURCE_LABEL = /github|gitlab|bitbucket|codeberg|source|repo/i

/**
 * hex.pm (the Hex HTTP API, https://github.com/hexpm/specifications/blob/main/apiary.apib, hex_core
 * `hex_api_package:get`): `GET /api/packages/<name>` → `{name, meta: {links: {label: url}, licenses, description}}`.
 * `meta.links` is what the publisher wrote in `package: [links: %{...}]` (mix.exs) or erlang.mk's/rebar3's Hex
 * metadata: a link whose label names a forge or the source (`GitHub`, `Source`, `Repository`) on a known forge
 * (medium), then any other link on a known forge (low), in the order hex.pm lists them. Packages of a hex.pm
 * organisation (purl namespace, `hexpm:acme` in mix.lock) are private, so not asked; packages from another
 * repository or from git are `unsupported` (support.ts `otherRegistryMiss`).
 */
export const resolver: Resolver = {
  id: 'hex-pm',
  description: 'hex.pm package metadata: meta.links',
  provenance: 'hex.pm',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'hex' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a Hex package name: ${component.name.slice(0, 100)}`}
  const organisation = /^pkg:hex\/([^/@?#]+)\/[^/]/.exec(component.purl ?? '')?.[1]
  if (organisation !== undefined)
    return {
      status: 'miss',
      reason: 'unsupported',
      detail: `hex ${component.name} is a package of the hex.pm organisation ${organisation.slice(0, 64)}: private, not looked up`,
    }
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const path = `/api/packages/${component.name}`
  const what = `hex.pm ${component.name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('hex.pm')}${path}`, {namespace: 'hex-pm', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const meta = isRecord(answer.json) && isRecord(answer.json.meta) ? answer.json.meta : {}
  const links = isRecord(meta.links) ? Object.entries(meta.links) : []
  const candidates: Candidate[] = [
    ...links
      .filter(([label]) => SOURCE_LABEL.test(label))
      .map(([label, url]) => ({url, field: `meta.links.${label.slice(0, 60)}`, confidence: 'medium' as const})),
    ...links
      .filter(([label]) => !SOURCE_LABEL.test(label))
      .map(([label, url]) => ({url, field: `meta.links.${label.slice(0, 60)}`, confidence: 'low' as const})),
  ]
  return firstRepository(candidates, what)
}
