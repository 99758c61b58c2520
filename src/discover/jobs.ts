/**
 * The work of one file: read it completely or say why (too large, binary, an unsupported encoding, bad lines),
 * then hand its text to each format that claims it. What a file yields goes into a Sink; a format that throws is
 * an error naming the file, and the scan goes on. The walk (./index.ts) only lists the files; they are read after
 * it, one after the other, so reading and parsing never wait on the walk's file-system calls.
 */
import {lstatSync, readdirSync, realpathSync, statSync} from 'node:fs'
import {compare} from '../core/compare.js'
import {posix} from 'node:path'
import {appendAll} from '../core/arrays.js'
import {type ErrorCode, errorMessage} from '../core/errors.js'
import {plainReason} from '../core/fs-reason.js'
import type {Component, ScanError, Skipped} from '../core/model.js'
import {holdYoungGeneration} from '../core/young-generation.js'
import {cutQualifiers, isCutValue, MAX_QUALIFIER_LENGTH} from '../core/purl-string.js'
import {thousands} from '../core/figures.js'
import {unpackChart} from './chart-archive.js'
import {discoverChecked} from './checked.js'
import {type BadLine, type Decoded, type DecodeOptions, decodeText, readText} from './decode.js'
import {bytesToSniff, headText, SNIFF_BYTES, sniffing, sniffsFile, tailText} from './sniff.js'
import {NotRegularFile, readRegularBytes} from '../core/regular-file.js'
import {cappedErrors} from './file-errors.js'
import {createLineIndex} from '../core/line-index.js'
import {elide, MAX_MESSAGE} from '../core/elide.js'
import type {DiscoverContext, Discoverer} from './types.js'
import {asText, type FsPath, isInside, pathsUnder, WALK_MESSAGES, type WalkOptions} from './walk.js'
import {timeFile} from '../core/timing.js'

export interface Root {
  /** The given path's directory as the user wrote it, `/`-separated: output paths start with it. */
  display: string
  abs: string
  real: string
  /** A walked PATH's --include/--exclude: what a format lists of a folder (DiscoverContext.listDir) obeys them too. */
  globs?: WalkOptions
}

/** What files yield, in the order they were read (./merge.ts sorts it). */
export interface Sink {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
  /** Files read as text. */
  files: number
}

/** One file the formats claim: where it is, how large the walk saw it, which formats read it, under which root. */
export interface FileJob {
  file: string
  /** Bytes when a name on the way is not UTF-8 (./walk.ts). */
  abs: FsPath
  size: number
  formats: readonly Discoverer[]
  root: Root
  /**
   * A packaged Helm chart (./chart-archive.ts): unpacked in memory, and each file in it read as the file of an
   * unpacked chart would be, by the formats in `formats` that claim it.
   */
  archive?: boolean
  /**
   * `formats` holds sniffing formats beside a fallback one (Discoverer.fallback) that reads the file whatever its
   * content: the file is read whole anyway, so the sniff is made on its text, not on a head read beforehand.
   */
  sniffLater?: boolean
}

/** At most this many bad lines of one file are listed; the rest are counted in one more error. */
const MAX_BAD_LINES = 20

/** Runs the jobs in order; each root's other files (kustomize resources) are read once. */
export async function runJobs(jobs: readonly FileJob[], maxFileSize: number, sink: Sink): Promise<void> {
  const contexts = new Map<Root, DiscoverContext>()
  // The files of the tree, which no file in an archive may be printed as.
  const taken = new Set(jobs.map((job) => job.file))
  // Files whose problems are told anyway: read on their own, or already reported by the walk.
  const told = new Set([...taken, ...sink.errors.map((error) => error.file)])
  for (const job of jobs) {
    // Between files: once V8's young generation has grown to 8 MB a semi-space, it grows no further (core/).
    holdYoungGeneration()
    let context = contexts.get(job.root)
    if (!context) {
      context = contextFor(job.root, maxFileSize, sink, told)
      contexts.set(job.root, context)
    }
    const timed = timeFile(job.file)
    const before = sink.components.length
    await readAndDiscover(job, maxFileSize, sink, context, taken)
    timed?.(sink.components.length - before)
  }
}

