import {PackageURL} from 'packageurl-js'
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
 * Splits a name into purl namespace and name: `@scope/x`, `vendor/x`, `github.com/a/b` keep all but the last
 * segment as namespace; Maven's `group:artifact` splits at the colon.
 */
function splitName(ecosystem: PackageEcosystem, name: string): [string | undefined, string] {
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
 */
export function packagePurl(
  ecosystem: PackageEcosystem,
  name: string,
  version?: string,
  qualifiers?: Record<string, string>,
): string | undefined {
  const [namespace, shortName] = splitName(ecosystem, name)
  try {
    return new PackageURL(ecosystem, namespace, shortName, version, qualifiers, undefined).toString()
  } catch {
    return undefined
  }
}
