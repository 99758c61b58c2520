import type {Component, ScanError} from '../../../core/model.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {type Workspace, workspaceOf} from '../../lockfile-support/go-workspace.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {
  type GoModLine,
  isLocalPath,
  lexGoMod,
  type Replacement,
  readReplacement,
} from '../../lockfile-support/go-modfile.js'

/** Directives we read or knowingly ignore (https://go.dev/ref/mod#go-mod-file-grammar). */
const KNOWN_VERBS = new Set([
  'module',
  'go',
  'toolchain',
  'godebug',
  'require',
  'exclude',
  'replace',
  'retract',
  'tool',
  'ignore',
])

export const discoverer: Discoverer = {
  id: 'go-mod',
  description: 'Go go.mod: require (direct and // indirect), replace, exclude',
  matches(file) {
    return /(^|\/)go\.mod$/.test(file) && !/(^|\/)vendor\//.test(file)
  },
  identify: (head) => /^module\s+\S+\s*$/m.test(head),
  discover({file, text}, context) {
    return discoverGoMod(file, text, workspaceOf(file, context))
  },
}

/** `workspace`: the go.work whose `use` puts this module in workspace mode, if one does (lockfile-support/go-workspace.ts). */
export function discoverGoMod(file: string, text: string, workspace?: Workspace): DiscoverOutput {
  const {lines, problems} = lexGoMod(text)
  const errors: ScanError[] = problems.map((problem) =>
    lockfileError(file, 'invalid-go-mod', problem.message, problem.line),
  )
  const requires: GoModLine[] = []
  const replacements = new Map<string, Replacement[]>()
  for (const line of lines) {
    if (!KNOWN_VERBS.has(line.verb)) {
      errors.push(lockfileError(file, 'invalid-go-mod', `unknown directive '${line.verb}'`, line.line))
    } else if (line.verb === 'require' || line.verb === 'exclude') {
      if (line.args.length !== 2)
        errors.push(lockfileError(file, 'invalid-go-mod', `${line.verb}: expected 'module version'`, line.line))
      else if (line.verb === 'require') requires.push(line)
    } else if (line.verb === 'replace') {
      const replacement = readReplacement(line)
      if (typeof replacement === 'string')
        errors.push(lockfileError(file, 'invalid-go-mod', `replace: ${replacement}`, line.line))
      else replacements.set(line.args[0], [...(replacements.get(line.args[0]) ?? []), replacement])
    }
  }
  const components: Component[] = []
  for (const line of requires) {
    const [path, version] = line.args
    // `// indirect` may be followed by other notes: `// indirect; reason`.
    const direct = !/^indirect(;|$)/.test(line.comment)
    // A versioned replace beats a version-less one for the same module (modfile semantics).
    const candidates = replacements.get(path) ?? []
    const replacement =
      candidates.find((candidate) => candidate.oldVersion === version) ??
      candidates.find((candidate) => candidate.oldVersion === undefined)
    // A module of the workspace (or one its go.work replaces with a folder) is built from the tree.
    const local =
      workspace?.local.has(path) === true ||
      (replacement !== undefined && isLocalPath(replacement.newPath, replacement.newVersion))
    const ref = `${path} ${version}`
    components.push(
      manifestComponent(file, {
        ecosystem: 'golang',
        name: path,
        version,
        ref,
        line: line.line,
        column: line.columns[0],
        direct,
        local,
      }),
    )
    if (replacement !== undefined && !local) {
      // The code built is the replacement's: report it too, where the replace directive says so.
      const at = replacement.line
      components.push(
        manifestComponent(file, {
          ecosystem: 'golang',
          name: replacement.newPath,
          version: replacement.newVersion,
          ref: at.text,
          line: at.line,
          column: at.columns[at.args.indexOf('=>') + 1],
          direct,
        }),
      )
    }
  }
  return {components, errors}
}
