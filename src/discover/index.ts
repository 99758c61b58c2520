/**
 * Discovery: walks the given paths, hands each file to every format that claims its name, and returns one
 * sorted, merged inventory. A file a format claims is read completely or reported in `errors` (too large,
 * binary, unsupported encoding, bad lines, parse errors), which makes the run incomplete; `skipped` holds what
 * is left out on purpose (templates, symlinks leaving the root, devices). A format that throws is an error
 * naming the file, and the scan goes on. Formats that sniff content (`*.json`) see only the head of a file
 * first; files they pass over are neither read nor reported. PATHs are checked before anything is read: one
 * that does not exist, or a file no format reads, is a usage error. `-` is standard input. The walk lists the
 * files to read; they are read once it is done (the work of one file: ./jobs.ts).
 */
import {existsSync} from 'node:fs'
import {realpath, stat} from 'node:fs/promises'
import {basename, dirname, posix, relative, resolve, sep} from 'node:path'
import {usageError} from '../core/errors.js'
import {plainReason} from '../core/fs-reason.js'
import type {Inventory} from '../core/model.js'
import {isChartArchiveName} from './chart-archive.js'
import {decodeText} from './decode.js'
import {compileGlobs, type GlobSet} from './globs.js'
import {decodeOptions, discoverDecoded, type FileJob, type Root, runJobs, type Sink, tooLargeError} from './jobs.js'
import {finishInventory} from './merge.js'
import {discoverers as registered} from './registry.js'
import {bytesToSniff, fileToSniff, headText, readHead, readTail, sniffing, sniffsFile, tailText} from './sniff.js'
import {readStdin, STDIN, STDIN_FILE, type StdinOptions} from './stdin.js'
import type {Discoverer} from './types.js'
import {type FsPath, pathsUnder, walk, type WalkEntry} from './walk.js'
import {phaseEnd} from '../core/timing.js'

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
  /** Files larger than this many bytes are not read: an error (`too-large`). Default 50 MiB. */
  maxFileSize?: number
  /** Formats to run; default every registered one. */
  discoverers?: readonly Discoverer[]
  /** Where `-` reads from, and which format it is (else its content decides). */
  stdin?: StdinOptions
}

export const DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024

interface Scan extends Sink {
  options: Required<Pick<DiscoverOptions, 'maxFileSize' | 'discoverers'>>
  /** Files to read, listed by the walk and named as PATHs; read once the walk is done (./jobs.ts). */
  jobs: FileJob[]
}

/** A PATH as checked before the scan: what it is, and for a named file the formats that read it. */
type Planned =
  | {type: 'directory'; given: string; display: string}
  | {type: 'file'; given: string; display: string; size: number; formats: readonly Discoverer[]; archive?: boolean}
  | {type: 'special'; given: string; display: string}
  | {type: 'unreadable'; display: string; message: string}
  | {type: 'stdin'}

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
    jobs: [],
  }
  const excluded = compileGlobs('exclude', options.exclude ?? [], false)
  const included = compileGlobs('include', options.include ?? [], true)
  const planned = await plan(paths, scan.options.discoverers, options.stdin)
  for (const path of planned) {
    if (path.type === 'unreadable') {
      scan.errors.push({file: path.display, code: 'read-failed', message: path.message})
    } else if (path.type === 'stdin') {
      await scanStdin(scan, options.stdin ?? {})
    } else if (path.type === 'directory') {
      const found = {display: path.display, abs: resolve(path.given), real: await realpath(path.given)}
      const forms = pathForms(found)
      const globs = {
        isExcluded: (rel: string) => excluded.matches(forms(rel)),
        isIncluded: (rel: string) => included.matches(forms(rel)),
      }
      await scanDirectory({...found, globs}, scan, globs)
    } else {
      const dir = dirname(path.given)
      const root: Root = {display: posix.dirname(path.display), abs: resolve(dir), real: await realpath(dir)}
      const file = displayPath(root, basename(path.given))
      if (path.type === 'special') {
        scan.errors.push({
          file,
          code: 'not-regular-file',
          message: 'not a regular file (FIFO, socket or device); pipe it to `-` instead',
        })
      } else {
        const {size, formats, archive} = path
        scan.jobs.push({file, abs: resolve(path.given), size, formats, root, ...(archive ? {archive} : {})})
      }
    }
  }
  phaseEnd('walked')
  await runJobs(onceEach(scan.jobs), scan.options.maxFileSize, scan)
  phaseEnd('files read')
  warnUnmatched(excluded, 'exclude', paths, options.warn)
  warnUnmatched(included, 'include', paths, options.warn)
  const inventory = finishInventory(scan.components, scan.skipped, scan.errors, scan.files)
  phaseEnd('finished')
  return inventory
}

