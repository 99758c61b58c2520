/**
 * Maven versions as Maven and Gradle write them: one that a build fetches as it is (`1.2.3`, `2.0.0-RC1`,
 * `33.2.1-jre`), or a range (`[1.0,2.0)`), which names no single version.
 */

/** A version fetched as it is: letters, digits and `. _ + -`, at most 128 characters; undefined for anything else. */
export function exactMavenVersion(version: string | undefined): string | undefined {
  return version && /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(version) ? version : undefined
}

/** A version range (`[1.0,2.0)`, `(,1.0]`): listed without a version, the range kept in the component's ref. */
export function isVersionRange(version: string): boolean {
  return /^[[(]/.test(version)
}
