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
  const tools: string[] = []
  const replacements = new Map<string, Replacement[]>()
  for (const line of lines) {
    if (!KNOWN_VERBS.has(line.verb)) {
      errors.push(lockfileError(file, 'invalid-go-mod', `unknown directive '${line.verb}'`, line.line))
    } else if (line.verb === 'require' || line.verb === 'exclude') {
      if (line.args.length !== 2)
        errors.push(lockfileError(file, 'invalid-go-mod', `${line.verb}: expected 'module version'`, line.line))
      else if (line.verb === 'require') requires.push(line)
    } else if (line.verb === 'tool') {
      if (line.args.length === 1) tools.push(line.args[0])
      else errors.push(lockfileError(file, 'invalid-go-mod', "tool: expected 'tool package/path'", line.line))
    } else if (line.verb === 'replace') {
      const replacement = readReplacement(line)
      if (typeof replacement === 'string')
        errors.push(lockfileError(file, 'invalid-go-mod', `replace: ${replacement}`, line.line))
      else replacements.set(line.args[0], [...(replacements.get(line.args[0]) ?? []), replacement])
    }
  }
  const components: Component[] = []
  const toolModules = providers(
    tools,
    requires.map((line) => line.args[0]),
  )
  for (const line of requires) {
    const [path, version] = line.args
    // `// indirect` may be followed by other notes: `// indirect; reason`. A module that provides a `tool` package is
    // named by the file all the same, though Go writes `// indirect` on it when no package imports it.
    const direct = !/^indirect(;|$)/.test(line.comment) || toolModules.has(path)
    // A versioned replace beats a version-less one for the same module (modfile semantics).
    const candidates = replacements.get(path) ?? []
    const replacement =
      candidates.find((candidate) => candidate.oldVersion === version) ??
      candidates.find((candidate) => candidate.oldVersion === undefined)
    // A module of the workspace (or one its go.work replaces with a folder) is built from the tree.
    const local =
      workspace?.local.has(path) === true ||
      (replacement !== undefined && isLocalPath(replacement.newPath, replacement.newVersion))
    if (replacement !== undefined && !local) {
      // The code built is the replacement's, and the required version is never downloaded
      // (https://go.dev/ref/mod#go-mod-file-replace: "the module path and version on the left side of the arrow [are]
      // replaced with the content of a specific version of another module"; govulncheck and the go command's build
      // list name the replacement). One component, the replacement (a fork is another project, with other stewards),
      // located at the require and at the replace, its `ref` the replace directive.
      const at = replacement.line
      const component = manifestComponent(file, {
        ecosystem: 'golang',
        name: replacement.newPath,
        version: replacement.newVersion,
        ref: at.text,
        line: line.line,
        column: line.columns[0],
        direct,
      })
      component.locations.push({file, line: at.line, column: at.columns[at.args.indexOf('=>') + 1]})
      components.push(component)
      continue
    }
    components.push(
      manifestComponent(file, {
        ecosystem: 'golang',
        name: path,
        version,
        ref: `${path} ${version}`,
        line: line.line,
        column: line.columns[0],
        direct,
        local,
      }),
    )
  }
  return {components, errors}
}

interface PathNode {
  children: Map<string, PathNode>
  /** The required module whose path ends here. */
  module?: string
}

/**
 * The required modules that provide the `tool` packages (Go 1.24, https://go.dev/ref/mod#go-mod-file-tool: "A tool
 * directive adds a package as a dependency of the current module"): for each package, the required module whose
 * path is the longest prefix of it, as the go command finds a package's module. A tool of the main module itself
 * matches no require. The module paths are a tree of their `/` segments, each tool walked down it once: linear.
 */
function providers(tools: readonly string[], modules: readonly string[]): Set<string> {
  const root: PathNode = {children: new Map()}
  for (const module of modules) {
    let node = root
    for (const segment of module.split('/')) {
      let child = node.children.get(segment)
      if (child === undefined) {
        child = {children: new Map()}
        node.children.set(segment, child)
      }
      node = child
    }
    node.module = module
  }
  const found = new Set<string>()
  for (const tool of tools) {
    let node: PathNode | undefined = root
    let best: string | undefined
    for (const segment of tool.split('/')) {
      node = node.children.get(segment)
      if (node === undefined) break
      if (node.module !== undefined) best = node.module
    }
    if (best !== undefined) found.add(best)
  }
  return found
}
