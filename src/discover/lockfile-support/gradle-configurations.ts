/**
 * Gradle's test configurations, as gradle-lockfile (resolved ones: `testCompileClasspath`,
 * `integrationTestRuntimeClasspath`) and gradle-build (declared ones: `testImplementation`,
 * `androidTestImplementation`, `testFixturesApi`) both tell them: a name that starts with `test`, or holds `Test` not
 * followed by a lower-case letter (so not `…Testing…`).
 */
export function isGradleTestConfiguration(name: string): boolean {
  return /^test|Test(?![a-z])/.test(name)
}
