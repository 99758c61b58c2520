import {isPublicRegistry} from '../../core/public-registries.js'
import {trimEnd} from '../../core/trim-end.js'
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

/**
 * The package a yarn `patch:` range patches, as its source descriptor names it (https://yarnpkg.com/protocols/patch):
 * `patch:@acme/ui@npm%3A2.0.0#~/.yarn/patches/….patch::…` → {name: '@acme/ui', range: 'npm:2.0.0'}. yarn writes the
 * source URL-encoded before the `#` that starts the patch's path, and reads it back with `structUtils.parseRange`
 * (@yarnpkg/plugin-patch patchUtils.ts `parseSpec`: the source decoded; none is "Patch locators must explicitly define
 * their source"). Undefined when there is no `#`, the source does not decode, or it is no `name@range`. Read by
 * package.json's dependencies and yarn berry's lockfile alike.
 */
export function patchSource(range: string): Descriptor | undefined {
  const hash = range.indexOf('#')
  if (hash === -1) return undefined
  let inner: string
  try {
    inner = decodeURIComponent(range.slice('patch:'.length, hash))
  } catch {
    return undefined
  }
  const source = parseDescriptor(inner)
  return source.name === '' || source.range === '' ? undefined : source
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

/**
 * purl qualifiers for where a package was fetched from, when that is not the public npm registry: git → `vcs_url`;
 * a registry's tarball (`<registry>/<name>/-/<file>.tgz`, npm's layout) from another registry → `repository_url`,
 * that registry (the purl spec's qualifier for a non-default package repository); any other tarball →
 * `download_url`. Resolvers never ask the public registry about a package from elsewhere
 * (resolve/support.ts otherSource): one of the same name there is another package.
 */
export function sourceQualifiers(url: string | undefined): Record<string, string> | undefined {
  if (url === undefined || !isRemoteRange(url)) return undefined
  if (!/^https?:/.test(url)) return {vcs_url: url}
  const dash = url.indexOf('/-/')
  if (dash === -1) return {download_url: url}
  // Most tarballs are the npm registry's: known by their host without cutting the URL apart (a lockfile has thousands).
  return isPublicRegistry('npm', url) ? undefined : registryQualifiers(registryOfTarball(url.slice(0, dash)))
}

/** `repository_url` for a registry's URL (Bun's lockfile names it), none for the public registry or none named. */
export function registryQualifiers(registry: string | undefined): Record<string, string> | undefined {
  const base = registry === undefined ? undefined : trimEnd(registry, '/')
  if (base === undefined || base === '' || isPublicRegistry('npm', base)) return undefined
  return {repository_url: base}
}

/** `https://r.example.com/npm/@scope/name` (what precedes `/-/`) → `https://r.example.com/npm`. */
function registryOfTarball(prefix: string): string {
  const parts = prefix.split('/')
  parts.pop()
  // `@scope/name` is two segments (`@scope%2fname`, one).
  if (parts.length > 3 && parts[parts.length - 1].startsWith('@')) parts.pop()
  return parts.join('/')
}