/** Reads a file the formats claim, checks its size and decodes it (./decode.ts), and hands it to each format. */
async function readAndDiscover(
  job: FileJob,
  max: number,
  sink: Sink,
  context: DiscoverContext,
  taken: ReadonlySet<string>,
): Promise<void> {
  if (job.size > max) {
    sink.errors.push(tooLargeError(job.file, job.size, max))
    return
  }
  if (job.archive) return readArchive(job, max, sink, taken)
  let decoded: ReturnType<typeof readText>
  try {
    decoded = readText(job.abs, max, decodeOptions(job.file, job.formats))
  } catch (error) {
    sink.errors.push(readFailed(job.file, error))
    return
  }
  const formats = job.sniffLater ? sniffedText(job, decoded) : job.formats
  await discoverDecoded(job.file, decoded, formats, max, sink, context)
}

/** How the formats that read a file have it decoded: as Python source when one of them says it is (./decode.ts). */
export function decodeOptions(file: string, formats: readonly Discoverer[]): DecodeOptions {
  return formats.some((format) => format.pythonSource?.(file)) ? {python: true} : {}
}

/** sniffing() on a file's decoded text, as it would be on its head and tail read from disk (FileJob.sniffLater). */
function sniffedText(job: FileJob, decoded: ReturnType<typeof readText>): readonly Discoverer[] {
  if (decoded.kind !== 'text') return job.formats.filter((format) => !sniffsFile(format, job.file))
  const {text} = decoded
  const end = text.trimEnd().length
  return sniffing(
    job.formats,
    () => text.slice(0, SNIFF_BYTES),
    () => (text.length > SNIFF_BYTES ? text.slice(Math.max(0, end - SNIFF_BYTES), end) : undefined),
    {name: job.file, chunks: () => [text]},
  )
}

/**
 * A packaged chart: its files are read as those of an unpacked chart would be (the formats that claim each by its
 * path, and by its head for sniffing ones), with the root's --exclude globs; a file in it reads the archive's other
 * files (a values file its Chart.yaml), never a file on disk.
 */
async function readArchive(job: FileJob, max: number, sink: Sink, taken: ReadonlySet<string>): Promise<void> {
  let bytes: Buffer | undefined
  try {
    bytes = readRegularBytes(job.abs, max)
  } catch (error) {
    sink.errors.push(readFailed(job.file, error))
    return
  }
  if (bytes === undefined) {
    sink.errors.push(tooLargeError(job.file, job.size, max))
    return
  }
  const unpacked = await unpackChart(bytes, job.file, {left: max, max})
  appendAll(sink.errors, unpacked.errors)
  // A file of the tree printed as a file in the archive (a folder named `NAME.tgz!`): which is which could not be told.
  const twin = [...unpacked.members.keys()].find((file) => taken.has(file))
  if (twin !== undefined) {
    sink.errors.push({
      file: job.file,
      code: 'chart-archive-not-read',
      message: `the tree holds a file named as one in this archive (${twin}); its images and dependencies are not read`,
    })
    return
  }
  const read = new Map<string, readonly Discoverer[]>()
  for (const [file, data] of unpacked.members) {
    if (unpacked.archives.has(file) || excludedInside(job.root, file)) continue
    const formats = sniffing(
      job.formats.filter((format) => format.matches(file)),
      () => headText(data),
      () => tailText(data),
      bytesToSniff(file, data),
    )
    if (formats.length > 0) read.set(file, formats)
  }
  // A file read on its own tells its own problems; the context tells those of the others it reads.
  const context = archiveContext(unpacked.members, job.root, sink, new Set(read.keys()))
  for (const [file, formats] of read) {
    const data = unpacked.members.get(file) ?? new Uint8Array(0)
    await discoverDecoded(file, decodeText(data), formats, max, sink, context)
  }
}

/**
 * The files of an archive (and of the archives in it), read and listed by their paths as printed; nothing else. What
 * keeps one from being read whole is an error in `sink`, as for the files of the tree (contextFor): once, and not for
 * one read on its own (`told`) or left out by --exclude.
 */
function archiveContext(
  members: ReadonlyMap<string, Uint8Array>,
  root: Root,
  sink: Sink,
  told: ReadonlySet<string>,
): DiscoverContext {
  const texts = new Map<string, string | null>()
  return {
    readText(file) {
      const name = posix.normalize(file)
      const data = members.get(name)
      if (data === undefined) return null
      if (!texts.has(name)) {
        const read = decodedBeside(name, decodeText(data))
        if (!told.has(name) && !excludedInside(root, name)) appendAll(sink.errors, read.problems)
        texts.set(name, read.text)
      }
      return texts.get(name) ?? null
    },
    exists: (file) => members.has(posix.normalize(file)),
    listDir(dir) {
      const prefix = `${posix.normalize(dir)}/`
      const names = new Set<string>()
      for (const name of members.keys()) if (name.startsWith(prefix)) names.add(name.slice(prefix.length).split('/')[0])
      return names.size > 0 ? [...names].sort(compare) : null
    },
  }
}

