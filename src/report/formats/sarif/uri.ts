/**
 * SARIF artifact URIs. Locations are scan-root-relative paths; GitHub wants them relative (resolved against
 * `%SRCROOT%`, the checkout) and percent-encoded (SARIF 2.1.0 §3.4.3: RFC 3986 URI references).
 */

/** The uriBaseId every relative artifact location uses; GitHub resolves it to the repository checkout. */
export const SRCROOT = '%SRCROOT%'

/** Encodes one path segment; `encodeURIComponent` also escapes `:` so a first segment never reads as a scheme. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment)
}

export interface ArtifactUri {
  uri: string
  uriBaseId?: string
}

export function artifactUri(file: string): ArtifactUri {
  // Only a Windows path has backslash separators; elsewhere a backslash is part of a name (and a neutralised name
  // shows a control character as `\u202E`: src/core/neutralise.ts), so it is kept and percent-encoded.
  const path = /^[A-Za-z]:\\/.test(file) ? file.replace(/\\/g, '/') : file
  const drive = /^([A-Za-z]):\//.exec(path)
  if (path.startsWith('/') || drive) {
    // An absolute path (not expected: discover writes root-relative paths) becomes a file: URI, kept absolute.
    const rest = (drive ? path.slice(3) : path.slice(1)).split('/').map(encodeSegment).join('/')
    return {uri: drive ? `file:///${drive[1]}:/${rest}` : `file:///${rest}`}
  }
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.')
  return {uri: segments.map(encodeSegment).join('/') || '.', uriBaseId: SRCROOT}
}
