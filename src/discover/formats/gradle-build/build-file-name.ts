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

/** `<folder>/<folder>.gradle(.kts)`: where `"${project.name}.gradle"` puts a project's build script. */
const RENAMED = /(^|\/)([^/]+)\/\2\.gradle(\.kts)?$/

/** The template of the project's name, `${project.name}` (any receiver: `it`, `project`, `subproject`). */
const PROJECT_NAME = /^\s*[A-Za-z_][A-Za-z0-9_]*\.name\s*$/

export function mayBeRenamedBuildScript(file: string): boolean {
  return RENAMED.test(file)
}

/** Whether the nearest settings script at or above `file`'s folder names it a project's build script. */
export function renamedBuildScript(file: string, context: DiscoverContext): boolean {
  if (!RENAMED.test(file)) return false
  const folder = posix.dirname(file)
  for (const path of settingsAbove(file)) {
    const text = context.readText(path)
    if (text === null) continue
    // A settings script in the file's own folder is that build's root: the template of its subprojects does not
    // name the root project's script.
    const own = posix.dirname(path) === folder
    return (
      text.includes('buildFileName') &&
      namesIt(text, path.endsWith('.kts'), posix.basename(file), own ? undefined : posix.basename(folder))
    )
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
 * Whether a `buildFileName = "…"` of a settings script names `name`: written out, or as the template of the
 * project's name followed by `.gradle` or `.gradle.kts` for a project named `project` (its folder's name).
 */
function namesIt(text: string, kotlin: boolean, name: string, project: string | undefined): boolean {
  const {tokens} = tokenize(text, kotlin)
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [key, equals, value] = [tokens[i], tokens[i + 1], tokens[i + 2]]
    if (key.kind !== 'ident' || key.value !== 'buildFileName' || equals.value !== '=' || value.kind !== 'string')
      continue
    const parts = value.parts ?? []
    if (parts.every((part) => 'text' in part)) {
      if (value.value === name) return true
      continue
    }
    if (project === undefined || parts.length !== 2) continue
    const [first, rest] = parts
    if (!('expr' in first) || !first.braces || !PROJECT_NAME.test(first.expr) || !('text' in rest)) continue
    if ((rest.text === '.gradle' || rest.text === '.gradle.kts') && name === `${project}${rest.text}`) return true
  }
  return false
}
