import {readFileSync} from 'node:fs'
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
        'settings-gradle.lockfile',
        'build/settings-gradle.lockfile',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, false, true, true])
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

  const fixture = (path: string) => readFileSync(new URL(`__fixtures__/${path}`, import.meta.url), 'utf8')
  const scopes = (out: Required<DiscoverOutput>) =>
    out.components.map((c) => `${c.locations[0].line} ${c.name}:${c.version} ${c.scope}`)

  it('reads the settings script classpath lock (settings-gradle.lockfile) as dev', () => {
    const out = discover(fixture('gradle-errorprone-plugin/settings-gradle.lockfile'), 'settings-gradle.lockfile')
    expect(out.errors).toEqual([])
    expect(scopes(out)).toEqual([
      '4 com.gradle.enterprise:com.gradle.enterprise.gradle.plugin:3.6 dev',
      '5 com.gradle:gradle-enterprise-gradle-plugin:3.6 dev',
    ])
  })

  it('reads the build script classpath of the Gradle-before-6 form (buildscript-classpath.lockfile) as dev', () => {
    const file = 'gradle/dependency-locks/buildscript-classpath.lockfile'
    expect(scopes(discover(fixture(`nomulus/${file}`), file))).toEqual([
      '4 com.github.jengelman.gradle.plugins:shadow:5.1.0 dev',
      '5 junit:junit:4.12 dev',
    ])
  })

  it('counts a configuration with a digit after Test as a test one', () => {
    expect(scopes(discover(fixture('dd-trace-java/kafka-clients-0.11/gradle.lockfile')))).toEqual([
      '5 at.yawk.lz4:lz4-java:1.10.1 dev',
      '6 cafe.cryptography:curve25519-elisabeth:0.1.0 dev',
    ])
  })

  it('reads modules only build tools resolve (code quality, benchmarks, processors, compilers) as dev', () => {
    expect(scopes(discover(fixture('dd-trace-java/components-json/gradle.lockfile')))).toEqual([
      '5 ch.qos.logback:logback-classic:1.2.13 dev',
      '6 ch.qos.logback:logback-core:1.2.13 dev',
      '7 com.github.javaparser:javaparser-core:3.25.6 dev',
      '8 com.github.spotbugs:spotbugs-annotations:4.10.3 prod',
      '9 com.github.spotbugs:spotbugs:4.10.3 dev',
      '10 com.github.stephenc.jcip:jcip-annotations:1.0-1 dev',
      '11 com.google.code.findbugs:jsr305:3.0.2 prod',
    ])
    const tools = [
      'jacocoAgent,jacocoAnt',
      'sonarlintCoreClasspath',
      'detektPlugins',
      'ktlint',
      'checkstyle',
      'pmd',
      'errorprone',
      'annotationProcessor',
      'main_java11AnnotationProcessor',
      'kaptTest',
      'kotlinCompilerClasspath',
      'kotlinCompilerPluginClasspathJvmMainCopy2',
      'spotless-641085672',
      'jmh',
    ]
    const prod = ['compileClasspath', 'runtimeClasspath', 'default', 'jvmRuntimeClasspath', 'jmhx', 'spotbugsx']
    const out = discover([...tools, ...prod].map((conf) => `org.example:lib:1.0=${conf}`).join('\n'))
    expect(out.components.map((c) => c.scope)).toEqual([...tools.map(() => 'dev'), ...prod.map(() => 'prod')])
  })
})
