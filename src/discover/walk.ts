/**
 * The directory walk, by hand with lstat: Node's recursive readdir follows symlink loops until memory runs
 * out. Symlinks to files inside the root are read; symlinks to directories are never followed (their target,
 * inside the root, is walked at its own path; one pointing at an ancestor is reported as a loop); any
 * symlink leaving the root is reported and not read. Names are visited in code-unit order.
 * Synchronous: listing a tree is many short system calls, and awaiting the thread pool for each one left the CPU
 * idle for a third of the walk (issue #16). Only lstat, readdir, realpath and stat are called: none waits on a FIFO.
 */
import {appendAll} from '../core/arrays.js'
import {lstatSync, readdirSync, realpathSync, statSync} from 'node:fs'
import {join, sep} from 'node:path'
import type {SkipReason} from '../core/model.js'
import {errorMessage} from '../core/errors.js'
import {compare} from '../core/compare.js'

/** Never walked: version-control internals and installed packages (their lockfiles are not the project's). */
const SKIPPED_DIRS = new Set(['.git', 'node_modules'])

export type WalkEntry =
  | {type: 'file'; rel: string; abs: string; size: number}
  /** `reportAlways`: worth reporting whatever the name (symlinks leaving the root or looping). */
  | {type: 'skip'; rel: string; reason: SkipReason; message: string; reportAlways: boolean}
  | {type: 'error'; rel: string; message: string}

export interface WalkOptions {
  /** Excluded paths (relative to the root, `/`-separated); directories are pruned. */
  isExcluded(rel: string): boolean
  isIncluded(rel: string): boolean
}

export function* walk(rootAbs: string, rootReal: string, options: WalkOptions): Generator<WalkEntry> {
  const stack: Array<{abs: string; rel: string; real: string}> = [{abs: rootAbs, rel: '', real: rootReal}]
  while (stack.length > 0) {
    const dir = stack.pop()!
    let names: string[]
    try {
      names = readdirSync(dir.abs).sort(compare)
    } catch (error) {
      yield {type: 'error', rel: dir.rel || '.', message: `cannot list directory: ${errorMessage(error)}`}
      continue
    }
    const subdirs: Array<{abs: string; rel: string; real: string}> = []
    for (const name of names) {
      const rel = dir.rel ? `${dir.rel}/${name}` : name
      const abs = join(dir.abs, name)
      let info: ReturnType<typeof lstatSync>
      try {
        // Gone since the listing, or not ours to look at (a directory readable but not searchable): passed over.
        info = lstatSync(abs)
      } catch {
        continue
      }
      if (info.isDirectory()) {
        if (!SKIPPED_DIRS.has(name) && !options.isExcluded(rel)) subdirs.push({abs, rel, real: join(dir.real, name)})
      } else if (options.isExcluded(rel) || !options.isIncluded(rel)) {
        // not asked for
      } else if (info.isSymbolicLink()) {
        const entry = followLink(abs, rel, rootReal, dir.real)
        if (entry) yield entry
      } else if (info.isFile()) {
        yield {type: 'file', rel, abs, size: info.size}
      } else {
        yield {
          type: 'skip',
          rel,
          reason: 'not-regular-file',
          message: 'not a regular file (FIFO, socket or device)',
          reportAlways: false,
        }
      }
    }
    appendAll(stack, subdirs.reverse())
  }
}

function followLink(abs: string, rel: string, rootReal: string, parentReal: string): WalkEntry | undefined {
  let target: string
  try {
    target = realpathSync(abs)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP')
      return {type: 'skip', rel, reason: 'symlink-loop', message: 'symlink loop', reportAlways: true}
    return {type: 'skip', rel, reason: 'not-regular-file', message: 'broken symlink', reportAlways: false}
  }
  if (!isInside(rootReal, target)) {
    return {
      type: 'skip',
      rel,
      reason: 'symlink-outside-root',
      message: 'symlink to a path outside the scanned directory; not followed',
      reportAlways: true,
    }
  }
  let info: ReturnType<typeof statSync>
  try {
    info = statSync(target)
  } catch {
    return undefined
  }
  if (info.isDirectory()) {
    if (isInside(target, parentReal)) {
      return {
        type: 'skip',
        rel,
        reason: 'symlink-loop',
        message: 'symlink to a directory that contains it; not followed',
        reportAlways: true,
      }
    }
    return undefined
  }
  if (info.isFile()) return {type: 'file', rel, abs: target, size: info.size}
  return {
    type: 'skip',
    rel,
    reason: 'not-regular-file',
    message: 'symlink to a FIFO, socket or device',
    reportAlways: false,
  }
}

export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
}
