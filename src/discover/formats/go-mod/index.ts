import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {type GoModLine, lexGoMod} from './lexer.js'

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

interface Replacement {
  oldVersion?: string
  newPath: string
  newVersion?: string
  line: GoModLine
}

export const discoverer: Discoverer = {
  id: 'go-mod',
  description: 'Go go.mod: require (direct and // indirect), replace, exclude',
  matches(file) {
    return /(^|\/)go\.mod$/.test(file) && !/(^|\/)vendor\//.test(file)
  },
  identify: (head) => /^module\s+\S+\s*$/m.test(head),
  discover({file, text}) {
    return discoverGoMod(file, text)
  },
}

/** A replacement without a version, or starting with ./ ../ /, is a directory on disk. */
function isLocalPath(path: string, version: string | undefined): boolean {
  return version === undefined || /^(\.{1,2}\/|\/|[A-Za-z]:\\)/.test(path)
}

function readReplacement(line: GoModLine): Replacement | string {
  const arrow = line.args.indexOf('=>')
  const left = line.args.slice(0, arrow)
  const right = line.args.slice(arrow + 1)
  if (arrow === -1 || left.length < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    return "expected 'module [version] => module version' or '=> ./local/path'"
  }
  return {oldVersion: left[1], newPath: right[0], newVersion: right[1], line}
}

export function discoverGoMod(file: string, text: string): DiscoverOutput {
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
    const local = replacement !== undefined && isLocalPath(replacement.newPath, replacement.newVersion)
    const ref = `${path} ${version}`
    components.push(
      packageComponent(file, {
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
        packageComponent(file, {
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
