// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the build scripts read
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'
import {readProperties} from './properties.js'

/** Reads `text` as `file`, with `files` (path → text) as the rest of the tree. */
/** A tree with a version catalog at Gradle's default place, as the projects these scripts come from have. */
const discover = (text: string, file = 'build.gradle', files: Record<string, string> = {}) =>
  discoverer.discover(
    {file, text},
    {readText: (path) => files[path] ?? null, exists: (path) => path in files || path === 'gradle/libs.versions.toml'},
  ) as Required<DiscoverOutput>

/** Reads `file` of `files`, the rest of the tree, with no version catalog in it. */
const inTree = (file: string, files: Record<string, string>) =>
  discoverer.discover(
    {file, text: files[file]},
    {readText: (path) => files[path] ?? null, exists: (path) => path in files},
  ) as Required<DiscoverOutput>

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope ?? '-'}`,
  )
const notes = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

const NO_VERSION =
  "no version in the build script (a platform, BOM or plugin such as Spring's dependency management may give one)"
const NOT_EXACT =
  'is not an exact version (a dynamic version such as 1.+ or latest.release, or another character than letters, digits and . _ + -): listed without a version'
const UNSET =
  'which neither this file, the scripts it applies, the build scripts of the folders above it (their project properties), nor a gradle.properties above it in the scanned tree sets'

describe('gradle-build', () => {
  it("reads a script applied with apply from: its maps name the dependencies (apache/kafka's gradle/dependencies.gradle)", () => {
    const text = `apply from: "$rootDir/gradle/dependencies.gradle"

dependencies {
    implementation libs.metrics
    implementation libs.slf4jApi
    implementation libs.scalaLibrary
    implementation 'org.example:kept:1.0'
}
`
    const tree: Record<string, string> = {
      'settings.gradle': "include 'core'\n",
      'gradle/dependencies.gradle': fixture('kafka/gradle/dependencies.gradle'),
    }
    const read = (files: Record<string, string>) =>
      discoverer.discover(
        {file: 'core/build.gradle', text},
        {readText: (path) => files[path] ?? null, exists: (path) => path in files},
      ) as Required<DiscoverOutput>
    const out = read(tree)
    expect(rows(out)).toEqual([
      '4:20 com.yammer.metrics:metrics-core:2.2.0 2.2.0 prod',
      '5:20 org.slf4j:slf4j-api:1.7.25 1.7.25 prod',
      '6:20 org.scala-lang:scala-library:$versions.scala - prod',
      '7:20 org.example:kept:1.0 1.0 prod',
    ])
    expect(out.components.slice(0, 2).map((c) => c.purl)).toEqual([
      'pkg:maven/com.yammer.metrics/metrics-core@2.2.0',
      'pkg:maven/org.slf4j/slf4j-api@1.7.25',
    ])
    // versions.scala is set in each branch of an if: ambiguous, said.
    expect(notes(out)).toEqual([
      '6 unresolved-version org.scala-lang:scala-library: version $versions.scala, which this file (or a script it applies) sets to different values: listed without a version',
    ])
    // Without the script in the tree: reported, and the names it would define counted.
    expect(notes(read({}))).toEqual([
      '1 unsupported applies another script "$rootDir/gradle/dependencies.gradle" (apply from), which is not in the scanned tree: the dependencies and variables it declares are not read, so dependencies written with them here are not listed',
      '4 unsupported 3 dependencies are written as names this file does not define (the first libs.metrics) and no version catalog is at gradle/libs.versions.toml: not listed (names of a map this reader does not follow, or that buildSrc defines)',
    ])
    // With the catalog above the script (gradle-version-catalog lists its entries), the accessors are no news.
    const catalog = discoverer.discover(
      {file: 'core/build.gradle', text: text.slice(text.indexOf('dependencies'))},
      {readText: () => null, exists: (path) => path === 'gradle/libs.versions.toml'},
    ) as Required<DiscoverOutput>
    expect(notes(catalog)).toEqual([])
  })

  it("lists each coordinate of a variable bound to a list (apache/kafka's `testRuntimeOnly runtimeTestLibs`)", () => {
    const text = `apply from: "$rootDir/gradle/dependencies.gradle"
ext {
  runtimeTestLibs = [
    libs.slf4jApi,
    'org.example:listed:1.0',
    project(':clients'),
  ]
  pair = [first: 'org.example:mapped:1.0']
  twice = ['org.example:first:1.0']
  twice = ['org.example:second:1.0']
}
dependencies {
  testRuntimeOnly runtimeTestLibs
  implementation pair
  implementation twice
}
`
    const out = inTree('core/build.gradle', {
      'core/build.gradle': text,
      'settings.gradle': "include 'core'\n",
      'gradle/dependencies.gradle': fixture('kafka/gradle/dependencies.gradle'),
    })
    // A map is no list (its keys are read as names of their own), and a list bound twice is not read (as before).
    expect(notes(out)).toEqual([
      '14 unsupported a dependency is written as names this file does not define (the first pair) and no version catalog is at gradle/libs.versions.toml: not listed (names of a map this reader does not follow, or that buildSrc defines)',
    ])
    // Gradle adds each item of a list given to a configuration; each is located where the list is used.
    expect(rows(out)).toEqual(['13:19 org.slf4j:slf4j-api:1.7.25 1.7.25 dev', '13:19 org.example:listed:1.0 1.0 dev'])
    expect(out.errors).toEqual([])
  })

  it('counts the items of the lists given to configurations against a limit per file: n uses of n items end in one skip', () => {
    // 1,000 items given 250 times: 250,000 coordinates, each item read again at each use (a list of 8,000 took 51 s).
    // Gradle adds them all; stewards lists 20,000 and says where it stopped, and the rest of the file is read.
    const items = Array.from({length: 1000}, (_, i) => `  'org.example:a${i}:1.0',`)
    const text = `def L = [\n${items.join('\n')}\n]\ndependencies {\n${'  testRuntimeOnly L\n'.repeat(250)}  implementation 'org.example:after:1.0'\n}\n`
    const out = discover(text)
    const used = out.components
      .filter((c) => c.name === 'org.example:a0')
      .flatMap((c) => c.locations.map((l) => l.line))
    expect([used.length, used[0], used.at(-1)]).toEqual([20, 1004, 1023])
    expect(out.components.find((c) => c.name === 'org.example:after')?.locations).toEqual([
      {file: 'build.gradle', line: 1254, column: 18},
    ])
    expect(notes(out)).toEqual([
      "1024 unsupported L: the lists given to configurations here and after add up to more than 20000 items, stewards' limit for one file: their items are not listed",
    ])
    expect(out.errors).toEqual([])
  })

  it("reads a configuration call inside a dependency's own closure (apache/kafka's dropwizard metrics), nothing else there", () => {
    const text = `ext { libs = [zk: 'org.example:zk:3.0', dw: 'org.example:dw:4.0'] }
