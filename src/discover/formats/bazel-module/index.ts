/**
 * Bazel's module system (Bzlmod): `MODULE.bazel` (the root module's `bazel_dep`s and overrides, read as Starlark
 * literals and the top-level variables, `+`, `%s`, `.format()` and a join of literals Starlark evaluates, and the
 * registries of the workspace's .bazelrc (./bazelrc.ts), by
 * ./module-file.ts; never run)
 * and `MODULE.bazel.lock` (the registry modules the resolution selected, ./lock.ts). Components are `bazel` packages, `pkg:bazel/<name>@<version>`.
 */
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {discoverLock} from './lock.js'
import {readModuleFile} from './module-file.js'

export const discoverer: Discoverer = {
  id: 'bazel-module',
  description:
    'Bazel modules: MODULE.bazel bazel_deps and overrides (literals and top-level variables, never run), MODULE.bazel.lock',
  matches(file) {
    return /(^|\/)MODULE\.bazel(\.lock)?$/.test(file)
  },
  discover: ({file, text}, context): DiscoverOutput => {
    if (file.endsWith('.lock')) return discoverLock(file, text, context)
    const {components, skipped, errors} = readModuleFile(file, text, context)
    return {components, skipped, errors}
  },
}
