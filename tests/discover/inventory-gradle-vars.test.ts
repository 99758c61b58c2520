import {readFileSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'
import {makeTree} from './tree.js'

interface Row {
  purl?: string
  scope?: string
  locations: Array<{file: string; line: number; column?: number}>
}

const fixture = (path: string) =>
  readFileSync(`src/discover/formats/gradle-build/__fixtures__/github-browser-sample/${path}`, 'utf8')

/**
 * android/architecture-components-samples' GithubBrowserSample layout (extracts, src/discover/formats/gradle-build/
 * __fixtures__): the root build.gradle applies versions.gradle in `buildscript {}`, whose `def` maps are put into
 * `ext.deps`; the app's build.gradle uses `deps.*` it never defines.
 */
const files: Record<string, string> = {
  'settings.gradle': "include ':app'\n",
  'versions.gradle': fixture('versions.gradle'),
  'build.gradle': fixture('build.gradle'),
  'app/build.gradle': fixture('app/build.gradle'),
}

describe('stewards inventory: Gradle variables shared between scripts (real-world review today)', () => {
  it("--json resolves deps.kotlin.plugin at the root and deps.* in the app from the root's applied script", async () => {
    const dir = await makeTree(files)
    // Exit 0 and no error (inventoryJson asserts both).
    const json = await inventoryJson(dir).finally(() => rm(dir, {recursive: true, force: true}))
    expect(json.skipped).toEqual([])
    // settings.gradle and the two build scripts; versions.gradle is read as the script the root applies.
    expect(json.files).toBe(3)
    expect(
      json.components
        .flatMap((c: Row) =>
          c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}:${l.column} ${c.purl} ${c.scope ?? '-'}`),
        )
        .sort(),
    ).toEqual([
      'app/build.gradle:2:20 pkg:maven/androidx.appcompat/appcompat@1.5.1 prod',
      'app/build.gradle:3:20 pkg:maven/com.github.bumptech.glide/glide@4.14.2 prod',
      'app/build.gradle:4:20 pkg:maven/org.jetbrains.kotlin/kotlin-stdlib-jdk7@1.6.21 prod',
      'build.gradle:5:19 pkg:maven/com.android.tools.build/gradle@7.4.0-rc03 dev',
      'build.gradle:6:19 pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.6.21 dev',
      'build.gradle:7:19 pkg:maven/org.jetbrains.kotlin/kotlin-allopen@1.6.21 dev',
    ])
  })
})
