/**
 * Maven versions as Maven and Gradle write them: one that a build fetches as it is (`1.2.3`, `2.0.0-RC1`,
 * `33.2.1-jre`), a range (`[1.0,2.0)`), which names no single version, Maven's meta-versions and Gradle's strict
 * shorthand and dynamic versions.
 */

/** A version fetched as it is: letters, digits and `. _ + -`, at most 128 characters; undefined for anything else. */
export function exactMavenVersion(version: string | undefined): string | undefined {
  return version && /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(version) ? version : undefined
}

/** A version range (`[1.0,2.0)`, `(,1.0]`): listed without a version, the range kept in the component's ref. */
export function isVersionRange(version: string): boolean {
  return /^[[(]/.test(version)
}

/**
 * Maven's meta-versions, resolved when the build runs from the repository's `maven-metadata.xml`: `RELEASE` the newest
 * release, `LATEST` the newest version, snapshots too (DefaultVersionResolver in apache/maven's maven-impl; deprecated,
 * a warning in a POM, still resolved; tools.deps resolves them the same way through Maven's resolver). Not versions: a
 * component takes none, and keeps what is written in ref.
 */
export function isMavenMetaVersion(version: string | undefined): boolean {
  return version === 'RELEASE' || version === 'LATEST'
}

/**
 * The version Gradle's strict shorthand declares (StrictVersionParser, taken by build scripts and version catalogs
 * alike): `1.0!!` is strictly 1.0, `[1.0,2.0)!!1.5` prefers 1.5 within the range; any other text as it is.
 */
export function gradleStrictVersion(text: string): string {
  const strict = text.indexOf('!!')
  return strict === -1 ? text : text.slice(strict + 2) || text.slice(0, strict)
}

/** Gradle's dynamic versions (https://docs.gradle.org/current/userguide/dynamic_versions.html): `1.+`, `+`, `latest.release`. */
export function isGradleDynamicVersion(version: string): boolean {
  return version.endsWith('+') || version.startsWith('latest.')
}
