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

/**
 * One component per (module, version) whose code the build checksums, at its `h1:` line. A version with only a
 * `/go.mod` hash had its go.mod read to build the module graph and its code never downloaded: it is not built, and
 * not listed. Go's own test of `go mod tidy` says so: "remove content sums for module versions that aren't in the
 * build list ... preserve go.mod sums for module versions that are in the module graph"
 * (https://go.googlesource.com/go/+/refs/heads/master/src/cmd/go/testdata/script/mod_tidy_old.txt;
 * https://go.dev/ref/mod#go-sum-files, https://go.dev/ref/mod#graph-pruning).
 */
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
    const [path, version] = fields
    // `version/go.mod`: the hash of its go.mod alone, read for the module graph (see above).
    if (version.endsWith('/go.mod')) return
    const key = `${path}@${version}`
    if (seen.has(key)) return
    seen.add(key)
    components.push(
      packageComponent(file, {
        ecosystem: 'golang',
        name: path,
        version,
        ref: `${path} ${version}`,
        line: index + 1,
        column: source.indexOf(path) + 1,
        // A module of the workspace: built from the tree whatever version is checksummed (./go-mod's rule).
        ...(local.has(path) ? {local: true} : {}),
      }),
    )
  })
  return {components, errors}
}
