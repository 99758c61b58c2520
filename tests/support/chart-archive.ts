/**
 * Packaged Helm charts for tests, as `helm package` writes them: a gzipped tar whose files sit under one top folder
 * named after the chart. Written with modern-tar's packer, which keeps whatever names it is given (hostile ones too).
 */
import {gzipSync} from 'node:zlib'
import {packTar} from 'modern-tar'

export type Member = string | Uint8Array | {type: 'symlink' | 'directory'; linkname?: string}

/** A .tgz of `files` (path in the archive → content, or a link or folder entry), in that order. */
export async function chartArchive(files: Record<string, Member>): Promise<Buffer> {
  return gzipSync(await tarOf(files))
}

/** The uncompressed tar. */
export async function tarOf(files: Record<string, Member>): Promise<Uint8Array> {
  return packTar(
    Object.entries(files).map(([name, content]) => {
      if (typeof content === 'object' && !(content instanceof Uint8Array))
        return {header: {name, size: 0, type: content.type, linkname: content.linkname}}
      const body = typeof content === 'string' ? new TextEncoder().encode(content) : content
      return {header: {name, size: body.length, type: 'file' as const}, body}
    }),
  )
}

/** A chart's Chart.yaml. */
export function chartYaml(name: string, version = '1.0.0', extra = ''): string {
  return `apiVersion: v2\nname: ${name}\nversion: ${version}\n${extra}`
}

/** One raw tar header as Go's archive/tar writes it (USTAR), with any field set by hand for hostile archives. */
export interface RawHeader {
  name: string
  type?: string
  /** The size field as written (octal digits, or anything else); default the data's length in octal. */
  sizeField?: string
  mode?: number
  prefix?: string
  /** Bytes 257..265: default USTAR's magic and version. */
  magic?: string
  /** Adds this to the checksum as stored, to make it wrong. */
  checksumOff?: number
  /** Bytes written over the header before its checksum is made: a name that is not UTF-8, a STAR trailer. */
  bytes?: Array<{at: number; value: Uint8Array}>
}

/** A member: its raw header and data (padded to 512-byte blocks). */
export function rawMember(header: RawHeader, data: string | Uint8Array = ''): Uint8Array {
  const body = typeof data === 'string' ? new TextEncoder().encode(data) : data
  const block = new Uint8Array(512)
  const put = (at: number, text: string, length: number) =>
    block.set(new TextEncoder().encode(text).subarray(0, length), at)
  put(0, header.name, 100)
  put(100, `${(header.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 8)
  put(108, '0000000\0', 8)
  put(116, '0000000\0', 8)
  put(124, header.sizeField ?? `${body.length.toString(8).padStart(11, '0')}\0`, 12)
  put(136, '00000000000\0', 12)
  put(148, '        ', 8)
  put(156, header.type ?? '0', 1)
  put(257, header.magic ?? 'ustar\u000000', 8)
  put(345, header.prefix ?? '', 155)
  for (const {at, value} of header.bytes ?? []) block.set(value, at)
  const sum = block.reduce((total, byte) => total + byte, 0) + (header.checksumOff ?? 0)
  put(148, `${sum.toString(8).padStart(6, '0')}\0 `, 8)
  const padded = new Uint8Array(512 + Math.ceil(body.length / 512) * 512)
  padded.set(block)
  padded.set(body, 512)
  return padded
}

/** PAX records (`LENGTH KEY=VALUE\n`) as the data of an `x` or `g` header. */
export function paxData(records: Record<string, string>): string {
  return Object.entries(records)
    .map(([key, value]) => {
      const rest = ` ${key}=${value}\n`
      let length = rest.length + 1
      while (`${length}${rest}`.length !== length) length++
      return `${length}${rest}`
    })
    .join('')
}

/** Members joined, and the two zero blocks that end an archive. */
export function rawTar(...members: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(members.reduce((n, m) => n + m.length, 0) + 1024)
  let at = 0
  for (const member of members) {
    all.set(member, at)
    at += member.length
  }
  return all
}