/** Whether --exclude leaves out a file in an archive, or a folder in it above the file. */
function excludedInside(root: Root, file: string): boolean {
  const rel = relativeTo(root, file)
  return root.globs !== undefined && rel !== undefined && excludedAtAnyDepth(root.globs, rel)
}

export async function discoverDecoded(
  file: string,
  decoded: ReturnType<typeof readText>,
  formats: readonly Discoverer[],
  maxFileSize: number,
  sink: Sink,
  context: DiscoverContext,
): Promise<void> {
  if (decoded.kind === 'too-large') {
    sink.errors.push(tooLargeError(file, decoded.size, maxFileSize))
    return
  }
  const unread = unreadable(file, decoded, formats)
  if (unread) {
    sink.errors.push(unread)
    return
  }
  if (decoded.kind !== 'text') return
  appendAll(sink.errors, badLineErrors(file, decoded.badLines))
  sink.files++
  for (const format of formats) {
    try {
      const out = await discoverChecked(format, {file, text: decoded.text}, context)
      appendAll(sink.components, decoded.ascii ? out.components : narrowStrings(out.components))
      appendAll(sink.skipped, out.skipped ?? [])
      appendAll(sink.errors, conflictHint(cappedErrors(out.errors ?? []).map(shortMessage), file, decoded.text))
      const cut = cutValuesError(file, out.components)
      if (cut !== undefined) sink.errors.push(shortMessage(cut))
    } catch (error) {
      sink.errors.push({
        file,
        code: 'discoverer-failed',
        message: `${format.id} could not read the file: ${errorMessage(error)}`,
      })
    }
  }
}

/**
 * One error for a file whose packages hold a purl qualifier cut at its length cap (core/purl-string.ts): the value
 * was not kept whole, so the file was not read completely. At the first such package; a length check per component.
 */
function cutValuesError(file: string, components: readonly Component[]): ScanError | undefined {
  let first: Component | undefined
  let keys: string[] = []
  let count = 0
  for (const component of components) {
    // Only a value over the cap can have been cut: nearly every component is passed over on two lengths.
    const purlLength = component.purl?.length ?? 0
    if (purlLength <= MAX_QUALIFIER_LENGTH && (component.repository?.length ?? 0) <= MAX_QUALIFIER_LENGTH) continue
    const cut = purlLength > MAX_QUALIFIER_LENGTH ? cutQualifiers(component.purl ?? '') : []
    if (isCutValue(component.repository)) cut.push('repository')
    if (cut.length === 0) continue
    first ??= component
    if (keys.length === 0) keys = cut
    count++
  }
  if (first === undefined) return undefined
  const at = first.locations[0] ?? {file}
  const what = count === 1 ? 'a package' : `${thousands(count)} packages`
  return {
    file: at.file,
    ...(at.line !== undefined ? {line: at.line} : {}),
    ...(at.column !== undefined ? {column: at.column} : {}),
    code: 'value-too-long',
    message: `${what} (the first ${JSON.stringify(first.name)}) would carry a ${keys.join(' and ')} over ${thousands(MAX_QUALIFIER_LENGTH)} characters, longer than any registry's URL: kept cut at ${thousands(MAX_QUALIFIER_LENGTH)}, marked with …`,
  }
}

/** A line git writes where a merge left a conflict: `<<<<<<< ours`, at the start of a line. */
const CONFLICT_MARKER = /^<{7}(?: |$)/m

/**
 * A file a format could not read that holds git's merge-conflict markers: its first error says so, with the marker's
 * line, since a syntax error's own words (`InvalidSymbol`) do not tell why. Looked for only when there are errors.
 */
function conflictHint(errors: ScanError[], file: string, text: string): ScanError[] {
  const first = errors.findIndex((error) => error.file === file)
  if (first === -1) return errors
  const marker = CONFLICT_MARKER.exec(text)
  if (marker === null) return errors
  const {line} = createLineIndex(text).position(marker.index)
  const hinted = [...errors]
  hinted[first] = {
    ...errors[first],
    message: `${errors[first].message} (the file holds a git merge-conflict marker at line ${line}: resolve the conflict and scan again)`,
  }
  return hinted
}

