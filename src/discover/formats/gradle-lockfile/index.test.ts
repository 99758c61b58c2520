import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'app/gradle.lockfile') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

describe('gradle-lockfile', () => {
  it('claims the lock file names', () => {
    expect(
      [
        'gradle.lockfile',
        'a/buildscript-gradle.lockfile',
        'gradle/dependency-locks/compileClasspath.lockfile',
        'other.lockfile',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, false])
  })

  it('reads coordinates with their configurations as scope, lines and purls', () => {
    const out = discover(
      [
        '# This is a Gradle generated file for dependency locking.',
        '# Manual edits can break the build and are not advised.',
        '# This file is expected to be part of source control.',
        'com.google.guava:guava:33.2.1-jre=compileClasspath,runtimeClasspath,testCompileClasspath',
        'org.junit.jupiter:junit-jupiter-api:5.10.2=testCompileClasspath,testRuntimeClasspath',
        'not a coordinate',
        'empty=annotationProcessor',
        '',
      ].join('\n'),
    )
    expect(out.components.map((c) => [c.name, c.version, c.scope, c.purl, c.locations[0].line])).toEqual([
      ['com.google.guava:guava', '33.2.1-jre', 'prod', 'pkg:maven/com.google.guava/guava@33.2.1-jre', 4],
      [
        'org.junit.jupiter:junit-jupiter-api',
        '5.10.2',
        'dev',
        'pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.2',
        5,
      ],
    ])
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([[6, 'invalid-entry']])
  })

  it('reads buildscript locks as dev and the per-configuration form', () => {
    expect(
      discover('org.jetbrains.kotlin:kotlin-gradle-plugin:2.0.0=classpath\n', 'buildscript-gradle.lockfile')
        .components[0].scope,
    ).toBe('dev')
    const legacy = discover('junit:junit:4.13.2\n', 'gradle/dependency-locks/testRuntimeClasspath.lockfile')
    expect(legacy.components.map((c) => [c.name, c.scope])).toEqual([['junit:junit', 'dev']])
  })
})
