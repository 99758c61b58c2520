/**
 * The registry a package.json's dependency comes from, from the project's settings, read by
 * ../../lockfile-support/npm-registries.ts, which keeps nothing else of them (they may hold tokens):
 * - `.npmrc` (`registry=`, `@scope:registry=`) and `.yarnrc.yml` (`npmRegistryServer`, `npmScopes`): each the one
 *   beside the package.json, else the workspace root's;
 * - yarn 1's `.yarnrc` (`registry "URL"`, `"@scope:registry" "URL"`): every one from the package.json's folder up to
 *   the scan root, the nearest winning key by key, as yarn 1 merges the `.yarnrc` of each folder from the filesystem
 *   root to the working folder.
 * A package's registry, as yarn 1 picks it (NpmRegistry.getRegistry: for the package's scope, then for the default,
 * `.npmrc`'s setting before `.yarnrc`'s): the scope's in `.npmrc`, else in `.yarnrc`, else the default in `.npmrc`,
 * else in `.yarnrc`. `.yarnrc.yml` (yarn 2+, which reads neither of the others) comes first: a project holding both
 * generations' files has its packages taken for the registry either names, never for the public one.
 * Settings of a folder are read once per run (a WeakMap keyed on the run's context).
 * `publishConfig.registry` is where the package is published, not where its dependencies come from: not read.
 */
import {posix} from 'node:path'
import {
  classicYarnrcRegistries,
  NO_REGISTRIES,
  type NpmRegistries,
  npmrcRegistries,
  type RegistrySetting,
  type RegistrySettings,
  scopeOf,
  settingOf,
  yarnrcRegistries,
} from '../../lockfile-support/npm-registries.js'
import type {ScanError} from '../../../core/model.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext} from '../../types.js'

type Reader = (context: DiscoverContext, beside: string) => NpmRegistries

export interface ProjectRegistries {
  /** The setting that names `name`'s registry; undefined for the npm registry. */
  settingOf(name: string): RegistrySetting | undefined
  errors: ScanError[]
}

const RUNS = new WeakMap<DiscoverContext, Map<string, NpmRegistries>>()
const EMPTY: RegistrySettings = {scopes: new Map(), registry: undefined}

/** The registries for `file`'s dependencies; `root` is its workspace root's folder, when it has one. */
export function projectRegistries(file: string, root: string | undefined, context: DiscoverContext): ProjectRegistries {
  const npmrc = nearest(file, root, context, 'npmrc', npmrcRegistries)
  const berry = nearest(file, root, context, 'yarnrc.yml', yarnrcRegistries)
  const classic = classicChain(file, context)
  const npm = npmrc.settings ?? EMPTY
  const yarn2 = berry.settings ?? EMPTY
  return {
    settingOf(name) {
      const scope = scopeOf(name)
      return (
        settingOf(yarn2, name) ??
        (scope === undefined ? undefined : (npm.scopes.get(scope) ?? scopeSetting(classic, scope))) ??
        npm.registry ??
        classic.map((settings) => settings.registry).find((found) => found !== undefined)
      )
    },
    errors: [...npmrc.errors, ...berry.errors],
  }
}

function scopeSetting(chain: RegistrySettings[], scope: string): RegistrySetting | undefined {
  for (const settings of chain) {
    const found = settings.scopes.get(scope)
    if (found !== undefined) return found
  }
  return undefined
}

/** The `.yarnrc` files from `file`'s folder up to the scan root that name a registry, nearest first. */
function classicChain(file: string, context: DiscoverContext): RegistrySettings[] {
  const chain: RegistrySettings[] = []
  for (const path of pathsAbove(file, 'package.json')) {
    const settings = cached(posix.dirname(path), context, 'yarnrc', classicYarnrcRegistries).settings
    if (settings !== undefined && (settings.registry !== undefined || settings.scopes.size > 0)) chain.push(settings)
  }
  return chain
}

/** The settings beside `file`, else those of `root`; NO_REGISTRIES when neither folder has the file. */
function nearest(file: string, root: string | undefined, context: DiscoverContext, kind: string, read: Reader) {
  const own = cached(posix.dirname(file), context, kind, read)
  return own !== NO_REGISTRIES || root === undefined ? own : cached(root, context, kind, read)
}

function cached(dir: string, context: DiscoverContext, kind: string, read: Reader): NpmRegistries {
  let run = RUNS.get(context)
  if (run === undefined) {
    run = new Map()
    RUNS.set(context, run)
  }
  const key = `${kind} ${dir}`
  let registries = run.get(key)
  if (registries === undefined) {
    registries = read(context, dir === '.' || dir === '' ? 'package.json' : `${dir}/package.json`)
    run.set(key, registries)
  }
  return registries
}