/**
 * Each file once: PATHs that overlap (`stewards inventory . ./k8s`) name a file the same way, and it is read and
 * counted once. (Inside a PATH, a link to a file the walk also lists is not read again: scanDirectory.)
 */
function onceEach(jobs: FileJob[]): FileJob[] {
  const seen = new Set<string>()
  return jobs.filter((job) => {
    if (seen.has(job.file)) return false
    seen.add(job.file)
    return true
  })
}

/**
 * Checks every PATH before anything is read, so a typo fails fast: a PATH that does not exist, or a file no
 * format reads (by name, or by content for names any file may have), is a usage error (exit 3).
 */
async function plan(
  paths: string[],
  formats: readonly Discoverer[],
  stdin: StdinOptions | undefined,
): Promise<Planned[]> {
  const planned: Planned[] = []
  if (stdin?.format !== undefined && !paths.includes(STDIN))
    throw usageError(
      'stdin-format-without-stdin',
      '--stdin-format is set but no PATH is `-`',
      'add `-` to read standard input',
    )
  if (paths.filter((path) => path === STDIN).length > 1)
    throw usageError('stdin-twice', '`-` (standard input) is named more than once', 'name `-` once')
  for (const given of paths) {
    if (given === STDIN) {
      planned.push({type: 'stdin'})
      continue
    }
    const display = toDisplay(given)
    const info = await stat(given).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) {
      const code = (info as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR')
        throw usageError('path-not-found', `${display}: no such file or directory`, 'check the PATH arguments')
      planned.push({type: 'unreadable', display, message: `cannot read ${display}: ${plainReason(info)}`})
      continue
    }
    if (info.isDirectory()) {
      planned.push({type: 'directory', given, display})
      continue
    }
    const claimed = formats.filter((format) => format.matches(display))
    // A packaged Helm chart, as `helm pull` writes it: its files are read by the formats that claim them.
    if (claimed.length === 0 && display.endsWith('.tgz')) {
      if (info.isFile()) planned.push({type: 'file', given, display, size: info.size, formats, archive: true})
      else planned.push({type: 'special', given, display})
      continue
    }
    if (claimed.length === 0) throw noFormatError(display, formats)
    if (!info.isFile()) {
      planned.push({type: 'special', given, display})
      continue
    }
    let kept: readonly Discoverer[] = claimed
    // As the walk does: the formats that tell by content (sniff) keep the file only if its content is theirs, beside
    // the formats that read it by its name (a devcontainer.json, JSON with comments, is no Kubernetes JSON).
    if (claimed.some((format) => sniffsFile(format, display))) {
      const head = readHead(given)
      if (head instanceof Error) {
        planned.push({type: 'unreadable', display, message: `cannot read ${display}: ${plainReason(head)}`})
        continue
      }
      kept = sniffing(
        claimed,
        () => head,
        () => readTail(given),
        fileToSniff(display, given),
      )
      if (kept.length === 0) throw noFormatError(display, formats, claimed)
    }
    planned.push({type: 'file', given, display, size: info.size, formats: kept})
  }
  return planned
}

