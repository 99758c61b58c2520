/**
 * Build scripts a settings script renames. A project's build script is `build.gradle(.kts)` in its folder unless the
 * settings script sets its `buildFileName`
 * (https://docs.gradle.org/current/javadoc/org/gradle/api/initialization/ProjectDescriptor.html#setBuildFileName(java.lang.String)):
 * spring-projects/spring-framework (`rootProject.children.each { project -> project.buildFileName =
 * "${project.name}.gradle" }`) and junit-team/junit5 (`"${project.name}.gradle.kts"`) name each subproject's
 * `<name>/<name>.gradle(.kts)`. Such a file is found by its path, `<folder>/<folder>.gradle(.kts)` (a project's name
 * is its folder's unless the settings script renames it), and read as a build script only when the nearest settings
 * script above it assigns a `buildFileName` that names it: `"${x.name}.gradle"` or `"${x.name}.gradle.kts"` (a
 * template of the project's name) or the file's name written out (`project(':x').buildFileName = 'x.gradle'`).
 * Not found: a renamed build script whose name is not its folder's (another project name, a `projectDir` moved, a
 * name computed otherwise).
 */
import {posix} from 'node:path'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext} from '../../types.js'
import {tokenize} from '../../lockfile-support/groovy-tokenize.js'
import {perScan} from '../../per-scan.js'

/** `<folder>/<folder>.gradle(.kts)`: where `"${project.name}.gradle"` puts a project's build script. */
const RENAMED = /(^|\/)([^/]+)\/\2\.gradle(\.kts)?$/

/** The template of the project's name, `${project.name}` (any receiver: `it`, `project`, `subproject`). */
const PROJECT_NAME = /^\s*[A-Za-z_][A-Za-z0-9_]*\.name\s*$/

export function mayBeRenamedBuildScript(file: string): boolean {
  return RENAMED.test(file)
}

/** What a settings script's `buildFileName = "…"` assignments name: file names written out, and template extensions. */
interface Named {
  literals: Set<string>
  /** `.gradle` or `.gradle.kts` after the template of the project's name. */
  templates: Set<string>
}

/** Each settings script read once a scan (many scripts of a tree ask the same one). */
const settingsNames = perScan(() => new Map<string, Named>())

/** Whether the nearest settings script at or above `file`'s folder names it a project's build script. */
export function renamedBuildScript(file: string, context: DiscoverContext): boolean {
  if (!RENAMED.test(file)) return false
  const folder = posix.dirname(file)
  const name = posix.basename(file)
  for (const path of settingsAbove(file)) {
    const text = context.readText(path)
    if (text === null) continue
    const cache = settingsNames(context)
    let named = cache.get(path)
    if (named === undefined) {
      named = namesIn(text, path.endsWith('.kts'))
      cache.set(path, named)
    }
    if (named.literals.has(name)) return true
    // A settings script in the file's own folder is that build's root: the template of its subprojects does not
    // name the root project's script.
    if (posix.dirname(path) === folder) return false
    const ext = name.endsWith('.gradle.kts') ? '.gradle.kts' : '.gradle'
    return named.templates.has(ext) && name === `${posix.basename(folder)}${ext}`
  }
  return false
}

/** The settings scripts from the file's folder up, nearest first (Groovy's before Kotlin's in one folder). */
function* settingsAbove(file: string): Generator<string> {
  const groovy = [...pathsAbove(file, 'settings.gradle')]
  const kotlin = [...pathsAbove(file, 'settings.gradle.kts')]
  for (let i = 0; i < groovy.length; i++) {
    yield groovy[i]
    yield kotlin[i]
  }
}

/**
 * What the `buildFileName = "…"` assignments of a settings script name: a name written out, or the template of the
 * project's name followed by `.gradle` or `.gradle.kts`.
 */
function namesIn(text: string, kotlin: boolean): Named {
  const named: Named = {literals: new Set(), templates: new Set()}
  if (!text.includes('buildFileName')) return named
  const {tokens} = tokenize(text, kotlin)
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [key, equals, value] = [tokens[i], tokens[i + 1], tokens[i + 2]]
    if (key.kind !== 'ident' || key.value !== 'buildFileName' || equals.value !== '=' || value.kind !== 'string')
      continue
    const parts = value.parts ?? []
    if (parts.every((part) => 'text' in part)) {
      named.literals.add(value.value)
      continue
    }
    if (parts.length !== 2) continue
    const [first, rest] = parts
    if (!('expr' in first) || !first.braces || !PROJECT_NAME.test(first.expr) || !('text' in rest)) continue
    if (rest.text === '.gradle' || rest.text === '.gradle.kts') named.templates.add(rest.text)
  }
  return named
}
