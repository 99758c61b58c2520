/**
 * Discovery: walks the given paths, hands each file to every format that claims its name, and returns one
 * sorted, merged inventory. Expected failures (too large, binary, templates, symlinks) are `skipped`;
 * inputs that could not be read are `errors`; a format that throws is an error naming the file, and the
 * scan goes on. Formats that sniff content (`*.json`) see only the head of a file first; files they pass over
 * are neither read nor reported.
 */
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {readFile, realpath, stat} from 'node:fs/promises'
import {basename, dirname, join, posix, relative, resolve, sep} from 'node:path'
import {errorMessage} from '../core/errors.js'
import type {Component, Inventory, ScanError, Skipped} from '../core/model.js'
import {decodeText} from './decode.js'
import {compileGlobs, type GlobSet} from './globs.js'
import {finishInventory} from './merge.js'
import {discoverers as registered} from './registry.js'
import {readHead} from './sniff.js'
import type {DiscoverContext, Discoverer} from './types.js'
import {isInside, walk} from './walk.js'

export interface DiscoverOptions {
  /**
   * Globs of files to read, matched against the path relative to each given path and against the path as printed
   * (relative to the working directory); a glob without `/` matches a file name at any depth. Files named as
   * paths are never filtered. An invalid glob throws a usage error.
   */
  include?: string[]
  /** Globs of files and directories to leave out, same syntax. `.git` and `node_modules` are always left out. */
  exclude?: string[]
  /** Told once per include or exclude glob that matched no path (a typo, or a path from another directory). */
  warn?(message: string): void
  /** Files larger than this many bytes are skipped (`too-large`). Default 50 MiB. */
  maxFileSize?: number
  /** Formats to run; default every registered one. */
  discoverers?: readonly Discoverer[]
}

export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024

interface Root {
  /** The given path's directory as the user wrote it, `/`-separated: output paths start with it. */
  display: string
  abs: string
  real: string
}

interface Scan {
  options: Required<Pick<DiscoverOptions, 'maxFileSize' | 'discoverers'>>
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  files: number
}

export async function discoverPaths(paths: string[], options: DiscoverOptions = {}): Promise<Inventory> {
  const scan: Scan = {
    options: {
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      discoverers: options.discoverers ?? registered,
    },
    components: [],
    skipped: [],
    errors: [],
    files: 0,
  }
  const excluded = compileGlobs('exclude', options.exclude ?? [], false)
  const included = compileGlobs('include', options.include ?? [], true)
  for (const given of paths) {
    const display = toDisplay(given)
    const info = await stat(given).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) {
      const why = info.code === 'ENOENT' ? 'no such file or directory' : errorMessage(info)
      scan.errors.push({file: display, code: 'not-found', message: `cannot read ${display}: ${why}`})
      continue
    }
    if (info.isDirectory()) {
      const root: Root = {display, abs: resolve(given), real: await realpath(given)}
      const forms = pathForms(root)
      await scanDirectory(root, scan, {
        isExcluded: (rel) => excluded.matches(forms(rel)),
        isIncluded: (rel) => included.matches(forms(rel)),
      })
    } else {
      const dir = dirname(given)
      const root: Root = {display: posix.dirname(display), abs: resolve(dir), real: await realpath(dir)}
      await scanNamedFile(root, basename(given), resolve(given), info.isFile() ? info.size : undefined, scan)
    }
  }
  warnUnmatched(excluded, 'exclude', paths, options.warn)
  warnUnmatched(included, 'include', paths, options.warn)
  return finishInventory(scan.components, scan.skipped, scan.errors, scan.files)
}

function warnUnmatched(
  globs: GlobSet,
  kind: 'include' | 'exclude',
  paths: string[],
  warn: DiscoverOptions['warn'],
): void {
  for (const glob of globs.unmatched()) {
    warn?.(
      `--${kind} '${glob}' matched nothing under ${paths.join(', ')} (globs match paths relative to each PATH or to the working directory)`,
    )
  }
}

async function scanDirectory(root: Root, scan: Scan, options: Parameters<typeof walk>[2]): Promise<void> {
  const context = contextFor(root, scan.options.maxFileSize)
  for await (const entry of walk(root.abs, root.real, options)) {
    const file = displayPath(root, entry.rel)
    if (entry.type === 'error') {
      scan.errors.push({file, code: 'read-failed', message: entry.message})
    } else if (entry.type === 'skip') {
      if (entry.reportAlways || formatsFor(file, scan).some((format) => !format.sniff))
        scan.skipped.push({file, reason: entry.reason, message: entry.message})
    } else {
      await scanFile(root, entry.rel, entry.abs, entry.size, scan, context)
    }
  }
}

/** A file the user named: never filtered by globs, and told when no format reads it. */
async function scanNamedFile(
  root: Root,
  rel: string,
  abs: string,
  size: number | undefined,
  scan: Scan,
): Promise<void> {
  const file = displayPath(root, rel)
  if (size === undefined) {
    scan.skipped.push({file, reason: 'not-regular-file', message: 'not a regular file (FIFO, socket or device)'})
  } else if (formatsFor(file, scan).length === 0) {
    scan.skipped.push({file, reason: 'unsupported', message: 'no format reads a file of this name'})
  } else {
    await scanFile(root, rel, abs, size, scan, contextFor(root, scan.options.maxFileSize), true)
  }
}

