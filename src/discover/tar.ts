/**
 * A strict reader of the tar archives Helm packages charts in: it reads a tar exactly as Go's archive/tar reads it
 * (which Helm's loader uses), for the subset of the format real charts use, and refuses everything else, so that
 * stewards never reads an archive one way while Helm installs it another.
 *
 * Written by hand, because the libraries tried do not read like Go: modern-tar applies a global PAX `path` to every
 * later member (Go keeps it to the global header itself), lets a PAX `path` override a GNU long name (Go does the
 * opposite), reads a size field with a leading NUL as 0 (Go trims it), keeps a sparse file's GNU name, and turns a
 * regular file named `values.yaml/` into a folder; an adversarial review made each of these hide a chart's
 * `values.yaml` from the scan while Helm would install it. nanotar mis-reads PAX records holding spaces.
 *
 * Read like Go: 512-byte headers with their checksum (unsigned or signed sum), numbers in octal trimmed of spaces
 * and NULs, the USTAR prefix, PAX `x` records (`path`, `size`), GNU long names (`L`), a global PAX header kept to
 * itself, regular files (`0`, `7`, and NUL, which with a trailing `/` is a folder), folders, and the end of the
 * archive at two zero blocks or at the end of the data. Refused (the caller reports the archive as not read): a bad
 * checksum or number, base-256 numbers, a truncated member, a malformed PAX record, a member named both by PAX and
 * by GNU, sparse files, links, devices and FIFOs (Helm reads them as empty files), a regular file whose name ends
 * with `/` or whose mode says folder, a name that is not UTF-8, the STAR format, anything after one zero block but a
 * second.
 */

interface TarEntry {
  /** The member's path as written (the USTAR prefix joined, or the PAX or GNU long name). */
  name: string
  data: Uint8Array
}

type TarRead = {entries: TarEntry[]} | {error: string}

const BLOCK = 512
const UTF8 = new TextDecoder('utf-8', {fatal: true})
const LATIN1 = new TextDecoder('latin1')

class Refused extends Error {}

/** The regular files of a tar archive, in order, or why it is refused. */
export function readTar(tar: Uint8Array): TarRead {
  try {
    return {entries: entries(tar)}
  } catch (error) {
    if (error instanceof Refused) return {error: error.message}
    throw error
  }
}

function entries(tar: Uint8Array): TarEntry[] {
  const found: TarEntry[] = []
  /** What PAX `x` and GNU `L` headers said of the next member. */
  let pax: Map<string, string> | undefined
  let longName: string | undefined
  let offset = 0
  for (;;) {
    if (offset === tar.length) {
      if (pax || longName !== undefined) refuse(offset, 'the archive ends after a header that names the next member')
      return found
    }
    if (tar.length - offset < BLOCK) refuse(offset, 'the archive is truncated inside a header')
    const header = tar.subarray(offset, offset + BLOCK)
    if (isZero(header)) {
      // The end: a second zero block, or the end of the data (Go's archive/tar reads no further).
      const next = tar.subarray(offset + BLOCK, offset + 2 * BLOCK)
      if (next.length === 0 || (next.length === BLOCK && isZero(next))) return found
      refuse(offset, 'a zero block is followed by something other than a second one')
    }
    checkSum(header, offset)
    // Go: the USTAR magic (its version unread) means USTAR or PAX, whose prefix field is the name's folder.
    const ustar = LATIN1.decode(header.subarray(257, 263)) === 'ustar\u0000'
    if (ustar && LATIN1.decode(header.subarray(508, 512)) === 'tar\u0000') refuse(offset, 'the STAR format is not read')
    const type = String.fromCharCode(header[156])
    const ownSize = number(header, 124, 12, offset, 'size')
    const size =
      type === 'x' || type === 'g' || type === 'L' || pax?.get('size') === undefined ? ownSize : paxSize(pax, offset)
    const dataStart = offset + BLOCK
    const next = dataStart + Math.ceil(size / BLOCK) * BLOCK
    if (next > tar.length) refuse(offset, 'the archive is truncated inside a member')
    const data = tar.subarray(dataStart, dataStart + size)
    if (type === 'x') {
      if (pax) refuse(offset, 'two headers name the same member')
      if (longName !== undefined) refuse(offset, 'a member is named both by PAX and by GNU')
      pax = paxRecords(data, offset)
      if ([...pax.keys()].some((key) => key.startsWith('GNU.sparse.'))) refuse(offset, 'a sparse file is not read')
    } else if (type === 'g') {
      // Go returns a global header as a member of its own and applies it to nothing else; Helm skips it. Go drops
      // what an `x` or `L` header before it said; another reader might not.
      if (pax || longName !== undefined) refuse(offset, 'a global header comes between a header and its member')
      paxRecords(data, offset)
    } else if (type === 'L') {
      if (longName !== undefined) refuse(offset, 'two headers name the same member')
      if (pax) refuse(offset, 'a member is named both by PAX and by GNU')
      longName = text(cString(data), offset)
    } else {
      let name = text(cString(header.subarray(0, 100)), offset)
      const prefix = ustar ? text(cString(header.subarray(345, 500)), offset) : ''
      if (prefix !== '') name = `${prefix}/${name}`
      name = pax?.get('path') ?? longName ?? name
      pax = undefined
      longName = undefined
      const mode = number(header, 100, 8, offset, 'mode')
      if (type === '5' || (type === '\u0000' && name.endsWith('/'))) {
        // a folder
      } else if (type === '0' || type === '7' || type === '\u0000') {
        if (name.endsWith('/')) refuse(offset, `the regular file ${JSON.stringify(name)} is named like a folder`)
        if ((mode & 0o170000) !== 0 && (mode & 0o170000) !== 0o100000)
          refuse(offset, `the regular file ${JSON.stringify(name)} has the mode of another kind of file`)
        found.push({name, data})
      } else if ('123456'.includes(type)) {
        refuse(offset, `${JSON.stringify(name)} is a link, device or FIFO (Helm reads such a member as an empty file)`)
      } else refuse(offset, `a member of type ${JSON.stringify(type)} is not read`)
    }
    offset = next
  }
}

