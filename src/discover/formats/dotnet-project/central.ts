/**
 * Central package management (https://learn.microsoft.com/nuget/consume-packages/central-package-management): the
 * nearest Directory.Packages.props at or above a project, as MSBuild imports it, with what it imports itself. "Only
 * the closest Directory.Packages.props file is evaluated"; a nested one combines with its parent by importing it,
 * `<Import Project="$([MSBuild]::GetPathOfFileAbove(Directory.Packages.props, $(MSBuildThisFileDirectory)..))" />`
 * (the docs' own example). MSBuild evaluates properties and imports in document order, an import where it appears
 * (its file's properties override earlier ones, later ones override its), then items in the same order
 * (https://learn.microsoft.com/visualstudio/msbuild/build-process-overview#evaluation-phase); item metadata sees the
 * final properties. Followed here, and only these (anything else is a skip naming it, never a guess):
 * - `$([MSBuild]::GetPathOfFileAbove(Name.props, $(MSBuildThisFileDirectory)..))`, the name quoted or not, the start
 *   `$(MSBuildThisFileDirectory)..`, `../` or `..\` quoted or not, or absent (the file's own folder)
 *   (https://learn.microsoft.com/visualstudio/msbuild/property-functions#msbuild-getpathoffileabove), and
 *   `$([MSBuild]::GetDirectoryNameOfFileAbove(start, Name.props))/Name.props` with the same starts;
 * - a relative path to a `.props` file, with or without `$(MSBuildThisFileDirectory)` in front, relative to the
 *   importing file's folder (as MSBuild resolves an Import's path);
 * and only inside the scanned folder, at most MAX_DEPTH imports deep. A file already imported is not imported again,
 * as MSBuild ignores it (warning MSB4011), which also ends cycles.
 * An Import's condition (and its ImportGroup's) is evaluated only when it is `'a' == 'b'` or `'a' != 'b'`
 * comparisons (case-insensitive, as MSBuild compares) joined by `and`, their `$(Property)`s defined above it in the
 * files read; a property that none of them defines is empty, as MSBuild expands it in a build whose environment and
 * command line do not set it (dotnet/aspire's `'$(TestsRunningOutsideOfRepo)' != 'true'`, set only by its Helix CI
 * runs). `Exists('path')` is evaluated for a path below the folder of the file that holds the Import (MSBuild
 * evaluates an Import's condition from that folder); `MSBuild*` reserved properties, `or`, parentheses and property
 * functions are not. Property names are case-insensitive, as MSBuild's are.
 * A project or a Directory.Build.props (`conditioned: false`) has only its unconditioned imports followed, for the
 * properties its versions name: what a condition decides there is not guessed.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import type {DiscoverContext} from '../../types.js'
import {type PackageItem, type ProjectFile, readProject} from './project.js'
import {perScan} from '../../per-scan.js'

/** Imports followed within one chain, at most this deep. */
const MAX_DEPTH = 8
/** Files imported into one chain, at most (each once). */
const MAX_FILES = 64
/** Import elements evaluated in one chain, at most: the rest are one skip. */
const MAX_IMPORTS = 256
/** An Import's `Project` longer than this is not evaluated (the patterns below stay linear on what they read). */
const MAX_WRITTEN = 1000
/** A property value expanded where it is defined, at most this long. */
const MAX_VALUE = 4096
/** Characters all properties of one evaluation are expanded into, at most. */
const MAX_EXPANDED = 1 << 22
/** Folders GetPathOfFileAbove looks in, at most. */
const MAX_LEVELS = 64
/** `$(Name)`: an MSBuild property. */
const PROPERTY = /\$\(([A-Za-z_][A-Za-z0-9_.-]{0,199})\)/g

/** An `<Import>` not followed, where it is written and why. */
export interface Unfollowed {
  file: string
  line: number
  column: number
  project: string
  reason: string
  /** `missing-resource` when the file is not there to read, `unsupported` when what is written is not evaluated. */
  kind: 'missing-resource' | 'unsupported'
}

/** What a props file and the files it imports give, evaluated as MSBuild evaluates them. */
export interface Evaluated {
  file: string
  /** Import elements met so far. */
  imports: number
  /** Characters properties may still be expanded into. */
  budget: number
  /** The final properties, by lower-case name (MSBuild's are case-insensitive). */
  properties: Map<string, string>
  /** The `PackageVersion` items in evaluation order. */
  items: PackageItem[]
  unfollowed: Unfollowed[]
  /** Every file read into it, the first one first. */
  files: string[]
}

/** Parsed files, by path, for the files of one scan (null: not there, or not well-formed). */
const parsedFiles = perScan(() => new Map<string, ProjectFile | null>())

export function parsed(file: string, context: DiscoverContext): ProjectFile | null {
  const cache = parsedFiles(context)
  let project = cache.get(file)
  if (project === undefined) {
    const text = context.readText(file)
    const read = text === null ? undefined : readProject(text)
    project = read?.ok ? read.project : null
    cache.set(file, project)
  }
  return project
}

