import {spawnSync} from 'node:child_process'
import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * Directories a cache cannot use, made for real: a file where a directory should be, a read-only directory,
 * a full file system. Root ignores permission bits, so as root the read-only and full ones are small tmpfs
 * mounts (a test machine without that capability gets null, and the test says it skipped).
 */
export interface UnusableDir {
  dir: string
  cleanup(): Promise<void>
}

const isRoot = process.getuid?.() === 0

export function fileInsteadOfDir(): UnusableDir {
  const parent = mkdtempSync(join(tmpdir(), 'stewards-notdir-'))
  const dir = join(parent, 'cache')
  writeFileSync(dir, 'not a directory\n')
  return {dir, cleanup: () => rm(parent, {recursive: true, force: true})}
}

export function readOnlyDir(): UnusableDir | null {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-ro-'))
  if (!isRoot) {
    chmodSync(dir, 0o555)
    return {
      dir,
      cleanup: async () => {
        chmodSync(dir, 0o755)
        await rm(dir, {recursive: true, force: true})
      },
    }
  }
  return mounted(dir, 'ro,size=64k')
}

/** A file system of `kib` KiB: the first writes fit, later ones fail with ENOSPC. */
export function fullDir(kib = 32): UnusableDir | null {
  if (!isRoot) return null
  return mounted(mkdtempSync(join(tmpdir(), 'stewards-full-')), `size=${kib}k`)
}

function mounted(dir: string, options: string): UnusableDir | null {
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], {encoding: 'utf8'})
  if (result.status !== 0) {
    spawnSync('rmdir', [dir])
    return null
  }
  return {
    dir,
    cleanup: async () => {
      spawnSync('umount', [dir])
      await rm(dir, {recursive: true, force: true})
    },
  }
}

/** The three ways a cache directory is unusable, with what the notice says about each. */
export const UNUSABLE_DIRS: Array<{label: string; make: () => UnusableDir | null; reason: RegExp}> = [
  {label: 'a file where the directory should be', make: fileInsteadOfDir, reason: /not a directory/},
  {label: 'a read-only directory', make: readOnlyDir, reason: /read-only file system|permission denied/},
  {label: 'a full file system', make: () => fullDir(16), reason: /no space left on the disk/},
]

/**
 * Runs `fn` with one of UNUSABLE_DIRS made (and removed after), or skips the test, saying so, on a machine where
 * it cannot be made.
 */
export async function withUnusableDir(
  context: {skip(): void},
  kind: (typeof UNUSABLE_DIRS)[number],
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const target = kind.make()
  if (!target) {
    console.warn(`skipped: cannot make ${kind.label} on this machine (needs root and tmpfs)`)
    context.skip()
    return
  }
  try {
    await fn(target.dir)
  } finally {
    await target.cleanup()
  }
}
