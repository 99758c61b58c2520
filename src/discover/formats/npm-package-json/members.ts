/**
 * The folders a workspace's patterns name (npm and yarn `workspaces`, pnpm-workspace.yaml `packages`): `dir/name`,
 * `dir/*`, `dir/**`, `{a,b}` lists, and `!` exclusions, expanded through DiscoverContext.listDir. Globs are matched
 * by ../../glob-match.ts (linear time); the walk is bounded: at most MAX_DEPTH folders under a `**`, at most
 * MAX_ENTRIES names (a listing, each name it gives, each folder named as it is) per workspace, never into
 * `node_modules`, `bower_components` or a hidden folder a wildcard meets (a link looping back is cut by both bounds).
 * What a bound or an unread pattern leaves out is said.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import {linearGlob} from '../../../core/glob-match.js'
import type {DiscoverContext} from '../../types.js'

export const MAX_ENTRIES = 50_000
export const MAX_DEPTH = 8
/** Patterns read per list, and their longest: a workspace names tens; a hostile file millions, each tried on every folder. */
export const MAX_PATTERNS = 256
const MAX_PATTERN_LENGTH = 1024

/** Characters that make a segment a glob rather than a folder's name. */
const GLOB = /[*?{}[\]()]/

export interface Expansion {
  /** Member folders, relative to the scan root as the discover stage's paths are. */
  dirs: string[]
  /** What could not be expanded, as messages. */
  problems: string[]
}

interface Walk {
  root: string
  context: DiscoverContext
  /** Names that may still be looked at (shared by every pattern list of the workspace). */
  budget: {left: number}
  problems: string[]
  /** A listing was refused (no listDir, or past the budget): said once. */
  cut: boolean
}

/** The folders `patterns` name under `root` ('.' for the scan root), `budget` shared with the other pattern lists. */
export function expandPatterns(
  root: string,
  patterns: readonly string[],
  context: DiscoverContext,
  budget: {left: number},
): Expansion {
  const walk: Walk = {root, context, budget, problems: [], cut: false}
  const excluded: Array<(path: string) => boolean> = []
  const found = new Set<string>()
  if (patterns.length > MAX_PATTERNS)
    walk.problems.push(
      `${patterns.length} workspace patterns: the first ${MAX_PATTERNS} are read, the members of the others are not known`,
    )
  for (const pattern of patterns.slice(0, MAX_PATTERNS)) {
    if (pattern.length > MAX_PATTERN_LENGTH) {
      walk.problems.push(`workspace pattern '${elide(pattern, 200)}' is too long to be read: its members are not known`)
      continue
    }
    const negated = pattern.startsWith('!')
    const glob = clean(negated ? pattern.slice(1) : pattern)
    if (glob === undefined)
      walk.problems.push(`workspace pattern '${elide(pattern, 200)}' leaves the workspace: not read`)
    else if (negated) {
      const matcher = pathMatcher(glob)
      if (matcher) excluded.push(matcher)
      else walk.problems.push(`workspace pattern '${elide(pattern, 200)}' is not a glob read here: nothing is excluded`)
    }
    // '' is the root itself, whose name the workspace has already.
    else if (glob !== '') expand(walk, pattern, glob, found)
  }
  const dirs = [...found].filter((dir) => !excluded.some((matches) => matches(dir))).map((dir) => inside(root, dir))
  return {dirs, problems: walk.problems}
}

/** `./packages/*\/` → `packages/*`; undefined for a pattern leaving the root (`../x`, `/abs`). */
function clean(pattern: string): string | undefined {
  let glob = pattern.trim()
  while (glob.startsWith('./')) glob = glob.slice(2)
  let end = glob.length
  while (end > 0 && glob[end - 1] === '/') end--
  glob = glob.slice(0, end)
  if (glob === '' || glob === '.') return ''
  if (glob.startsWith('/')) return undefined
  const normal = posix.normalize(glob)
  return normal === '..' || normal.startsWith('../') ? undefined : normal
}

/**
 * A matcher of paths relative to the workspace root. linearGlob takes a glob without `/` for a name at any depth (as
 * the walk's --exclude does): `./` keeps it to the root's own folders, as pnpm and npm read a pattern.
 */
function pathMatcher(glob: string): ((path: string) => boolean) | undefined {
  return linearGlob(glob.includes('/') ? glob : `./${glob}`)
}

function expand(walk: Walk, pattern: string, glob: string, found: Set<string>): void {
  if (!GLOB.test(glob)) {
    if (spend(walk, 1)) found.add(glob)
    return
  }
  const whole = pathMatcher(glob)
  if (whole === undefined) {
    walk.problems.push(`workspace pattern '${elide(pattern, 200)}' is not a glob read here: its members are not known`)
    return
  }
  const segments = glob.split('/')
  let level = ['']
  for (const segment of segments) {
    if (segment === '**') {
      for (const base of level) for (const dir of subtree(walk, base)) if (whole(dir)) found.add(dir)
      return
    }
    if (!GLOB.test(segment)) {
      level = level.map((base) => join(base, segment))
      continue
    }
    const matches = linearGlob(segment)
    if (matches === undefined) return
    const next: string[] = []
    for (const base of level) for (const name of list(walk, base)) if (matches(name)) next.push(join(base, name))
    level = next
  }
  for (const dir of level) found.add(dir)
}

/** `base` and the folders under it, breadth first, at most MAX_DEPTH deep. */
function subtree(walk: Walk, base: string): string[] {
  const dirs = [base]
  for (let depth = 0, level = [base]; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = []
    for (const dir of level) for (const name of list(walk, dir)) next.push(join(dir, name))
    dirs.push(...next)
    level = next
  }
  return dirs.filter((dir) => dir !== '')
}

/** The names a wildcard may take in a folder: not node_modules, bower_components or hidden ones; [] past the budget. */
function list(walk: Walk, dir: string): string[] {
  if (walk.context.listDir === undefined) {
    if (!walk.cut)
      walk.problems.push('workspace folders cannot be listed here: members named by a wildcard are not known')
    walk.cut = true
    return []
  }
  if (!spend(walk, 1)) return []
  const names = walk.context.listDir(inside(walk.root, dir)) ?? []
  if (!spend(walk, names.length)) return []
  return names.filter((name) => name !== 'node_modules' && name !== 'bower_components' && !name.startsWith('.'))
}

/** Takes `cost` from the budget; false (said once) when it runs out. */
function spend(walk: Walk, cost: number): boolean {
  if (walk.budget.left >= cost) {
    walk.budget.left -= cost
    return true
  }
  walk.budget.left = 0
  if (!walk.cut)
    walk.problems.push(
      `workspace patterns name more than ${MAX_ENTRIES} folders and files: members past them are not known (a dependency on one is looked up by its name)`,
    )
  walk.cut = true
  return false
}

function join(base: string, name: string): string {
  return base === '' ? name : `${base}/${name}`
}

/** A path relative to the workspace root as a path of the scan. */
function inside(root: string, dir: string): string {
  if (dir === '') return root
  return root === '.' || root === '' ? dir : `${root}/${dir}`
}
