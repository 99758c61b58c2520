import {parse} from 'smol-toml'
import type {Component} from '../../../core/model.js'
import {firstRepository, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/**
 * A package name the General registry takes: an ASCII identifier (General's AutoMerge guidelines; Pkg's own rule is
 * any identifier, so a Unicode name is no General package).
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Julia's General registry (https://github.com/JuliaRegistries/General), read as files: a registry is a tree whose
 * Registry.toml maps each package uuid to `{name, path}`, and `<path>/Package.toml` holds the package's `name`,
 * `uuid`, `repo` (the repository Pkg clones, whose trees the registered `git-tree-sha1`s are) and, for a package in a
 * folder of its repository, `subdir`. General's paths are `<Initial>/<Name>` (the name's first letter in upper case),
 * and `jll/<Initial>/<Name>` for the binary wrappers (`*_jll`), which moved there from `<Initial>/<Name>` (the old
 * folder is asked when the new one is missing). Registry.toml (700 kB) is not read: the path is the one General's layout gives. The answer counts only when its `uuid` is the
 * component's: a package of the same name with another uuid is another package.
 */
export const resolver: Resolver = {
  id: 'julia-general',
  description: "Julia's General registry: Package.toml repo (same uuid only)",
  provenance: 'the Julia General registry',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'julia' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

/** The folder of a package in General by its name (`E/Example`; a `_jll` package's is under `jll/` too). */
export function registryPath(name: string): string {
  return `${name[0].toUpperCase()}/${name}`
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const {name} = component
  if (!NAME.test(name))
    return {
      status: 'miss',
      reason: 'invalid-name',
      detail: `not a General registry package name: ${name.slice(0, 100)}`,
    }
  const uuid = /[?&]uuid=([0-9a-fA-F-]{36})(?:[&#]|$)/.exec(component.purl ?? '')?.[1]?.toLowerCase()
  if (uuid === undefined || !UUID.test(uuid))
    return {
      status: 'miss',
      reason: 'unsupported',
      detail: `julia ${name} has no uuid (purl qualifier): its name alone does not identify a Julia package`,
    }
  // A package of another registry, or added from a repository off the known forges: General's of that name is another.
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const what = `General registry ${name}`
  // A `_jll` package moved from `<Initial>/` to `jll/<Initial>/`: the new folder, then the old one.
  const paths = name.endsWith('_jll') ? [`jll/${registryPath(name)}`, registryPath(name)] : [registryPath(name)]
  let body: string | undefined
  let missing = ''
  for (const folder of paths) {
    const path = `/${folder}/Package.toml`
    const result = await context.http.get(`${context.endpoint('julia-general')}${path}`, {
      namespace: 'julia-general',
      key: `GET ${path}`,
    })
    if (!result.ok) return {status: 'miss', reason: result.failure, detail: result.detail}
    const {status} = result.response
    if (status === 404 || status === 410) {
      missing += `${missing ? ', ' : ''}${path} ${status}`
      continue
    }
    if (status !== 200) return {status: 'miss', reason: 'network-error', detail: `${what}: HTTP ${status}`}
    body = result.response.body
    break
  }
  if (body === undefined) return {status: 'miss', reason: 'not-found', detail: `${what}: not found (${missing})`}
  let record: Record<string, unknown>
  try {
    record = parse(body) as Record<string, unknown>
  } catch {
    return {status: 'miss', reason: 'network-error', detail: `${what}: Package.toml is not TOML`}
  }
  const registered = typeof record.uuid === 'string' ? record.uuid.toLowerCase() : undefined
  if (registered !== uuid || record.name !== name)
    return {
      status: 'miss',
      reason: 'not-found',
      detail: `${what} is another package (uuid ${String(registered).slice(0, 40)}, not ${uuid}): not resolved`,
    }
  return firstRepository(
    [
      {
        url: record.repo,
        field: 'Package.toml repo',
        confidence: 'high',
        vcs: true,
        directory: typeof record.subdir === 'string' ? record.subdir : undefined,
      },
    ],
    what,
  )
}
