/**
 * The one way stewards writes a file the user asked for (scan --output, cache export, entities import-csl
 * --output): never through a symbolic link, optionally kept inside a directory (a report path from a
 * configuration file stays inside the directory that file governs), and atomic: the text goes to a new temporary
 * file in the same directory, then `rename` replaces the target in one step, so a reader never sees half a
 * report and an interrupted run leaves the old file whole. `rename` replaces a link placed there in the meantime,
 * it never follows it. Failures are the user's to fix: usage errors (exit 3) naming the path, never a crash.
 *
 * Links on the way: not only the last component. A link that lies inside the working directory (for a relative
 * path) or inside a scanned PATH (for any path) is refused wherever it stands in the path: a checked-out tree that
 * commits `reports -> /elsewhere` must not choose where `--output json=reports/x.json` lands (git's "beyond a
 * symbolic link" check is the same idea). Links above those (`/tmp -> /private/tmp` on macOS, a linked home) are the
 * user's own and are followed.
 *
 * An existing character device (`/dev/null`, `/dev/full`, a terminal) is written directly: opened for writing,
 * without creating, truncating or renaming anything (a temporary file renamed over `/dev/null` replaced the device
 * with a regular file), and a failed write (`/dev/full`: no space) is an error. A FIFO, a socket or a block device
 * is refused before any work: a FIFO without a reader would wait for ever, and the others are not report files.
 */
import {randomBytes} from 'node:crypto'
import {constants, lstatSync, type Stats, statSync} from 'node:fs'
import {type FileHandle, mkdir, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, isAbsolute, join, parse, relative, resolve, sep} from 'node:path'
import {setTimeout as sleep} from 'node:timers/promises'
import {StewardsError, usageError} from './errors.js'
import {isInside} from './inside.js'
import {plainReason} from './fs-reason.js'

export interface WriteTarget {
  /** How the user gave the path, for messages: `--output`, `cache export`, `output:` in a file... */
  what: string
  /** The file must resolve (links followed) inside this directory. */
  within?: string
  /** The hint of a failed write. */
  hint?: string
  /** Trees the user does not vouch for (the scanned PATHs): the path may not go through a link inside them. */
  untrusted?: readonly string[]
}

const DEFAULT_HINT = 'give a file path in a writable directory'
const SPECIAL_HINT = 'give a regular file, /dev/null, or - for stdout (and pipe it)'

/**
 * Checks a target before any work is spent on what goes into it: not a link (nor through one inside the working
 * directory or an untrusted tree), not a directory, a FIFO, a socket or a block device, inside `within`.
 * Throws a usage error; returns nothing.
 */
export function checkWriteTarget(file: string, target: WriteTarget): void {
  inspectTarget(file, target)
}

/** checkWriteTarget's checks; what stands at the path now (undefined: nothing yet). */
function inspectTarget(file: string, target: WriteTarget): Stats | undefined {
  const before = linkBeforeParent(file)
  if (before)
    throw usageError(
      'write-symlink',
      `${target.what} ${file}: ${before} is a symbolic link, and the \`..\` after it leads to the parent of where it points, not where the path reads`,
      'give the path without `..` (name the place the link points to yourself if you mean it)',
    )
  const abs = resolve(file)
  const info = lstatOrUndefined(abs)
  if (info?.isSymbolicLink())
    throw usageError(
      'write-symlink',
      `${target.what} ${file}: is a symbolic link, and stewards never writes through one`,
      'remove the link or give another path',
    )
  if (info?.isDirectory())
    throw usageError('write-directory', `${target.what} ${file} is a directory`, target.hint ?? DEFAULT_HINT)
  if (info && !info.isFile() && !info.isCharacterDevice()) throw notAFile(file, info, target)
  const link = linkOnTheWay(file, abs, target.untrusted ?? [])
  if (link)
    throw usageError(
      'write-symlink',
      `${target.what} ${file}: ${link.link} is a symbolic link inside ${link.root}, and stewards never writes through one`,
      'give a path that goes through no link in the working directory or a scanned PATH (name the place the link points to yourself if you mean it)',
    )
  if (target.within !== undefined && !isInside(target.within, abs))
    throw usageError(
      'write-outside',
      `${target.what} ${file}: outside ${target.within}, the directory its settings file governs`,
      'a report path in a settings file stays inside that file’s directory; give another path with the flag',
    )
  return info
}

/**
 * A symbolic link that a `..` of `file` steps back out of, as the path is written (undefined: none). The kernel
 * takes `reports/../x.json` as the parent of where `reports` points, while resolve() drops `reports/..`: the
 * report went to `./x.json` and the message named a path that meant another file. Only the folder a `..` leaves
 * matters: one that is no link has the parent it reads as.
 */
function linkBeforeParent(file: string): string | undefined {
  const parts = file.split(sep)
  if (!parts.includes('..')) return undefined
  let current = isAbsolute(file) ? parse(file).root : process.cwd()
  for (const part of parts.slice(0, -1)) {
    if (part === '..') {
      if (lstatOrUndefined(current)?.isSymbolicLink()) return shown(current)
      current = dirname(current)
    } else if (part !== '' && part !== '.') current = join(current, part)
  }
  return undefined
}

