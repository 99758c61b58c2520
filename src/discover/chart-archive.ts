/**
 * Packaged Helm charts (`NAME-VERSION.tgz`): the subcharts `helm dependency build` puts in a chart's `charts/`
 * folder (https://helm.sh/docs/helm/helm_dependency/), and a chart named as a PATH (what `helm pull` writes).
 * Unpacked in memory, never on disk, bounded, and read as Helm reads it (pkg/chart/loader/archive/archive.go and
 * load.go), refused where the two could differ:
 * - gunzip stops at the bytes left of --max-file-size (zlib's `maxOutputLength`): a gzip bomb is refused at the
 *   limit, not inflated; the archives inside one share the same budget, at most MAX_DEPTH archives deep;
 * - the tar is read as Go's archive/tar reads it, and anything outside what both read alike refuses the archive
 *   (./tar.ts: a bad checksum, a truncated member, links, sparse files, conflicting names...);
 * - member paths are Helm's: `\` is the separator of a name that holds one (written on Windows), `a/../b` is `b`,
 *   and a path that is not inside the chart's one top folder (`..`, absolute, a drive letter, a file beside the
 *   folder, a second top folder, which Helm would merge into the first) refuses the archive;
 * - as Helm, a subchart whose name starts with `_` or `.` is not loaded.
 * Members are named `ARCHIVE!/PATH` (`charts/redis-17.3.0.tgz!/redis/values.yaml`), as Java names the entries of
 * a jar; a member name holding `!/` is refused, so no member takes the name of one in an archive inside.
 */
import {posix} from 'node:path'
import {compare} from '../core/compare.js'
import {errorMessage} from '../core/errors.js'
import type {ScanError} from '../core/model.js'
import {readTar} from './tar.js'

/** Archives read one inside another (`charts/a.tgz!/a/charts/b.tgz!/b/...`), the outermost included. */
export const MAX_DEPTH = 5

/** Between an archive's path and the path of a file in it. */
const MEMBER_SEPARATOR = '!/'

/** A file of `charts/` named `*.tgz`: Helm loads it as a packaged subchart when the folder above is a chart. */
export function isChartArchiveName(file: string): boolean {
  // Helm skips a subchart named `_x` or `.x` (pkg/chart/loader/load.go).
  return /(?:^|\/)charts\/[^/_.][^/]*\.tgz$/.test(file)
}

interface Unpacked {
  /** Every regular file of the archive and of the archives in it, by its full path (`ARCHIVE!/PATH`), sorted. */
  members: Map<string, Uint8Array>
  /** The packaged charts inside it that were unpacked: their members are in `members`. */
  archives: Set<string>
  errors: ScanError[]
}

/** Bytes --max-file-size leaves for what an archive and the archives in it unpack to. */
interface Budget {
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
  // Loaded on first use: zlib costs every start about 3 ms, and most trees hold no archive.
  const {gunzipSync} = await import('node:zlib')
  try {
    tar = gunzipSync(bytes, {maxOutputLength: Math.max(1, budget.left)})
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE')
      return refuse(`not a gzip archive (${errorMessage(error)})`)
    return refuse(
      budget.left === budget.max
        ? `unpacks to more than the ${budget.max}-byte limit (--max-file-size)`
        : `unpacks to more than the ${budget.left} bytes left of the ${budget.max}-byte limit (--max-file-size) an archive and the archives in it share`,
    )
  }
  budget.left -= tar.length
  const read = readTar(tar)
  if ('error' in read) return refuse(`not a tar archive Helm and stewards read alike: ${read.error}`)
  const files = new Map<string, Uint8Array>()
  const tops = new Set<string>()
  for (const entry of read.entries) {
    const name = memberName(entry.name)
    if (name === undefined)
      return refuse(`holds ${JSON.stringify(entry.name)}, a path outside the chart's folder (Helm refuses it)`)
    if (name.includes(MEMBER_SEPARATOR))
      return refuse(`holds ${JSON.stringify(entry.name)}, whose ${MEMBER_SEPARATOR} names a file in an archive`)
    tops.add(name.slice(0, name.indexOf('/')))
    // A member written twice: the last one counts, as for Helm.
    files.set(name, entry.data)
  }
  if (tops.size > 1)
    return refuse(
      `holds ${tops.size} top folders (${[...tops].sort(compare).slice(0, 3).join(', ')}); Helm would read them as one`,
    )
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
  const path = rest.join('/')
  // Helm takes what follows the top folder: absolute there (`top//etc/x`), it is refused too.
  if (path.startsWith('/')) return undefined
  const inChart = posix.normalize(path)
  // Helm: `strings.HasPrefix(n, "..")`, so `..values.yaml` too.
  if (top === '..' || inChart.startsWith('..') || /^[A-Za-z]:/.test(inChart)) return undefined
  // A file beside the chart's folder, not in it: Helm refuses it too ("content outside the base directory").
  return rest.length === 0 || inChart === '.' ? undefined : `${top}/${inChart}`
}