/** The file and what it imports, followed as far as this reader can. */
export function evaluate(
  file: string,
  project: ProjectFile,
  context: DiscoverContext,
  options: {conditioned: boolean} = {conditioned: true},
): Evaluated {
  const state: Evaluated = {
    file,
    imports: 0,
    budget: MAX_EXPANDED,
    properties: new Map(),
    items: [],
    unfollowed: [],
    files: [file],
  }
  walk(file, project, context, state, 0, options.conditioned)
  return state
}

function walk(
  file: string,
  project: ProjectFile,
  context: DiscoverContext,
  state: Evaluated,
  depth: number,
  conditioned: boolean,
): void {
  for (const step of project.steps) {
    if (step.kind === 'property') {
      // Expanded where it is defined (`<NoWarn>$(NoWarn);X</NoWarn>`), one level: what it names is expanded already;
      // what is not defined yet is kept as written. Within a budget (a value of at most MAX_VALUE characters,
      // MAX_EXPANDED in all), so that many properties naming each other stay linear: past it, kept as written.
      let value = step.value
      if (value.includes('$(') && state.budget > 0) {
        const expanded = value.replace(
          PROPERTY,
          (whole, name: string) => state.properties.get(name.toLowerCase()) ?? whole,
        )
        state.budget -= expanded.length
        if (expanded.length <= MAX_VALUE) value = expanded
      }
      state.properties.set(step.name.toLowerCase(), value)
      continue
    }
    if (step.kind === 'item') {
      if (step.item.kind === 'PackageVersion') state.items.push(step.item)
      continue
    }
    const element = step.import
    const skip = (kind: Unfollowed['kind'], reason: string) =>
      state.unfollowed.push({
        file,
        line: element.line,
        column: element.column,
        project: element.project,
        reason,
        kind,
      })
    state.imports++
    if (state.imports > MAX_IMPORTS) {
      if (state.imports === MAX_IMPORTS + 1)
        skip('unsupported', `more than ${MAX_IMPORTS} imports: this one and those after it are not followed`)
      continue
    }
    if (!conditioned && element.conditions.length > 0) {
      skip('unsupported', 'a conditioned import is not followed here')
      continue
    }
    // Its ImportGroup's condition and its own: one false, and it is not imported whatever the others.
    const values = element.conditions.map((condition) => evaluateCondition(condition, state.properties, file, context))
    if (values.includes(false)) continue
    const unknown = element.conditions[values.indexOf(undefined)]
    if (unknown !== undefined) {
      skip('unsupported', `its condition ${elide(unknown, 200)} is not evaluated here`)
      continue
    }
    const target = importTarget(element.project, file, context)
    if ('reason' in target) {
      skip(target.kind, target.reason)
      continue
    }
    if (state.files.includes(target.path)) continue
    if (depth + 1 > MAX_DEPTH || state.files.length >= MAX_FILES) {
      skip('unsupported', `imports nested deeper than ${MAX_DEPTH}, or more than ${MAX_FILES} files, are not followed`)
      continue
    }
    const next = parsed(target.path, context)
    if (next === null) {
      skip('unsupported', `${target.path} is not well-formed MSBuild XML`)
      continue
    }
    state.files.push(target.path)
    walk(target.path, next, context, state, depth + 1, conditioned)
  }
}

type Target = {path: string} | {reason: string; kind: Unfollowed['kind']}

/**
 * `$([MSBuild]::GetPathOfFileAbove(Name.props, $(MSBuildThisFileDirectory)..))`: the name and the start quoted or
 * not, the start `..`, `../`, `..\` after `$(MSBuildThisFileDirectory)`, that folder itself, or absent (the same).
 */
const ABOVE =
  /^\$\(\[MSBuild\]::GetPathOfFileAbove\(\s*(?<q1>'?)(?<name>[A-Za-z0-9_.-]{1,200}\.props)\k<q1>\s*(?:,\s*(?<q2>'?)\$\(MSBuildThisFileDirectory\)\s*(?<up>\.\.[\\/]?)?\s*\k<q2>\s*)?\)\)$/i
/** `$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory).., Name.props))/Name.props`. */
const DIRECTORY_ABOVE =
  /^\$\(\[MSBuild\]::GetDirectoryNameOfFileAbove\(\s*(?<q2>'?)\$\(MSBuildThisFileDirectory\)\s*(?<up>\.\.[\\/]?)?\s*\k<q2>\s*,\s*(?<q1>'?)(?<name>[A-Za-z0-9_.-]{1,200}\.props)\k<q1>\s*\)\)[\\/](?<tail>[A-Za-z0-9_.-]{1,200})$/i

