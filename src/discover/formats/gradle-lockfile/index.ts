/**
 * Gradle dependency lock files (https://docs.gradle.org/current/userguide/dependency_locking.html):
 * `gradle.lockfile`, `buildscript-gradle.lockfile` and `settings-gradle.lockfile` (one line per module,
 * `group:name:version=conf1,conf2`, plus `empty=...`), and the older per-configuration files
 * `gradle/dependency-locks/<configuration>.lockfile` (one `group:name:version` per line; the build script's is
 * `buildscript-classpath.lockfile`). Read line by line: the format has no library.
 */
import {isGradleTestConfiguration} from '../../lockfile-support/gradle-configurations.js'
import {posix} from 'node:path'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'gradle-lockfile',
  description:
    'Gradle gradle.lockfile, buildscript-gradle.lockfile, settings-gradle.lockfile and gradle/dependency-locks/*.lockfile',
  matches(file) {
    const base = posix.basename(file)
    if (LOCKFILES.has(base)) return true
    return base.endsWith('.lockfile') && /(^|\/)gradle\/dependency-locks\/[^/]+$/.test(file)
  },
  identify: (head) => head.startsWith('# This is a Gradle generated file for dependency locking.'),
  discover({file, text}) {
    return discoverGradleLockfile(file, text)
  },
}

/**
 * The lock files of a project (`gradle.lockfile`) and of the classpaths of its build (`buildscript-gradle.lockfile`
 * for the build script's, `settings-gradle.lockfile` for the settings script's: plugins, Gradle 6.1 and later).
 */
const LOCKFILES = new Set(['gradle.lockfile', 'buildscript-gradle.lockfile', 'settings-gradle.lockfile'])
/** Lock files of a build's own classpath (plugins), never of what it builds: Gradle 6+ and the older per-configuration form. */
const BUILD_CLASSPATH = new Set([
  'buildscript-gradle.lockfile',
  'settings-gradle.lockfile',
  'buildscript-classpath.lockfile',
])

/** Maven coordinates as Gradle writes them: group and artifact ids, and a version without spaces. */
const COORDINATE = /^([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([^\s:=,]+)$/

/**
 * Configurations that only build tools resolve, whose modules never ship with what is built: code quality and
 * coverage (Gradle's checkstyle, pmd, codenarc, jacoco plugins; spotbugs, detekt, ktlint, errorprone, spotless,
 * kover, sonarlint), compilers and their plugins (kotlinCompilerClasspath…, zinc, scalaCompilerPlugins, protoc
 * located by the protobuf plugin), annotation processors (`annotationProcessor`, `…AnnotationProcessor`, kapt) and
 * JMH benchmarks. Kotlin Multiplatform copies them as `…Copy`, `…Copy2`.
 */
const TOOL_CONFIGURATION = new RegExp(
  [
    '^(checkstyle|pmd|pmdAux|codenarc|jacoco(Agent|Ant)|spotbugs(Plugins|Slf4j)?|detekt(Plugins)?',
    '|ktlint(Ruleset|Reporter|BaselineReporter)?|errorprone(Javac)?|spotless-?\\d*|kover[A-Za-z]*|sonarlintCore(Classpath)?',
    '|kotlinCompilerClasspath|kotlinCompilerPluginClasspath[A-Za-z]*|kotlinNativeCompilerPluginClasspath',
    '|kotlinKlibCommonizerClasspath|kotlinBuildToolsApiClasspath|kotlinInternalAbiValidation',
    '|zinc|scalaCompilerPlugins|protobufToolsLocator_[A-Za-z0-9]+',
    '|annotationProcessor|[A-Za-z0-9_]+AnnotationProcessor|kapt[A-Za-z0-9]*',
    '|jmh([A-Z][A-Za-z]*)?)(Copy\\d*)?$',
  ].join(''),
)

function isToolConfiguration(name: string): boolean {
  return TOOL_CONFIGURATION.test(name)
}

export function discoverGradleLockfile(file: string, text: string): DiscoverOutput {
  const base = posix.basename(file)
  const buildscript = BUILD_CLASSPATH.has(base)
  // The per-configuration form names its configuration in the file name.
  const fileConfiguration = LOCKFILES.has(base) ? undefined : base.replace(/\.lockfile$/, '')
  const components: Component[] = []
  const errors: ScanError[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const equals = line.indexOf('=')
    const coordinate = equals >= 0 ? line.slice(0, equals) : line
    if (coordinate === 'empty') return
    const configurations =
      equals >= 0
        ? line
            .slice(equals + 1)
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean)
        : fileConfiguration
          ? [fileConfiguration]
          : []
    const match = COORDINATE.exec(coordinate)
    if (!match) {
      errors.push(
        lockfileError(file, 'invalid-entry', `not group:artifact:version: '${line.slice(0, 120)}'`, index + 1, 1),
      )
      return
    }
    const [, group, artifact, version] = match
    components.push(
      packageComponent(file, {
        ecosystem: 'maven',
        name: `${group}:${artifact}`,
        version,
        ref: coordinate,
        line: index + 1,
        column: raw.length - raw.trimStart().length + 1,
        scope: scopeOf(configurations, buildscript),
      }),
    )
  })
  return {components, errors}
}

/**
 * The build's own classpath, and modules only test or build-tool configurations hold, are development dependencies;
 * a module any other configuration holds (`compileClasspath`, `runtimeClasspath`, a custom one) may ship: `prod`.
 */
function scopeOf(configurations: string[], buildscript: boolean): Scope | undefined {
  if (buildscript) return 'dev'
  if (configurations.length === 0) return undefined
  return configurations.every((name) => isGradleTestConfiguration(name) || isToolConfiguration(name)) ? 'dev' : 'prod'
}
