import {purlString} from '../../core/purl-string.js'
import type {Ecosystem} from '../../core/model.js'

export type PackageEcosystem = Exclude<Ecosystem, 'docker' | 'helm'>

const SLASH_NAMESPACED: ReadonlySet<PackageEcosystem> = new Set([
  'npm',
  'composer',
  'golang',
  'swift',
  'terraform',
  'githubactions',
])

/**
 * purl `vcs_url` of a package installed from git: `git+<url>`, and `@<ref>` when a branch, tag or commit is named. An
 * scp-like address (`git@github.com:o/r.git`) is written as the URL git reads it as (`ssh://git@github.com/o/r.git`):
 * a `vcs_url` is a URL.
 */
export function gitVcsUrl(url: string, ref?: string | null): string {
  return `git+${scpToSshUrl(url)}${ref ? `@${ref}` : ''}`
}

/** scp-like `user@host:path` as the URL git reads it as (`ssh://user@host/path`); any other address as written. */
export function scpToSshUrl(address: string): string {
  const scp = /^([\w.-]+@[\w.-]+):(?!\/\/)(.*)$/.exec(address)
  if (scp === null) return address
  return `ssh://${scp[1]}/${scp[2].replace(/^\/+/, '')}`
}

/**
 * Splits a name into purl namespace and name: `@scope/x`, `vendor/x`, `github.com/a/b` keep all but the last
 * segment as namespace; Maven's `group:artifact` splits at the colon.
 */
export function splitName(ecosystem: PackageEcosystem, name: string): [string | undefined, string] {
  if (ecosystem === 'maven') {
    const colon = name.indexOf(':')
    if (colon > 0) return [name.slice(0, colon), name.slice(colon + 1)]
  }
  if (SLASH_NAMESPACED.has(ecosystem)) {
    const slash = name.lastIndexOf('/')
    if (slash > 0) return [name.slice(0, slash), name.slice(slash + 1)]
  }
  return [undefined, name]
}

/**
 * A package URL (https://github.com/package-url/purl-spec) built by packageurl-js, which applies each type's
 * normalisation (PEP 503 names for pypi, lower case for composer). undefined when the spec rejects the input.
 * Most entries are already in the form every type keeps as it is (./purl.test.ts checks the two agree on the
 * corpus and on edge cases): those are written directly, which costs a twentieth of building a PackageURL.
 */
export function packagePurl(
  ecosystem: PackageEcosystem,
  name: string,
  version?: string,
  qualifiers?: Record<string, string>,
): string | undefined {
  const [namespace, shortName] = splitName(ecosystem, name)
  if (qualifiers === undefined) {
    const plain = plainPurl(ecosystem, namespace, shortName, version)
    if (plain !== undefined) return plain
  }
  try {
    return purlString(ecosystem, namespace, shortName, version, qualifiers, undefined)
  } catch {
    return undefined
  }
}

/**
 * Lower-case ASCII letters, digits and `.`, `-`, `_` (no type changes them, none is percent-encoded), starting with
 * a letter or digit. pypi turns `_` into `-`, so there `_` is left to packageurl-js.
 */
const PLAIN_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/
const PLAIN_PYPI = /^[a-z0-9][a-z0-9.-]*$/
/** Versions are never normalised: ASCII letters, digits and `.`, `-`, `_`, `+` stay as they are. */
const PLAIN_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/
/**
 * packageurl-js refuses a golang version that starts with `v` and is not semver after it: such versions are left
 * to it. The grammar of https://semver.org (its suggested regular expression).
 */
const GO_SEMVER =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/**
 * Types whose purls the plain form gives (./purl.test.ts compares each with packageurl-js). Not maven and swift
 * (a namespace, and for swift a version, is required) nor pub (`-` becomes `_`).
 */
const PLAIN_TYPES: ReadonlySet<PackageEcosystem> = new Set([
  'npm',
  'pypi',
  'golang',
  'cargo',
  'gem',
  'composer',
  'nuget',
  'terraform',
  'githubactions',
  'github',
  'generic',
])

/** The purl of an entry its type writes as it is given; undefined for anything else. */
export function plainPurl(
  ecosystem: PackageEcosystem,
  namespace: string | undefined,
  name: string,
  version: string | undefined,
): string | undefined {
  if (!PLAIN_TYPES.has(ecosystem)) return undefined
  if (!(ecosystem === 'pypi' ? PLAIN_PYPI : PLAIN_SEGMENT).test(name)) return undefined
  if (version !== undefined && !PLAIN_VERSION.test(version)) return undefined
  if (ecosystem === 'golang' && version?.startsWith('v') && !GO_SEMVER.test(version)) return undefined
  let prefix = `pkg:${ecosystem}/`
  if (namespace !== undefined) {
    // An npm scope's `@` is percent-encoded.
    const scoped = ecosystem === 'npm' && namespace.startsWith('@')
    const segments = (scoped ? namespace.slice(1) : namespace).split('/')
    if (!segments.every((segment) => PLAIN_SEGMENT.test(segment))) return undefined
    prefix += `${scoped ? '%40' : ''}${segments.join('/')}/`
  }
  return version === undefined ? `${prefix}${name}` : `${prefix}${name}@${version}`
}
