/**
 * Go workspaces (https://go.dev/ref/mod#workspaces): a `go.work` names, with `use`, the folders of modules built
 * together, each from its folder and never from a proxy. A module in such a folder runs in workspace mode when the
 * first `go.work` found in its folder or above `use`s that folder (as the go command looks for it, GOWORK aside): the
 * workspace's modules it requires are then the tree's own (`local`), whatever version its go.mod names, and their
 * paths (often private) are never looked up by name. So are the modules the go.work `replace`s with a folder.
 */
import {posix} from 'node:path'
import type {DiscoverContext} from '../types.js'
import {isLocalPath, lexGoMod, readReplacement} from './go-modfile.js'
import {pathsAbove} from '../paths-above.js'
import {trimEnd} from '../../core/trim-end.js'

export interface Workspace {
  /** The go.work, as printed. */
  file: string
  /** Folders it `use`s, relative to the scan root, normalised (`.` for the root). */
  folders: string[]
  /** Module paths built from the tree: the used modules', and the ones its `replace` points at a folder. */
  local: ReadonlySet<string>
}

/** Folders one go.work may use that are read for their module paths: a workspace is a few dozen modules. */
export const MAX_WORKSPACE_FOLDERS = 1000

const cache = new WeakMap<DiscoverContext, Map<string, Workspace | null>>()

/** The `go.work` that governs the module whose go.mod is `goMod`, or undefined when it is built on its own. */
export function workspaceOf(goMod: string, context: DiscoverContext): Workspace | undefined {
  for (const candidate of pathsAbove(goMod, 'go.work')) {
    const workspace = readWorkspace(candidate, context)
    if (workspace === undefined) continue
    // The first go.work found decides; a module it does not use is not in the workspace.
    const folder = posix.dirname(goMod)
    return workspace?.folders.includes(folder) ? workspace : undefined
  }
  return undefined
}

/** undefined when there is no such file; null when it uses nothing this reader can tell. */
function readWorkspace(file: string, context: DiscoverContext): Workspace | null | undefined {
  let byFile = cache.get(context)
  if (!byFile) {
    byFile = new Map()
    cache.set(context, byFile)
  }
  if (byFile.has(file)) return byFile.get(file) ?? null
  const text = context.readText(file)
  if (text === null) return undefined
  const workspace = parseWorkspace(file, text, context)
  byFile.set(file, workspace)
  return workspace
}

function parseWorkspace(file: string, text: string, context: DiscoverContext): Workspace | null {
  const {lines} = lexGoMod(text)
  const dir = posix.dirname(file)
  const folders: string[] = []
  const local = new Set<string>()
  for (const line of lines) {
    // An absolute folder is outside the tree (the context would not read it anyway).
    if (line.verb === 'use') {
      if (line.args.length === 1 && !posix.isAbsolute(line.args[0]) && folders.length < MAX_WORKSPACE_FOLDERS)
        folders.push(folderOf(dir, line.args[0]))
    } else if (line.verb === 'replace') {
      const replacement = readReplacement(line)
      if (typeof replacement !== 'string' && isLocalPath(replacement.newPath, replacement.newVersion))
        local.add(line.args[0])
    }
  }
  if (folders.length === 0) return null
  for (const folder of folders) {
    const module = modulePath(context.readText(posix.join(folder, 'go.mod')))
    if (module !== undefined) local.add(module)
  }
  return {file, folders, local}
}

/** A `use` folder as printed: `./a/` and `./a` are one folder (the go command takes both), `./` the go.work's own. */
export function folderOf(dir: string, written: string): string {
  const folder = posix.normalize(posix.join(dir, written))
  return folder.length > 1 ? trimEnd(folder, '/') : folder
}

/**
 * The modules the tree builds for a go.sum (the workspace that governs the go.mod beside it) or a go.work.sum (its
 * go.work's workspace): their paths are listed `local` there too.
 */
export function workspaceLocals(sumFile: string, context: DiscoverContext): ReadonlySet<string> {
  const dir = posix.dirname(sumFile)
  const beside = (name: string) => (dir === '.' ? name : `${dir}/${name}`)
  if (posix.basename(sumFile) === 'go.work.sum') return readWorkspace(beside('go.work'), context)?.local ?? new Set()
  return workspaceOf(beside('go.mod'), context)?.local ?? new Set()
}

/** A go.mod's `module` path. */
export function modulePath(text: string | null): string | undefined {
  if (text === null) return undefined
  const line = lexGoMod(text).lines.find((candidate) => candidate.verb === 'module')
  return line?.args.length === 1 ? line.args[0] : undefined
}