function noFormatError(display: string, formats: readonly Discoverer[], sniffed: readonly Discoverer[] = []) {
  const why = sniffed.length > 0 ? ` (its content is not what ${sniffed.map((f) => f.id).join(', ')} reads)` : ''
  return usageError(
    'no-format',
    `no format reads ${display}${why}; known formats: ${formats.map((format) => format.id).join(', ')}`,
    'name a directory to walk it, or pipe the file to `-` with --stdin-format ID',
  )
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
  /** The files the walk lists at their own path, by real path: a link to one of them is not read again. */
  const walked = new Map<string, {file: string; formats: readonly Discoverer[]; link?: true}>()
  const links: Array<{file: string; entry: WalkEntry & {type: 'file'}}> = []
  for (const entry of walk(root.abs, root.real, options)) {
    const file = displayPath(root, entry.rel)
    if (entry.type !== 'file') {
      // A file a format would read by its name and that is not read makes the run incomplete; anything else the
      // walk passed over is reported only when worth it (a directory not listed is an error, a link leaving the
      // tree is skipped).
      const claimed =
        formatsFor(file, scan).some((format) => !sniffsFile(format, file)) || chartArchive(root, entry.rel)
      if (claimed || (entry.type === 'error' && entry.reportAlways))
        scan.errors.push({file, code: entry.code, message: entry.message})
      else if (entry.type === 'skip' && entry.reportAlways)
        scan.skipped.push({file, reason: entry.reason, message: entry.message})
    } else if (entry.link) {
      // Once the walk is done: whether the target is listed at its own path is known then.
      links.push({file, entry})
    } else {
      const claimed = formatsFor(file, scan)
      walked.set(realKey(entry.real), {file, formats: claimed})
      addFile(root, scan, file, entry, claimed)
    }
  }
  for (const {file, entry} of links) {
    const claimed = formatsFor(file, scan)
    const key = realKey(entry.real)
    const target = walked.get(key)
    // One file, read once: at its own path when the walk lists it there and the formats that read the link by its
    // name read it there too (a link `Dockerfile -> docker/Dockerfile`), else at the first link to it (code-unit
    // order). Read at both, its packages were listed twice, at two places, and counted twice; read through the link
    // alone, at the place the link stands, a file read beside it (a values file's Chart.yaml) would be the link's
    // neighbour, not the file's. syft indexes a file by its real path the same way.
    if (target && claimed.every((format) => target.formats.includes(format))) {
      // Said only where a format reads the link by its name: a link to any YAML file (which only the fallback
      // manifest reader claims) is as unremarkable as the YAML file itself, which is never mentioned when it holds
      // nothing (an Ansible collection's tasks/RedHat.yml -> default.yml made 23 such lines).
      if (claimed.some((format) => !format.fallback && !sniffsFile(format, file)))
        scan.skipped.push({
          file,
          reason: 'unsupported',
          message: target.link
            ? `symlink to the file ${target.file} links to too, which is read there; not read twice`
            : `symlink to ${target.file}, which is read at its own path; not read twice`,
        })
      continue
    }
    if (!target) walked.set(key, {file, formats: claimed, link: true})
    addFile(root, scan, file, entry, claimed)
  }
}

/** A real path as a key: a path that is not UTF-8 is bytes (./walk.ts), told apart from any string by a NUL. */
function realKey(path: FsPath): string {
  return typeof path === 'string' ? path : `\0${path.toString('hex')}`
}

/**
 * The job of a file the walk listed, if a format reads it: `claimed` by its name (formatsFor), then by its head for
 * sniffing formats.
 */
function addFile(
  root: Root,
  scan: Scan,
  file: string,
  entry: WalkEntry & {type: 'file'},
  claimed: readonly Discoverer[],
): void {
  // A fallback format reads the file whatever its head says: the sniff waits for the whole text (FileJob.sniffLater),
  // instead of a second read of each of a tree's YAML files.
  if (
    claimed.some((format) => format.fallback && !format.sniff) &&
    claimed.some((format) => sniffsFile(format, file))
  ) {
    scan.jobs.push({file, abs: entry.abs, size: entry.size, formats: claimed, root, sniffLater: true})
    return
  }
  const formats = sniffing(
    claimed,
    () => readHead(entry.abs),
    () => readTail(entry.abs),
    fileToSniff(file, entry.abs),
  )
  if (formats.length > 0) scan.jobs.push({file, abs: entry.abs, size: entry.size, formats, root})
  else if (chartArchive(root, entry.rel))
    scan.jobs.push({file, abs: entry.abs, size: entry.size, formats: scan.options.discoverers, root, archive: true})
}

