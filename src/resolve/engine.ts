import {DAY_MS} from '../core/dates.js'
import {DiskCache} from '../core/cache/disk-cache.js'
import {DEFAULT_ARTIFACT_HUB_URL} from '../core/artifact-hub-url.js'
import {mapLimit} from '../core/map-limit.js'
import type {Component, Resolution, UnresolvedComponent} from '../core/model.js'
import {groupResolutions} from './group.js'
import {HttpClient} from './http.js'
import {resolvers as registered} from './registry.js'
import {normaliseRepoUrl} from '../core/repo-url.js'
import {redactDeep} from '../core/redact.js'
import {computeStats} from './stats.js'
import {compareComponents} from './order.js'
import type {
  Attempt,
  Decided,
  MissReason,
  Outcome,
  ResolveOptions,
  ResolveRun,
  Resolver,
  ResolverContext,
} from './types.js'
import {trimEnd} from '../core/trim-end.js'
import {otherRegistries} from './support.js'
import {goPrivatePatterns} from '../core/go-private.js'

/** Sent on every registry request: crates.io rejects anonymous clients and asks for a contact. */
export const USER_AGENT = 'stewards-resolve/0.1 (+https://github.com/stewards)'

/** Default base URLs; `oci:<host>` and `go:<host>` default to `https://<host>` (Docker Hub's API host differs). */
const DEFAULT_ENDPOINTS: Record<string, string> = {
  'deps.dev': 'https://api.deps.dev',
  npm: 'https://registry.npmjs.org',
  pypi: 'https://pypi.org',
  'crates.io': 'https://crates.io',
  rubygems: 'https://rubygems.org',
  packagist: 'https://repo.packagist.org',
  github: 'https://api.github.com',
  'pub.dev': 'https://pub.dev',
  'hex.pm': 'https://hex.pm',
  'julia-general': 'https://raw.githubusercontent.com/JuliaRegistries/General/master',
  hackage: 'https://hackage.haskell.org',
  cocoapods: 'https://cdn.cocoapods.org',
  cran: 'https://cran.r-universe.dev',
  'bazel-central-registry': 'https://bcr.bazel.build',
  'conan-center': 'https://center2.conan.io',
  'oci:docker.io': 'https://registry-1.docker.io',
  'artifact-hub': DEFAULT_ARTIFACT_HUB_URL,
}

/** How long a cached answer is served without asking again, unless `maxAge` says otherwise. */
const DEFAULT_MAX_AGE_MS = 7 * DAY_MS

/** Cache reads in flight at once. */
const LOCAL_CONCURRENCY = 64

/** The most telling reason first: network reasons mean "an online run may do better". */
const REASON_ORDER: MissReason[] = [
  'network-error',
  'offline-cache-miss',
  'unverified',
  'no-repository',
  'no-label',
  'not-found',
  'no-version',
  'invalid-name',
  'unsupported',
  'excluded',
  'local',
]
const NETWORK_REASONS = new Set<MissReason>(['network-error', 'offline-cache-miss'])

/**
 * Maps each component to its upstream repository. Resolvers run in order (override, package sources by
 * `prefer`, images); each gets every still-pending component it handles in one call, so it can batch.
 */
