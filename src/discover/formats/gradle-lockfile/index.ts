/**
 * Gradle dependency lock files (https://docs.gradle.org/current/userguide/dependency_locking.html):
 * `gradle.lockfile` and `buildscript-gradle.lockfile` (one line per module, `group:name:version=conf1,conf2`,
 * plus `empty=...`), and the older per-configuration files `gradle/dependency-locks/<configuration>.lockfile`
 * (one `group:name:version` per line). Read line by line: the format has no library.
 */
import {posix} from 'node:path'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'gradle-lockfile',
  description: 'Gradle gradle.lockfile, buildscript-gradle.lockfile and gradle/dependency-locks/*.lockfile',
  matches(file) {
    const base = posix.basename(file)
    if (base === 'gradle.lockfile' || base === 'buildscript-gradle.lockfile') return true
    return base.endsWith('.lockfile') && /(^|\/)gradle\/dependency-locks\/[^/]+$/.test(file)
  },
  identify: (head) => head.startsWith('# This is a Gradle generated file for dependency locking.'),
  discover({file, text}) {
    return discoverGradleLockfile(file, text)
  },
}

/** Maven coordinates as Gradle writes them: group and artifact ids, and a version without spaces. */
const COORDINATE = /^([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([^\s:=,]+)$/

/** Configurations of tests only: `testCompileClasspath`, `integrationTestRuntimeClasspath`... */
function isTestConfiguration(name: string): boolean {
  return /^test|Test[A-Z]|Test$/.test(name)
}

export function discoverGradleLockfile(file: string, text: string): DiscoverOutput {
  const base = posix.basename(file)
  const buildscript = base === 'buildscript-gradle.lockfile'
  // The per-configuration form names its configuration in the file name.
  const fileConfiguration = base === 'gradle.lockfile' || buildscript ? undefined : base.replace(/\.lockfile$/, '')
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

/** Build script classpath and test-only configurations are development dependencies; the rest ship. */
function scopeOf(configurations: string[], buildscript: boolean): Scope | undefined {
  if (buildscript) return 'dev'
  if (configurations.length === 0) return undefined
  return configurations.every(isTestConfiguration) ? 'dev' : 'prod'
}
