/**
 * What the value of a package.json dependency names (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#dependencies):
 * a range of a registry's versions, an `npm:` alias, a path on disk, a git repository, a tarball URL, a catalog entry
 * (pnpm, yarn, Bun), or another package manager's protocol. Told in npm-package-arg's order (paths, then hosted git
 * and git URLs, then other URLs, then registry ranges), from the text alone: npm-package-arg is not a dependency of
 * stewards, and it would resolve paths against the disk. Git and tarball sources carry purl qualifiers of the form
 * the npm lockfile formats give them (../../lockfile-support/npm-name.ts sourceQualifiers).
 */
import {
  aliasTarget,
  isLocalRange,
  isRemoteRange,
  patchSource,
  sourceQualifiers,
} from '../../lockfile-support/npm-name.js'

export type Spec =
  /** A registry package: `version` when the range names one version only. */
  | {kind: 'registry'; name: string; version: string | undefined}
  /** A package of this tree: a path, `file:`, `link:`, `portal:`, `workspace:`, yarn's `exec:`. */
  | {kind: 'local'; name: string}
  /** A git repository or a tarball URL: qualifiers say which (undefined: a tarball of the public registry). */
  | {kind: 'remote'; name: string; qualifiers: Record<string, string> | undefined}
  /** `catalog:` (the default catalog) or `catalog:<name>`. */
  | {kind: 'catalog'; catalog: string}
  /** A protocol not read, and why. */
  | {kind: 'unsupported'; why: string}
  /** An alias whose target is not a package name. */
  | {kind: 'bad-name'; name: string}

/**
 * npm package names (https://github.com/npm/validate-npm-package-name): URL-safe characters, an optional scope; the
 * upper-case letters of names published before 2017 (`JSONStream`) are taken. The npm-registry resolver's rule.
 */
const PACKAGE_NAME = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/
const MAX_NAME = 214

export function isPackageName(name: string): boolean {
  return name.length <= MAX_NAME && PACKAGE_NAME.test(name)
}

/**
 * One version, as node-semver reads it loosely: `1.2.3`, `=1.2.3`, `v1.2.3`, with a prerelease and build. Any other
 * range (`^1`, `1.2`, `1.x`, `>=1 <2`, `*`, a dist-tag) names several or a moving one. Bounded repetitions: linear.
 */
const EXACT =
  /^=?\s*v?(\d{1,16}\.\d{1,16}\.\d{1,16}(?:-[0-9A-Za-z-]{1,64}(?:\.[0-9A-Za-z-]{1,64}){0,32})?(?:\+[0-9A-Za-z-]{1,64}(?:\.[0-9A-Za-z-]{1,64}){0,32})?)$/

export function exactVersion(range: string): string | undefined {
  return range.length > 512 ? undefined : EXACT.exec(range.trim())?.[1]
}

/** npm-package-arg's file specs besides isLocalRange's: `.`, `~/`, a backslash, a drive letter. */
const PATH_LIKE = /^(?:\.|~\/|\\|[A-Za-z]:)/
/** A tarball on disk named without `./` (npm-package-arg: `isFileType`). */
const TARBALL_FILE = /\.(?:tgz|tar\.gz|tar)$/i
/** Git URLs and the hosted shorthands (npm-package-arg through hosted-git-info), the scheme lower-cased first. */
const GIT_URL = /^(?:git\+[a-z]+:|git:|github:|gitlab:|bitbucket:|gist:)/
/** scp-like `git@github.com:owner/repo.git`. */
const SCP = /^[\w.-]+@[\w.-]+:(?!\/\/)/
/** A URL's scheme, which npm (through URL) reads without case: `GitHub:`, `HTTPS:`. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]{0,31}:/
/** A protocol this reader does not know (`jsr:`, yarn's `patch:`). */
const PROTOCOL = /^([A-Za-z][A-Za-z0-9+.-]{0,31}):/

const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['jsr', 'a JSR package (https://jsr.io), not an npm registry package of this name'],
])

/**
 * The dependency `name` with the value `written`. `catalog:` is looked up by the caller, which reads the range it
 * gives with `inCatalog` (a catalog entry that names another catalog is not followed).
 */
export function readSpec(name: string, written: string, inCatalog = false): Spec {
  const range = written.trim()
  if (range.startsWith('catalog:'))
    return inCatalog
      ? {kind: 'unsupported', why: 'a catalog entry that names a catalog'}
      : {kind: 'catalog', catalog: range.slice('catalog:'.length).trim() || 'default'}
  if (/^patch:/i.test(range)) return patchSpec(name, range, inCatalog)
  if (range.startsWith('npm:')) {
    const target = aliasTarget(range)
    // `npm:^1.0.0` (yarn) is a range of the package itself.
    if (target === undefined) return registry(name, range.slice('npm:'.length))
    if (!isPackageName(target.name)) return {kind: 'bad-name', name: target.name}
    // npm takes only a registry range after an alias.
    return registry(target.name, target.range)
  }
  return sourceSpec(name, range)
}

