/**
 * Packaged Helm charts (`NAME-VERSION.tgz`): the subcharts `helm dependency build` puts in a chart's `charts/`
 * folder (https://helm.sh/docs/helm/helm_dependency/), and a chart named as a PATH (what `helm pull` writes).
 * Unpacked in memory, never on disk, and bounded:
 * - gunzip stops at the bytes left of --max-file-size (zlib's `maxOutputLength`): a gzip bomb is refused at the
 *   limit, not inflated;
 * - the tar is read by modern-tar in strict mode: a bad header checksum or a truncated archive is an error, not
 *   the members before it (without strict mode a truncated archive gave its first members and no error);
 * - only regular files are kept (directories, links and devices are not files of the chart);
 * - member paths are read as Helm's own loader reads them (pkg/chart/loader/archive/archive.go): `\` is the separator
 *   of a name that holds one (written on Windows), `a/../b` is `b`, and a path that leaves the chart's folder
 *   (`..`, absolute, a drive letter) refuses the whole archive, as Helm refuses it ("chart illegally references
 *   parent directory");
 * - a packaged chart inside one (its own `charts/NAME.tgz`) is unpacked the same way, from the same byte budget,
 *   at most MAX_DEPTH archives deep.
 * Members are named `ARCHIVE!/PATH` (`charts/redis-17.3.0.tgz!/redis/values.yaml`), as Java names the entries of
 * a jar: the path says which file in which archive, and no member can take the name of a file on disk.
 */
import {posix} from 'node:path'
import {compare} from '../core/compare.js'
import {errorMessage} from '../core/errors.js'
import type {ScanError} from '../core/model.js'

/** Archives read one inside another (`charts/a.tgz!/a/charts/b.tgz!/b/...`), the outermost included. */
export const MAX_DEPTH = 5

/** Between an archive's path and the path of a file in it. */
const MEMBER_SEPARATOR = '!/'

/** A file of `charts/` named `*.tgz`: Helm loads it as a packaged subchart when the folder above is a chart. */
export function isChartArchiveName(file: string): boolean {
  return /(?:^|\/)charts\/[^/]+\.tgz$/.test(file)
}

export interface Unpacked {
  /** Every regular file of the archive and of the archives in it, by its full path (`ARCHIVE!/PATH`), sorted. */
  members: Map<string, Uint8Array>
  /** The packaged charts inside it that were unpacked: their members are in `members`. */
  archives: Set<string>
  errors: ScanError[]
}

/** Bytes --max-file-size leaves for what an archive and the archives in it unpack to. */
export interface Budget {
  left: number
  readonly max: number
}

/** Unpacks the chart archive `file` (as printed) from its gzip bytes; an archive that cannot be read is an error. */
export async function unpackChart(bytes: Uint8Array, file: string, budget: Budget): Promise<Unpacked> {
  const unpacked: Unpacked = {members: new Map(), archives: new Set(), errors: []}
  await unpackInto(unpacked, bytes, file, budget, 1, true)
  unpacked.members = new Map([...unpacked.members].sort(([a], [b]) => compare(a, b)))
  return unpacked
}

async function unpackInto(
  into: Unpacked,
  bytes: Uint8Array,
  file: string,
  budget: Budget,
  depth: number,
  named: boolean,
): Promise<void> {
  const refuse = (why: string) => {
    into.errors.push({
      file,
      code: 'chart-archive-not-read',
      message: `${why}; its images and dependencies are not read`,
    })
  }
  let tar: Buffer
  // Loaded on first use, as the tar reader below: zlib costs every start about 3 ms, and most trees hold no archive.
  const {gunzipSync} = await import('node:zlib')
  try {
    tar = gunzipSync(bytes, {maxOutputLength: Math.max(1, budget.left)})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return refuse(`unpacks to more than the ${budget.max}-byte limit (--max-file-size)`)
    return refuse(`not a gzip archive (${errorMessage(error)})`)
  }
  budget.left -= tar.length
  let entries: Awaited<ReturnType<typeof import('modern-tar').unpackTar>>
  try {
    // A chunk of its own once bundled.
    const {unpackTar} = await import('modern-tar')
    entries = await unpackTar(tar, {strict: true})
  } catch (error) {
    return refuse(`not a tar archive (${errorMessage(error)})`)
  }
  const files = new Map<string, Uint8Array>()
  for (const entry of entries) {
    if (entry.header.type !== 'file') continue
    const name = memberName(entry.header.name)
    if (name === undefined)
      return refuse(`holds ${JSON.stringify(entry.header.name)}, a path outside the chart's folder (Helm refuses it)`)
    files.set(name, entry.data ?? new Uint8Array(0))
  }
  const names = [...files.keys()]
  if (!names.some((name) => /^[^/]+\/Chart\.yaml$/.test(name)))
    return refuse(`holds no Chart.yaml in its top folder: ${named ? 'not a Helm chart' : 'not a packaged Helm chart'}`)
  for (const [name, data] of files) {
    const member = `${file}${MEMBER_SEPARATOR}${name}`
    into.members.set(member, data)
    if (!isChartArchiveName(name) || !files.has(`${name.split('/').slice(0, -2).join('/')}/Chart.yaml`)) continue
    if (depth >= MAX_DEPTH) {
      into.errors.push({
        file: member,
        code: 'chart-archive-not-read',
        message: `a packaged chart inside ${MAX_DEPTH} others; its images and dependencies are not read`,
      })
      continue
    }
    into.archives.add(member)
    await unpackInto(into, data, member, budget, depth + 1, false)
  }
}

/**
 * A member's path as Helm's loader reads it (pkg/chart/loader/archive: a name holding `\` was written on Windows and
 * uses it as its separator; the path is cleaned), or undefined where Helm refuses the archive: a path that is not
 * inside the chart's (top) folder, or names a drive; a NUL, which no file name holds, too.
 */
function memberName(written: string): string | undefined {
  const slashed = written.includes('\\') ? written.replaceAll('\\', '/') : written
  if (slashed.startsWith('/') || slashed.includes('\0')) return undefined
  const [top, ...rest] = slashed.split('/')
  const inChart = posix.normalize(rest.join('/'))
  if (top === '..' || inChart === '..' || inChart.startsWith('../') || /^[A-Za-z]:/.test(inChart)) return undefined
  // A file beside the chart's folder, not in it: Helm refuses it too ("content outside the base directory").
  return rest.length === 0 || inChart === '.' ? undefined : `${top}/${inChart}`
}