dependencies {
  implementation(libs.zk) {
    implementation libs.dw
    exclude module: 'log4j'
    because 'see: https://example.com'
    transitive = false
    version { strictly '3.0' }
    artifact { name = 'x:y:z' }
  }
  testImplementation('org.example:t:1.0') {
    implementation 'org.example:inner:2.0'
    runtimeOnly 'org.example:unused-configuration:1.0'
    because('see: https://example.com')
    compileOnly('org.example:other-unused:1.0')
  }
}
`
    const out = inTree('build.gradle', {'build.gradle': text})
    // Groovy hands a call the dependency does not have to the enclosing handler: Gradle adds it, at its own
    // configuration's scope. A name no dependencies {} block declares with (runtimeOnly here) is not taken for one.
    expect(rows(out)).toEqual([
      '3:18 org.example:zk:3.0 3.0 prod',
      '4:20 org.example:dw:4.0 4.0 prod',
      '11:22 org.example:t:1.0 1.0 dev',
      '12:20 org.example:inner:2.0 2.0 prod',
    ])
    // Gradle adds them if the project has such configurations (the java plugin's): not known here, said.
    expect(notes(out)).toEqual([
      `13 unsupported runtimeOnly "org.example:unused-configuration:1.0": in a dependency's own closure, runtimeOnly is a configuration only if the project has one of that name, and no dependencies {} block of this file uses it: not listed`,
      `15 unsupported compileOnly("org.example:other-unused:1.0"): in a dependency's own closure, compileOnly is a configuration only if the project has one of that name, and no dependencies {} block of this file uses it: not listed`,
    ])
    expect(out.errors).toEqual([])
  })

  it('applies scripts by path, file(), $projectDir and rootProject.file(), Kotlin too; never a URL, a path out of the tree or a cycle', () => {
    const files: Record<string, string> = {
      'settings.gradle.kts': '',
      'gradle/versions.gradle.kts': 'extra["okio"] = "3.9.0"\napply(from = "../build.gradle.kts")\n',
      'app/deps.gradle':
        "ext.retrofit = '2.11.0'\ndependencies {\n  implementation 'com.squareup.okhttp3:okhttp:4.12.0'\n}\n",
      'app/more.gradle': "ext.moshi = '1.15.1'\napply from: 'more.gradle'\n",
      'app/last.gradle': "ext.gson = '2.11.0'\n",
    }
    const kotlin = discover(
      'apply(from = "gradle/versions.gradle.kts")\ndependencies {\n  implementation("com.squareup.okio:okio:${property("okio")}")\n}\n',
      'build.gradle.kts',
      files,
    )
    expect(rows(kotlin)).toEqual(['3:18 com.squareup.okio:okio:3.9.0 3.9.0 prod'])
    const groovy = discover(
      [
        "apply from: 'deps.gradle'",
        'apply from: file("more.gradle")',
        'apply from: "$projectDir/last.gradle"',
        "apply from: rootProject.file('gradle/none.gradle')",
        "apply from: 'https://example.com/shared.gradle'",
        "apply from: '../../outside.gradle'",
        'apply from: "${someDir}/x.gradle"',
        'dependencies {',
        '  implementation "com.squareup.retrofit2:retrofit:$retrofit"',
        '  implementation "com.squareup.moshi:moshi:$moshi"',
        '  implementation "com.google.code.gson:gson:$gson"',
        '}',
      ].join('\n'),
      'app/build.gradle',
      files,
    )
    expect(
      groovy.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.name} ${c.version}`),
    ).toEqual([
      'app/deps.gradle:3 com.squareup.okhttp3:okhttp 4.12.0',
      'app/build.gradle:9 com.squareup.retrofit2:retrofit 2.11.0',
      'app/build.gradle:10 com.squareup.moshi:moshi 1.15.1',
      'app/build.gradle:11 com.google.code.gson:gson 2.11.0',
    ])
    expect(notes(groovy).map((note) => note.replace(/: the dependencies and variables.*/, ''))).toEqual([
      '5 unsupported applies another script "https://example.com/shared.gradle" (apply from), a script at a URL, which stewards does not fetch',
      '6 unsupported applies another script "../../outside.gradle" (apply from), a path outside the scanned tree',
      '7 unsupported applies another script "${someDir}/x.gradle" (apply from), a path computed in the script',
      '4 unsupported applies another script "gradle/none.gradle" (apply from), which is not in the scanned tree',
    ])
  })

  it('reads a bounded number of applied scripts however they fan out (ten per level, each applying the next ten)', () => {
    const files: Record<string, string> = {}
    for (let level = 0; level < 8; level++)
      for (let i = 0; i < 10; i++)
        files[`l${level}/s${i}.gradle`] = [
          ...Array.from({length: 10}, (_, j) => `apply from: '../l${level + 1}/s${j}.gradle'`),
          // The same script applied twice is read once.
          `apply from: '../l${level + 1}/s0.gradle'`,
          `ext.v${level} = '${level}.0'`,
        ].join('\n')
    let reads = 0
    const out = discoverer.discover(
      {file: 'build.gradle', text: 'apply from: \'l0/s0.gradle\'\ndependencies {\n  implementation "g:a:$v3"\n}\n'},
      {
        readText: (path) => {
          reads++
          return files[path] ?? null
        },
        exists: (path) => path in files,
      },
    ) as Required<DiscoverOutput>
    expect(rows(out)).toEqual(['3:18 g:a:3.0 3.0 prod'])
    // 64 applied scripts and the gradle.properties looked for, where 10^7 chains would have been read.
    expect(reads).toBeLessThan(64 + 16)
    expect(new Set(notes(out).map((note) => note.replace(/^\d+ (.*?) ".*?"(.*)$/, '$1$2')))).toEqual(
      new Set([
        'unsupported applies another script (apply from), applied more than 8 scripts deep: the dependencies and variables it declares are not read, so dependencies written with them here are not listed',
        'unsupported applies another script (apply from), past the 64 applied scripts read for one build script: the dependencies and variables it declares are not read, so dependencies written with them here are not listed',
      ]),
    )
  })

  it("follows a map put into another map (android/architecture-components-samples' versions.gradle): deps.kotlin.plugin", () => {
    const files: Record<string, string> = {
      'settings.gradle': "include ':app'\n",
      'versions.gradle': fixture('github-browser-sample/versions.gradle'),
      'build.gradle': fixture('github-browser-sample/build.gradle'),
    }
    const out = inTree('build.gradle', files)
    expect(rows(out)).toEqual([
      '5:19 com.android.tools.build:gradle:7.4.0-rc03 7.4.0-rc03 dev',
      '6:19 org.jetbrains.kotlin:kotlin-gradle-plugin:1.6.21 1.6.21 dev',
      '7:19 org.jetbrains.kotlin:kotlin-allopen:1.6.21 1.6.21 dev',
    ])
    expect(notes(out)).toEqual([])
    // A map literal whose values are map variables (uber/NullAway's gradle/dependencies.gradle), nested literals, and
    // a `def` map given to an ext property (its keys the project's), all as Groovy evaluates them; a map this reader
    // does not follow is said, without blaming the script it read.
    const nullaway = inTree('build.gradle', {
      'gradle/dependencies.gradle': [
        'def versions = [errorProne: "2.42.0"]',
        'def apt = [autoValue: "com.google.auto.value:auto-value:1.11.1"]',
        'def build = [',
        '    errorProneCore : "com.google.errorprone:error_prone_core:${versions.errorProne}",',
        ']',
        'def test = [junit: [api: "org.junit.jupiter:junit-jupiter-api:5.11.0"]]',
        'ext.deps = ["apt": apt, "build": build, test: test, other: computeMap()]',
      ].join('\n'),
      'build.gradle': [
        'apply from: "gradle/dependencies.gradle"',
        'dependencies {',
        '  annotationProcessor deps.apt.autoValue',
        '  errorprone deps.build.errorProneCore',
        '  testImplementation deps.test.junit.api',
        '  implementation deps.other.library',
        '  implementation build.errorProneCore',
        '}',
      ].join('\n'),
    })
    expect(rows(nullaway)).toEqual([
      '3:23 com.google.auto.value:auto-value:1.11.1 1.11.1 dev',
      '4:14 com.google.errorprone:error_prone_core:2.42.0 2.42.0 dev',
      '5:22 org.junit.jupiter:junit-jupiter-api:5.11.0 5.11.0 dev',
    ])
    expect(notes(nullaway)).toEqual([
      '6 unsupported 2 dependencies are written as names this file does not define (the first deps.other.library) and no version catalog is at gradle/libs.versions.toml: not listed (names of a map this reader does not follow, or that buildSrc defines)',
    ])
  })

  it("gives a subproject's script the properties the build scripts of the folders above it export, not their locals", () => {
    const files: Record<string, string> = {
      'settings.gradle': "include ':app'\n",
      'versions.gradle': fixture('github-browser-sample/versions.gradle'),
      'build.gradle': fixture('github-browser-sample/build.gradle'),
      'app/build.gradle': fixture('github-browser-sample/app/build.gradle'),
    }
    const app = inTree('app/build.gradle', files)
    expect(
      app.components.map(
        (c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.scope}`,
      ),
    ).toEqual([
      'app/build.gradle:2:20 androidx.appcompat:appcompat:1.5.1 prod',
      'app/build.gradle:3:20 com.github.bumptech.glide:glide:4.14.2 prod',
      'app/build.gradle:4:20 org.jetbrains.kotlin:kotlin-stdlib-jdk7:1.6.21 prod',
    ])
    expect(notes(app)).toEqual([])
    // The nearest folder's script first; a `def` of a script above is not seen, nor is anything of buildSrc's.
    const tree: Record<string, string> = {
      'build.gradle': "ext.v = '1.0'\next.w = '1.0'\ndef local = '9.9'\next.lib = 'org.example:whole:3.0'\n",
      'libs/build.gradle.kts': 'val w by extra("2.0")\n',
      'libs/core/build.gradle':
        'dependencies {\n  implementation "org.example:a:$v"\n  implementation "org.example:b:$w"\n  implementation "org.example:c:$local"\n  implementation lib\n}\n',
      'buildSrc/build.gradle': 'dependencies {\n  implementation "org.example:d:$v"\n}\n',
    }
    let reads = 0
    const context = {
      readText: (path: string) => {
        if (path.endsWith('build.gradle') || path.endsWith('.kts')) reads++
        return tree[path] ?? null
      },
      exists: (path: string) => path in tree,
    }
    const core = discoverer.discover(
      {file: 'libs/core/build.gradle', text: tree['libs/core/build.gradle']},
      context,
    ) as Required<DiscoverOutput>
    expect(rows(core)).toEqual([
      '2:18 org.example:a:1.0 1.0 prod',
      '3:18 org.example:b:2.0 2.0 prod',
      '4:18 org.example:c:$local - prod',
      '5:18 org.example:whole:3.0 3.0 prod',
    ])
    expect(notes(core)).toEqual([
      `4 unresolved-version org.example:c: version $local, ${UNSET}: listed without a version`,
    ])
    // Read once a run, however many scripts are below them.
    discoverer.discover({file: 'libs/core/build.gradle', text: tree['libs/core/build.gradle']}, context)
    discoverer.discover({file: 'libs/other/build.gradle', text: ''}, context)
    expect(reads).toBe(2)
    // 3,000 folders deep, each with a build script applying one: the root's property is seen, bounded work, no deep
    // recursion; a folder more than 32 deep gives nothing.
    const deep: Record<string, string> = {'build.gradle': "ext.v = '1.0'\n"}
    let dir = ''
    for (let i = 0; i < 3000; i++) {
      dir = dir === '' ? `d${i}` : `${dir}/d${i}`
      deep[`${dir}/build.gradle`] = `apply from: 'x.gradle'\next.v${i} = '${i}'\n`
      deep[`${dir}/x.gradle`] = 'dependencies {\n  implementation "org.example:x:$nothing"\n}\n'
    }
    deep[`${dir}/build.gradle`] =
      'dependencies {\n  implementation "org.example:a:$v"\n  implementation "org.example:b:$v20"\n  implementation "org.example:c:$v40"\n}\n'
    expect(rows(inTree(`${dir}/build.gradle`, deep))).toEqual([
      '2:18 org.example:a:1.0 1.0 prod',
      '3:18 org.example:b:20 20 prod',
      '4:18 org.example:c:$v40 - prod',
    ])
    const buildSrc = discoverer.discover(
      {file: 'buildSrc/build.gradle', text: tree['buildSrc/build.gradle']},
      context,
    ) as Required<DiscoverOutput>
    expect(rows(buildSrc)).toEqual(['2:18 org.example:d:$v - prod'])
  })

  it("gives an applied script the applier's properties (whole coordinates too) but not its locals; follows project.apply and proj.apply", () => {
    const files: Record<string, string> = {
      'settings.gradle': '',
      'gradle/dependencies.gradle':
        "ext { libraries = [:] }\nlibraries.errorprone = 'com.google.errorprone:error_prone_core:2.23.0'\n",
      'gradle/errorprone.gradle': 'dependencies {\n    errorprone libraries.errorprone\n}\n',
      'gradle/ep2.gradle':
        'dependencies {\n  errorprone lib\n  errorprone "com.google.errorprone:error_prone_core:$epv"\n}\n',
      'gradle/jfr.gradle': "dependencies {\n  implementation 'org.example:jfr:1.0'\n}\n",
      'gradle/spotless.gradle': "dependencies {\n  implementation 'org.example:spotless:1.0'\n}\n",
    }
    const out = inTree('build.gradle', {
      ...files,
      'build.gradle': [
        "apply from: 'gradle/dependencies.gradle'",
        "ext.lib = 'com.google.errorprone:error_prone_annotations:2.23.0'",
        'def epv = "2.23.0"',
        'allprojects { proj ->',
        "    plugins.withId('java') {",
        '        proj.apply from: "$rootDir/gradle/errorprone.gradle"',
        '    }',
        '}',
        'apply(from: "$rootDir/gradle/ep2.gradle")',
        "project.apply(from: 'gradle/jfr.gradle')",
        "subprojects {\n    it.apply from: 'gradle/spotless.gradle'\n}",
        "tasks.apply from: 'gradle/other.gradle'",
      ].join('\n'),
    })
    expect(
      out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.ref} ${c.version ?? '-'}`),
    ).toEqual([
      'gradle/errorprone.gradle:2 com.google.errorprone:error_prone_core:2.23.0 2.23.0',
      'gradle/ep2.gradle:2 com.google.errorprone:error_prone_annotations:2.23.0 2.23.0',
      'gradle/ep2.gradle:3 com.google.errorprone:error_prone_core:$epv -',
      'gradle/jfr.gradle:2 org.example:jfr:1.0 1.0',
      'gradle/spotless.gradle:2 org.example:spotless:1.0 1.0',
    ])
    expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'build.gradle:14 unsupported applies another script "gradle/other.gradle" (apply from), to tasks, an object stewards does not follow: the dependencies and variables it declares are not read, so dependencies written with them here are not listed',
      `gradle/ep2.gradle:3 unresolved-version com.google.errorprone:error_prone_core: version $epv, ${UNSET}: listed without a version`,
    ])
  })

  it('matches build and settings scripts, Groovy and Kotlin, outside node_modules', () => {
    for (const file of [
      'build.gradle',
      'build.gradle.kts',
      'settings.gradle',
      'settings.gradle.kts',
      'app/build.gradle',
      'a/b/settings.gradle.kts',
    ])
      expect(discoverer.matches(file), file).toBe(true)
    for (const file of [
      'node_modules/x/build.gradle',
      'mybuild.gradle',
      'build.gradle.bak',
      'versions.gradle',
      'buildSrc/src/main/kotlin/conventions.gradle.kts',
      'gradle.properties',
    ])
      expect(discoverer.matches(file), file).toBe(false)
    expect(discoverer.identify).toBeUndefined()
  })

  it('reads the Groovy forms: strings, classifiers and extensions, maps, platforms, lists, several per line', () => {
    const out = discover(`dependencies {
    implementation 'org.example:single:1.0'
    implementation "org.example:double:1.1"
    implementation('org.example:parens:1.2')
    implementation ("org.example:spaced:1.3")
    implementation "org.example:aar:2.0@aar"
    runtimeOnly 'org.example:natives:2.1:linux-x86_64'
    runtimeOnly 'org.example:both:2.2:sources@jar'
    compile group: 'org.example', name: 'map', version: '3.0'
    compile(group: 'org.example', name: 'map-parens', version: '3.1', classifier: 'jdk8')
    api platform('org.example:bom:4.0')
    api enforcedPlatform("org.example:enforced-bom:4.1")
    implementation 'org.example:first:5.0', 'org.example:second:5.1'
    implementation(['org.example:listed:5.2', 'org.example:listed-too:5.3'])
    implementation('org.example:closure:6.0') {
        exclude group: 'org.example', module: 'excluded'
        transitive = false
    }
    implementation 'org.example:continued:7.0',
        'org.example:next-line:7.1'
    implementation project(':core')
    implementation files('libs/local.jar')
    implementation fileTree(dir: 'libs', include: ['*.jar'])
    implementation libs.example.catalog
    implementation gradleApi()
    constraints {
        implementation 'org.example:constrained:8.0'
    }
}
`)
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '2:20 org.example:single:1.0 1.0 prod',
      '3:20 org.example:double:1.1 1.1 prod',
      '4:20 org.example:parens:1.2 1.2 prod',
      '5:21 org.example:spaced:1.3 1.3 prod',
      '6:20 org.example:aar:2.0 2.0 prod',
      '7:17 org.example:natives:2.1 2.1 prod',
      '8:17 org.example:both:2.2 2.2 prod',
      '9:13 org.example:map:3.0 3.0 prod',
      '10:13 org.example:map-parens:3.1 3.1 prod',
      '11:18 org.example:bom:4.0 4.0 prod',
      '12:26 org.example:enforced-bom:4.1 4.1 prod',
      '13:20 org.example:first:5.0 5.0 prod',
      '13:45 org.example:second:5.1 5.1 prod',
      '14:21 org.example:listed:5.2 5.2 prod',
      '14:47 org.example:listed-too:5.3 5.3 prod',
      '15:20 org.example:closure:6.0 6.0 prod',
      '19:20 org.example:continued:7.0 7.0 prod',
      '20:9 org.example:next-line:7.1 7.1 prod',
    ])
    const [first] = out.components
    expect(first).toMatchObject({
      kind: 'package',
      ecosystem: 'maven',
      name: 'org.example:single',
      version: '1.0',
      purl: 'pkg:maven/org.example/single@1.0',
      direct: true,
      scope: 'prod',
      locations: [{file: 'build.gradle', line: 2, column: 20}],
    })
  })

  it('reads the Kotlin forms: calls, named and positional arguments, quoted configurations, add(), platforms', () => {
    const out = discover(
      `dependencies {
    implementation("org.example:kotlin:1.0")
    api(group = "org.example", name = "named", version = "1.1")
    implementation("org.example", "positional", "1.2")
    "implementation"("org.example:quoted-configuration:1.3")
    add("runtimeOnly", "org.example:added:1.4")
    implementation(platform("org.example:bom:2.0"))
    testImplementation(enforcedPlatform("org.example:test-bom:2.1"))
    implementation(kotlin("stdlib", "1.9.0"))
    testImplementation(kotlin("test"))
    implementation(project(":core"))
    implementation(libs.example.catalog)
    implementation(files("libs/local.jar"))
    implementation("org.example:closure:3.0") {
        exclude(group = "org.example", module = "excluded")
        because("implementation(\\"org.example:not-a-dependency:1.0\\")")
    }
    testImplementation(testFixtures("org.example:fixtures:4.0"))
}
`,
      'build.gradle.kts',
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '2:20 org.example:kotlin:1.0 1.0 prod',
      '3:9 org.example:named:1.1 1.1 prod',
      '4:20 org.example:positional:1.2 1.2 prod',
      '5:22 org.example:quoted-configuration:1.3 1.3 prod',
      '6:24 org.example:added:1.4 1.4 prod',
      '7:29 org.example:bom:2.0 2.0 prod',
      '8:41 org.example:test-bom:2.1 2.1 dev',
      '14:20 org.example:closure:3.0 3.0 prod',
      '18:37 org.example:fixtures:4.0 4.0 dev',
    ])
  })

  it('reads a positional Kotlin version given as a variable or an expression, as the map notation reads one', () => {
    // A Kotlin script's `compileOnly("io.insert-koin", "koin-core", koin)` with `val koin = "3.1.5"` on top (a public
    // build.gradle.kts of a Ktor plugin): only an all-literal ("g", "a", "v") was read, the others silently dropped.
    const out = discover(
      `val glow = "3.1.5"
dependencies {
    compileOnly("org.example", "glow-core", glow)
    testImplementation("org.example", "glow-test", "$glow")
    implementation("org.example", "wick", unknownVersion)
    implementation("org.example", "ember")
}
`,
      'build.gradle.kts',
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:17 org.example:glow-core:3.1.5 3.1.5 prod',
      '4:24 org.example:glow-test:3.1.5 3.1.5 dev',
      '5:20 org.example:wick:unknownVersion - prod',
      '6:20 org.example:ember - prod',
    ])
    expect(notes(out).map((note) => note.split(' ').slice(0, 3).join(' '))).toEqual([
      '5 unresolved-version org.example:wick:',
      '6 unresolved-version org.example:ember:',
    ])
  })

  it('says once how many dependencies a function of the script computes (not run), rather than passing them over', () => {
    // The same Ktor plugin's build.gradle.kts: `compileOnly(ktor("server-core"))` with `fun ktor(name: String) =
    // "io.ktor:ktor-$name:$ktor"` at its end, 19 such calls, none listed and nothing said.
    const kotlin = discover(
      `val glow = "1.0"
dependencies {
    compileOnly(glow("core"))
    testImplementation(platform(glow("bom")))
    implementation(kotlin("stdlib"))
    implementation(project(":core"))
    implementation("org.example:plain:1.0")
}
fun glow(part: String) = "org.example:glow-$part:$glow"
`,
      'build.gradle.kts',
    )
    expect(rows(kotlin)).toEqual(['7:20 org.example:plain:1.0 1.0 prod'])
    expect(notes(kotlin)).toEqual([
      '3 unsupported 2 dependencies are computed by a function this script defines (the first glow(…)), which is not run: not listed',
    ])
    const groovy = discover(
      `def dep(name) { "org.example:$name:1.0" }\ndependencies {\n  implementation dep('wick')\n}\n`,
    )
    expect(rows(groovy)).toEqual([])
    expect(notes(groovy)).toEqual([
      '3 unsupported a dependency is computed by a function this script defines (the first dep(…)), which is not run: not listed',
    ])
  })

  it('scopes by configuration: tests and the tools the build runs are dev, everything else (compileOnly too) prod', () => {
    const out = discover(`dependencies {
    implementation 'org.example:implementation:1'
    api 'org.example:api:1'
    compile 'org.example:compile:1'
    runtime 'org.example:runtime:1'
    runtimeOnly 'org.example:runtime-only:1'
    compileOnly 'org.example:compile-only:1'
    compileOnlyApi 'org.example:compile-only-api:1'
    shadow 'org.example:custom:1'
    testImplementation 'org.example:test-implementation:1'
    testRuntimeOnly 'org.example:test-runtime-only:1'
    androidTestImplementation 'org.example:android-test:1'
    testFixturesImplementation 'org.example:test-fixtures:1'
    integrationTestImplementation 'org.example:integration-test:1'
    kapt 'org.example:kapt:1'
    ksp 'org.example:ksp:1'
    annotationProcessor 'org.example:annotation-processor:1'
    lintChecks 'org.example:lint-checks:1'
    detektPlugins 'org.example:detekt-plugins:1'
    developmentOnly 'org.example:development-only:1'
}
buildscript {
    dependencies {
        classpath 'org.example:classpath:1'
    }
}
subprojects {
    dependencies {
        implementation 'org.example:subprojects:1'
    }
}
allprojects { dependencies { testImplementation 'org.example:allprojects-test:1' } }
project(':app') {
    dependencies { api 'org.example:project-app:1' }
}
`)
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '2:20 org.example:implementation:1 1 prod',
      '3:9 org.example:api:1 1 prod',
      '4:13 org.example:compile:1 1 prod',
      '5:13 org.example:runtime:1 1 prod',
      '6:17 org.example:runtime-only:1 1 prod',
      '7:17 org.example:compile-only:1 1 prod',
      '8:20 org.example:compile-only-api:1 1 prod',
      '9:12 org.example:custom:1 1 prod',
      '10:24 org.example:test-implementation:1 1 dev',
      '11:21 org.example:test-runtime-only:1 1 dev',
      '12:31 org.example:android-test:1 1 dev',
      '13:32 org.example:test-fixtures:1 1 dev',
      '14:35 org.example:integration-test:1 1 dev',
      '15:10 org.example:kapt:1 1 dev',
      '16:9 org.example:ksp:1 1 dev',
      '17:25 org.example:annotation-processor:1 1 dev',
      '18:16 org.example:lint-checks:1 1 dev',
      '19:19 org.example:detekt-plugins:1 1 dev',
      '20:21 org.example:development-only:1 1 dev',
      '24:19 org.example:classpath:1 1 dev',
      '29:24 org.example:subprojects:1 1 prod',
      '32:49 org.example:allprojects-test:1 1 dev',
      '34:24 org.example:project-app:1 1 prod',
    ])
  })

  it("scopes a test source set's or suite's dependencies dev, and reads through if/else", () => {
    const out = discover(
      `kotlin {
    sourceSets {
        commonMain.dependencies {
            implementation("org.example:common:1.0")
        }
        commonTest.dependencies {
            implementation("org.example:common-test:1.0")
        }
        val jvmTest by getting {
            dependencies {
                implementation("org.example:jvm-test:1.0")
            }
        }
        named("integrationTest") {
            dependencies { implementation("org.example:integration:1.0") }
        }
    }
}
testing {
    suites {
        val test by getting(JvmTestSuite::class) {
            dependencies {
                implementation("org.example:suite:1.0")
            }
        }
    }
}
dependencies {
    if (project.hasProperty("withExtra")) {
        implementation("org.example:conditional:1.0")
    } else {
        implementation("org.example:otherwise:1.0")
    }
    if (project.hasProperty("withExtra")) runtimeOnly("org.example:inline-if:1.0")
}
`,
      'build.gradle.kts',
    )
    expect(rows(out)).toEqual([
      '4:28 org.example:common:1.0 1.0 prod',
      '7:28 org.example:common-test:1.0 1.0 dev',
      '11:32 org.example:jvm-test:1.0 1.0 dev',
      '15:43 org.example:integration:1.0 1.0 dev',
      '23:32 org.example:suite:1.0 1.0 dev',
      '30:24 org.example:conditional:1.0 1.0 prod',
      '32:24 org.example:otherwise:1.0 1.0 prod',
      '34:55 org.example:inline-if:1.0 1.0 prod',
    ])
  })

  it('lists plugins with a version as their marker artifacts (dev); core plugins, unversioned ones and aliases are not', () => {
    const groovy = discover(`plugins {
    id 'java'
    id 'application'
    id 'org.example.groovy' version '1.0'
    id 'org.example.applied' version '1.1' apply false
    id('org.example.parens') version('1.2')
    id "org.example.variable" version "$pluginVersion"
    id 'org.example.unversioned'
    alias(libs.plugins.example)
}
def pluginVersion = '1.3'
apply plugin: 'org.example.applied'
`)
    expect(groovy.skipped).toEqual([])
    expect(rows(groovy)).toEqual([
      '4:8 org.example.groovy:org.example.groovy.gradle.plugin:1.0 1.0 dev',
      '5:8 org.example.applied:org.example.applied.gradle.plugin:1.1 1.1 dev',
      '6:8 org.example.parens:org.example.parens.gradle.plugin:1.2 1.2 dev',
      '7:8 org.example.variable:org.example.variable.gradle.plugin:1.3 1.3 dev',
    ])
    expect(groovy.components[0].purl).toBe('pkg:maven/org.example.groovy/org.example.groovy.gradle.plugin@1.0')

    const kotlin = discover(
      `plugins {
    \`java-library\`
    kotlin("jvm") version "1.9.0"
    kotlin("plugin.spring") version "1.9.0" apply false
    id("org.example.kotlin") version "2.0"
    id("org.example.chained").version("2.1")
    id("org.example.dynamic") version "2.+"
    id("org.example.unset") version unsetVersion
    alias(libs.plugins.example) apply false
}
gradlePlugin {
    plugins {
        create("example") {
            id = "org.example.published"
            version = "9.9"
        }
    }
}
`,
      'build.gradle.kts',
    )
    expect(rows(kotlin)).toEqual([
      '3:12 org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin:1.9.0 1.9.0 dev',
      '4:12 org.jetbrains.kotlin.plugin.spring:org.jetbrains.kotlin.plugin.spring.gradle.plugin:1.9.0 1.9.0 dev',
      '5:8 org.example.kotlin:org.example.kotlin.gradle.plugin:2.0 2.0 dev',
      '6:8 org.example.chained:org.example.chained.gradle.plugin:2.1 2.1 dev',
      '7:8 org.example.dynamic:org.example.dynamic.gradle.plugin:2.+ - dev',
      '8:8 org.example.unset:org.example.unset.gradle.plugin:unsetVersion - dev',
    ])
    expect(notes(kotlin)).toEqual([
      `7 unresolved-version org.example.dynamic:org.example.dynamic.gradle.plugin: version 2.+ ${NOT_EXACT}`,
      `8 unresolved-version org.example.unset:org.example.unset.gradle.plugin: version unsetVersion, ${UNSET}: listed without a version`,
    ])
  })

  it("reads a settings script's plugins, pluginManagement plugins and catalog entries; not its buildscript classpath", () => {
    const out = discover(
      `pluginManagement {
    val kotlinVersion: String by settings
    plugins {
        kotlin("jvm") version kotlinVersion
        id("org.example.managed") version "3.0"
    }
    resolutionStrategy {
        eachPlugin { useModule("org.example:resolution:1.0") }
    }
}
plugins {
    id("org.example.settings") version "3.1"
}
buildscript {
    dependencies { classpath("org.example:settings-classpath:1.0") }
}
dependencyResolutionManagement {
    versionCatalogs { create("libs") { library("example", "org.example:catalog:1.0") } }
}
`,
      'settings.gradle.kts',
      {'gradle.properties': 'kotlinVersion=1.9.22\n'},
    )
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '4:16 org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin:1.9.22 1.9.22 dev',
      '5:12 org.example.managed:org.example.managed.gradle.plugin:3.0 3.0 dev',
      '12:8 org.example.settings:org.example.settings.gradle.plugin:3.1 3.1 dev',
      '18:40 org.example:catalog:1.0 1.0 -',
    ])
  })

  it('takes versions from the variables of the file (Groovy) and from gradle.properties', () => {
    const out = discover(
      `def defined = '1.0'
String typed = '1.1'
ext.dotted = '1.2'
project.ext.owned = '1.3'
ext['subscripted'] = '1.4'
ext {
    inBlock = '1.5'
    set('setCall', '1.6')
}
ext.versions = [mapped: '1.7', 'quoted': '1.8']
version = '2.0.0'
def nested = "\${defined}-patched"
buildscript {
    ext.kotlin_version = '1.9.0'
    dependencies {
        classpath "org.jetbrains.kotlin:kotlin-gradle-plugin:$kotlin_version"
    }
}
dependencies {
    implementation "org.example:defined:$defined"
    implementation "org.example:typed:\${typed}"
    implementation "org.example:dotted:$dotted"
    implementation "org.example:owned:\${project.ext.owned}"
    implementation "org.example:subscripted:\${ext['subscripted']}"
    implementation "org.example:in-block:$inBlock"
    implementation "org.example:set-call:$setCall"
    implementation "org.example:mapped:$versions.mapped"
    implementation "org.example:quoted:\${versions.quoted}"
    implementation "org.example:project-version:\${project.version}"
    implementation "org.example:nested:$nested"
    implementation group: 'org.example', name: 'map-variable', version: defined
    implementation 'org.example:concatenated:' + defined
    implementation "org.example:from-properties:$fromProperties"
    implementation "org.example:property-call:\${property('dotted.key')}"
    implementation 'org.example:single-quoted:$defined'
}
`,
      'build.gradle',
      {'gradle.properties': 'fromProperties=3.0\ndotted.key=3.1\n'},
    )
    expect(rows(out)).toEqual([
      '16:19 org.jetbrains.kotlin:kotlin-gradle-plugin:1.9.0 1.9.0 dev',
      '20:20 org.example:defined:1.0 1.0 prod',
      '21:20 org.example:typed:1.1 1.1 prod',
      '22:20 org.example:dotted:1.2 1.2 prod',
      '23:20 org.example:owned:1.3 1.3 prod',
      '24:20 org.example:subscripted:1.4 1.4 prod',
      '25:20 org.example:in-block:1.5 1.5 prod',
      '26:20 org.example:set-call:1.6 1.6 prod',
      '27:20 org.example:mapped:1.7 1.7 prod',
      '28:20 org.example:quoted:1.8 1.8 prod',
      '29:20 org.example:project-version:2.0.0 2.0.0 prod',
      '30:20 org.example:nested:1.0-patched 1.0-patched prod',
      '31:20 org.example:map-variable:1.0 1.0 prod',
      '32:20 org.example:concatenated:1.0 1.0 prod',
      '33:20 org.example:from-properties:3.0 3.0 prod',
      '34:20 org.example:property-call:3.1 3.1 prod',
      // A single-quoted Groovy string has no templates.
      '35:20 org.example:single-quoted:$defined - prod',
    ])
    expect(notes(out)).toEqual([`35 unresolved-version org.example:single-quoted: version $defined ${NOT_EXACT}`])
  })

  it('takes versions from the variables of the file (Kotlin): val, extra, delegates, property(), providers, ?:', () => {
    const out = discover(
      `val defined = "1.0"
val typed: String = "1.1"
extra["extraSet"] = "1.2"
val delegated by extra("1.3")
rootProject.extra.set("setCall", "1.4")
version = "2.0.0"
val fromProperties: String by project
dependencies {
    implementation("org.example:defined:$defined")
    implementation("org.example:typed:\${typed}")
    implementation("org.example:extra:\${extra["extraSet"]}")
    implementation("org.example:delegated:$delegated")
    implementation("org.example:set-call:\${rootProject.extra["setCall"]}")
    implementation("org.example:property:\${property("dotted.key")}")
    implementation("org.example:project-version:\${project.version}")
    implementation("org.example:concatenated:" + defined)
    implementation("org.example:elvis:\${findProperty("absent") ?: "1.5"}")
    implementation("org.example:from-properties:$fromProperties")
    implementation("org.example:provider:\${providers.gradleProperty("dotted.key").get()}")
    implementation(group = "org.example", name = "named-variable", version = typed)
}
`,
      'build.gradle.kts',
      {'gradle.properties': 'fromProperties=3.0\ndotted.key=3.1\n'},
    )
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '9:20 org.example:defined:1.0 1.0 prod',
      '10:20 org.example:typed:1.1 1.1 prod',
      '11:20 org.example:extra:1.2 1.2 prod',
      '12:20 org.example:delegated:1.3 1.3 prod',
      '13:20 org.example:set-call:1.4 1.4 prod',
      '14:20 org.example:property:3.1 3.1 prod',
      '15:20 org.example:project-version:2.0.0 2.0.0 prod',
      '16:20 org.example:concatenated:1.0 1.0 prod',
      '17:20 org.example:elvis:1.5 1.5 prod',
      '18:20 org.example:from-properties:3.0 3.0 prod',
      '19:20 org.example:provider:3.1 3.1 prod',
      '20:20 org.example:named-variable:1.1 1.1 prod',
    ])
  })

  it('reads gradle.properties from the folder of the script and those above it, the nearest first', () => {
    const files = {
      'gradle.properties': 'shared=1.0\nrootOnly : 2.0\n# comment=9\n! also=9\nlong = 3.\\\n    0\nescaped=4\\u002e0\n',
      'app/gradle.properties': 'shared=1.1\n',
      // Above the script's folder only: a sibling's properties are not the script's.
      'other/gradle.properties': 'siblingOnly=5.0\n',
    }
    const out = discover(
      `dependencies {
    implementation "org.example:shared:$shared"
    implementation "org.example:root-only:$rootOnly"
    implementation "org.example:long:$long"
    implementation "org.example:escaped:$escaped"
    implementation "org.example:sibling:$siblingOnly"
}
`,
      'app/build.gradle',
      files,
    )
    expect(rows(out)).toEqual([
      '2:20 org.example:shared:1.1 1.1 prod',
      '3:20 org.example:root-only:2.0 2.0 prod',
      '4:20 org.example:long:3.0 3.0 prod',
      '5:20 org.example:escaped:4.0 4.0 prod',
      '6:20 org.example:sibling:$siblingOnly - prod',
    ])
    expect(notes(out)).toEqual([
      `6 unresolved-version org.example:sibling: version $siblingOnly, ${UNSET}: listed without a version`,
    ])
    expect(out.skipped[0].file).toBe('app/build.gradle')
    expect(Object.fromEntries(readProperties('a=1\n  b : 2\nc 3\nd\\=e=4\nf=\\\n\n'))).toEqual({
      a: '1',
      b: '2',
      c: '3',
      'd=e': '4',
      f: '',
    })
  })

  it('lists a version that is absent, dynamic, a range, not exact or not known here without one, and says why', () => {
    const out = discover(`def ambiguous = '1.0'
ext.ambiguous = '2.0'
def cycle = "$cycle"
def doubled = "1.0"
ext.doubled = '1.0'
dependencies {
    implementation 'org.example:no-version'
    implementation 'org.example:dynamic:1.+'
    implementation 'org.example:latest:latest.release'
    implementation 'org.example:range:[1.0,2.0)'
    implementation 'org.example:strict:1.5!!'
    implementation 'org.example:strict-range:[1.0,2.0)!!1.5'
    implementation "org.example:unset:$unset"
    implementation "org.example:partly-unset:\${unset}-patch"
    implementation "org.example:catalog:\${libs.versions.example.get()}"
    implementation "org.example:ambiguous:$ambiguous"
    implementation "org.example:doubled:$doubled"
    implementation "org.example:cycle:$cycle"
    implementation "org.example:call:\${computeVersion()}"
    implementation "org.example:spaced:1.0 beta"
    implementation "$unsetGroup:artifact:1.0"
    implementation "org.example:\${artifactName}:1.0"
}
`)
    expect(rows(out)).toEqual([
      '7:20 org.example:no-version - prod',
      '8:20 org.example:dynamic:1.+ - prod',
      '9:20 org.example:latest:latest.release - prod',
      '10:20 org.example:range:[1.0,2.0) - prod',
      // Gradle's strict shorthand: strictly 1.5; a range preferring 1.5.
      '11:20 org.example:strict:1.5!! 1.5 prod',
      '12:20 org.example:strict-range:[1.0,2.0)!!1.5 1.5 prod',
      '13:20 org.example:unset:$unset - prod',
      '14:20 org.example:partly-unset:${unset}-patch - prod',
      '15:20 org.example:catalog:${libs.versions.example.get()} - prod',
      '16:20 org.example:ambiguous:$ambiguous - prod',
      // Defined twice alike: not ambiguous.
      '17:20 org.example:doubled:1.0 1.0 prod',
      '18:20 org.example:cycle:$cycle - prod',
      '19:20 org.example:call:${computeVersion()} - prod',
      '20:20 org.example:spaced:1.0 beta - prod',
    ])
    expect(notes(out)).toEqual([
      `7 unresolved-version org.example:no-version: ${NO_VERSION}`,
      `8 unresolved-version org.example:dynamic: version 1.+ ${NOT_EXACT}`,
      `9 unresolved-version org.example:latest: version latest.release ${NOT_EXACT}`,
      '10 unresolved-version org.example:range: version [1.0,2.0) is a range: listed without a version',
      `13 unresolved-version org.example:unset: version $unset, ${UNSET}: listed without a version`,
      `14 unresolved-version org.example:partly-unset: version \${unset}-patch uses \${unset}, ${UNSET}: listed without a version`,
      "15 unresolved-version org.example:catalog: version ${libs.versions.example.get()}, a version catalog's (gradle-version-catalog lists the catalog's entries): listed without a version",
      '16 unresolved-version org.example:ambiguous: version $ambiguous, which this file (or a script it applies) sets to different values: listed without a version',
      '18 unresolved-version org.example:cycle: version $cycle, which this file (or a script it applies) defines through itself: listed without a version',
      '19 unresolved-version org.example:call: version ${computeVersion()}, an expression stewards does not evaluate: listed without a version',
      `20 unresolved-version org.example:spaced: version 1.0 beta ${NOT_EXACT}`,
      `21 unset-variable $unsetGroup:artifact: the group or artifact uses $unsetGroup, ${UNSET}: not listed`,
      `22 unset-variable org.example:\${artifactName}: the group or artifact uses \${artifactName}, ${UNSET}: not listed`,
    ])
    expect(out.errors).toEqual([])
  })

  it('reads no dependency from comments or strings, and a // in a string is no comment', () => {
    const groovy = discover(`// implementation 'org.example:line-comment:1.0'
/* dependencies { implementation 'org.example:block-comment:1.0'
   implementation 'org.example:block-comment-2:1.0' } */
dependencies {
    implementation 'org.example:real:1.0' // implementation 'org.example:trailing:1.0'
    implementation "org.example:after-comment:1.0" /* 'org.example:inline-comment:1.0' */
    // implementation 'org.example:commented-out:1.0'
    def note = "// implementation 'org.example:in-string:1.0'"
    def other = '/* not a comment */ implementation "org.example:in-string-2:1.0"'
    implementation 'org.example:after-strings:1.0'
    def multi = '''
        implementation 'org.example:triple-quoted:1.0'
    '''
    implementation 'org.example:after-triple:1.0'
    implementation "org.example:url-in-string:1.0" // see https://example.com/a//b
}
`)
    expect(rows(groovy)).toEqual([
      '5:20 org.example:real:1.0 1.0 prod',
      '6:20 org.example:after-comment:1.0 1.0 prod',
      '10:20 org.example:after-strings:1.0 1.0 prod',
      '14:20 org.example:after-triple:1.0 1.0 prod',
      '15:20 org.example:url-in-string:1.0 1.0 prod',
    ])
    // Kotlin's block comments nest.
    const kotlin = discover(
      `dependencies {
    /* outer /* inner */ implementation("org.example:nested-comment:1.0") */
    implementation("org.example:kotlin-real:1.0")
    val raw = """
        implementation("org.example:raw-string:1.0")
    """
}
`,
      'build.gradle.kts',
    )
    expect(rows(kotlin)).toEqual(['3:20 org.example:kotlin-real:1.0 1.0 prod'])
  })

  it("reads a subproject's build script the settings script renames (spring-framework, junit5: ${project.name}.gradle)", () => {
    const script = `dependencies {
\tapi("com.example:core:1.2.0")
\ttestImplementation("com.example:check:2.0.0")
}
`
    const groovy = 'rootProject.children.each { project ->\n\tproject.buildFileName = "${project.name}.gradle"\n}\n'
    const kotlin = 'rootProject.children.forEach {\n\tit.buildFileName = "${it.name}.gradle.kts"\n}\n'
    const read = (file: string, settings: Record<string, string>) => inTree(file, {[file]: script, ...settings})
    expect(discoverer.matches('spring-core/spring-core.gradle')).toBe(true)
    expect(discoverer.matches('junit-jupiter-api/junit-jupiter-api.gradle.kts')).toBe(true)
    expect(discoverer.matches('gradle/spring-module.gradle')).toBe(false)
    expect(rows(read('spring-core/spring-core.gradle', {'settings.gradle': groovy}))).toEqual([
      '2:6 com.example:core:1.2.0 1.2.0 prod',
      '3:21 com.example:check:2.0.0 2.0.0 dev',
    ])
    expect(rows(read('junit-jupiter-api/junit-jupiter-api.gradle.kts', {'settings.gradle.kts': kotlin}))).toHaveLength(
      2,
    )
    // Named written out, for one project.
    const one = "project(':tools').buildFileName = 'tools.gradle'\n"
    expect(rows(read('tools/tools.gradle', {'settings.gradle': one}))).toHaveLength(2)
    // Not read: the settings script renames nothing, names another extension, or is not there (a script of that
    // name may be one applied with apply from:, read where it is applied).
    expect(read('spring-core/spring-core.gradle', {'settings.gradle': 'include "spring-core"\n'}).components).toEqual(
      [],
    )
    expect(read('spring-core/spring-core.gradle', {'settings.gradle.kts': kotlin}).components).toEqual([])
    expect(read('spring-core/spring-core.gradle', {}).components).toEqual([])
    expect(read('spring-core/spring-core.gradle', {'settings.gradle': `/* ${groovy} */`}).components).toEqual([])
    // The subprojects' template does not name the root project's script.
    expect(read('spring/spring.gradle', {'spring/settings.gradle': groovy}).components).toEqual([])
  })

  it('reads what it can of a malformed file, and never throws', () => {
    const out = discover(`dependencies {
    implementation('org.example:unclosed:1.0'
    implementation 'org.example:next:1.0'
    implementation 'org.example:unterminated:1.0
    implementation "org.example:after-unterminated:1.0"
}}}
plugins { id 'org.example.after' version '1.0' }
dependencies {
    implementation 'org.example:never-closed:1.0'
`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:20 org.example:next:1.0 1.0 prod',
      // An unterminated string ends at its line's end.
      '4:20 org.example:unterminated:1.0 1.0 prod',
      '5:20 org.example:after-unterminated:1.0 1.0 prod',
      '7:14 org.example.after:org.example.after.gradle.plugin:1.0 1.0 dev',
      '9:20 org.example:never-closed:1.0 1.0 prod',
    ])
    // Windows line ends, and a line ending in a comma going on with the next.
    const crlf = discover(
      'plugins {\r\n  id "org.example.crlf" version "1.0"\r\n}\r\ndependencies {\r\n  implementation "org.example:b:1.0",\r\n    "org.example:c:2.0"\r\n}\r\n',
    )
    expect(rows(crlf)).toEqual([
      '2:6 org.example.crlf:org.example.crlf.gradle.plugin:1.0 1.0 dev',
      '5:18 org.example:b:1.0 1.0 prod',
      '6:5 org.example:c:2.0 2.0 prod',
    ])
    for (const text of [
      '',
      '}',
      '{',
      '"',
      "'''",
      '/*',
      '${',
      'dependencies',
      'dependencies {',
      'plugins { id',
      '= = =',
    ]) {
      // Fragments that declare nothing: read to their end, nothing listed (and nothing thrown).
      expect(rows(discover(text))).toEqual([])
      expect(rows(discover(text, 'build.gradle.kts'))).toEqual([])
    }
  })

  it('reads hostile lines of 200,000 characters (bounded work; bench/hostile.ts style)', () => {
    const long = 200_000
    const after = "\n    implementation 'org.example:after:1.0'\n}\n"
    const read = (middle: string, file = 'build.gradle') =>
      rows(discover(`dependencies {\n    ${middle}${after}`, file))
    const expected = ['3:20 org.example:after:1.0 1.0 prod']
    // A group longer than any id: not coordinates.
    expect(read(`implementation '${'a'.repeat(long)}:b:1.0'`)).toEqual(expected)
    // Colons, at-signs, dollars and backslashes without end.
    expect(read(`implementation "${':'.repeat(long)}"`)).toEqual(expected)
    expect(read(`implementation "org.example:at:${'@'.repeat(long)}"`)).toEqual([
      '2:20 org.example:at - prod',
      ...expected,
    ])
    expect(read(`implementation "${'$'.repeat(long)}"`)).toEqual(expected)
    expect(read(`implementation "${'\\'.repeat(long)}"`)).toEqual(expected)
    // Brackets never closed, closed without opening, and nested deep.
    expect(read(`implementation ${'('.repeat(long)}`)).toEqual(expected)
    expect(read(`implementation ${')]'.repeat(long / 2)}`)).toEqual(expected)
    expect(read(`implementation(${'['.repeat(long / 2)}${']'.repeat(long / 2)})`)).toEqual(expected)
    expect(read(`if (x) ${'{'.repeat(long / 2)}${'}'.repeat(long / 2)}`)).toEqual(expected)
    // Comments opened and closed, nested in Kotlin.
    expect(read(`${'/*'.repeat(long / 2)}*/`)).toEqual(expected)
    expect(
      rows(
        discover(
          `dependencies {\n    ${'/*'.repeat(long / 2)}${'*/'.repeat(long / 2)}\n    implementation("org.example:after:1.0")\n}\n`,
          'build.gradle.kts',
        ),
      ),
    ).toEqual(expected)
    // A configuration name of 200,000 letters (the scope's patterns on it).
    expect(read(`${'a'.repeat(long)} 'org.example:x:1.0'`).slice(1)).toEqual(expected)
    // Templates never closed, and a string that refers to a variable 100,000 times.
    const unclosed = discover(`dependencies {\n    implementation "org.example:a:\${${'{'.repeat(long)}"${after}`)
    expect(rows(unclosed)).toHaveLength(2)
    expect(rows(unclosed)[0]).toMatch(/^2:20 org\.example:a:\$\{\{+… \(\d+ characters left out\) …\{+"\} - prod$/)
    expect(rows(unclosed)[1]).toBe(expected[0])
    expect(unclosed.skipped.every((s) => s.message.length < 1000)).toBe(true)
    const repeated = discover(
      `def v = '1'\ndependencies {\n    implementation "org.example:a:${'$v'.repeat(long / 2)}"${after}`,
    )
    expect(rows(repeated)[0]).toMatch(/^3:20 org\.example:a:/)
    expect(repeated.components[0].version).toBeUndefined()
    expect(notes(repeated)[0]).toContain('which gives more than 4096 characters')
    // Variables made of variables, each twice as long as the one before.
    const doubling = ["def v0 = 'x'"]
    for (let i = 1; i <= 40; i++) doubling.push(`def v${i} = "$v${i - 1}$v${i - 1}"`)
    const doubled = discover(`${doubling.join('\n')}\ndependencies {\n    implementation "org.example:a:$v40"${after}`)
    expect(doubled.components[0].name).toBe('org.example:a')
    expect(doubled.components[0].version).toBeUndefined()
    expect(notes(doubled)[0]).toContain('more than 4096 characters')
    // gradle.properties: a line of backslashes, and one continued 100,000 times.
    const properties = {
      'gradle.properties': `a=${'\\'.repeat(long)}\nb=1.\\\n${'\\\n'.repeat(long / 2)}0\n`,
    }
    const fromProperties = discover(
      `dependencies {\n    implementation "org.example:b:$b"${after}`,
      'build.gradle',
      properties,
    )
    expect(rows(fromProperties)).toEqual(['2:20 org.example:b:1.0 1.0 prod', ...expected])
  })

  it('lists the plugins and dependencies of real build scripts (spring-petclinic, Groovy)', () => {
    const out = discover(fixture('spring-petclinic/build.gradle'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '4:6 org.springframework.boot:org.springframework.boot.gradle.plugin:4.0.3 4.0.3 dev',
      '5:6 io.spring.dependency-management:io.spring.dependency-management.gradle.plugin:1.1.7 1.1.7 dev',
      '6:6 org.graalvm.buildtools.native:org.graalvm.buildtools.native.gradle.plugin:0.11.5 0.11.5 dev',
      '7:6 org.cyclonedx.bom:org.cyclonedx.bom.gradle.plugin:3.2.0 3.2.0 dev',
      '8:6 io.spring.javaformat:io.spring.javaformat.gradle.plugin:0.0.47 0.0.47 dev',
      '9:6 io.spring.nohttp:io.spring.nohttp.gradle.plugin:0.0.11 0.0.11 dev',
      '34:18 org.springframework.boot:spring-boot-starter-cache - prod',
      '35:18 org.springframework.boot:spring-boot-starter-data-jpa - prod',
      '36:18 org.springframework.boot:spring-boot-starter-thymeleaf - prod',
      '37:18 org.springframework.boot:spring-boot-starter-webmvc - prod',
      '38:18 org.springframework.boot:spring-boot-starter-validation - prod',
      '39:18 javax.cache:cache-api - prod',
      '40:18 jakarta.xml.bind:jakarta.xml.bind-api - prod',
      '41:15 org.springframework.boot:spring-boot-starter-actuator - prod',
      '42:15 org.webjars:webjars-locator-lite:1.1.3 1.1.3 prod',
      '43:15 org.webjars.npm:bootstrap:5.3.8 5.3.8 prod',
      '44:15 org.webjars.npm:font-awesome:4.7.0 4.7.0 prod',
      '45:15 com.github.ben-manes.caffeine:caffeine - prod',
      '46:15 com.h2database:h2 - prod',
      '47:15 com.mysql:mysql-connector-j - prod',
      '48:15 org.postgresql:postgresql - prod',
      '49:19 org.springframework.boot:spring-boot-devtools - dev',
      '50:22 org.springframework.boot:spring-boot-starter-data-jpa-test - dev',
      '51:22 org.springframework.boot:spring-boot-starter-restclient-test - dev',
      '52:22 org.springframework.boot:spring-boot-starter-webmvc-test - dev',
      '53:22 org.springframework.boot:spring-boot-testcontainers - dev',
      '54:22 org.springframework.boot:spring-boot-docker-compose - dev',
      '55:22 org.testcontainers:testcontainers-junit-jupiter - dev',
      '56:22 org.testcontainers:testcontainers-mysql - dev',
      '57:14 io.spring.javaformat:spring-javaformat-checkstyle:0.0.47 0.0.47 dev',
      '58:14 com.puppycrawl.tools:checkstyle:12.3.1 12.3.1 dev',
    ])
    // The Spring Boot starters' versions: the dependency-management plugin's BOM gives them, not the script.
    expect(out.skipped).toHaveLength(20)
    expect(notes(out)[0]).toBe(
      `34 unresolved-version org.springframework.boot:spring-boot-starter-cache: ${NO_VERSION}`,
    )
  })

  it('lists the plugins and dependencies of real build scripts (RxJava, Groovy, ext {} versions)', () => {
    const out = discover(fixture('rxjava/build.gradle'), 'build.gradle', {
      'gradle.properties': fixture('rxjava/gradle.properties'),
    })
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '7:8 ru.vyarus.animalsniffer:ru.vyarus.animalsniffer.gradle.plugin:1.7.1 1.7.1 dev',
      '8:8 me.champeau.gradle.jmh:me.champeau.gradle.jmh.gradle.plugin:0.5.3 0.5.3 dev',
      '9:8 com.github.hierynomus.license:com.github.hierynomus.license.gradle.plugin:0.16.1 0.16.1 dev',
      '10:8 biz.aQute.bnd.builder:biz.aQute.bnd.builder.gradle.plugin:6.4.0 6.4.0 dev',
      '11:8 com.vanniktech.maven.publish:com.vanniktech.maven.publish.gradle.plugin:0.19.0 0.19.0 dev',
      '12:8 org.beryx.jar:org.beryx.jar.gradle.plugin:1.2.0 1.2.0 dev',
      // animalsniffer's API signature (`@signature`: its extension, not its name).
      '39:15 org.codehaus.mojo.signature:java18:1.0 1.0 dev',
      '41:9 org.reactivestreams:reactive-streams:1.0.4 1.0.4 prod',
      '42:9 org.reactivestreams:reactive-streams:1.0.4 1.0.4 dev',
      '44:24 junit:junit:4.13.2 4.13.2 dev',
      '45:24 org.mockito:mockito-core:4.11.0 4.11.0 dev',
      '47:24 org.reactivestreams:reactive-streams-tck:1.0.4 1.0.4 dev',
      '48:24 org.testng:testng:7.5 7.5 dev',
      '49:24 com.google.guava:guava:33.1.0-jre 33.1.0-jre dev',
    ])
  })

  it('lists the plugins and dependencies of real build scripts (OkHttp, Kotlin DSL, catalog accessors passed over)', () => {
    const settings = discover(fixture('okhttp/settings.gradle.kts'), 'settings.gradle.kts')
    expect(rows(settings)).toEqual([
      '22:6 org.gradle.toolchains.foojay-resolver-convention:org.gradle.toolchains.foojay-resolver-convention.gradle.plugin:1.0.0 1.0.0 dev',
    ])
    const buildLogic = discover(fixture('okhttp/build-logic/build.gradle.kts'), 'build-logic/build.gradle.kts')
    expect(rows(buildLogic)).toEqual(['4:6 com.diffplug.spotless:com.diffplug.spotless.gradle.plugin:8.8.0 8.8.0 dev'])
    const regression = discover(fixture('okhttp/regression-test/build.gradle.kts'), 'regression-test/build.gradle.kts')
    expect(rows(regression)).toEqual([
      // `val okhttpLegacyVersion = "3.12.12"` inside the dependencies block; the exclude closure not read.
      '40:18 com.squareup.okhttp3:okhttp:3.12.12 3.12.12 prod',
      '41:18 com.squareup.okhttp3:okhttp-tls:3.12.12 3.12.12 prod',
      '44:29 com.squareup.okhttp3:mockwebserver:3.12.12 3.12.12 dev',
    ])
    for (const out of [settings, buildLogic, regression]) {
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    }
  })

  it("lists the catalog a settings script declares (JoseLion/maybe's settings.gradle), and its accessors are no longer passed over", () => {
    // The shape of JoseLion/maybe's settings.gradle (versionCatalogs { libs { version, plugin, library } }), fictional
    // names: its entries were not read, and build.gradle's libs.x said "no version catalog is at gradle/libs.versions.toml".
    const settings = `rootProject.name = 'lantern'

dependencyResolutionManagement {
  versionCatalogs {
    libs {
      version('junit', '5.10.3')
      version('rich') { strictly '[1.0, 2.0)' }

      plugin('mrjar', 'com.example.mrjar').version('0.1.1')
      plugin('lint', 'com.example.lint').versionRef('junit')

      library('assertj', 'org.example', 'assertj-core').version('3.26.3')
      library('junit-api', 'org.example.junit', 'junit-api').versionRef('junit')
      library('bom', 'org.example:lantern-bom:2.0.0')
      library('bare', 'org.example', 'bare').withoutVersion()
      library('strict', 'org.example', 'strict').version {
        strictly '[1.0, 2.0)'
      }
      library('missing', 'org.example', 'missing').versionRef('nowhere')
      bundle('testing', ['assertj', 'junit-api'])
    }
  }
}
`
    const out = inTree('settings.gradle', {'settings.gradle': settings})
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '9:7 com.example.mrjar:com.example.mrjar.gradle.plugin:0.1.1 0.1.1 dev',
      '10:7 com.example.lint:com.example.lint.gradle.plugin:5.10.3 5.10.3 dev',
      '12:7 org.example:assertj-core:3.26.3 3.26.3 -',
      '13:7 org.example.junit:junit-api:5.10.3 5.10.3 -',
      '14:7 org.example:lantern-bom:2.0.0 2.0.0 -',
      '15:7 org.example:bare - -',
      '16:7 org.example:strict:a rich version { … } - -',
      '19:7 org.example:missing:versionRef("nowhere") - -',
    ])
    expect(notes(out)).toEqual([
      `15 unresolved-version org.example:bare: ${NO_VERSION}`,
      '16 unresolved-version org.example:strict: version a rich version { … }, an expression stewards does not evaluate: listed without a version',
      '19 unresolved-version org.example:missing: version versionRef("nowhere"), an expression stewards does not evaluate: listed without a version',
    ])
    // Kotlin DSL: `create("libs") { … }`; a catalog's versions are its own, not another's.
    const kts = `dependencyResolutionManagement {
    versionCatalogs {
        create("libs") {
            version("kotest", "6.2.4")
            library("kotest-runner", "org.example", "kotest-runner").versionRef("kotest")
        }
        create("tools") {
            library("other", "org.example", "other").versionRef("kotest")
        }
    }
}
`
    const kotlin = inTree('settings.gradle.kts', {'settings.gradle.kts': kts})
    expect(rows(kotlin)).toEqual([
      '5:13 org.example:kotest-runner:6.2.4 6.2.4 -',
      '8:13 org.example:other:versionRef("kotest") - -',
    ])
    // The build script's accessors are the settings script's catalog's: no word of a missing catalog.
    const build = `dependencies {
  implementation(libs.assertj)
  testImplementation libs.junit.api
}
`
    expect(notes(inTree('build.gradle', {'build.gradle': build, 'settings.gradle': settings}))).toEqual([])
    expect(
      notes(inTree('build.gradle', {'build.gradle': build, 'settings.gradle': "rootProject.name = 'x'\n"})),
    ).toEqual([
      '2 unsupported 2 dependencies are written as names this file does not define (the first libs.assertj) and no version catalog is at gradle/libs.versions.toml: not listed (names of a map this reader does not follow, or that buildSrc defines)',
    ])
  })

  it('takes a settings catalog by its tokens and by the name it declares (a commented-out one, or another name, silenced every libs.x)', () => {
    const build = `dependencies {
  implementation(libs.assertj)
  implementation(deps.guava)
  testImplementation(libs.junit.api)
}
`
    const said = (settings: string, name = 'settings.gradle.kts') =>
      notes(inTree('build.gradle.kts', {'build.gradle.kts': build, [name]: settings}))
    const missing = (count: number, first: string, line: number) =>
      `${line} unsupported ${count === 1 ? 'a dependency is' : `${count} dependencies are`} written as names this file does not define (the first ${first}) and no version catalog is at gradle/libs.versions.toml: not listed (names of a map this reader does not follow, or that buildSrc defines)`
    // Commented out: no catalog.
    const commented = `dependencyResolutionManagement {
    // versionCatalogs { create("libs") { library("assertj", "org.example:assertj-core:3.26.3") } }
    /* versionCatalogs {
        create("libs") { library("junit-api", "org.example:junit-api:5.10.3") }
    } */
}
`
    expect(said(commented)).toEqual([missing(3, 'libs.assertj', 2)])
    // A catalog of another name: libs.x and deps.x are still no catalog's.
    const tools = `dependencyResolutionManagement {
    versionCatalogs {
        create("tools") { library("lint", "org.example:lint:1.0") }
    }
}
`
    expect(said(tools)).toEqual([missing(3, 'libs.assertj', 2)])
    // The catalog libs (Kotlin's create, Groovy's block): its accessors are its own; deps.guava is still said.
    const libs = tools.replace('create("tools")', 'create("libs")')
    expect(said(libs)).toEqual([missing(1, 'deps.guava', 3)])
    const groovy =
      "dependencyResolutionManagement {\n  versionCatalogs {\n    libs {\n      library('a', 'org.example:a:1.0')\n    }\n  }\n}\n"
    expect(said(groovy, 'settings.gradle')).toEqual([missing(1, 'deps.guava', 3)])
    // Unbalanced brackets in the block end the catalog search there, without looping.
    expect(said('versionCatalogs {\n  create("libs" {\n    library("a", "org.example:a:1.0")\n  }\n')).toEqual([
      missing(3, 'libs.assertj', 2),
    ])
    expect(said('versionCatalogs {\n  create(\n}\n')).toEqual([missing(3, 'libs.assertj', 2)])
    // A catalog outside dependencyResolutionManagement (where Gradle takes none, and the settings reader lists none
    // of its entries), or in one that is not top-level: its accessors are reported, not silenced.
    const outside = 'versionCatalogs {\n  create("libs") { library("assertj", "org.example:assertj-core:3.26.3") }\n}\n'
    expect(said(outside)).toEqual([missing(3, 'libs.assertj', 2)])
    expect(said(`subprojects {\n${libs}}\n`)).toEqual([missing(3, 'libs.assertj', 2)])
    // The header on a line of its own before its brace is the same block.
    expect(said(libs.replace('dependencyResolutionManagement {', 'dependencyResolutionManagement\n{'))).toEqual([
      missing(1, 'deps.guava', 3),
    ])
  })
})
