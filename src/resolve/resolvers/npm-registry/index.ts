import type {Component} from '../../../core/model.js'
import {exactVersion, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** npm package names (validate-npm-package-name, with the legacy upper-case allowance). */
const NPM_NAME = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/

/**
 * The npm registry's version document (`GET /<name>/<version>`, small, unlike the full packument):
 * `repository` is a string (`owner/name`, `github:owner/name`, a URL) or `{type, url, directory}`
 * (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#repository); `homepage`/`bugs` on a forge
 * are a low-confidence fallback.
 */
export const resolver: Resolver = {
  id: 'npm-registry',
  description: 'npm registry version metadata: repository (string or object, with monorepo directory)',
  provenance: 'npm-registry',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'npm',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!NPM_NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not an npm package name: ${component.name}`}
  // A package from another registry or a URL: the registry's package of that name is another one.
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const version = exactVersion(component.version) ?? 'latest'
  const path = `/${component.name.replace('/', '%2F')}/${encodeURIComponent(version)}`
  const what = `npm ${component.name}@${version}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('npm')}${path}`, {namespace: 'npm', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const doc = isRecord(answer.json) ? answer.json : {}
  const repository = doc.repository
  const bugs = isRecord(doc.bugs) ? doc.bugs.url : doc.bugs
  return firstRepository(
    [
      isRecord(repository)
        ? {
            url: repository.url,
            field: 'repository.url',
            confidence: 'medium',
            vcs: true,
            directory: repository.directory as string | undefined,
          }
        : {url: repository, field: 'repository', confidence: 'medium', vcs: true},
      // A homepage that is a directory of the repository names the package's directory (camel-case@4.1.2).
      {url: doc.homepage, field: 'homepage', confidence: 'low', homepage: true},
      {url: typeof bugs === 'string' ? bugs : undefined, field: 'bugs', confidence: 'low'},
    ],
    what,
  )
}
