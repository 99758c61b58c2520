/**
 * The names under a folder, walked by hand. `readdir`'s `recursive` option follows links to folders on Node 20: two
 * links to `.` in a tree's `rules/` folder made about 2^40 entries (it stops only at ELOOP, 40 levels down), and the
 * scan never started. Here a link is listed, never entered, and a folder of more than `max` entries is an error.
 */
import {readdirSync} from 'node:fs'
import {join} from 'node:path'

export const MAX_NAMES = 100_000

/** Every name under `dir` (files, folders, links), relative to it and sorted; links to folders are not entered. */
export function namesUnder(dir: string, max = MAX_NAMES): string[] {
  const names: string[] = []
  const folders = ['']
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(join(dir, folder), {withFileTypes: true})) {
      const name = folder === '' ? entry.name : join(folder, entry.name)
      names.push(name)
      if (names.length > max) throw new Error(`more than ${max} files and folders`)
      // A Dirent of a link says isSymbolicLink, never isDirectory: links are not entered.
      if (entry.isDirectory()) folders.push(name)
    }
  }
  return names.sort()
}
