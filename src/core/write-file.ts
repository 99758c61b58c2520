/**
 * The one way stewards writes a file the user asked for (scan --output, cache export, entities import-csl
 * --output): never through a symbolic link, optionally kept inside a directory (a report path from a
 * configuration file stays inside the directory that file governs), and atomic: the text goes to a new temporary
 * file in the same directory, then `rename` replaces the target in one step, so a reader never sees half a
 * report and an interrupted run leaves the old file whole. `rename` replaces a link placed there in the meantime,
 * it never follows it. Failures are the user's to fix: usage errors (exit 3) naming the path, never a crash.
 */
import {randomBytes} from 'node:crypto'
import {lstatSync} from 'node:fs'
import {mkdir, open, rename, rm} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import {usageError} from './errors.js'
import {isInside} from './inside.js'
import {plainReason} from './fs-reason.js'

export interface WriteTarget {
  /** How the user gave the path, for messages: `--output`, `cache export`, `output:` in a file... */
  what: string
  /** The file must resolve (links followed) inside this directory. */
  within?: string
  /** The hint of a failed write. */
  hint?: string
}

const DEFAULT_HINT = 'give a file path in a writable directory'

/**
 * Checks a target before any work is spent on what goes into it: not a link, not a directory, inside `within`.
 * Throws a usage error; returns nothing.
 */
export function checkWriteTarget(file: string, target: WriteTarget): void {
  const abs = resolve(file)
  const info = lstatOrNull(abs)
  if (info?.isSymbolicLink())
    throw usageError(
      'write-symlink',
      `${target.what} ${file}: is a symbolic link, and stewards never writes through one`,
      'remove the link or give another path',
    )
  if (info?.isDirectory())
    throw usageError('write-directory', `${target.what} ${file} is a directory`, target.hint ?? DEFAULT_HINT)
  if (target.within !== undefined && !isInside(target.within, abs))
    throw usageError(
      'write-outside',
      `${target.what} ${file}: outside ${target.within}, the directory its settings file governs`,
      'a report path in a settings file stays inside that file’s directory; give another path with the flag',
    )
}

/** Writes `text` to `file` atomically (see the module header). */
export async function writeFileAtomic(file: string, text: string, target: WriteTarget): Promise<void> {
  checkWriteTarget(file, target)
  const abs = resolve(file)
  const dir = dirname(abs)
  const failed = (error: unknown) => {
    return usageError(
      'write-failed',
      `${target.what} ${file}: cannot write (${plainReason(error)})`,
      target.hint ?? DEFAULT_HINT,
    )
  }
  try {
    await mkdir(dir, {recursive: true})
  } catch (error) {
    throw failed(error)
  }
  // The directory may have been created through a link since the check: check again before writing into it.
  checkWriteTarget(file, target)
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

function lstatOrNull(path: string) {
  try {
    return lstatSync(path)
  } catch {
    return null
  }
}
