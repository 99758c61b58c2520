/**
 * Composer's names and version constraints as composer.json writes them
 * (https://getcomposer.org/doc/04-schema.md#package-links, https://getcomposer.org/doc/articles/versions.md): which
 * names are packages of a registry, which are the platform's, and which constraints name one version. Written by hand:
 * Composer's own patterns (composer/semver VersionParser, PlatformRepository) rely on PCRE's possessive quantifiers,
 * and copied into JavaScript they backtrack exponentially on a hostile name; these are the same languages, written so
 * that no character can be matched two ways (each a single pass).
 */

/**
 * Platform packages (PlatformRepository::PLATFORM_PACKAGE_REGEX): PHP itself and its variants, HHVM, extensions,
 * system libraries and Composer's own APIs. Provided by the machine that runs Composer, never by a repository.
 */
const PLATFORM =
  /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9]+(?:[_.-][a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i

/** Longer names and constraints are not looked at by a pattern (none is that long; a hostile one may be megabytes). */
const MAX_LENGTH = 512

/**
 * One version, as VersionParser::normalize reads it: an optional `=`/`==`, `v`, one to four numbers, a stability
 * suffix other than `dev` (`-beta2`, `-RC1`, `-p1`) and build metadata; and after it, a stability flag (`@beta`),
 * which changes what may be installed, not which version. Everything else (`^`, `~`, `*`, `.x`, ranges, `||`,
 * `dev-` branches, `-dev`, `as` aliases, `self.version`) admits more than one version.
 */
const EXACT =
  /^(?:==?\s*)?(v?\d{1,9}(?:\.\d{1,9}){0,3}(?:[._-]?(?:stable|beta|b|rc|alpha|a|patch|pl|p)(?:[.-]?\d+(?:[.-]\d+)*)?)?(?:\+[0-9a-z.-]+)?)(?:@(?:stable|rc|beta|alpha|dev))?$/i

export function isPlatformPackage(name: string): boolean {
  return name.length <= MAX_LENGTH && PLATFORM.test(name)
}

/** Whether a lower-cased name is a Composer package name (shared with the Packagist resolver). */
export {isComposerName} from '../../../core/package-names.js'

/** The version an exact constraint names (as written, without `=` and a stability flag); undefined for any other. */
export function exactVersion(constraint: string): string | undefined {
  const trimmed = constraint.trim()
  return trimmed.length <= MAX_LENGTH ? EXACT.exec(trimmed)?.[1] : undefined
}

/**
 * Whether `text` matches `pattern`, where `*` matches any run of characters and, when `anyOne`, `?` one character:
 * PHP's glob within one path segment, or (without `?`, both lower-cased) a name of a Composer repository's
 * `only`/`exclude` list, as BasePackage::packageNamesToRegexp reads it. The usual wildcard algorithm (back to the
 * last `*` on a mismatch): time bounded by the product of the two lengths, never exponential.
 */
export function wildcardMatch(text: string, pattern: string, anyOne: boolean): boolean {
  let t = 0
  let p = 0
  let star = -1
  let resume = 0
  while (t < text.length) {
    const c = pattern[p]
    if (p < pattern.length && c !== '*' && (c === text[t] || (anyOne && c === '?'))) {
      t++
      p++
    } else if (c === '*') {
      star = p++
      resume = t
    } else if (star !== -1) {
      p = star + 1
      t = ++resume
    } else return false
  }
  while (pattern[p] === '*') p++
  return p === pattern.length
}
