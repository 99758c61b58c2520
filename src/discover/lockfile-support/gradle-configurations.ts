/**
 * What gradle-lockfile, gradle-build and gradle-version-catalog tell alike.
 *
 * Gradle's test configurations, as gradle-lockfile (resolved ones: `testCompileClasspath`,
 * `integrationTestRuntimeClasspath`) and gradle-build (declared ones: `testImplementation`,
 * `androidTestImplementation`, `testFixturesApi`) both tell them: a name that starts with `test`, or holds `Test` not
 * followed by a lower-case letter (so not `…Testing…`).
 */
export function isGradleTestConfiguration(name: string): boolean {
  return /^test|Test(?![a-z])/.test(name)
}

/**
 * The marker artifact through which Gradle resolves a plugin id (`id:id.gradle.plugin`,
 * https://docs.gradle.org/current/userguide/plugins.html#sec:plugin_markers): how a plugin is listed as a package.
 */
export function gradlePluginMarker(id: string): string {
  return `${id}:${id}.gradle.plugin`
}