function refuse(offset: number, why: string): never {
  throw new Refused(`${why} (at byte ${offset})`)
}

function isZero(block: Uint8Array): boolean {
  for (const byte of block) if (byte !== 0) return false
  return true
}

/** The checksum field against the header's bytes summed with that field as spaces, unsigned or signed (as Go). */
function checkSum(header: Uint8Array, offset: number): void {
  const stored = number(header, 148, 8, offset, 'checksum')
  let unsigned = 0
  let signed = 0
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : header[i]
    unsigned += byte
    signed += byte > 127 ? byte - 256 : byte
  }
  if (stored !== unsigned && stored !== signed) refuse(offset, 'a header checksum does not match')
}

/** An octal field as Go reads it (spaces and NULs trimmed at both ends); base-256 and anything else refused. */
function number(header: Uint8Array, start: number, length: number, offset: number, field: string): number {
  const raw = LATIN1.decode(header.subarray(start, start + length))
  if (raw.charCodeAt(0) & 0x80) refuse(offset, `a base-256 ${field} is not read`)
  const digits = raw.replace(/^[ \u0000]+|[ \u0000]+$/g, '')
  if (!/^[0-7]*$/.test(digits)) refuse(offset, `the ${field} field is not an octal number`)
  return digits === '' ? 0 : Number.parseInt(digits, 8)
}

/** The PAX `size` record: a decimal number. */
function paxSize(pax: Map<string, string>, offset: number): number {
  const value = pax.get('size') ?? ''
  if (!/^\d{1,15}$/.test(value)) refuse(offset, 'a PAX size is not a number')
  return Number(value)
}

/** PAX records (`LENGTH KEY=VALUE\n`, LENGTH counting the whole record), each checked as Go checks it. */
function paxRecords(data: Uint8Array, offset: number): Map<string, string> {
  const records = new Map<string, string>()
  let at = 0
  while (at < data.length) {
    const space = data.indexOf(0x20, at)
    const digits = space > at && space - at <= 10 ? LATIN1.decode(data.subarray(at, space)) : ''
    const length = /^\d+$/.test(digits) ? Number(digits) : Number.NaN
    if (!(Number.isInteger(length) && length >= 5 && at + length <= data.length && space < at + length))
      refuse(offset, 'a PAX record is malformed')
    if (data[at + length - 1] !== 0x0a) refuse(offset, 'a PAX record does not end with a line feed')
    const record = text(data.subarray(space + 1, at + length - 1), offset)
    const equals = record.indexOf('=')
    if (equals <= 0) refuse(offset, 'a PAX record has no key')
    const key = record.slice(0, equals)
    const value = record.slice(equals + 1)
    if (key.includes('\u0000') || ((key === 'path' || key === 'linkpath') && value.includes('\u0000')))
      refuse(offset, 'a PAX record holds a NUL')
    records.set(key, value)
    at += length
  }
  return records
}

/** The bytes up to the first NUL. */
function cString(bytes: Uint8Array): Uint8Array {
  const end = bytes.indexOf(0)
  return end < 0 ? bytes : bytes.subarray(0, end)
}

function text(bytes: Uint8Array, offset: number): string {
  try {
    return UTF8.decode(bytes)
  } catch {
    return refuse(offset, 'a name is not UTF-8')
  }
}