/** A format's error, its message elided if a hostile input made it long (core/elide.ts). */
function shortMessage(error: ScanError): ScanError {
  return error.message.length > MAX_MESSAGE ? {...error, message: elide(error.message)} : error
}

/** Text one byte per character can hold. */
const NARROW = /^[\u0000-\u00ff]*$/

/**
 * The strings of a non-ASCII file's components that need no more than one byte per character, copied into strings
 * that use one. V8 may hold such a file's text at two bytes per character, and a slice of it stays so (and keeps
 * the whole text alive): one such string in the inventory makes the whole JSON output two bytes per character,
 * and every later pass over it (redaction, neutralising, the write) then costs twice as much.
 */
function narrowStrings(components: Component[]): Component[] {
  for (const component of components) narrowIn(component as unknown as Record<string, unknown>)
  return components
}

/** In place: a copy of a string compares equal to it, so a walk that copies only what changed would keep it. */
function narrowIn(value: Record<string, unknown> | unknown[]): void {
  const record = value as Record<string, unknown>
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (typeof item === 'string') {
      if (NARROW.test(item)) record[key] = Buffer.from(item, 'latin1').toString('latin1')
    } else if (typeof item === 'object' && item !== null) narrowIn(item as Record<string, unknown>)
  }
}

export function tooLargeError(file: string, size: number | undefined, max: number): ScanError {
  const what = size === undefined ? 'over' : `${size} bytes, over`
  return {
    file,
    code: 'too-large',
    message: `${what} the ${max}-byte limit (--max-file-size); not read`,
  }
}

/** Why a file is not text: binary (named like a file of `formats`, when a format claims it) or not UTF-8. */
function unreadable(file: string, decoded: Decoded, formats: readonly Discoverer[]): ScanError | undefined {
  if (decoded.kind === 'error') return {file, code: decoded.code, message: decoded.message}
  if (decoded.kind === 'binary') {
    const named = formats.length > 0 ? ` in a file named like a ${formats.map((f) => f.id).join('/')} file` : ''
    return {
      file,
      code: 'binary',
      message: `${decoded.what} data${named}; not read${decoded.hint ? `: ${decoded.hint}` : ''}`,
    }
  }
  return undefined
}

/** A file the file system would not let be read. */
function readFailed(file: string, error: unknown): ScanError {
  return {file, code: 'read-failed', message: `cannot read: ${plainReason(error)}`}
}

function badLineErrors(file: string, badLines: BadLine[]): ScanError[] {
  const errors: ScanError[] = badLines.slice(0, MAX_BAD_LINES).map((bad) => ({
    file,
    line: bad.line,
    ...(bad.column ? {column: bad.column} : {}),
    code: bad.code,
    message: bad.message,
  }))
  if (badLines.length > MAX_BAD_LINES) {
    const last = badLines[MAX_BAD_LINES]
    errors.push({
      file,
      line: last.line,
      code: last.code,
      message: `${badLines.length - MAX_BAD_LINES} more lines from line ${last.line} are not valid text; they are not read`,
    })
  }
  return errors
}

/**
 * Lets a format read another file under the same root (kustomize resources, a chart's Chart.yaml, GitLab CI
 * includes). A file that is there but cannot be read completely (too large, a link leaving the root or looping, a
 * FIFO, binary, bad lines) is an error in `sink`, told once: not again for a file read on its own or already reported
 * by the walk (`told`: they say it in their own words), and not for one --include or --exclude leave out. A missing
 * file, or a folder, is only null; `exists` tells it from one that is there and unread, and what either means is the
 * reading format's to say (an include that could not be read is its error, exit 2, whatever the globs).
 */
function contextFor(root: Root, maxFileSize: number, sink: Sink, told: ReadonlySet<string>): DiscoverContext {
  const cache = new Map<string, string | null>()
  const reported = new Set<string>()
  return {
    readText(file: string, options?: {keep?: boolean}): string | null {
      const rel = relativeTo(root, file)
      if (rel === undefined || rel === '') return null
      const kept = cache.get(rel)
      if (kept !== undefined) return kept
      const read = readInside(root, rel, maxFileSize)
      // Told once, in the words of the walk and the file's own formats when it is read on its own; never for a
      // file --include or --exclude leaves out.
      if (!reported.has(rel)) {
        reported.add(rel)
        if (!told.has(posix.join(root.display, rel)) && wanted(root, rel)) appendAll(sink.errors, read.problems)
      }
      if (options?.keep !== false) cache.set(rel, read.text)
      return read.text
    },
    exists(file: string): boolean {
      const rel = relativeTo(root, file)
      if (rel === undefined || rel === '') return false
      // A link leaving the tree, looping or broken is there too: not followed, but named as the file.
      const link = () => pathsUnder(root.abs, rel).some(isLink)
      try {
        const real = realInside(root, rel)
        return real === null ? link() : !isDirectory(real)
      } catch {
        return link()
      }
    },
    listDir(dir: string): string[] | null {
      const rel = relativeTo(root, dir)
      if (rel === undefined) return null
      try {
        const real = realInside(root, rel)
        if (real === null) return null
        return readdirSync(real)
          .filter((name) => wanted(root, rel ? `${rel}/${name}` : name))
          .sort(compare)
      } catch {
        return null
      }
    },
  }
}