/** A packaged subchart: `charts/NAME.tgz` in a folder that holds a Chart.yaml (./chart-archive.ts). */
function chartArchive(root: Root, rel: string): boolean {
  if (!isChartArchiveName(rel)) return false
  // A folder whose name is not UTF-8 is printed with `\xFF` escapes (./walk.ts): its bytes name it.
  return pathsUnder(root.abs, posix.join(posix.dirname(posix.dirname(rel)), 'Chart.yaml')).some((path) =>
    existsSync(path),
  )
}

/** Standard input (`-`): one file, whose format --stdin-format names or its content tells. */
async function scanStdin(scan: Scan, stdin: StdinOptions): Promise<void> {
  const read = await readStdin(stdin, scan.options.maxFileSize)
  if (read.tooLarge) {
    scan.errors.push(tooLargeError(STDIN_FILE, undefined, scan.options.maxFileSize))
    return
  }
  const formats = stdinFormats(read.bytes, scan.options.discoverers, stdin.format)
  const options = decodeOptions(STDIN_FILE, formats)
  await discoverDecoded(STDIN_FILE, decodeText(read.bytes, options), formats, scan.options.maxFileSize, scan, {
    readText: () => null,
  })
}

function stdinFormats(bytes: Uint8Array, formats: readonly Discoverer[], id: string | undefined): Discoverer[] {
  const known = formats.map((format) => format.id).join(', ')
  if (id !== undefined) {
    const format = formats.find((candidate) => candidate.id === id)
    if (!format) throw usageError('unknown-format', `--stdin-format ${id}: no such format; known formats: ${known}`)
    return [format]
  }
  const head = headText(bytes)
  const tail = () => tailText(bytes)
  const whole = bytesToSniff(STDIN_FILE, bytes)
  const all = formats.filter((format) => (format.identify ?? format.sniff)?.(head, tail, whole))
  // As in a tree (./sniff.ts sniffing): what a format recognises by its content is not a catch-all format's as well (a
  // Skaffold configuration has the apiVersion and kind the k8s-manifest format takes).
  const recognised = all.some((format) => !format.fallback) ? all.filter((format) => !format.fallback) : all
  if (recognised.length === 1) return recognised
  const why =
    recognised.length === 0
      ? 'no format recognises standard input by its content'
      : `standard input could be read by ${recognised.map((format) => format.id).join(' or ')}`
  throw usageError('stdin-format-unknown', why, `name its format with --stdin-format ID (known formats: ${known})`)
}

function formatsFor(file: string, scan: Scan): readonly Discoverer[] {
  return scan.options.discoverers.filter((format) => format.matches(file))
}

/**
 * The forms a glob is tried against: relative to the walked PATH, as printed, and relative to the working
 * directory when the PATH was written another way (absolute, or with `..`) but lies inside it.
 */
function pathForms(root: Pick<Root, 'display' | 'abs'>): (rel: string) => string[] {
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

/**
 * The path as the user wrote it, with `/` separators and no `./` noise. A PATH written as a URL (a repository's URL
 * given by mistake) is shown as written: normalised, `https://user:token@host` became `https:/user:token@host`, which
 * redaction (core/redact.ts) does not know for a URL, and the error printed the token.
 */
function toDisplay(given: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\//.test(given)) return given
  return posix.normalize(given.split(sep).join('/')).replace(/(.)\/$/, '$1')
}

function displayPath(root: Pick<Root, 'display'>, rel: string): string {
  return posix.join(root.display, rel)
}
