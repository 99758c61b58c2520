/** Splits a `packages` key into name and version, per lockfile generation (pnpm/spec/lockfile). */
export interface NameVersion {
  name: string
  version: string
}

/** Peer-dependency suffixes: `_react@18.2.0` (5.x), `(react@18.2.0)` (6.x, 9.x snapshots). */
export function stripPeers(version: string): string {
  const paren = version.indexOf('(')
  const cut = paren === -1 ? version : version.slice(0, paren)
  const underscore = cut.indexOf('_')
  return underscore === -1 ? cut : cut.slice(0, underscore)
}

/**
 * 5.x: `/name/1.0.0_peers`, `/@scope/name/1.0.0`; 6.x: `/name@1.0.0(peers)`; 9.x: `name@1.0.0`.
 * Keys of other shapes (`github.com/owner/repo/sha`, `file:dir`) are undefined: their entries carry `name`/`version`,
 * as are keys with an empty version (`/encoding/`), which no pnpm parses.
 *
 * A 5.x key that is not `/name/version` is read as `/name@version` (a 6.x key under a 5.x header, as hand-edited
 * lockfiles have it): pnpm 9 and later read every lockfile older than 9.0 that way, the leading `/` dropped and the
 * name split from the version at the first `@` after the name's first character (`convertPkgIds` in
 * @pnpm/lockfile-file 9, `parse` in @pnpm/dependency-path: `dependencyPath.indexOf('@', 1)`). Its peers suffix is
 * stripped as 5.x writes it (`_react@18.2.0`) or as 6.x does (`(react@18.2.0)`).
 */
export function parsePackageKey(key: string, major: number): NameVersion | undefined {
  const bare = key.startsWith('/') ? key.slice(1) : key
  if (major >= 6) return atSeparated(bare)
  if (!key.startsWith('/')) return undefined
  const parts = bare.split('/')
  const nameLength = bare.startsWith('@') ? 2 : 1
  const version = parts.length === nameLength + 1 ? stripPeers(parts[nameLength]) : ''
  if (version !== '') return {name: parts.slice(0, nameLength).join('/'), version}
  const written = atSeparated(bare)
  return written && {name: written.name, version: stripPeers(written.version)}
}

/** `name@version(peers)`: the name up to the first `@` after its first character, the version without its peers. */
function atSeparated(bare: string): NameVersion | undefined {
  const withoutPeers = bare.includes('(') ? bare.slice(0, bare.indexOf('(')) : bare
  const at = withoutPeers.indexOf('@', 1)
  if (at === -1 || at === withoutPeers.length - 1) return undefined
  return {name: withoutPeers.slice(0, at), version: withoutPeers.slice(at + 1)}
}