/** The refusal of a FIFO, a socket or a block device. */
function notAFile(file: string, info: Stats, target: WriteTarget) {
  const kind = info.isFIFO()
    ? 'a named pipe (FIFO): with no reader, writing would wait for ever'
    : info.isSocket()
      ? 'a socket'
      : 'a block device'
  return usageError('write-special', `${target.what} ${file}: is ${kind}; stewards writes only files`, SPECIAL_HINT)
}

/**
 * The first existing directory on the way to `abs` (its last component excepted: checked by the caller) that is a
 * symbolic link lying inside an untrusted directory: the working directory when the user wrote a relative path,
 * and every tree in `untrusted` (a file's directory for a file), links on both sides resolved.
 */
function linkOnTheWay(
  file: string,
  abs: string,
  untrusted: readonly string[],
): {link: string; root: string} | undefined {
  const roots = untrusted
    .filter((tree) => tree !== '-')
    .map((tree) => ({dir: treeDirectory(tree), name: `the scanned PATH ${tree}`}))
  if (!isAbsolute(file)) roots.unshift({dir: process.cwd(), name: 'the working directory'})
  if (roots.length === 0) return undefined
  let current = parse(abs).root
  for (const part of abs.slice(current.length).split(sep).slice(0, -1)) {
    const next = join(current, part)
    const info = lstatOrUndefined(next)
    // Nothing there yet: what follows is made by mkdir, as real directories.
    if (!info) return undefined
    if (info.isSymbolicLink()) {
      const root = roots.find((tree) => isInside(tree.dir, current))
      if (root !== undefined) return {link: shown(next), root: root.name}
    }
    current = next
  }
  return undefined
}

/** A scanned PATH's directory: itself, or a file's directory. */
function treeDirectory(path: string): string {
  const abs = resolve(path)
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs)
  } catch {
    return abs
  }
}

/** A path as the user would write it from here: relative below the working directory, else absolute. */
function shown(abs: string): string {
  const rel = relative(process.cwd(), abs)
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? abs : rel
}

/** Writes `text` to `file` atomically, or straight into a character device (see the module header). */
export async function writeFileAtomic(file: string, text: string, target: WriteTarget): Promise<void> {
  const info = inspectTarget(file, target)
  const abs = resolve(file)
  const dir = dirname(abs)
  const failed = (error: unknown) => {
    return usageError(
      'write-failed',
      `${target.what} ${file}: cannot write (${plainReason(error)})`,
      target.hint ?? DEFAULT_HINT,
    )
  }
  if (info?.isCharacterDevice()) return writeDevice(file, abs, text, target, failed)
  try {
    await mkdir(dir, {recursive: true})
  } catch (error) {
    throw failed(error)
  }
  // The directory may have been created through a link since the check: check again before writing into it (and a
  // device put there meanwhile is written into, not renamed over).
  if (inspectTarget(file, target)?.isCharacterDevice()) return writeDevice(file, abs, text, target, failed)
  const temp = join(dir, `.${basename(abs)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    // `wx`: O_CREAT | O_EXCL, so the temporary name is never an existing file or link.
    const handle = await open(temp, 'wx', 0o666)
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, abs)
  } catch (error) {
    await rm(temp, {force: true}).catch(() => {})
    throw failed(error)
  }
}

/**
 * Writes into a character device: O_WRONLY without O_CREAT or O_TRUNC, O_NOFOLLOW, and O_NONBLOCK so that a FIFO
 * put there since the check fails (no reader: ENXIO) or is seen, instead of waiting. What was opened is checked
 * again (fstat): anything but a character device is left unwritten.
 */
async function writeDevice(
  file: string,
  abs: string,
  text: string,
  target: WriteTarget,
  failed: (error: unknown) => Error,
): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(abs, constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
  } catch (error) {
    throw failed(error)
  }
  try {
    const opened = await handle.stat()
    if (!opened.isCharacterDevice()) {
      if (opened.isFile() || opened.isDirectory()) throw failed(new Error('it changed while being written'))
      throw notAFile(file, opened, target)
    }
    await writeAll(handle, Buffer.from(text, 'utf8'))
  } catch (error) {
    throw error instanceof StewardsError ? error : failed(error)
  } finally {
    await handle.close().catch(() => {})
  }
}

/** Every byte, through a descriptor opened O_NONBLOCK: a device not ready (EAGAIN, a busy terminal) is waited for. */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0
  let pause = 1
  while (offset < bytes.length) {
    try {
      const {bytesWritten} = await handle.write(bytes, offset, bytes.length - offset, null)
      offset += bytesWritten
      pause = 1
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error
      await sleep(pause)
      pause = Math.min(pause * 2, 100)
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path)
  } catch {
    return undefined
  }
}
