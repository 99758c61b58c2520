/**
 * The directory walk, by hand with lstat: Node's recursive readdir follows symlink loops until memory runs
 * out. Symlinks to files inside the root are followed (./index.ts reads such a file once, at its own path when the
 * walk lists it there too); symlinks to directories are never followed (their target, inside the root, is walked at
 * its own path; one pointing at an ancestor is reported as a loop); any symlink leaving the root is reported and not
 * read. Names are visited in code-unit order.
 * Synchronous: listing a tree is many short system calls, and awaiting the thread pool for each one left the CPU
 * idle for a third of the walk (issue #16). Only lstat, readdir, realpath and stat are called: none waits on a FIFO.
 *
 * Nothing is passed over in silence: an entry that cannot be examined (a path longer than the system's PATH_MAX,
 * a directory readable but not searchable) is an error. A directory or an entry of unknown type is always
 * reported, a file only when a format would read it (./index.ts decides; the entry's type comes from the listing).
 * A name that is not UTF-8 (Linux names are bytes) is opened by its bytes, as ripgrep and fd do, and shown with
 * each byte that is not UTF-8 written `\xFF` (the escape git and GNU ls use, in C's notation): Node decodes such a
 * name with U+FFFD, and that string names nothing on disk. Node has no openat(2), so a path past PATH_MAX cannot
 * be opened at all (changing the working directory would change it for the whole process): it is reported, as
 * ripgrep and git do.
 */
import {appendAll} from '../core/arrays.js'
import {isUtf8} from 'node:buffer'
import {type Dirent, lstatSync, readdirSync, realpathSync, statSync} from 'node:fs'
import {join, sep} from 'node:path'
import type {SkipReason} from '../core/model.js'
import type {ErrorCode} from '../core/errors.js'
import {plainReason} from '../core/fs-reason.js'
import {compare} from '../core/compare.js'

/** Never walked: version-control internals and installed packages (their lockfiles are not the project's). */
const SKIPPED_DIRS = new Set(['.git', 'node_modules'])

/** The walk's words for what it does not read: a format reading a file beside another says them the same way (./jobs.ts). */
export const WALK_MESSAGES = {
  linkOut: 'symlink to a path outside the scanned directory; not followed',
  loop: 'symlink loop',
  special: 'not a regular file (FIFO, socket or device)',
} as const

/** A path as the file system takes it: a string, or the bytes of one that holds a name that is not UTF-8. */
export type FsPath = string | Buffer

export type WalkEntry =
  /**
   * A file to read, at `abs`. `real`: its path with every link resolved, which tells two names of one file apart
   * from two files. `link`: reached through a symlink (`abs` is then its target, `real` too).
   */
  | {type: 'file'; rel: string; abs: FsPath; real: FsPath; size: number; link?: true}
  /**
   * Passed over on purpose. `code`: the error it is when a format would read the file (it is then not read, and
   * the run incomplete). `reportAlways`: worth reporting whatever the name (symlinks leaving the root or looping).
   */
  | {type: 'skip'; rel: string; reason: SkipReason; code: ErrorCode; message: string; reportAlways: boolean}
  /** Could not be examined or listed. `reportAlways`: a directory, or of unknown type; else only a file a format reads. */
  | {type: 'error'; rel: string; code: ErrorCode; message: string; reportAlways: boolean}

export interface WalkOptions {
  /** Excluded paths (relative to the root, `/`-separated); directories are pruned. */
  isExcluded(rel: string): boolean
  isIncluded(rel: string): boolean
}

interface Dir {
  abs: FsPath
  rel: string
  real: FsPath
}

/** One name of a listing: `name` opens it, `shown` is how paths print it. */
interface Listed {
  name: string | Buffer
  shown: string
  dirent: Dirent | Dirent<Buffer>
}

