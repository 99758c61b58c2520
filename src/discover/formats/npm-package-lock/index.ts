import {hasTopLevelKey} from '../../json-tree.js'
import type {Component, ScanError} from '../../../core/model.js'
import {isJsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {readDependenciesTree, skipUnreadDependenciesFields} from './dependencies-section.js'
import {collectPackagesSection, skipUnreadPackagesFields} from './packages-section.js'

/** npm's package-lock.json and npm-shrinkwrap.json, lockfileVersion 1, 2 and 3. */
export const discoverer: Discoverer = {
  id: 'npm-package-lock',
  description: 'npm package-lock.json / npm-shrinkwrap.json (lockfileVersion 1, 2, 3)',
  matches(file) {
    return /(^|\/)(package-lock|npm-shrinkwrap)\.json$/.test(file) && !/(^|\/)node_modules\//.test(file)
  },
  // Bun's bun.lock has `lockfileVersion` too, and `workspaces`, which package-lock.json never has.
  identify: (head) => hasTopLevelKey(head, 'lockfileVersion') && !hasTopLevelKey(head, 'workspaces'),
  discover: ({file, text}) => discoverPackageLock(file, text),
}

export function discoverPackageLock(file: string, text: string): DiscoverOutput {
  let sawPackages = false
  let packages = collectPackagesSection(file)
  const read = readLockfileJson(file, text, {
    consume(path, value, position) {
      if (path.length !== 2 || path[0] !== 'packages') return false
      packages.add(path[1], value, position)
      return true
    },
    skip(path) {
      if (path.length === 1 && path[0] === 'packages') sawPackages = true
      // lockfileVersion 2 repeats the tree as v1 `dependencies` for old npm: read `packages` only.
      if (path.length === 1 && path[0] === 'dependencies' && sawPackages) return true
      return skipUnreadPackagesFields(path) || skipUnreadDependenciesFields(path)
    },
    restart() {
      sawPackages = false
      packages = collectPackagesSection(file)
    },
  })
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root, errors} = read
  const version = root.lockfileVersion
  const versionAt = document.topLevelKeys.get('lockfileVersion') ?? {line: 1, column: 1}
  let result: {components: Component[]; errors: ScanError[]}
  if (version === 1 && isJsonObject(root.dependencies ?? {})) {
    result = readDependenciesTree(
      file,
      document,
      isJsonObject(root.dependencies) ? root.dependencies : Object.create(null),
    )
  } else if ((version === 2 || version === 3) && isJsonObject(root.packages)) {
    result = packages.finish()
  } else if ((version === 2 || version === 3) && root.packages === undefined && isJsonObject(root.dependencies ?? {})) {
    // As npm reads it (arborist shrinkwrap.js load: `packages: data.packages || {}`, and "load old lockfile deps into
    // the packages listing" `if (data.dependencies && !data.packages)`): no `packages` is an empty one, and a
    // `dependencies` tree, if any, is read as lockfileVersion 1's. Neither: nothing is installed, nothing to list.
    result = readDependenciesTree(
      file,
      document,
      isJsonObject(root.dependencies) ? root.dependencies : Object.create(null),
    )
  } else if (version === 2 || version === 3 || version === 1) {
    const section = version === 1 || root.packages === undefined ? 'dependencies' : 'packages'
    return {
      components: [],
      errors: [
        ...errors,
        lockfileError(
          file,
          'invalid-lockfile',
          `lockfileVersion ${version}: '${section}' must be an object`,
          versionAt.line,
          versionAt.column,
        ),
      ],
    }
  } else {
    const shown = version === undefined ? 'missing' : JSON.stringify(version)
    return {
      components: [],
      errors: [
        ...errors,
        lockfileError(
          file,
          'unsupported-version',
          `unknown lockfileVersion ${shown} (supported: 1, 2, 3)`,
          versionAt.line,
          versionAt.column,
        ),
      ],
    }
  }
  return {components: result.components, errors: [...errors, ...result.errors]}
}
