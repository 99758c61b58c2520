import type {Component} from '../../../core/model.js'
import {exactVersion, firstRepository, isRecord, jsonAnswer} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

const ADDRESS = /^([a-z0-9.-]+(?::\d+)?)\/([a-z0-9][a-z0-9-]{0,63})\/([a-z0-9][a-z0-9-]{0,63})$/
/** A module: host / namespace / name / provider (terraform-module lower-cases it). */
const MODULE = /^([a-z0-9.-]+(?::\d+)?)\/([a-z0-9][a-z0-9_-]{0,63})\/([a-z0-9][a-z0-9_-]{0,63})\/([a-z0-9]{1,64})$/

/**
 * Terraform providers → their source repository.
 * - registry.terraform.io (and registries serving the same API): `GET /v1/providers/<namespace>/<type>/<version>`
 *   → `source`, the repository the provider is published from (https://developer.hashicorp.com/terraform/registry/api-docs#get-a-specific-provider-version
 *   is the public registry's API; the provider registry protocol itself has no source field). Medium confidence.
 * - registry.opentofu.org: providers are published from `github.com/<namespace>/terraform-provider-<type>` by
 *   rule (https://github.com/opentofu/registry#adding-a-provider), so that repository is the answer, without a
 *   request. Medium confidence: the rule is the registry's, the repository may since have moved.
 * Modules (terraform-module: `host/namespace/name/provider`) the same way: `GET /v1/modules/<namespace>/<name>/
 * <provider>/<version>` → `source` (https://developer.hashicorp.com/terraform/registry/api-docs, "Get a Specific
 * Module"); on registry.opentofu.org, `github.com/<namespace>/terraform-<provider>-<name>` by the same registry's rule.
 * A module installed from a repository off the known forges (purl `vcs_url`, which the vcs-url resolver did not
 * answer) names no registry: not asked.
 */
export const resolver: Resolver = {
  id: 'terraform-registry',
  description: 'Terraform Registry provider and module source; OpenTofu registry naming rules',
  provenance: 'terraform-registry',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'terraform',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (component.purl?.includes('vcs_url='))
    return {
      status: 'miss',
      reason: 'unsupported',
      detail: `terraform module ${component.name.slice(0, 200)} is installed from a repository that is not on a known forge: no registry names it`,
    }
  const module = MODULE.exec(component.name)
  if (module) return resolveModule(component, module, context)
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
  return askSource(host, `providers/${namespace}/${type}`, `provider ${namespace}/${type}`, component, context)
}

async function resolveModule(
  component: Component,
  [, host, namespace, name, provider]: RegExpExecArray,
  context: ResolverContext,
): Promise<Outcome> {
  if (host === 'registry.opentofu.org')
    return {
      status: 'resolved',
      repo: `github.com/${namespace}/terraform-${provider}-${name}`,
      confidence: 'medium',
      evidence: `OpenTofu registry rule: ${component.name} is published from github.com/${namespace}/terraform-${provider}-${name}`,
    }
  return askSource(
    host,
    `modules/${namespace}/${name}/${provider}`,
    `module ${namespace}/${name}/${provider}`,
    component,
    context,
  )
}

/**
 * The registry's `source` for a provider or module (`what` names it): of the exact version when there is one, else of
 * the latest (`GET /v1/<kind>/<address>`, the same document for the newest version: a constraint such as `~> 5.0`
 * names no version, and a project's repository rarely changes between versions).
 */
async function askSource(
  host: string,
  address: string,
  what: string,
  component: Component,
  context: ResolverContext,
): Promise<Outcome> {
  const version = exactVersion(component.version)
  const path = `/v1/${address}${version ? `/${encodeURIComponent(version)}` : ''}`
  const named = `${host} ${what}${version ? `@${version}` : ' (latest version)'}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint(`terraform:${host}`)}${path}`, {
      namespace: 'terraform',
      key: `GET ${host}${path}`,
    }),
    named,
  )
  if (!answer.ok) return answer.outcome
  const doc = isRecord(answer.json) ? answer.json : {}
  return firstRepository([{url: doc.source, field: 'source', confidence: 'medium', vcs: true}], named)
}
