import type {Component} from '../../../core/model.js'
import {normaliseRepoUrl} from '../../../core/repo-url.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'
import {matchingImport, parseGoImports} from './go-import.js'
import {isModulePath, moduleDirectory, syntacticRepo} from './module-path.js'

/**
 * Go modules: paths on github.com, golang.org/x, k8s.io, sigs.k8s.io and gopkg.in map without a request;
 * every other path (vanity imports: go.uber.org, cloud.google.com/go...) is looked up the way cmd/go does,
 * `GET https://<path>?go-get=1` and its go-import meta tag (https://go.dev/ref/mod#vcs-find).
 */
export const resolver: Resolver = {
  id: 'go-module',
  description: 'Go module paths: github.com and well-known hosts directly, vanity imports through go-get meta tags',
  provenance: 'go-module',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'golang',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const path = component.name
  if (!isModulePath(path)) return {status: 'miss', reason: 'invalid-name', detail: `not a Go module path: ${path}`}
  const known = syntacticRepo(path)
  if (known)
    return {
      status: 'resolved',
      repo: known.repo,
      ...(known.directory ? {directory: known.directory} : {}),
      confidence: 'high',
      evidence: known.evidence,
    }
  return vanity(path, context)
}

async function vanity(path: string, context: ResolverContext): Promise<Outcome> {
  const [host, ...rest] = path.split('/')
  const suffix = rest.length > 0 ? `/${rest.join('/')}` : ''
  const key = `GET ${host}${suffix}?go-get=1`
  const result = await context.http.get(`${context.endpoint(`go:${host}`)}${suffix}?go-get=1`, {
    namespace: 'go-vanity',
    key,
    headers: {accept: 'text/html'},
  })
  if (!result.ok) return {status: 'miss', reason: result.failure, detail: result.detail}
  const {status, body} = result.response
  if (status === 404 || status === 410)
    return {status: 'miss', reason: 'not-found', detail: `go-get ${path}: not found (${status})`}
  if (status !== 200) return {status: 'miss', reason: 'network-error', detail: `go-get ${path}: HTTP ${status}`}
  const meta = matchingImport(parseGoImports(body), path)
  if (!meta)
    return {status: 'miss', reason: 'no-repository', detail: `go-get ${path}: no go-import meta tag for this path`}
  // The root may itself be a well-known path (go.googlesource.com is mirrored on GitHub only for golang.org/x).
  const ref = normaliseRepoUrl(meta.url, {vcs: true})
  if (!ref)
    return {
      status: 'miss',
      reason: 'no-repository',
      detail: `go-get ${path}: go-import root is not a repository URL: ${meta.url}`,
    }
  const within = path === meta.prefix ? [] : path.slice(meta.prefix.length + 1).split('/')
  const directory = moduleDirectory([...(meta.subdir ? meta.subdir.split('/') : []), ...within])
  return {
    status: 'resolved',
    repo: ref.repo,
    ...(directory ? {directory} : {}),
    confidence: 'high',
    evidence: `go-import meta tag of ${meta.prefix}`,
  }
}
