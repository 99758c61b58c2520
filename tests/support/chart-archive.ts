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
