import {digestProblem, type ImageRef, parseImageRef, TAG_RE} from '../core/image-ref.js'
import type {Component} from '../core/model.js'
import type {HttpResult} from './http.js'
import {normaliseRepoUrl} from '../core/repo-url.js'
import type {Confidence, Outcome} from './types.js'

/** Helpers shared by resolvers: turning HTTP results and candidate URLs into outcomes. */

export type JsonAnswer = {ok: true; status: number; json: unknown} | {ok: false; outcome: Outcome}

/** 200 → parsed JSON; 404/410 → `not-found`; failures and other statuses → a miss naming the request. */
export function jsonAnswer(result: HttpResult, what: string): JsonAnswer {
  if (!result.ok) return {ok: false, outcome: {status: 'miss', reason: result.failure, detail: result.detail}}
  const {status, body} = result.response
  if (status === 404 || status === 410)
    return {ok: false, outcome: {status: 'miss', reason: 'not-found', detail: `${what}: not found (${status})`}}
  if (status !== 200)
    return {ok: false, outcome: {status: 'miss', reason: 'network-error', detail: `${what}: HTTP ${status}`}}
  try {
    return {ok: true, status, json: JSON.parse(body)}
  } catch {
    return {ok: false, outcome: {status: 'miss', reason: 'network-error', detail: `${what}: response is not JSON`}}
  }
}

export interface Candidate {
  url: unknown
  /** Field name for the evidence, e.g. `repository.url`. */
  field: string
  confidence: Confidence
  /** Declared to be a source repository (accept any git host) rather than a web page. */
  vcs?: boolean
  directory?: string
}

/** The first candidate that normalises to a repository, or a `no-repository` miss listing what was seen. */
export function firstRepository(candidates: readonly Candidate[], what: string): Outcome {
  const seen: string[] = []
  for (const candidate of candidates) {
    if (typeof candidate.url !== 'string' || candidate.url.trim() === '') continue
    const ref = normaliseRepoUrl(candidate.url, {vcs: candidate.vcs})
    if (!ref) {
      seen.push(`${candidate.field}=${candidate.url.slice(0, 200)}`)
      continue
    }
    const directory = cleanDirectory(candidate.directory) ?? ref.directory
    return {
      status: 'resolved',
      repo: ref.repo,
      ...(directory ? {directory} : {}),
      confidence: candidate.confidence,
      evidence: `${what} ${candidate.field}`,
    }
  }
  const detail =
    seen.length > 0 ? `${what}: no repository URL (saw ${seen.join(', ')})` : `${what}: no repository field`
  return {status: 'miss', reason: 'no-repository', detail}
}

/** A monorepo directory as registries write it (`./packages/x/`), or undefined when unsafe or empty. */
export function cleanDirectory(directory: unknown): string | undefined {
  if (typeof directory !== 'string') return undefined
  const parts = directory
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.')
  if (parts.length === 0 || parts.some((p) => p === '..' || !/^[A-Za-z0-9._~+@-]+$/.test(p))) return undefined
  return parts.join('/')
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Versions usable in a URL path: exact versions, not ranges (`>=1.2`) or placeholders with spaces. */
export function exactVersion(version: string | undefined): string | null {
  return version && /^[A-Za-z0-9][A-Za-z0-9.+_~-]{0,127}$/.test(version) ? version : null
}

/**
 * The image a component names, by discover's reference grammar (one grammar for the whole tool). The name must
 * already be normalised (`docker.io/library/nginx`, no tag or digest): the registry and path go into URLs as given.
 */
export function imageOf(name: string): ImageRef | null {
  const parsed = parseImageRef(name)
  return parsed.ok && parsed.image.name === name ? parsed.image : null
}

export function isImageTag(tag: string | undefined): tag is string {
  return tag !== undefined && TAG_RE.test(tag)
}

/** A digest of a registered algorithm (sha256, sha384, sha512) in canonical lower-case hex. */
export function isImageDigest(digest: string | undefined): digest is string {
  return digest !== undefined && digestProblem(digest) === undefined
}

/**
 * The public registry of each ecosystem whose resolvers ask one by name: crates.io (its git index, its sparse index,
 * the site itself) and RubyGems.org.
 */
const PUBLIC_REGISTRIES: Partial<Record<string, RegExp>> = {
  cargo:
    /^(?:(?:registry|sparse)\+)?https:\/\/(?:github\.com\/rust-lang\/crates\.io-index|index\.crates\.io|crates\.io)(?:\/|$)/,
  gem: /^https?:\/\/(?:index\.)?rubygems\.org(?:\/|$)/,
}

/**
 * The registry a package comes from when it is not its ecosystem's public one: the purl's `repository_url`
 * (Cargo.lock's source of another registry, Cargo.toml's `registry-index`, Gemfile.lock's `remote:`, an SBOM's).
 * crates.io, RubyGems.org and deps.dev know only their own packages, and one of the same name there is another
 * package: such a package is not asked of them. undefined for other ecosystems (their resolvers decide).
 */
export function otherRegistry(component: Component): string | undefined {
  const known = PUBLIC_REGISTRIES[component.ecosystem]
  if (!known || !component.purl) return undefined
  const match = /[?&]repository_url=([^&#]*)/.exec(component.purl)
  if (!match) return undefined
  let url: string
  try {
    url = decodeURIComponent(match[1])
  } catch {
    url = match[1]
  }
  return known.test(url) ? undefined : url
}

/**
 * The miss of a resolver that knows one public registry (`asked`: crates.io, RubyGems.org, deps.dev) for a package of
 * another (otherRegistry): not asked, as a package of the same name there is another package. undefined otherwise.
 */
export function otherRegistryMiss(component: Component, asked: string): Outcome | undefined {
  const registry = otherRegistry(component)
  if (registry === undefined) return undefined
  return {
    status: 'miss',
    reason: 'unsupported',
    detail: `${component.ecosystem} ${component.name} comes from another registry (${registry.slice(0, 200)}): not asked of ${asked}`,
  }
}
