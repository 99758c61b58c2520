/**
 * Where a tool looks for a file above the one it reads (MSBuild's Directory.Packages.props, Cargo's workspace root and
 * `.cargo/config.toml`): `name` in the file's own folder, then in each folder above it, up to the scan's root. Paths
 * are the discover stage's (relative to the scan root, `/` separators); the context's readText refuses anything
 * outside the root.
 */
import {posix} from 'node:path'

export function* pathsAbove(file: string, name: string): Generator<string> {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    if (dir === '.' || dir === '') {
      yield name
      return
    }
    yield dir === '/' ? `/${name}` : `${dir}/${name}`
    if (dir === '/') return
  }
}
