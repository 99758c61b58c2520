/** `stewards inventory` as text: the components table (stdout) and the summary of what was read (stderr). */
import {trimEnd} from '../core/trim-end.js'
import {posix} from 'node:path'
import {compare} from '../core/compare.js'
import type {Component, Inventory, ScanError} from '../core/model.js'
import {formatPlace, formatProblem} from '../core/problem.js'
import {alignedLines} from '../core/columns.js'
import {thousands} from '../core/figures.js'
import {neutralise, oneLine} from '../core/neutralise.js'

const SKIPPED_SHOWN = 50
/** Errors listed on stderr: a tree of test fixtures can hold thousands (the JSON output lists them all). */
const ERRORS_SHOWN = 100
/** Folders named in the hint of an incomplete run. */
const FOLDERS_SHOWN = 3

/**
 * One row per component: reference, kind, ecosystem, version (or digest) and its first location. The lines come
 * one at a time (core/chunks.ts `lineChunks`), their rows made as they are needed: the table of a 100 MB lockfile
 * is 20 MB of text.
 */
export function inventoryTable(components: readonly Component[]): Iterable<string> {
  if (components.length === 0) return ['No components found.']
  // Columns at most 80 wide: a long ref overflows its own.
  return alignedLines(components, row, {header: ['REF', 'KIND', 'ECOSYSTEM', 'VERSION', 'LOCATION'], maxWidth: 80})
}

function row(c: Component): string[] {
  const [first] = c.locations
  const more = c.locations.length > 1 ? ` (+${c.locations.length - 1})` : ''
  return [
    c.ref,
    c.kind,
    c.ecosystem,
    c.version ?? (c.digest ? c.digest.slice(0, 19) : '-'),
    `${formatPlace(first.file, first.line)}${more}`,
  ]
}

/** Counts, every error and the first skipped files, for stderr. */
export function inventorySummary(inventory: Inventory): string {
  const {components, skipped, errors, files} = inventory
  const lines = [
    `${components.length} components in ${files} files; ${skipped.length} skipped; ${errors.length} errors`,
  ]
  for (const e of errors.slice(0, ERRORS_SHOWN)) lines.push(`error: ${formatProblem(e)} [${e.code}]`)
  if (errors.length > ERRORS_SHOWN)
    lines.push(`error: ... and ${errors.length - ERRORS_SHOWN} more (see --format json)`)
  for (const s of skipped.slice(0, SKIPPED_SHOWN)) lines.push(`skipped: ${formatProblem(s)} [${s.reason}]`)
  if (skipped.length > SKIPPED_SHOWN)
    lines.push(`skipped: ... and ${skipped.length - SKIPPED_SHOWN} more (see --format json)`)
  return lines.join('\n')
}

/**
 * Why a run with discover errors exits 2, for stderr after `stewards: ` (inventory and scan alike, text or JSON): how many files were
 * not read completely, and the folders that hold them, with the `--exclude` that would leave out the first. A CI user
 * who adopts stewards on a large tree meets its test fixtures (deliberately broken files) first; whether to fix a
 * file or leave it out is theirs to decide, never guessed here. Undefined without errors.
 */
export function incompleteHint(errors: readonly ScanError[], roots: readonly string[] = []): string | undefined {
  if (errors.length === 0) return undefined
  const files = [...new Set(errors.map((e) => e.file))]
  const top = errorFolders(files, roots).slice(0, FOLDERS_SHOWN)
  const count = (n: number, what: string) => `${thousands(n)} ${what}${n === 1 ? '' : 's'}`
  const where = top.length > 0 ? `; in ${top.map(([f, n]) => `${oneLine(f)}/ (${n})`).join(', ')}` : ''
  const more = top.length > 0 && byCount(top) < files.length ? ' and elsewhere' : ''
  const exclude = top.length > 0 ? excludeOption(top[0][0]) : ' with --exclude'
  return (
    `incomplete (exit 2): ${count(files.length, 'file')} not read completely (${count(errors.length, 'error')})${where}${more}. ` +
    `Fix them, or leave out what is not yours to scan (test fixtures, templates)${exclude}.`
  )
}

/**
 * ` with --exclude 'FOLDER/**'`, ready to paste into a POSIX shell: the folder's glob characters escaped with a
 * backslash (a folder named `a*` or `!x` is that folder, not a pattern or a negation), and a `'` in its name written
 * `'\''`, so a folder named `x'$(cmd)'` cannot make the pasted line run `cmd`. A folder whose name prints otherwise
 * than it is (a line break, a control or bidi character, shown as `\u000A`...) is not named: that text names nothing.
 */
function excludeOption(folder: string): string {
  if (neutralise(oneLine(folder)) !== folder) return ' with --exclude'
  const glob = `${folder.replace(/[\\*?[\]{}()!]/g, '\\$&')}/**`
  return ` with --exclude '${glob.replaceAll("'", "'\\''")}'`
}

function byCount(folders: ReadonlyArray<[string, number]>): number {
  return folders.reduce((sum, [, n]) => sum + n, 0)
}

/**
 * The folders that hold the files, most files first: below the folder all of them share, one group per folder
 * there, each named by the deepest folder its files share (`pkg/testdata`, not `pkg/testdata/case1`, `case2`...).
 * When no group holds two files, the shared folder itself, unless it is a scanned PATH or holds one (`--exclude` on it
 * would leave out the whole tree: linkerd2's two broken test files, under `cli/` and `test/`, named the tree itself).
 * Files at the top of the tree (no folder, or a PATH itself) are left out.
 */
function errorFolders(files: readonly string[], roots: readonly string[] = []): Array<[string, number]> {
  const paths = roots.map((root) => trimEnd(posix.normalize(root), '/')).filter((root) => root !== '.' && root !== '')
  const holdsRoot = (folder: string) => paths.some((root) => root === folder || root.startsWith(`${folder}/`))
  const folders = files
    .map((file) => posix.dirname(file))
    .filter((dir) => dir !== '.' && dir !== '/' && !paths.includes(dir))
  if (folders.length === 0) return []
  const shared = commonFolder(folders)
  const groups = new Map<string, string[]>()
  for (const dir of folders) {
    const rest = shared === undefined ? dir : dir.slice(shared.length + 1)
    const key = rest.replace(/^\//, '').split('/')[0]
    const group = groups.get(key)
    if (group) group.push(dir)
    else groups.set(key, [dir])
  }
  const named: Array<[string, number]> = [...groups.values()].map((dirs) => [
    commonFolder(dirs) ?? dirs[0],
    dirs.length,
  ])
  named.sort(([a, m], [b, n]) => n - m || compare(a, b))
  if (named[0][1] === 1 && named.length > 1 && shared !== undefined && !holdsRoot(shared))
    return [[shared, folders.length]]
  return named.filter(([folder]) => !holdsRoot(folder))
}

/** The deepest folder every one of `dirs` is in or is (`a/b` of `a/b/c` and `a/b/d`); undefined when none. */
function commonFolder(dirs: readonly string[]): string | undefined {
  let parts = dirs[0].split('/')
  for (const dir of dirs) {
    const other = dir.split('/')
    let same = 0
    while (same < parts.length && same < other.length && parts[same] === other[same]) same++
    parts = parts.slice(0, same)
  }
  const folder = parts.join('/')
  return folder === '' ? undefined : folder
}
