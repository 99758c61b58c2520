import type {Component} from '../../../core/model.js'
import {isValidGithubRepo} from '../../../core/repo-url.js'
import {imageOf, isRecord} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/**
 * Conservative guess: `ghcr.io/OWNER/NAME[/...]` is usually published from github.com/OWNER/NAME. Low
 * confidence. Checked against the repository (`GET /repos/OWNER/NAME` of the GitHub API, anonymous) when
 * online or cached: a missing repository rejects the guess; a redirect (renamed or transferred
 * repository) gives its current name. Offline without a cached check the guess stays, marked unverified.
 */
export const resolver: Resolver = {
  id: 'image-heuristic',
  description: 'ghcr.io/OWNER/NAME → github.com/OWNER/NAME (low confidence, verified against GitHub when online)',
  provenance: 'image-heuristic',
  kind: 'image',
  handles: (c) => c.kind === 'image',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const image = imageOf(component.name)
  if (image?.domain !== 'ghcr.io')
    return {
      status: 'miss',
      reason: 'no-label',
      detail: `${component.name}: no source label, not in the curated map, no safe guess`,
    }
  const [owner, name] = image.path.split('/')
  if (!name || !isValidGithubRepo(owner, name))
    return {status: 'miss', reason: 'no-label', detail: `${component.name}: ghcr.io path has no OWNER/NAME`}
  const guess = `github.com/${owner}/${name}`
  const path = `/repos/${owner}/${name}`
  const result = await context.http.get(`${context.endpoint('github')}${path}`, {
    namespace: 'resolve-github',
    key: `GET ${path}`,
    headers: {accept: 'application/vnd.github+json'},
  })
  if (!result.ok)
    return {
      status: 'resolved',
      repo: guess,
      confidence: 'low',
      evidence: `ghcr.io/OWNER/NAME guess, unverified (${result.failure})`,
    }
  const {status, body} = result.response
  if (status === 404)
    return {status: 'miss', reason: 'unverified', detail: `${component.name}: guessed ${guess}, which does not exist`}
  if (status !== 200)
    return {
      status: 'resolved',
      repo: guess,
      confidence: 'low',
      evidence: `ghcr.io/OWNER/NAME guess, unverified (HTTP ${status})`,
    }
  let fullName: unknown
  try {
    const parsed = JSON.parse(body)
    fullName = isRecord(parsed) ? parsed.full_name : undefined
  } catch {
    fullName = undefined
  }
  if (typeof fullName !== 'string' || !/^[^/]+\/[^/]+$/.test(fullName))
    return {
      status: 'resolved',
      repo: guess,
      confidence: 'low',
      evidence: 'ghcr.io/OWNER/NAME guess, unverified (unreadable answer)',
    }
  const current = `github.com/${fullName}`
  const renamed = current.toLowerCase() !== guess.toLowerCase()
  return {
    status: 'resolved',
    repo: current,
    confidence: 'low',
    evidence: 'ghcr.io/OWNER/NAME guess, repository exists',
    ...(renamed ? {renamedFrom: guess} : {}),
  }
}
