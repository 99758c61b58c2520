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