export function* walk(rootAbs: string, rootReal: string, options: WalkOptions): Generator<WalkEntry> {
  const stack: Dir[] = [{abs: rootAbs, rel: '', real: rootReal}]
  while (stack.length > 0) {
    const dir = stack.pop()!
    let listed: Listed[]
    try {
      listed = list(dir.abs)
    } catch (error) {
      const rel = dir.rel || '.'
      yield unexamined(rel, `cannot list directory: ${plainReason(error)}`, true)
      continue
    }
    const subdirs: Dir[] = []
    for (const {name, shown, dirent} of listed) {
      const rel = dir.rel ? `${dir.rel}/${shown}` : shown
      const abs = childPath(dir.abs, name)
      let info: ReturnType<typeof lstatSync>
      try {
        info = lstatSync(abs)
      } catch (error) {
        // Gone since the listing: nothing is hidden.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
        if (SKIPPED_DIRS.has(shown) || options.isExcluded(rel) || (dirent.isFile() && !options.isIncluded(rel)))
          continue
        yield unexamined(
          rel,
          `cannot examine: ${plainReason(error)}${dirent.isDirectory() ? '; nothing under it is read' : ''}`,
          !dirent.isFile() && !dirent.isSymbolicLink(),
        )
        continue
      }
      if (info.isDirectory()) {
        if (SKIPPED_DIRS.has(shown) || options.isExcluded(rel)) continue
        const vendored = shown === 'vendor' ? vendorFolder(dir.abs, abs) : undefined
        // A folder is never a file a format claims, so the skip's error code is never used (a skip entry needs one).
        if (vendored !== undefined) yield skip(rel, 'unsupported', 'read-failed', vendored, true)
        else subdirs.push({abs, rel, real: childPath(dir.real, name)})
      } else if (options.isExcluded(rel) || !options.isIncluded(rel)) {
        // not asked for
      } else if (info.isSymbolicLink()) {
        const entry = followLink(abs, rel, rootReal, dir.real)
        if (entry) yield entry
      } else if (info.isFile()) {
        yield {type: 'file', rel, abs, real: childPath(dir.real, name), size: info.size}
      } else {
        yield skip(rel, 'not-regular-file', 'not-regular-file', WALK_MESSAGES.special, false)
      }
    }
    appendAll(stack, subdirs.reverse())
  }
}

/**
 * The entries of a directory, sorted as shown. A name that is not UTF-8 comes back from Node with U+FFFD in it:
 * only then is the directory listed again, as bytes, so a tree of UTF-8 names costs no more than before.
 */
function list(abs: FsPath): Listed[] {
  const dirents = readdirSync(abs, {withFileTypes: true})
  const listed: Listed[] = dirents.some((dirent) => dirent.name.includes('\uFFFD'))
    ? readdirSync(abs, {withFileTypes: true, encoding: 'buffer'}).map((dirent) =>
        isUtf8(dirent.name)
          ? {name: dirent.name.toString(), shown: dirent.name.toString(), dirent}
          : {name: dirent.name, shown: escapeName(dirent.name), dirent},
      )
    : dirents.map((dirent) => ({name: dirent.name, shown: dirent.name, dirent}))
  return listed.sort((a, b) => compare(a.shown, b.shown))
}

/** A name that is not UTF-8 as text: its UTF-8 characters as they are, every other byte as `\xFF`. */
export function escapeName(bytes: Uint8Array): string {
  let shown = ''
  let at = 0
  while (at < bytes.length) {
    // The shortest well-formed prefix is one character (a lone lead or continuation byte never is one).
    let length = 1
    while (length <= 4 && !isUtf8(bytes.subarray(at, at + length))) length++
    if (length > 4 || at + length > bytes.length) {
      shown += `\\x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}`
      at++
    } else {
      shown += Buffer.from(bytes.subarray(at, at + length)).toString('utf8')
      at += length
    }
  }
  return shown
}

/** A byte escaped by escapeName. */
export const ESCAPED = /\\x[0-9A-F]{2}/

/** The bytes escapeName shows as `text` (a name that holds `\xFF` as written comes back as that byte). */
export function unescapeName(text: string): Buffer {
  return Buffer.concat(
    text
      .split(/(\\x[0-9A-F]{2})/)
      .map((part) =>
        ESCAPED.test(part) && part.length === 4 ? Buffer.from([Number.parseInt(part.slice(2), 16)]) : Buffer.from(part),
      ),
  )
}

/**
 * The paths a file printed as `rel` (`/`-separated, under the folder `abs`) may have: as written, and, when it holds
 * `\xFF` escapes (a name that is not UTF-8), as those bytes.
 */
