import {digestProblem, type ImageRef, parseImageRef, TAG_RE} from '../core/image-ref.js'
import {compare} from '../core/compare.js'
import {isGoPrivate} from '../core/go-private.js'
import {hasPublicRegistry, isPublicRegistry} from '../core/public-registries.js'
import type {Component, UnresolvedComponent} from '../core/model.js'
import type {HttpResult} from './http.js'
import {normaliseRepoUrl} from '../core/repo-url.js'
import type {Confidence, Outcome, ResolveOptions} from './types.js'
import {trimEnd} from '../core/trim-end.js'

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
  /**
   * A project's home page: when it is a directory of the repository the chosen candidate names without one
   * (PyPI `Repository = https://github.com/o/mono`, `Homepage = https://github.com/o/mono/tree/main/packages/x`),
   * that directory is the package's.
   */
  homepage?: boolean
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
    const directory = cleanDirectory(candidate.directory) ?? ref.directory ?? homepageDirectory(candidates, ref.repo)
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

/** The directory a home-page candidate names in `repo` (same repository, case aside), when exactly one is named. */
function homepageDirectory(candidates: readonly Candidate[], repo: string): string | undefined {
  const named = new Set<string>()
  for (const candidate of candidates) {
    if (!candidate.homepage || typeof candidate.url !== 'string') continue
    const ref = normaliseRepoUrl(candidate.url, {vcs: candidate.vcs})
    if (ref?.directory && ref.repo.toLowerCase() === repo.toLowerCase()) named.add(ref.directory)
  }
  return named.size === 1 ? [...named][0] : undefined
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

export {isRecord} from '../core/is-record.js'

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

/** What looks up a package by its name, by ecosystem: its public registry, and deps.dev where it knows the ecosystem. */
const ASKERS: Readonly<Record<string, string>> = {
  cargo: 'crates.io or deps.dev',
  gem: 'RubyGems.org',
  npm: 'the npm registry or deps.dev',
  pypi: 'PyPI or deps.dev',
  nuget: 'deps.dev',
  maven: 'deps.dev',
  composer: 'Packagist',
  pub: 'pub.dev',
  hex: 'hex.pm',
  cocoapods: 'the CocoaPods trunk',
  cran: 'CRAN',
  julia: 'the Julia General registry',
  conan: 'ConanCenter',
  bazel: 'the Bazel Central Registry',
  hackage: 'Hackage',
}

/**
 * Ecosystems whose packages may name a download rather than a registry (`download_url`: an npm URL dependency, a
 * Composer inline package's dist, a pod whose podspec or archive the Podfile names by URL, a Haskell package of an
 * archive Stack's lock names, a Bazel module of an `archive_override`).
 */
const DOWNLOADED = new Set(['npm', 'pypi', 'composer', 'cocoapods', 'hackage', 'bazel'])

/** Where a package comes from when that is not its ecosystem's public registry, and how the purl says so. */
export interface OtherSource {
  /**
   * `registry`: the purl's `repository_url`; `url`: its `download_url` (a tarball, not a registry); `vcs`: its
   * `vcs_url` (installed from a repository: the vcs-url resolver, which runs first, answers a forge's).
   */
  kind: 'registry' | 'url' | 'vcs'
  url: string
}

/**
 * Where a package comes from when it is not its ecosystem's public registry: the purl's `repository_url`
 * (Cargo.lock's source of another registry, Cargo.toml's `registry-index`, Gemfile.lock's `remote:`, an npm
 * lockfile's tarball from another registry, uv.lock's, poetry.lock's or Pipfile.lock's index, an SBOM's), or for
 * npm and PyPI its `download_url` (a tarball named by URL), or its `vcs_url` (a package installed from a repository:
 * pip's, Cargo's, npm's git dependencies). crates.io, RubyGems.org, the npm registry, PyPI and
 * deps.dev know only their own packages, and one of the same name there is another package (the very name a
 * dependency-confusion attack registers): such a package is not asked of them, and its name is not sent to them.
 * `mirrors` (`--registry-mirror`) are registries the user says mirror the public one: their packages are public.
 * undefined for a public package, and for other ecosystems (their resolvers decide).
 */
export function otherSource(component: Component, mirrors: readonly string[] = []): OtherSource | undefined {
  if (!hasPublicRegistry(component.ecosystem) || !component.purl) return undefined
  const registry = qualifier(component.purl, 'repository_url')
  const download = DOWNLOADED.has(component.ecosystem) ? qualifier(component.purl, 'download_url') : undefined
  const vcs = qualifier(component.purl, 'vcs_url')
  const found: OtherSource | undefined =
    registry !== undefined
      ? {kind: 'registry', url: registry}
      : download !== undefined
        ? {kind: 'url', url: download}
        : vcs !== undefined
          ? {kind: 'vcs', url: vcs}
          : undefined
  // A repository is never a registry's mirror, nor the public registry.
  if (found?.kind === 'vcs') return found
  if (
    found === undefined ||
    isPublicRegistry(component.ecosystem, found.url) ||
    mirrors.some((mirror) => underMirror(found.url, mirror))
  )
    return undefined
  return found
}

const QUALIFIERS = {
  repository_url: /[?&]repository_url=([^&#]*)/,
  download_url: /[?&]download_url=([^&#]*)/,
  vcs_url: /[?&]vcs_url=([^&#]*)/,
}

/** A purl qualifier's value, decoded (as written when it does not decode). */
function qualifier(purl: string, key: keyof typeof QUALIFIERS): string | undefined {
  const match = QUALIFIERS[key].exec(purl)
  if (!match) return undefined
  try {
    return decodeURIComponent(match[1])
  } catch {
    return match[1]
  }
}

/**
 * True when `url` is `mirror` or under it, path segment by path segment: same scheme, host and port (as URL
 * normalises them, so case and a default port do not matter), and the mirror's path a prefix of the URL's. What
 * the URL carries before its host (credentials, already redacted) is not compared.
 */
export function underMirror(url: string, mirror: string): boolean {
  let a: URL
  let b: URL
  try {
    a = new URL(url.replace(/^(?:registry|sparse)\+/, ''))
    b = new URL(mirror)
  } catch {
    return false
  }
  if (a.protocol !== b.protocol || a.host !== b.host) return false
  const base = trimEnd(b.pathname, '/')
  return a.pathname === base || a.pathname.startsWith(`${base}/`)
}

/**
 * The miss of a resolver that asks a public registry or deps.dev by name, for a package from elsewhere (otherSource),
 * or for a Go module that `GOPRIVATE`/`GONOPROXY` make private (core/go-private.ts): not asked, as a package of the
 * same name there is another package, and the name is not to leave. The same words from each such resolver (the run
 * keeps the first). undefined otherwise.
 */
export function otherRegistryMiss(
  component: Component,
  options: Pick<ResolveOptions, 'registryMirrors' | 'goPrivate'>,
): Outcome | undefined {
  if (component.ecosystem === 'golang' && isGoPrivate(component.name, options.goPrivate ?? []))
    return {
      status: 'miss',
      reason: 'unsupported',
      detail: `go ${component.name} is a private module (GOPRIVATE, GONOPROXY): not looked up on deps.dev`,
    }
  const source = otherSource(component, options.registryMirrors)
  if (source === undefined) return undefined
  const askers = ASKERS[component.ecosystem] ?? 'the public registry'
  const url = source.url.slice(0, 200)
  const detail =
    source.kind === 'registry'
      ? `${component.ecosystem} ${component.name} comes from another registry (${url}): not looked up by its name on ${askers} (if it mirrors the public registry, name it with --registry-mirror)`
      : source.kind === 'vcs'
        ? `${component.ecosystem} ${component.name} is installed from a repository that is not on a known forge (${url}): not looked up by its name on ${askers}`
        : `${component.ecosystem} ${component.name} comes from a URL, not a registry (${url}): not looked up by its name on ${askers}`
  return {status: 'miss', reason: 'unsupported', detail}
}

/** The other registries of unresolved packages (otherSource), with how many packages each: most first. */
export function otherRegistries(
  unresolved: readonly UnresolvedComponent[],
  mirrors?: readonly string[],
): Array<{registry: string; packages: number}> {
  const counts = new Map<string, number>()
  for (const {component, reason} of unresolved) {
    const source = reason === 'unsupported' ? otherSource(component, mirrors) : undefined
    if (source?.kind === 'registry') counts.set(source.url, (counts.get(source.url) ?? 0) + 1)
  }
  return [...counts]
    .map(([registry, packages]) => ({registry, packages}))
    .sort((a, b) => b.packages - a.packages || compare(a.registry, b.registry))
}
