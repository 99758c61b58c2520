import type {Component} from '../../../core/model.js'
import {exactVersion, firstRepository, isRecord, jsonAnswer} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

const ADDRESS = /^([a-z0-9.-]+(?::\d+)?)\/([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})$/

/**
 * Terraform providers → their source repository.
 * - registry.terraform.io (and registries serving the same API): `GET /v1/providers/<namespace>/<type>/<version>`
 *   → `source`, the repository the provider is published from (https://developer.hashicorp.com/terraform/registry/api-docs#get-a-specific-provider-version
 *   is the public registry's API; the provider registry protocol itself has no source field). Medium confidence.
 * - registry.opentofu.org: providers are published from `github.com/<namespace>/terraform-provider-<type>` by
 *   rule (https://github.com/opentofu/registry#adding-a-provider), so that repository is the answer, without a
 *   request. Medium confidence: the rule is the registry's, the repository may since have moved.
 */
export const resolver: Resolver = {
  id: 'terraform-registry',
  description: 'Terraform Registry provider source; OpenTofu registry naming rule',
  provenance: 'terraform-registry',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'terraform',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const match = ADDRESS.exec(component.name)
  if (!match)
    return {status: 'miss', reason: 'invalid-name', detail: `not a provider address: ${component.name.slice(0, 200)}`}
  const [, host, namespace, type] = match
  if (host === 'registry.opentofu.org')
    return {
      status: 'resolved',
      repo: `github.com/${namespace}/terraform-provider-${type}`,
      confidence: 'medium',
      evidence: `OpenTofu registry rule: ${component.name} is published from github.com/${namespace}/terraform-provider-${type}`,
    }
  const version = exactVersion(component.version)
  if (!version)
    return {status: 'miss', reason: 'no-version', detail: `provider ${component.name} needs an exact version`}
  const path = `/v1/providers/${namespace}/${type}/${encodeURIComponent(version)}`
  const what = `${host} provider ${namespace}/${type}@${version}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint(`terraform:${host}`)}${path}`, {
      namespace: 'terraform',
      key: `GET ${host}${path}`,
    }),
    what,
  )
  if (!answer.ok) return answer.outcome
  const doc = isRecord(answer.json) ? answer.json : {}
  return firstRepository([{url: doc.source, field: 'source', confidence: 'medium', vcs: true}], what)
}
