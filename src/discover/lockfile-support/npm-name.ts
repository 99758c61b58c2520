/** npm descriptor helpers shared by the package-lock, yarn and pnpm formats. */

export interface Descriptor {
  name: string
  /** Everything after the name's `@`: a range, `npm:real@range`, `workspace:*`, `file:../x`... */
  range: string
}

/** `@scope/name@^1.0.0` → {name: '@scope/name', range: '^1.0.0'}; a bare name has an empty range. */
export function parseDescriptor(text: string): Descriptor {
  const at = text.indexOf('@', text.startsWith('@') ? 1 : 0)
  if (at === -1) return {name: text, range: ''}
  return {name: text.slice(0, at), range: text.slice(at + 1)}
}

/** `npm:real@1.0.0` (an alias) → the real descriptor; undefined for anything else. */
export function aliasTarget(range: string): Descriptor | undefined {
  if (!range.startsWith('npm:')) return undefined
  const target = parseDescriptor(range.slice(4))
  // `npm:^1.0.0` (berry) names no other package.
  if (target.name === '' || /^[\^~<>=*\d]/.test(target.name)) return undefined
  return target
}

/** Ranges that point at the local disk rather than a registry. */
export function isLocalRange(range: string): boolean {
  return (
    /^(file:|link:|portal:|workspace:)/.test(range) ||
    range.startsWith('./') ||
    range.startsWith('../') ||
    range.startsWith('/')
  )
}

/** Git or tarball URLs: the version is whatever the remote holds. */
export function isRemoteRange(range: string): boolean {
  return /^(git\+|git:|github:|gitlab:|bitbucket:|https?:)/.test(range) || /^[\w-]+\/[\w.-]+(#.*)?$/.test(range)
}

/** The package name at the end of a package-lock `packages` key: `node_modules/a/node_modules/@s/b` → `@s/b`. */
export function nameFromInstallPath(key: string): string | undefined {
  const marker = key.lastIndexOf('node_modules/')
  if (marker === -1) return undefined
  return key.slice(marker + 'node_modules/'.length)
}

/** purl qualifiers for a package fetched from elsewhere than the registry: git → vcs_url, tarball → download_url. */
export function sourceQualifiers(url: string | undefined): Record<string, string> | undefined {
  if (url === undefined || !isRemoteRange(url)) return undefined
  if (/^https?:/.test(url)) return url.includes('/-/') ? undefined : {download_url: url}
  return {vcs_url: url}
}
