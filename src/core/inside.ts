/** Containment with links resolved: where a path really leads, and whether that is inside a directory. */
import {realpathSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'

/**
 * The real path `path` has or would have: its nearest existing ancestor with every link resolved, then the
 * segments that do not exist yet. A link anywhere on the way is followed, so `out/` linked to `/etc` gives `/etc`.
 */
export function realPathOf(path: string): string {
  const rest: string[] = []
  let current = resolve(path)
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse())
    } catch {
      const parent = dirname(current)
      if (parent === current) return resolve(path)
      rest.push(basename(current))
      current = parent
    }
  }
}

/** `child` is `parent` or lies below it, once links are resolved on both sides. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(realPathOf(parent), realPathOf(child))
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}
