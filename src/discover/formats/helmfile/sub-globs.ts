/**
 * The files a `helmfiles:` glob names (`helmfiles: [apps/*\/helmfile.yaml, releases/*.yaml]`), as helmfile expands
 * them (pkg/state ExpandedHelmfiles: a glob of the path joined to the helmfile's folder, its matches in lexical
 * order, a glob that matches nothing warned of and passed over). `*`, `?` and `{a,b}` within a segment, matched by
 * ../../glob-match.ts in linear time; a whole `**` segment matches any depth of folders (doublestar's meaning; Go's
 * filepath.Glob would take it for `*`, matching fewer). Folders are listed through DiscoverContext.listDir, bounded:
 * at most MAX_NAMES names looked at and MAX_DEPTH folders under a `**`, never into hidden folders a wildcard meets.
 * Written here, not shared with npm workspaces' expansion (formats/npm-package-json/members.ts, which looks for
 * folders, not files): plug-ins do not import each other.
 */
import {posix} from 'node:path'
import {compare} from '../../../core/compare.js'
import {linearGlob} from '../../../core/glob-match.js'
import type {DiscoverContext} from '../../types.js'

const MAX_NAMES = 20_000
const MAX_DEPTH = 8
const WILDCARD = /[*?{]/

export interface GlobMatches {
  /** Files (never folders) of the tree, relative to the scan root, sorted. */
  files: string[]
  /** Why the matches may be incomplete (a bound reached, no listing), or undefined. */
  cut?: string
}

/** Whether a `helmfiles:` path is a glob this reads (a `[` class is not: it is left as a path). */
export function isGlob(path: string): boolean {
  return WILDCARD.test(path)
}

/** The files `glob` (relative to `dir`, a folder of the tree) matches. */
export function globFiles(dir: string, glob: string, context: DiscoverContext): GlobMatches {
  const segments = posix
    .normalize(glob)
    .split('/')
    .filter((s) => s !== '' && s !== '.')
  const state = {left: MAX_NAMES, cut: undefined as string | undefined}
  const found = new Set<string>()
  const listDir = context.listDir
  if (listDir === undefined) return {files: [], cut: 'folders cannot be listed here'}
  const list = (folder: string): string[] | null => {
    if (state.left <= 0) {
      state.cut ??= `more than ${MAX_NAMES} names to look at`
      return null
    }
    const names = listDir(folder === '' ? '.' : folder)
    if (names !== null) state.left -= names.length + 1
    return names
  }
  const join = (folder: string, name: string) => (folder === '' || folder === '.' ? name : `${folder}/${name}`)
  const visit = (folder: string, at: number, depth: number): void => {
    if (at === segments.length) {
      // A match is a file: a folder lists.
      if (folder !== '' && listDir(folder) === null && context.exists?.(folder) !== false) found.add(folder)
      return
    }
    const segment = segments[at]
    if (segment === '..') {
      const up = posix.dirname(folder === '' ? '.' : folder)
      if (folder === '' || folder === '.' || up === folder) return
      visit(up === '.' ? '' : up, at + 1, depth)
      return
    }
    if (segment === '**') {
      visit(folder, at + 1, depth)
      if (depth >= MAX_DEPTH) {
        state.cut ??= `** reaches past ${MAX_DEPTH} folders`
        return
      }
      for (const name of list(folder) ?? []) {
        if (name.startsWith('.')) continue
        const child = join(folder, name)
        if (listDir(child) !== null) visit(child, at, depth + 1)
      }
      return
    }
    if (!WILDCARD.test(segment)) {
      visit(join(folder, segment), at + 1, depth)
      return
    }
    const match = linearGlob(segment)
    if (match === undefined) {
      state.cut ??= `the segment "${segment}" is not a glob read here`
      return
    }
    for (const name of list(folder) ?? []) {
      if (name.startsWith('.') && !segment.startsWith('.')) continue
      if (match(name)) visit(join(folder, name), at + 1, depth)
    }
  }
  visit(dir === '.' ? '' : dir, 0, 0)
  return {files: [...found].sort(compare), cut: state.cut}
}