/**
 * yarn's `patch:` (https://yarnpkg.com/protocols/patch: `patch:lodash@1.0.0#./my-patch-file.patch`): the package
 * the patch applies to, as its source descriptor (before the `#`, URL-encoded as yarn writes it:
 * `patch:@rollup/plugin-commonjs@npm%3A29.0.2#~/.yarn/patches/…`) names it; yarn fetches that package, then
 * patches it (`patchSource` in ../../lockfile-support/npm-name.ts, which yarn-lock's berry reader shares). A patch
 * without a source (yarn: "Patch locators must explicitly define their source"), or whose source is no `name@range`,
 * is not read.
 */
function patchSpec(name: string, range: string, inCatalog: boolean): Spec {
  const source = patchSource(range)
  if (source === undefined || /^patch:/i.test(source.range))
    return {kind: 'unsupported', why: "yarn's patch of a package whose source is not 'name@range'"}
  const {name: target, range: targetRange} = source
  if (!isPackageName(target)) return {kind: 'bad-name', name: target}
  const spec = readSpec(target, targetRange, inCatalog)
  // The patched package under the key's name (a patch's source is the key's own package, as yarn writes it).
  return spec.kind === 'local' || spec.kind === 'remote' ? {...spec, name} : spec
}

function registry(name: string, range: string): Spec {
  return {kind: 'registry', name, version: exactVersion(range)}
}

function sourceSpec(name: string, written: string): Spec {
  const range = written.replace(SCHEME, (scheme) => scheme.toLowerCase())
  if (isLocalRange(range) || PATH_LIKE.test(range) || range.startsWith('exec:')) return {kind: 'local', name}
  if (GIT_URL.test(range) || SCP.test(range)) return {kind: 'remote', name, qualifiers: {vcs_url: range}}
  const hosted = hostedRepository(range)
  if (hosted === null) return {kind: 'remote', name, qualifiers: {download_url: range}}
  if (hosted !== undefined) return {kind: 'remote', name, qualifiers: {vcs_url: hosted}}
  if (/^https?:\/\//i.test(range)) return {kind: 'remote', name, qualifiers: sourceQualifiers(range)}
  // `owner/repo` and `owner/repo#ref`: GitHub, as npm reads it; written as the lockfiles of such a package write it.
  if (isRemoteRange(range) && !TARBALL_FILE.test(range))
    return {kind: 'remote', name, qualifiers: {vcs_url: `github:${range}`}}
  if (TARBALL_FILE.test(range)) return {kind: 'local', name}
  const protocol = PROTOCOL.exec(range)?.[1]
  if (protocol !== undefined)
    return {
      kind: 'unsupported',
      why: UNSUPPORTED.get(protocol.toLowerCase()) ?? `'${protocol}:' is no protocol npm reads`,
    }
  return registry(name, range)
}

/**
 * An https URL that npm clones rather than downloads: one hosted-git-info's `fromUrl` reads as a repository of
 * GitHub, GitLab or Bitbucket (lib/hosts.js `extract`), its `vcs_url`; null for a download from one of them (never a
 * registry's tarball, though GitLab's `/-/` looks like one); undefined for a URL of another host.
 * - GitHub (`http:` too): `/owner/repo` (`#ref`), or `/owner/repo/tree/<ref>`, written `github:owner/repo#ref` as
 *   npm saves it; any other page (`/archive/…`, `/releases/…`) is a download.
 * - GitLab: any path of two segments or more (subgroups: `/group/sub/project`) without `/-/` or `/archive.tar.gz`.
 * - Bitbucket: `/owner/repo` and below, but for `/owner/repo/get/…` (a download).
 */
function hostedRepository(range: string): string | null | undefined {
  const match =
    /^(https?):\/\/(?:www\.)?(github\.com|gitlab\.com|bitbucket\.org)(\/[^?#]*)?(?:\?[^#]*)?(?:#.*)?$/i.exec(
      range.length > 4096 ? '' : range,
    )
  if (match === null) return undefined
  const [, protocol, host, path = ''] = match
  const segments = path.split('/').slice(1)
  switch (host.toLowerCase()) {
    case 'github.com': {
      const [user, repo, type, ref] = segments
      if (!user || !repo || (type && type !== 'tree')) return null
      if (type !== 'tree') return range
      const project = repo.endsWith('.git') ? repo.slice(0, -4) : repo
      return `github:${user}/${project}${ref ? `#${ref}` : ''}`
    }
    case 'gitlab.com': {
      if (protocol !== 'https' || path.includes('/-/') || path.includes('/archive.tar.gz')) return null
      const project = segments.pop()
      return project && segments.join('/') ? range : null
    }
    default: {
      const [user, repo, aux] = segments
      return protocol === 'https' && user && repo && aux !== 'get' ? range : null
    }
  }
}