async function scanFile(
  root: Root,
  rel: string,
  abs: string,
  size: number,
  scan: Scan,
  context: DiscoverContext,
  named = false,
): Promise<void> {
  const file = displayPath(root, rel)
  const formats = await sniffed(file, abs, formatsFor(file, scan), scan, named)
  if (formats.length === 0) return
  const max = scan.options.maxFileSize
  if (size > max) {
    scan.skipped.push({
      file,
      reason: 'too-large',
      message: `${size} bytes, over the ${max}-byte limit (--max-file-size)`,
    })
    return
  }
  let bytes: Buffer
  try {
    bytes = await readFile(abs)
  } catch (error) {
    scan.errors.push({file, code: 'read-failed', message: `cannot read: ${errorMessage(error)}`})
    return
  }
  if (bytes.length > max) {
    scan.skipped.push({file, reason: 'too-large', message: `over the ${max}-byte limit (--max-file-size)`})
    return
  }
  const decoded = decodeText(bytes)
  if (decoded.kind === 'binary') {
    scan.skipped.push({
      file,
      reason: 'binary',
      message: `binary content in a file named like a ${formats.map((f) => f.id).join('/')} file`,
    })
    return
  }
  if (decoded.kind === 'error') {
    scan.errors.push({
      file,
      ...(decoded.line ? {line: decoded.line} : {}),
      code: decoded.code,
      message: decoded.message,
    })
    return
  }
  scan.files++
  for (const format of formats) {
    try {
      const out = await format.discover({file, text: decoded.text}, context)
      scan.components.push(...out.components)
      scan.skipped.push(...(out.skipped ?? []))
      scan.errors.push(...(out.errors ?? []))
    } catch (error) {
      scan.errors.push({
        file,
        code: 'discoverer-failed',
        message: `${format.id} could not read the file: ${errorMessage(error)}`,
      })
    }
  }
}

function formatsFor(file: string, scan: Scan): readonly Discoverer[] {
  return scan.options.discoverers.filter((format) => format.matches(file))
}

/**
 * Keeps the formats that claim the file by name, and the sniffing ones that recognise its head. Only the head is
 * read, so a walk through thousands of unrelated JSON files stays cheap. A named file no format keeps is told.
 */
async function sniffed(
  file: string,
  abs: string,
  formats: readonly Discoverer[],
  scan: Scan,
  named: boolean,
): Promise<readonly Discoverer[]> {
  if (!formats.some((format) => format.sniff)) return formats
  const head = await readHead(abs)
  if (head instanceof Error) {
    if (named) scan.errors.push({file, code: 'read-failed', message: `cannot read: ${errorMessage(head)}`})
    return named ? [] : formats.filter((format) => !format.sniff)
  }
  const kept = formats.filter((format) => !format.sniff || format.sniff(head))
  if (kept.length === 0 && named) {
    const notFor = formats.map((format) => `${format.id}: ${format.description}`).join('; ')
    scan.skipped.push({
      file,
      reason: 'unsupported',
      message: `no format reads this file (content not recognised by ${notFor})`,
    })
  }
  return kept
}

/** Lets a format read another file under the same root (kustomize resources, a chart's Chart.yaml). */
function contextFor(root: Root, maxFileSize: number): DiscoverContext {
  const cache = new Map<string, string | null>()
  return {
    readText(file: string): string | null {
      const rel = posix.relative(root.display, posix.normalize(file))
      if (rel === '' || rel === '..' || rel.startsWith('../') || posix.isAbsolute(rel)) return null
      if (!cache.has(rel)) cache.set(rel, readInside(root, rel, maxFileSize))
      return cache.get(rel) ?? null
    },
  }
}

function readInside(root: Root, rel: string, maxFileSize: number): string | null {
  try {
    const real = realpathSync(join(root.abs, ...rel.split('/')))
    if (!isInside(root.real, real)) return null
    // stat before reading: reading a FIFO would block forever.
    const info = statSync(real)
    if (!info.isFile() || info.size > maxFileSize) return null
    const decoded = decodeText(readFileSync(real))
    return decoded.kind === 'text' ? decoded.text : null
  } catch {
    return null
  }
}

/**
 * The forms a glob is tried against: relative to the walked PATH, as printed, and relative to the working
 * directory when the PATH was written another way (absolute, or with `..`) but lies inside it.
 */
function pathForms(root: Root): (rel: string) => string[] {
  const fromCwd = relative(process.cwd(), root.abs).split(sep).join('/')
  const cwdPrefix =
    fromCwd === '' || fromCwd === '..' || fromCwd.startsWith('../') || posix.isAbsolute(fromCwd) ? undefined : fromCwd
  return (rel) => {
    const forms = [rel]
    const shown = displayPath(root, rel)
    if (shown !== rel) forms.push(shown)
    if (cwdPrefix !== undefined && cwdPrefix !== root.display) forms.push(posix.join(cwdPrefix, rel))
    return forms
  }
}

/** The path as the user wrote it, with `/` separators and no `./` noise. */
function toDisplay(given: string): string {
  return posix.normalize(given.split(sep).join('/')).replace(/(.)\/$/, '$1')
}

function displayPath(root: Root, rel: string): string {
  return posix.join(root.display, rel)
}
