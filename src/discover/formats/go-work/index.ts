/**
 * go.work, Go's workspace file (https://go.dev/ref/mod#go-work-file), read with the go.mod lexer
 * (lockfile-support/go-modfile.ts: the only parser is Go's own modfile). Its `replace` directives apply to the whole
 * workspace's build: a module replaced by another module is listed as that module, at the directive; one replaced by
 * a folder is the tree's own. Its `use` folders make their modules the tree's own too: what that means for each
 * go.mod (its requires of the workspace's modules are `local`) is the go-mod format's (lockfile-support/
 * go-workspace.ts); here, a folder that holds no go.mod is reported, as the go command refuses the workspace then.
 */
import {posix} from 'node:path'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {isLocalPath, lexGoMod, readReplacement} from '../../lockfile-support/go-modfile.js'
import {folderOf, MAX_WORKSPACE_FOLDERS} from '../../lockfile-support/go-workspace.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'

/** Directives of a go.work (https://go.dev/ref/mod#go-work-file-grammar). */
const KNOWN_VERBS = new Set(['go', 'toolchain', 'godebug', 'use', 'replace'])

export const discoverer: Discoverer = {
  id: 'go-work',
  description: 'Go go.work: the workspace modules (local) and its replace directives',
  matches(file) {
    return /(^|\/)go\.work$/.test(file) && !/(^|\/)vendor\//.test(file)
  },
  identify: (head) => /^(?:use|go)\s+\S/m.test(head) && !/^module\s/m.test(head),
  discover({file, text}, context) {
    return discoverGoWork(file, text, context)
  },
}

export function discoverGoWork(file: string, text: string, context: DiscoverContext): DiscoverOutput {
  const {lines, problems} = lexGoMod(text)
  const errors: ScanError[] = problems.map((problem) =>
    lockfileError(file, 'invalid-go-mod', problem.message, problem.line),
  )
  const components: Component[] = []
  const skipped: Skipped[] = []
  let uses = 0
  for (const line of lines) {
    if (!KNOWN_VERBS.has(line.verb)) {
      errors.push(lockfileError(file, 'invalid-go-mod', `unknown directive '${line.verb}'`, line.line))
    } else if (line.verb === 'use') {
      if (line.args.length !== 1) {
        errors.push(lockfileError(file, 'invalid-go-mod', "use: expected 'use ./folder'", line.line))
        continue
      }
      // Past the bound go-workspace.ts reads, a folder's module is not taken for the tree's own: said once.
      if (!posix.isAbsolute(line.args[0]) && ++uses === MAX_WORKSPACE_FOLDERS + 1)
        skipped.push({
          file,
          line: line.line,
          reason: 'unsupported',
          message: `more than ${MAX_WORKSPACE_FOLDERS} use folders: the modules of this one and the ones after it are not taken for the tree's own (they may be looked up by name)`,
        })
      const folder = folderOf(posix.dirname(file), line.args[0])
      const goMod = posix.join(folder, 'go.mod')
      if (!posix.isAbsolute(line.args[0]) && context.exists?.(goMod) === false)
        skipped.push({
          file,
          line: line.line,
          reason: 'missing-resource',
          message: `use ${line.args[0]}: no go.mod in that folder, or the folder is outside the scanned tree (the go command refuses a workspace whose folder has none)`,
        })
    } else if (line.verb === 'replace') {
      const replacement = readReplacement(line)
      if (typeof replacement === 'string') {
        errors.push(lockfileError(file, 'invalid-go-mod', `replace: ${replacement}`, line.line))
        continue
      }
      // A folder: the tree's own module (no component). A module: the code the whole workspace builds instead.
      if (isLocalPath(replacement.newPath, replacement.newVersion)) continue
      components.push(
        manifestComponent(file, {
          ecosystem: 'golang',
          name: replacement.newPath,
          version: replacement.newVersion,
          ref: line.text,
          line: line.line,
          column: line.columns[line.args.indexOf('=>') + 1],
        }),
      )
    }
  }
  return {components, skipped, errors}
}
