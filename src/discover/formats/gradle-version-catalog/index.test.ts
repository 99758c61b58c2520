import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const discover = (text: string, file = 'gradle/libs.versions.toml') =>
  discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line} ${c.ref} ${c.version ?? '-'} ${c.scope ?? '-'} ${c.purl}`)

describe('gradle-version-catalog', () => {
  it('matches *.versions.toml, and tells a catalog on standard input by its tables', () => {
    expect(discoverer.matches('gradle/libs.versions.toml')).toBe(true)
    expect(discoverer.matches('build-logic/gradle/tools.versions.toml')).toBe(true)
    expect(discoverer.matches('Cargo.toml')).toBe(false)
    expect(discoverer.matches('node_modules/x/gradle/libs.versions.toml')).toBe(false)
    expect(discoverer.identify?.('[versions]\nkotlin = "1.8.0"\n')).toBe(true)
    expect(discoverer.identify?.('# catalog\n[libraries]\n')).toBe(true)
    expect(discoverer.identify?.('[[package]]\nname = "a"\n[versions]\n')).toBe(false)
    expect(discoverer.identify?.('[package]\nname = "a"\n')).toBe(false)
  })

  it('lists the libraries and plugins of a real catalog at their lines (android/nowinandroid)', () => {
    const text = readFileSync(new URL('./__fixtures__/nowinandroid/gradle/libs.versions.toml', import.meta.url), 'utf8')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '14 androidx.compose:compose-bom:2023.01.00 2023.01.00 - pkg:maven/androidx.compose/compose-bom@2023.01.00',
      '15 androidx.compose.foundation:foundation - - pkg:maven/androidx.compose.foundation/foundation',
      '16 androidx.compose.material3:material3:1.1.0-alpha06 1.1.0-alpha06 - pkg:maven/androidx.compose.material3/material3@1.1.0-alpha06',
      '17 androidx.core:core-ktx:1.9.0 1.9.0 - pkg:maven/androidx.core/core-ktx@1.9.0',
      '18 androidx.window:window:1.0.0 1.0.0 - pkg:maven/androidx.window/window@1.0.0',
      '19 com.google.firebase:firebase-bom:31.2.0 31.2.0 - pkg:maven/com.google.firebase/firebase-bom@31.2.0',
      '20 com.google.firebase:firebase-analytics-ktx - - pkg:maven/com.google.firebase/firebase-analytics-ktx',
      '21 com.google.dagger:hilt-android:2.44.2 2.44.2 - pkg:maven/com.google.dagger/hilt-android@2.44.2',
      '24 com.android.tools.build:gradle:7.4.1 7.4.1 - pkg:maven/com.android.tools.build/gradle@7.4.1',
      '25 org.jetbrains.kotlin:kotlin-gradle-plugin:1.8.0 1.8.0 - pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.8.0',
      '28 com.android.application:com.android.application.gradle.plugin:7.4.1 7.4.1 dev pkg:maven/com.android.application/com.android.application.gradle.plugin@7.4.1',
      '29 com.google.dagger.hilt.android:com.google.dagger.hilt.android.gradle.plugin:2.44.2 2.44.2 dev pkg:maven/com.google.dagger.hilt.android/com.google.dagger.hilt.android.gradle.plugin@2.44.2',
      '30 org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin:1.8.0 1.8.0 dev pkg:maven/org.jetbrains.kotlin.jvm/org.jetbrains.kotlin.jvm.gradle.plugin@1.8.0',
      '31 com.google.devtools.ksp:com.google.devtools.ksp.gradle.plugin:1.8.0-1.0.9 1.8.0-1.0.9 dev pkg:maven/com.google.devtools.ksp/com.google.devtools.ksp.gradle.plugin@1.8.0-1.0.9',
      '32 com.google.android.libraries.mapsplatform.secrets-gradle-plugin:com.google.android.libraries.mapsplatform.secrets-gradle-plugin.gradle.plugin:2.0.1 2.0.1 dev pkg:maven/com.google.android.libraries.mapsplatform.secrets-gradle-plugin/com.google.android.libraries.mapsplatform.secrets-gradle-plugin.gradle.plugin@2.0.1',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'maven')).toBe(true)
    // The BOMs' entries: their version is the platform's, which the catalog does not say.
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '15 unresolved-version androidx.compose.foundation:foundation: no version in the catalog (a platform or BOM the build applies may give one)',
      '20 unresolved-version com.google.firebase:firebase-analytics-ktx: no version in the catalog (a platform or BOM the build applies may give one)',
    ])
  })

  it('reads every form Gradle documents: strings, module or group and name, rich versions, refs, table headers', () => {
    const out = discover(`[versions]
guava = { strictly = "[33.0, 34.0)", prefer = "33.2.1-jre" }
jackson = { require = "2.17.1", reject = ["2.17.0"] }
only-reject = { rejectAll = true }

[libraries]
"quoted-alias" = "org.slf4j:slf4j-api:2.0.13"
no-version = "org.slf4j:slf4j-simple"
dynamic = "com.example:dynamic:1.+"
guava = { module = "com.google.guava:guava", version.ref = "guava" }
jackson.module = "com.fasterxml.jackson.core:jackson-databind"
jackson.version.ref = "jackson"
strict = { group = "com.example", name = "strict", version = { strictly = "1.4.2" } }
rejected = { module = "com.example:rejected", version.ref = "only-reject" }

[libraries.commons-text]
module = "org.apache.commons:commons-text"
version = "1.12.0"

[bundles]
logging = ["quoted-alias", "no-version"]

