/**
 * Discovery: walks the given paths, hands each file to every format that claims its name, and returns one
 * sorted, merged inventory. Expected failures (too large, binary, templates, symlinks) are `skipped`;
 * inputs that could not be read are `errors`; a format that throws is an error naming the file, and the
 * scan goes on.
 */
import {readFileSync, realpathSync, statSync} from 'node:fs'
import {readFile, realpath, stat} from 'node:fs/promises'
import {basename, dirname, join, posix, resolve, sep} from 'node:path'
import picomatch from 'picomatch'
import {errorMessage} from '../core/errors.js'
import type {Component, Inventory, ScanError, Skipped} from '../core/model.js'
import {decodeText} from './decode.js'
import {finishInventory} from './merge.js'
import {discoverers as registered} from './registry.js'
import type {DiscoverContext, Discoverer} from './types.js'
import {isInside, walk} from './walk.js'

export interface DiscoverOptions {
  /** Globs of files to read (relative to each given path); a glob without `/` matches a file name at any depth. */
  include?: string[]
  /** Globs of files and directories to leave out, same syntax. `.git` and `node_modules` are always left out. */
  exclude?: string[]
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
    options: {maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, discoverers: options.discoverers ?? registered},
    components: [],
    skipped: [],
    errors: [],
    files: 0,
  }
  const isExcluded = globMatcher(options.exclude ?? [], false)
  const isIncluded = globMatcher(options.include ?? [], true)
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
      await scanDirectory(root, scan, {isExcluded, isIncluded})
    } else {
      const dir = dirname(given)
      const root: Root = {display: posix.dirname(display), abs: resolve(dir), real: await realpath(dir)}
      await scanNamedFile(root, basename(given), resolve(given), info.isFile() ? info.size : undefined, scan)
    }
  }
  return finishInventory(scan.components, scan.skipped, scan.errors, scan.files)
}

async function scanDirectory(root: Root, scan: Scan, options: Parameters<typeof walk>[2]): Promise<void> {
  const context = contextFor(root, scan.options.maxFileSize)
  for await (const entry of walk(root.abs, root.real, options)) {
    const file = displayPath(root, entry.rel)
    if (entry.type === 'error') {
      scan.errors.push({file, code: 'read-failed', message: entry.message})
    } else if (entry.type === 'skip') {
      if (entry.reportAlways || formatsFor(file, scan).length > 0) scan.skipped.push({file, reason: entry.reason, message: entry.message})
    } else {
      await scanFile(root, entry.rel, entry.abs, entry.size, scan, context)
    }
  }
}

/** A file the user named: never filtered by globs, and told when no format reads it. */
async function scanNamedFile(root: Root, rel: string, abs: string, size: number | undefined, scan: Scan): Promise<void> {
  const file = displayPath(root, rel)
  if (size === undefined) {
    scan.skipped.push({file, reason: 'not-regular-file', message: 'not a regular file (FIFO, socket or device)'})
  } else if (formatsFor(file, scan).length === 0) {
    scan.skipped.push({file, reason: 'unsupported', message: 'no format reads a file of this name'})
  } else {
    await scanFile(root, rel, abs, size, scan, contextFor(root, scan.options.maxFileSize))
  }
}

async function scanFile(root: Root, rel: string, abs: string, size: number, scan: Scan, context: DiscoverContext): Promise<void> {
  const file = displayPath(root, rel)
  const formats = formatsFor(file, scan)
  if (formats.length === 0) return
  const max = scan.options.maxFileSize
  if (size > max) {
    scan.skipped.push({file, reason: 'too-large', message: `${size} bytes, over the ${max}-byte limit (--max-file-size)`})
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
    scan.skipped.push({file, reason: 'binary', message: `binary content in a file named like a ${formats.map((f) => f.id).join('/')} file`})
    return
  }
  if (decoded.kind === 'error') {
    scan.errors.push({file, ...(decoded.line ? {line: decoded.line} : {}), code: decoded.code, message: decoded.message})
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
      scan.errors.push({file, code: 'discoverer-failed', message: `${format.id} could not read the file: ${errorMessage(error)}`})
    }
  }
}

function formatsFor(file: string, scan: Scan): readonly Discoverer[] {
  return scan.options.discoverers.filter((format) => format.matches(file))
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

function globMatcher(patterns: string[], whenEmpty: boolean): (rel: string) => boolean {
  if (patterns.length === 0) return () => whenEmpty
  const withSlash = patterns.filter((p) => p.includes('/'))
  const names = patterns.filter((p) => !p.includes('/'))
  const matchPath = withSlash.length ? picomatch(withSlash, {dot: true}) : () => false
  const matchName = names.length ? picomatch(names, {dot: true, basename: true}) : () => false
  return (rel) => matchPath(rel) || matchName(rel)
}

/** The path as the user wrote it, with `/` separators and no `./` noise. */
function toDisplay(given: string): string {
  return posix.normalize(given.split(sep).join('/')).replace(/(.)\/$/, '$1')
}

function displayPath(root: Root, rel: string): string {
  return posix.join(root.display, rel)
}
