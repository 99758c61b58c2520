import type {Component} from '../../../core/model.js'
import {type Candidate, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/**
 * Bazel module names (https://bazel.build/rules/lib/globals/module#module: a lower-case letter, then lower-case
 * letters, digits, `.`, `-` and `_`, ending with a letter or digit).
 */
const NAME = /^[a-z](?:[a-z0-9._-]{0,126}[a-z0-9])?$/

/**
 * The Bazel Central Registry, an index registry (https://bazel.build/external/registry: a static HTTP server):
 * `GET /modules/<name>/metadata.json` → `{homepage, repository: ["github:owner/repo", "https://…"], versions,
 * yanked_versions, maintainers}` (the BCR's metadata.schema.json). `repository` is the allowlist of where the
 * module's source archives come from, checked by the BCR's presubmit against each version's source.json: its entries
 * in order (high: `github:owner/repo` shorthands and forge URLs; download mirrors are passed over), then `homepage` on a
 * known forge (medium). The metadata is the module's, not one version's, so the version is not needed. A module of
 * another registry (purl `repository_url`, from a `single_version_override`'s `registry` or the lockfile's registry),
 * or from git, an archive URL or a local path (`git_override`, `archive_override`, `local_path_override`), is not
 * asked for by its name (`unsupported`).
 */
export const resolver: Resolver = {
  id: 'bazel-central-registry',
  description: 'Bazel Central Registry module metadata: repository, homepage',
  provenance: 'bcr.bazel.build',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'bazel' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a Bazel module name: ${component.name.slice(0, 100)}`}
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const path = `/modules/${component.name}/metadata.json`
  const what = `Bazel Central Registry ${component.name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('bazel-central-registry')}${path}`, {
      namespace: 'bazel-central-registry',
      key: `GET ${path}`,
    }),
    what,
  )
  if (!answer.ok) return answer.outcome
  const metadata = isRecord(answer.json) ? answer.json : {}
  const repositories = Array.isArray(metadata.repository) ? metadata.repository.slice(0, 50) : []
  const candidates: Candidate[] = [
    ...repositories.map((url, index) => ({url, field: `repository[${index}]`, confidence: 'high' as const})),
    {url: metadata.homepage, field: 'homepage', confidence: 'medium'},
  ]
  return firstRepository(candidates, what)
}
