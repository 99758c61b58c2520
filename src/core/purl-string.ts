/**
 * Package URLs as stewards writes them: through packageurl-js (each type's normalisation and encoding), with every
 * qualifier value at most MAX_QUALIFIER_LENGTH characters.
 *
 * Why the cap: a format applies one URL it reads (a Gemfile's `source`, an `.npmrc` registry, a pip `--index-url`,
 * a helmfile repository) to each package it lists, so a 200 KB URL over 3,000 gems made 600 MB of purls (1.3 GB of
 * memory, 34 s) out of a 200 KB file. No registry, index, feed or repository URL comes near 2,048 characters (the
 * length the sitemap protocol and common browsers and CDNs allow), so a longer value is cut there and marked with
 * CUT: each package then costs at most a few kilobytes more, about what its other fields cost. The mark keeps what
 * the value says for resolving (a `repository_url` that is not a public registry's stays one: the package is not
 * looked up by its name on the public registry), and `cutQualifiers` finds it again, so that the discover stage
 * reports the file as not read completely (`value-too-long`, core/errors.ts).
 */
import {PackageURL} from 'packageurl-js'

export const MAX_QUALIFIER_LENGTH = 2048
/** What ends a cut value (one UTF-16 unit, so a cut value is MAX_QUALIFIER_LENGTH + 1 units long). */
const CUT = '…'

/** `qualifiers` itself when every value fits (no copy), else a copy with the long values cut and marked. */
export function boundedQualifiers<T extends Record<string, string> | undefined>(qualifiers: T): T {
  if (qualifiers === undefined) return qualifiers
  let copy: Record<string, string> | undefined
  for (const key in qualifiers) {
    const value = qualifiers[key]
    if (typeof value !== 'string' || value.length <= MAX_QUALIFIER_LENGTH) continue
    copy ??= {...qualifiers}
    copy[key] = boundedValue(value)
  }
  return (copy ?? qualifiers) as T
}

/**
 * `value` cut at MAX_QUALIFIER_LENGTH and marked, if longer: for a URL a component carries beside its purl too (a
 * chart's `repository`), which every chart of one repository would otherwise repeat in the output.
 */
export function boundedValue(value: string): string {
  return value.length <= MAX_QUALIFIER_LENGTH ? value : `${value.slice(0, MAX_QUALIFIER_LENGTH)}${CUT}`
}

/** Whether boundedValue cut `value`. */
export function isCutValue(value: string | undefined): boolean {
  return value !== undefined && value.length === MAX_QUALIFIER_LENGTH + 1 && value.endsWith(CUT)
}

/** `new PackageURL(...).toString()` with bounded qualifiers; throws what packageurl-js throws for what it refuses. */
export function purlString(
  type: string,
  namespace: string | undefined | null,
  name: string,
  version: string | undefined | null,
  qualifiers: Record<string, string> | undefined | null,
  subpath: string | undefined | null,
): string {
  return new PackageURL(type, namespace, name, version, boundedQualifiers(qualifiers ?? undefined), subpath).toString()
}

/**
 * The qualifiers of `purl` that boundedQualifiers cut (none for nearly every purl: only one longer than the cap can
 * hold one, and only such a purl is parsed).
 */
export function cutQualifiers(purl: string): string[] {
  if (purl.length <= MAX_QUALIFIER_LENGTH) return []
  let qualifiers: Record<string, string> | undefined | null
  try {
    qualifiers = PackageURL.fromString(purl).qualifiers
  } catch {
    return []
  }
  if (!qualifiers) return []
  return Object.keys(qualifiers).filter((key) => isCutValue(qualifiers[key]))
}