export function pathsUnder(abs: string, rel: string): FsPath[] {
  const parts = rel.split('/')
  const written = join(abs, ...parts)
  if (!ESCAPED.test(rel)) return [written]
  return [written, Buffer.concat([Buffer.from(abs + sep), unescapeName(parts.join(sep))])]
}

function childPath(dir: FsPath, name: string | Buffer): FsPath {
  if (typeof dir === 'string' && typeof name === 'string') return join(dir, name)
  return Buffer.concat([Buffer.from(dir), Buffer.from(sep), Buffer.from(name)])
}

/** A path as text again when it is UTF-8: strings are what the rest of discovery passes around. */
export function asText(path: Buffer): FsPath {
  return isUtf8(path) ? path.toString() : path
}

/** An entry that could not be listed or examined (`read-failed`): see WalkEntry for `reportAlways`. */
function unexamined(rel: string, message: string, reportAlways: boolean): WalkEntry {
  return {type: 'error', rel, code: 'read-failed', message, reportAlways}
}

/**
 * A `vendor` folder a package manager fills with the packages it installs, as node_modules is: Go's (`go mod vendor`
 * writes `vendor/modules.txt` beside the go.mod that lists those modules) and Composer's (`vendor/autoload.php` beside
 * composer.json). Their files are those packages' own (tektoncd/pipeline's vendored modules brought Bazel modules,
 * Dockerfiles and requirements files that are not Tekton's), so they are not walked; the skip says why. Undefined for
 * any other folder named vendor.
 */
function vendorFolder(parent: FsPath, folder: FsPath): string | undefined {
  const isFile = (dir: FsPath, name: string) => {
    try {
      return lstatSync(childPath(dir, name)).isFile()
    } catch {
      return false
    }
  }
  if (isFile(folder, 'modules.txt') && isFile(parent, 'go.mod'))
    return "Go's vendor folder (go mod vendor): copies of the modules the go.mod beside it lists; their own files are not read"
  if (isFile(folder, 'autoload.php') && isFile(parent, 'composer.json'))
    return "Composer's vendor folder (installed packages): composer.lock lists them; their own files are not read"
  return undefined
}

function skip(rel: string, reason: SkipReason, code: ErrorCode, message: string, reportAlways: boolean): WalkEntry {
  return {type: 'skip', rel, reason, code, message, reportAlways}
}

function followLink(abs: FsPath, rel: string, rootReal: string, parentReal: FsPath): WalkEntry | undefined {
  let target: FsPath
  try {
    // As bytes, by realpath(3): the target may have a name that is not UTF-8, which a string (and Node's own
    // realpath, which reads links as text) would turn into one that names nothing.
    target = asText(realpathSync.native(abs, {encoding: 'buffer'}))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') return skip(rel, 'symlink-loop', 'symlink-loop', WALK_MESSAGES.loop, true)
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return skip(rel, 'not-regular-file', 'read-failed', 'broken symlink (its target does not exist)', false)
    return unexamined(rel, `cannot follow the symlink: ${plainReason(error)}`, false)
  }
  if (!isInside(rootReal, target)) {
    return skip(rel, 'symlink-outside-root', 'symlink-outside-root', WALK_MESSAGES.linkOut, true)
  }
  let info: ReturnType<typeof statSync>
  try {
    info = statSync(target)
  } catch (error) {
    return unexamined(rel, `cannot examine the symlink's target: ${plainReason(error)}`, false)
  }
  if (info.isDirectory()) {
    if (isInside(target, parentReal))
      return skip(rel, 'symlink-loop', 'symlink-loop', 'symlink to a directory that contains it; not followed', true)
    return undefined
  }
  if (info.isFile()) return {type: 'file', rel, abs: target, real: target, size: info.size, link: true}
  return skip(rel, 'not-regular-file', 'not-regular-file', 'symlink to a FIFO, socket or device', false)
}

export function isInside(root: FsPath, path: FsPath): boolean {
  if (typeof root === 'string' && typeof path === 'string')
    return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
  const rootBytes = Buffer.from(root)
  const pathBytes = Buffer.from(path)
  const prefix = rootBytes.at(-1) === sep.charCodeAt(0) ? rootBytes : Buffer.concat([rootBytes, Buffer.from(sep)])
  return pathBytes.equals(rootBytes) || pathBytes.subarray(0, prefix.length).equals(prefix)
}
