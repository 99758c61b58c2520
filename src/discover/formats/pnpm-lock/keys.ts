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
 * Keys of other shapes (`github.com/owner/repo/sha`, `file:dir`) are undefined: their entries carry `name`/`version`.
 */
export function parsePackageKey(key: string, major: number): NameVersion | undefined {
  const bare = key.startsWith('/') ? key.slice(1) : key
  if (major >= 6) {
    const withoutPeers = bare.includes('(') ? bare.slice(0, bare.indexOf('(')) : bare
    const at = withoutPeers.indexOf('@', 1)
    if (at === -1) return undefined
    return {name: withoutPeers.slice(0, at), version: withoutPeers.slice(at + 1)}
  }
  if (!key.startsWith('/')) return undefined
  const parts = bare.split('/')
  const nameLength = bare.startsWith('@') ? 2 : 1
  if (parts.length !== nameLength + 1) return undefined
  return {name: parts.slice(0, nameLength).join('/'), version: stripPeers(parts[nameLength])}
}
