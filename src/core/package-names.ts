/** PEP 503 normalised name: lower case, runs of `-`, `_`, `.` become one `-` (https://peps.python.org/pep-0503/#normalized-names). */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}

/**
 * `vendor/package` once lower-cased (Composer compares names case-insensitively): words of letters and digits joined
 * by one `-`, `.` or `_` (in the package part also `--`), as Composer's ValidatingArrayLoader::hasPackageNamingError.
 * Composer's own pattern relies on PCRE's possessive quantifiers and, copied into JavaScript, backtracks
 * exponentially on a hostile name (`a` × 30 then `!`); this is the same language written so that no character can be
 * matched two ways. Longer names are not looked at (none is that long; a hostile one may be megabytes).
 */
const COMPOSER_NAME = /^[a-z0-9]+(?:[_.-][a-z0-9]+)*\/[a-z0-9]+(?:(?:[_.]|--?)[a-z0-9]+)*$/

export function isComposerName(name: string): boolean {
  return name.length <= 512 && COMPOSER_NAME.test(name)
}
