/**
 * The registry a package.json's dependency comes from, from the project's settings: `.npmrc` (`registry=`,
 * `@scope:registry=`) and `.yarnrc.yml` (`npmRegistryServer`, `npmScopes`), each the one beside the package.json,
 * else the workspace root's; read by ../../lockfile-support/npm-registries.ts, which keeps nothing else of them
 * (they may hold tokens). Settings of a folder are read once per run (a WeakMap keyed on the run's context).
 * `publishConfig.registry` is where the package is published, not where its dependencies come from: not read.
 */
import {posix} from 'node:path'
import {
  NO_REGISTRIES,
  type NpmRegistries,
  npmrcRegistries,
  yarnrcRegistries,
} from '../../lockfile-support/npm-registries.js'
import type {DiscoverContext} from '../../types.js'

const RUNS = new WeakMap<DiscoverContext, Map<string, NpmRegistries>>()

/** The registries for `file`'s dependencies; `root` is its workspace root's folder, when it has one. */
export function projectRegistries(file: string, root: string | undefined, context: DiscoverContext): NpmRegistries {
  const npmrc = nearest(file, root, context, 'npmrc', npmrcRegistries)
  const yarnrc = nearest(file, root, context, 'yarnrc', yarnrcRegistries)
  if (npmrc === NO_REGISTRIES) return yarnrc
  if (yarnrc === NO_REGISTRIES) return npmrc
  // Both: npm and pnpm read the first, yarn the second; a package either names another registry for is taken for
  // that registry's, so its name is never asked of the public one.
  return {
    registryOf: (name) => yarnrc.registryOf(name) ?? npmrc.registryOf(name),
    errors: [...npmrc.errors, ...yarnrc.errors],
  }
}

/** The settings beside `file`, else those of `root`; NO_REGISTRIES when neither folder has the file. */
function nearest(
  file: string,
  root: string | undefined,
  context: DiscoverContext,
  kind: string,
  read: (context: DiscoverContext, beside: string) => NpmRegistries,
): NpmRegistries {
  const own = cached(posix.dirname(file), context, kind, read)
  return own !== NO_REGISTRIES || root === undefined ? own : cached(root, context, kind, read)
}

function cached(
  dir: string,
  context: DiscoverContext,
  kind: string,
  read: (context: DiscoverContext, beside: string) => NpmRegistries,
): NpmRegistries {
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
