import {mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll} from 'vitest'
import type {Component, Ecosystem} from '../../../src/core/model.js'
import {type ResolveOptions, type ResolveRun, type Resolver, resolveComponents} from '../../../src/resolve/index.js'
import {type RegistryEmulators, startRegistryEmulators} from './index.js'

/** Small builders for resolver tests: components as discovery would emit them. */

export function pkg(
  ecosystem: Ecosystem,
  name: string,
  version?: string,
  file = `lockfiles/${ecosystem}.lock`,
  line = 1,
): Component {
  return {
    kind: 'package',
    ecosystem,
    name,
    ...(version ? {version} : {}),
    ref: version ? `${name}@${version}` : name,
    locations: [{file, line, column: 1}],
  }
}

export function img(name: string, tag?: string, digest?: string, file = 'k8s/app.yaml', line = 1): Component {
  const ref = `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
  return {
    kind: 'image',
    ecosystem: 'docker',
    name,
    ...(tag ? {version: tag} : {}),
    ...(digest ? {digest} : {}),
    ref,
    locations: [{file, line, column: 1}],
  }
}

/** A Helm chart dependency as Chart.yaml declares it. */
export function chart(name: string, version: string | undefined, repository: string | undefined, line = 1): Component {
  return {
    kind: 'chart',
    ecosystem: 'helm',
    name,
    ...(version ? {version} : {}),
    ref: version ? `${name}@${version}` : name,
    origin: 'helm-chart',
    ...(repository ? {repository} : {}),
    locations: [{file: 'Chart.yaml', line, column: 11}],
  }
}

export function tempCacheDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'stewards-resolve-'))
}

/** name → what happened: `repo[ (directory)] confidence provenance` or `unresolved: reason`. One line each, easy to compare exactly. */
export function summarise(run: {
  groups: Array<{
    repo: string
    components: Component[]
    resolutions?: Array<{directory?: string; confidence: string; provenance: string}>
  }>
  unresolved: Array<{component: Component; reason: string}>
}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const group of run.groups) {
    group.components.forEach((component, i) => {
      const r = group.resolutions![i]
      out[`${component.name}${component.version ? `@${component.version}` : ''}`] =
        `${group.repo}${r.directory ? ` (${r.directory})` : ''} ${r.confidence} ${r.provenance}`
    })
  }
  for (const u of run.unresolved)
    out[`${u.component.name}${u.component.version ? `@${u.component.version}` : ''}`] = `unresolved: ${u.reason}`
  return out
}

/** The registry emulators of one test file: started before its tests, closed after them. */
export function useRegistryEmulators(options?: Parameters<typeof startRegistryEmulators>[0]): RegistryEmulators {
  let started: RegistryEmulators | undefined
  beforeAll(async () => {
    started = await startRegistryEmulators(options)
  })
  afterAll(() => started?.close())
  const running = (): RegistryEmulators => {
    if (!started) throw new Error('the registry emulators start in beforeAll: use them inside a test')
    return started
  }
  return {
    get endpoints() {
      return running().endpoints
    },
    get servers() {
      return running().servers
    },
    close: () => running().close(),
  }
}

/** Resolves through the emulators: a fresh cache unless one is given, no retries (a fault shows at once). */
export async function resolveOnline(
  emulators: Pick<RegistryEmulators, 'endpoints'>,
  components: Component[],
  resolvers?: readonly Resolver[],
  options: ResolveOptions = {},
): Promise<ResolveRun> {
  const cacheDir = options.cacheDir ?? (await tempCacheDir())
  return resolveComponents(components, {...options, cacheDir, endpoints: emulators.endpoints, retries: 0}, resolvers)
}

/** Resolves without network: a fresh cache unless one is given. */
export async function resolveOffline(
  components: Component[],
  resolvers?: readonly Resolver[],
  options: ResolveOptions = {},
): Promise<ResolveRun> {
  const cacheDir = options.cacheDir ?? (await tempCacheDir())
  return resolveComponents(components, {...options, cacheDir, offline: true}, resolvers)
}