/** Whether the walk would list a file: neither it nor a folder above it excluded, and included. */
function wanted(root: Root, rel: string): boolean {
  const globs = root.globs
  return !globs || (!excludedAtAnyDepth(globs, rel) && globs.isIncluded(rel))
}

/** Whether --exclude leaves out the path or a folder above it. */
function excludedAtAnyDepth(globs: WalkOptions, rel: string): boolean {
  const parts = rel.split('/')
  for (let depth = 1; depth <= parts.length; depth++) if (globs.isExcluded(parts.slice(0, depth).join('/'))) return true
  return false
}

/** A path as printed, relative to its root; undefined when it leaves the root. */
function relativeTo(root: Root, file: string): string | undefined {
  const rel = posix.relative(root.display, posix.normalize(file))
  return rel === '..' || rel.startsWith('../') || posix.isAbsolute(rel) ? undefined : rel
}

/**
 * The real path of a file or folder under the root, as printed; null outside it. A path printed with `\xFF` escapes
 * (a name that is not UTF-8: ./walk.ts) is tried as those bytes when nothing has the name as written. Throws when
 * neither exists.
 */
function realInside(root: Root, rel: string): FsPath | null {
  const [written, bytes] = pathsUnder(root.abs, rel)
  let real: FsPath
  try {
    real = realpathSync(written)
  } catch (error) {
    if (bytes === undefined) throw error
    real = asText(realpathSync.native(bytes, {encoding: 'buffer'}))
  }
  return isInside(root.real, real) ? real : null
}

/** A file another one reads: its text (null if it is missing, a folder or unreadable) and what kept it from being read whole. */
function readInside(root: Root, rel: string, maxFileSize: number): {text: string | null; problems: ScanError[]} {
  const file = posix.join(root.display, rel)
  const problem = (code: ErrorCode, message: string) => ({text: null, problems: [{file, code, message}]})
  let real: FsPath | null
  try {
    real = realInside(root, rel)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP') return problem('symlink-loop', WALK_MESSAGES.loop)
    // Missing (or a path through a file): the reading format says what that means.
    if (code === 'ENOENT' || code === 'ENOTDIR') return {text: null, problems: []}
    return {text: null, problems: [readFailed(file, error)]}
  }
  if (real === null) {
    // The file is a link leaving the tree; a folder above it that is one is the walk's to tell (it was not entered).
    return pathsUnder(root.abs, rel).some(isLink)
      ? problem('symlink-outside-root', WALK_MESSAGES.linkOut)
      : {text: null, problems: []}
  }
  let decoded: ReturnType<typeof readText>
  try {
    // Read as any claimed file is (never waiting on a FIFO, never past the size limit).
    decoded = readText(real, maxFileSize)
  } catch (error) {
    if (error instanceof NotRegularFile)
      return error.kind === 'directory'
        ? {text: null, problems: []}
        : problem('not-regular-file', WALK_MESSAGES.special)
    return {text: null, problems: [readFailed(file, error)]}
  }
  if (decoded.kind === 'too-large') return {text: null, problems: [tooLargeError(file, decoded.size, maxFileSize)]}
  return decodedBeside(file, decoded)
}

/** The text of a file read beside another, and what kept it from being read whole (a file of the tree or an archive's). */
function decodedBeside(file: string, decoded: Decoded): {text: string | null; problems: ScanError[]} {
  if (decoded.kind === 'text') return {text: decoded.text, problems: badLineErrors(file, decoded.badLines)}
  return {text: null, problems: [unreadable(file, decoded, []) as ScanError]}
}

function isLink(path: FsPath): boolean {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}

function isDirectory(path: FsPath): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
