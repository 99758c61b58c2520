/**
 * go.sum, read by hand: each line is `module version[/go.mod] hash` (https://go.dev/ref/mod#go-sum-files);
 * no JS library parses it and the grammar is three fields.
 */
import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {workspaceLocals} from '../../lockfile-support/go-workspace.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'go-sum',
  description: "Go go.sum and go.work.sum (a workspace's): every (module, version) checksummed",
  matches(file) {
    return /(^|\/)go\.(?:work\.)?sum$/.test(file) && !/(^|\/)vendor\//.test(file)
  },
  // Every line is `module version[/go.mod] h1:hash`; the first one tells.
  identify: (head) => /^\S+ v\S+ h1:[A-Za-z0-9+/]+=*\r?$/.test(head.split('\n', 1)[0]),
  discover({file, text}, context) {
    return discoverGoSum(file, text, workspaceLocals(file, context))
  },
}

/** One component per (module, version), at its first line: the `/go.mod` line of a pair names the same version. */
export function discoverGoSum(file: string, text: string, local: ReadonlySet<string> = new Set()): DiscoverOutput {
  const components: Component[] = []
  const errors: ScanError[] = []
  const seen = new Set<string>()
  text.split(/\r?\n/).forEach((source, index) => {
    if (source.trim() === '') return
    const fields = source.trim().split(/\s+/)
    if (fields.length !== 3 || !fields[2].includes(':')) {
      errors.push(lockfileError(file, 'invalid-go-sum', "expected 'module version hash'", index + 1))
      return
    }
    const [path, versionField] = fields
    const version = versionField.endsWith('/go.mod') ? versionField.slice(0, -'/go.mod'.length) : versionField
    const key = `${path}@${version}`
    if (seen.has(key)) return
    seen.add(key)
    components.push(
      packageComponent(file, {
        ecosystem: 'golang',
        name: path,
        version,
        ref: `${path} ${versionField}`,
        line: index + 1,
        column: source.indexOf(path) + 1,
        // A module of the workspace: built from the tree whatever version is checksummed (./go-mod's rule).
        ...(local.has(path) ? {local: true} : {}),
      }),
    )
  })
  return {components, errors}
}