[plugins]
short = "org.example.short:1.0"
bare = "org.example.bare"
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '7 org.slf4j:slf4j-api:2.0.13 2.0.13 - pkg:maven/org.slf4j/slf4j-api@2.0.13',
      '8 org.slf4j:slf4j-simple - - pkg:maven/org.slf4j/slf4j-simple',
      '9 com.example:dynamic:1.+ - - pkg:maven/com.example/dynamic',
      // strictly wins over prefer: a range, listed without a version, kept in ref.
      '10 com.google.guava:guava:[33.0, 34.0) - - pkg:maven/com.google.guava/guava',
      '11 com.fasterxml.jackson.core:jackson-databind:2.17.1 2.17.1 - pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1',
      '13 com.example:strict:1.4.2 1.4.2 - pkg:maven/com.example/strict@1.4.2',
      '14 com.example:rejected - - pkg:maven/com.example/rejected',
      '16 org.apache.commons:commons-text:1.12.0 1.12.0 - pkg:maven/org.apache.commons/commons-text@1.12.0',
      '24 org.example.short:org.example.short.gradle.plugin:1.0 1.0 dev pkg:maven/org.example.short/org.example.short.gradle.plugin@1.0',
      '25 org.example.bare:org.example.bare.gradle.plugin - dev pkg:maven/org.example.bare/org.example.bare.gradle.plugin',
    ])
    expect(out.skipped.map((s) => `${s.line} ${s.message}`)).toEqual([
      '8 org.slf4j:slf4j-simple: no version in the catalog (a platform or BOM the build applies may give one)',
      '9 com.example:dynamic: version 1.+ is not an exact version (a dynamic version such as 1.+ or latest.release, or another character than letters, digits and . _ + -): listed without a version',
      '14 com.example:rejected: no version in the catalog (a platform or BOM the build applies may give one)',
      "25 org.example.bare:org.example.bare.gradle.plugin: no version in the catalog (the build's plugin management or settings may give one)",
    ])
  })

  it("reads Gradle's strict shorthand (1.0!!), and skips a plugin id Gradle keeps but cannot apply (mockito/mockito)", () => {
    const out = discover(`[versions]
strict = "2.0.0!!"
preferred = "[1.0,2.0)!!1.5"

[libraries]
a = { module = "org.example:a", version.ref = "strict" }
b = { module = "org.example:b", version.ref = "preferred" }
c = "org.example:c:3.1!!"

[plugins]
kotlin = { id = "org.jetbrains.kotlin:kotlin-gradle-plugin", version = "2.1.0" }
p = { id = "org.example.p", version = "1.2!!" }
`)
    expect(rows(out)).toEqual([
      '6 org.example:a:2.0.0!! 2.0.0 - pkg:maven/org.example/a@2.0.0',
      '7 org.example:b:[1.0,2.0)!!1.5 1.5 - pkg:maven/org.example/b@1.5',
      '8 org.example:c:3.1!! 3.1 - pkg:maven/org.example/c@3.1',
      '12 org.example.p:org.example.p.gradle.plugin:1.2!! 1.2 dev pkg:maven/org.example.p/org.example.p.gradle.plugin@1.2',
    ])
    expect(out.errors).toEqual([])
    expect(out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      "11 unsupported plugins.kotlin: id 'org.jetbrains.kotlin:kotlin-gradle-plugin' is not a plugin id Gradle can apply (letters, digits, . _ -); Gradle loads the catalog all the same: not listed",
    ])
  })

  it('reports a bad entry at its line and reads the others; a syntax error at its line', () => {
    const out = discover(`[versions]
kotlin = "2.0.20"

[libraries]
missing-ref = { module = "org.example:a", version.ref = "nope" }
not-coordinates = "just-a-name"
bad-module = { module = "org.example:b:1.0" }
spaced = { group = "org example", name = "c" }
__proto__ = "org.example:proto:1.0"
good = { module = "org.jetbrains.kotlin:kotlin-stdlib", version.ref = "kotlin" }

[plugins]
no-id = { version = "1.0" }
`)
    expect(rows(out)).toEqual([
      '10 org.jetbrains.kotlin:kotlin-stdlib:2.0.20 2.0.20 - pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.0.20',
    ])
    expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
      "9 forbidden-key forbidden key '__proto__' ignored",
      "5 invalid-entry libraries.missing-ref: version.ref 'nope' is not in [versions]",
      "6 invalid-entry libraries.not-coordinates: 'just-a-name' is not group:artifact or group:artifact:version",
      '7 invalid-entry libraries.bad-module: module must be a string group:artifact',
      '8 invalid-entry libraries.spaced: expected module = "group:artifact", or group and name',
      '13 invalid-entry plugins.no-id: expected a plugin id',
    ])
    const broken = discover('[libraries]\na = "x:y:1.0"\nb = \n')
    expect(broken.components).toEqual([])
    expect(broken.errors.map((e) => [e.code, e.line])).toEqual([['invalid-toml', 3]])
  })

  it('reads a line that starts like a header and never closes (an array row of 200,000 spaces; bench/hostile.ts times it)', () => {
    const spaces = ' '.repeat(200_000)
    const out = discover(`[versions]\nx = [\n[1.5,${spaces}\n2.5]]\n[libraries]\na = "org.example:a:1.0"\n`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['6 org.example:a:1.0 1.0 - pkg:maven/org.example/a@1.0'])
    const spaced = discover(
      `[libraries]\n${spaces}a = "org.example:a:1.0"\n[libraries . ${spaces}"b"${spaces}]\nmodule = "org.example:b"\n`,
    )
    expect(rows(spaced)).toEqual([
      '2 org.example:a:1.0 1.0 - pkg:maven/org.example/a@1.0',
      '3 org.example:b - - pkg:maven/org.example/b',
    ])
  })
})