export async function resolveComponents(
  components: Component[],
  options: ResolveOptions = {},
  resolvers: readonly Resolver[] = registered,
): Promise<ResolveRun> {
  // Go's own private-module settings, from the environment unless the caller gives them (core/go-private.ts).
  options = {...options, goPrivate: options.goPrivate ?? goPrivatePatterns()}
  const http = new HttpClient({
    cache: options.cache ?? new DiskCache(options.cacheDir),
    offline: options.offline ?? false,
    timeoutMs: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 2,
    retryDelayMs: 250,
    maxAgeMs: options.maxAge ?? DEFAULT_MAX_AGE_MS,
    maxBodyBytes: 32 * 1024 * 1024,
    userAgent: USER_AGENT,
  })
  const context = createContext(http, options)
  const decided: Decided[] = []
  const unresolved: UnresolvedComponent[] = []
  const attempts = new Map<Component, Attempt[]>()
  let pending: Component[] = []
  for (const component of components) {
    if (component.local)
      unresolved.push({
        component,
        reason: 'local',
        detail: 'workspace member or path dependency: not a registry package',
      })
    else pending.push(component)
  }
  let guessedAfterNetworkMiss = false
  for (const resolver of ordered(resolvers, options.prefer ?? 'deps.dev')) {
    if (resolver.enabled && !resolver.enabled(options)) continue
    const mine = pending.filter((c) => resolver.handles(c))
    if (mine.length === 0) continue
    const outcomes = await resolver.resolve(mine, context)
    const done = new Set<Component>()
    mine.forEach((component, i) => {
      const outcome = outcomes[i] ?? {
        status: 'miss',
        reason: 'unsupported',
        detail: `${resolver.id} returned no outcome`,
      }
      const decision = outcome.status === 'resolved' ? decide(component, outcome, resolver) : null
      if (decision) {
        decided.push(decision)
        done.add(component)
        const earlier = attempts.get(component) ?? []
        if (decision.resolution.confidence === 'low' && earlier.some((a) => NETWORK_REASONS.has(a.reason)))
          guessedAfterNetworkMiss = true
        return
      }
      // A map entry that excludes the component settles it; overrides that do not match are not a reason.
      if (resolver.kind === 'override' && outcome.status === 'miss' && outcome.reason === 'excluded') {
        unresolved.push({component, reason: outcome.reason, detail: outcome.detail, attempts: []})
        done.add(component)
        return
      }
      if (resolver.kind === 'override') return
      const miss: Attempt =
        outcome.status === 'miss'
          ? {resolver: resolver.id, reason: outcome.reason, detail: outcome.detail}
          : {resolver: resolver.id, reason: 'no-repository', detail: `not a repository URL: ${outcome.repo}`}
      attempts.set(component, [...(attempts.get(component) ?? []), miss])
    })
    pending = pending.filter((c) => !done.has(c))
  }
  for (const component of pending) {
    const tried = attempts.get(component) ?? []
    if (tried.length === 0) {
      unresolved.push({
        component,
        reason: 'unsupported',
        detail: `no resolver handles ${component.ecosystem} ${component.kind}s`,
        attempts: [],
      })
      continue
    }
    const best = [...tried].sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason))[0]
    unresolved.push({component, reason: best.reason, detail: best.detail, attempts: tried})
  }
  unresolved.sort((a, b) => compareComponents(a.component, b.component))
  const groups = groupResolutions(decided)
  const incomplete = guessedAfterNetworkMiss || unresolved.some((u) => NETWORK_REASONS.has(u.reason as MissReason))
  // Registry answers and map entries enter the model here: credentials in their URLs are removed.
  return {
    groups: redactDeep(groups),
    unresolved: redactDeep(unresolved),
    stats: computeStats(components, groups, unresolved, http.stats),
    incomplete,
    otherRegistries: redactDeep(otherRegistries(unresolved, options.registryMirrors)),
  }
}

function decide(
  component: Component,
  outcome: Extract<Outcome, {status: 'resolved'}>,
  resolver: Resolver,
): Decided | null {
  const ref = normaliseRepoUrl(outcome.repo, {vcs: true})
  if (!ref) return null
  const directory = outcome.directory ?? ref.directory
  const resolution: Resolution & {repo: string} = {
    repo: ref.repo,
    provenance: resolver.provenance,
    confidence: outcome.confidence,
    evidence: outcome.evidence,
  }
  if (directory) resolution.directory = directory
  if (outcome.renamedFrom) resolution.renamedFrom = outcome.renamedFrom
  return {component, resolution, caseReliable: outcome.caseReliable !== false}
}

function ordered(resolvers: readonly Resolver[], prefer: 'deps.dev' | 'native'): Resolver[] {
  const rank = (r: Resolver): number => {
    if (r.kind === 'override') return 0
    if (r.kind === 'stated') return 1
    if (r.kind === 'aggregator') return prefer === 'deps.dev' ? 2 : 3
    if (r.kind === 'native') return prefer === 'deps.dev' ? 3 : 2
    return 4
  }
  // Array.prototype.sort is stable: registry order holds within a rank.
  return [...resolvers].sort((a, b) => rank(a) - rank(b))
}

function createContext(http: HttpClient, options: ResolveOptions): ResolverContext {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8))
  // Offline, work is cache reads only: many in flight keep the file system busy instead of the event loop idle.
  const limit = options.offline ? Math.max(concurrency, LOCAL_CONCURRENCY) : concurrency
  return {
    http,
    offline: options.offline ?? false,
    options,
    endpoint(service: string): string {
      const configured = options.endpoints?.[service]
      if (configured) return trimEnd(configured, '/')
      const hosted = /^(oci|go|helm|terraform):(.+)$/.exec(service)
      // `oci:*`, `go:*`, `helm:*`, `terraform:*`: one mirror or emulator for every registry, vanity or chart host, as `<base>/<host>`.
      const wildcard = hosted ? options.endpoints?.[`${hosted[1]}:*`] : undefined
      if (hosted && wildcard) return `${trimEnd(wildcard, '/')}/${hosted[2]}`
      if (DEFAULT_ENDPOINTS[service]) return DEFAULT_ENDPOINTS[service]
      if (hosted) return `https://${hosted[2]}`
      throw new Error(`unknown resolve endpoint '${service}'`)
    },
    map: (items, fn) => mapLimit(items, limit, fn),
    mapLocal: (items, fn) => mapLimit(items, Math.max(concurrency, LOCAL_CONCURRENCY), fn),
  }
}