/** Where an Import's `Project` points, inside the scanned folder; why not when it cannot be said. */
function importTarget(written: string, importer: string, context: DiscoverContext): Target {
  const folder = posix.dirname(importer)
  if (written.length > MAX_WRITTEN)
    return {kind: 'unsupported', reason: `a path longer than ${MAX_WRITTEN} characters is not evaluated here`}
  const above = (ABOVE.exec(written) ?? DIRECTORY_ABOVE.exec(written))?.groups
  if (above) {
    const name = above.name
    if (above.tail !== undefined && above.tail !== name)
      return {kind: 'unsupported', reason: 'it names another file than the one it looks for above: not evaluated here'}
    const up = above.up !== undefined
    // Folder by folder up to the file system's root; the context reads nothing outside the scanned folder.
    let dir = up ? posix.join(folder, '..') : folder
    for (let level = 0; level < MAX_LEVELS; level++) {
      const candidate = posix.join(dir, name)
      if (context.readText(candidate) !== null) return {path: candidate}
      const next = posix.join(dir, '..')
      if (next === dir) break
      dir = next
    }
    return {
      kind: 'missing-resource',
      reason: `there is no ${name} ${up ? 'above' : 'at or above'} ${importer} in the scanned folder`,
    }
  }
  const relative = written.replace(/\\/g, '/').replace(/^\$\(MSBuildThisFileDirectory\)\/?/i, '')
  if (relative === '' || /[$@%*?:;]/.test(relative) || relative.startsWith('/') || !/\.props$/i.test(relative))
    return {
      kind: 'unsupported',
      reason:
        'it is a property, a property function or a path not evaluated here (GetPathOfFileAbove from $(MSBuildThisFileDirectory) and relative paths to a .props file are)',
    }
  const path = posix.join(folder, relative)
  // Outside the scanned folder the context reads nothing: not there either.
  if (context.readText(path) === null)
    return {kind: 'missing-resource', reason: `${elide(path, 200)} is not in the scanned folder`}
  return {path}
}

/** One `'a' == 'b'` or `'a' != 'b'` comparison. */
const COMPARISON = /^\s*'([^']*)'\s*(==|!=)\s*'([^']*)'\s*$/
/** `Exists('path')` or `!Exists('path')`. */
const EXISTS = /^\s*(!?)\s*Exists\(\s*'([^']*)'\s*\)\s*$/i

/**
 * True or false when the condition of an Import written in `file` is comparisons or `Exists()` joined by `and`
 * whose values are known; undefined when it cannot be evaluated here. A false part decides, as MSBuild's `and` does.
 */
export function evaluateCondition(
  condition: string,
  properties: Map<string, string>,
  file: string,
  context: DiscoverContext,
): boolean | undefined {
  let known = true
  for (const part of condition.split(/\s+and\s+/i)) {
    const value = evaluatePart(part, properties, file, context)
    if (value === false) return false
    if (value === undefined) known = false
  }
  return known ? true : undefined
}

function evaluatePart(
  part: string,
  properties: Map<string, string>,
  file: string,
  context: DiscoverContext,
): boolean | undefined {
  const comparison = COMPARISON.exec(part)
  if (comparison) {
    const left = conditionValue(comparison[1], properties)
    const right = conditionValue(comparison[3], properties)
    if (left === undefined || right === undefined) return undefined
    return (left.toLowerCase() === right.toLowerCase()) === (comparison[2] === '==')
  }
  const exists = EXISTS.exec(part)
  if (!exists) return undefined
  // Relative to the folder of the file that holds the Import, as MSBuild evaluates an Import's condition (its
  // Evaluator: "use the current project file/targets directory for Import, ImportGroup and PropertyGroup").
  const written = exists[2].replace(/^\$\(MSBuildThisFileDirectory\)/i, '')
  const path = conditionValue(written, properties)?.replace(/\\/g, '/')
  // Only a path below that folder: one that leaves it may leave the scanned folder too, where nothing is read.
  if (path === undefined || path === '' || path.startsWith('/') || /[:*?]/.test(path) || path.split('/').includes('..'))
    return undefined
  const target = posix.join(posix.dirname(file), path)
  // A file or a folder; without reading it (a binary file there is no error of this scan's).
  const there = context.exists
    ? context.exists(target) || (context.listDir?.(target) ?? null) !== null
    : context.readText(target) !== null
  return there === (exists[1] === '')
}

/**
 * A quoted operand with its properties expanded, one that no file read defines empty; undefined when a part of it is
 * not evaluated here (an `MSBuild*` reserved property, a property function, an item or metadata).
 */
function conditionValue(text: string, properties: Map<string, string>): string | undefined {
  let unknown = false
  const value = text.replace(PROPERTY, (_, name: string) => {
    const defined = properties.get(name.toLowerCase())
    if (defined !== undefined) return defined
    if (/^MSBuild/i.test(name)) unknown = true
    return ''
  })
  return unknown || /[$@%]\(/.test(value) ? undefined : value
}

/** `$(Name)` replaced from the properties (the first map that has it), repeatedly; unknown ones stay. */
export function expand(value: string, ...maps: Array<Map<string, string>>): string {
  let current = value
  for (let round = 0; round < 10 && current.includes('$('); round++) {
    const next = current.replace(PROPERTY, (whole, name: string) => {
      for (const map of maps) {
        const defined = map.get(name) ?? map.get(name.toLowerCase())
        if (defined !== undefined) return defined
      }
      return whole
    })
    if (next === current || next.length > 4096) break
    current = next
  }
  return current
}
