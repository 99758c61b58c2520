import type {Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {isForbiddenKey} from '../../lockfile-support/problems.js'
import {isRequirementsName, REQUIREMENTS_NAMES} from '../../lockfile-support/requirements-names.js'
import {isTomlTable as isTable, type TomlTable, tomlAt} from '../../lockfile-support/toml.js'

type Field = 'dependencies' | 'optional-dependencies'

/** Where a backend says a dynamic field comes from: files, by extra for optional dependencies (`''`: the field). */
interface Declared {
  backend: string
  files: Array<{extra: string; files: string[]}>
}

/** A `file = "a.txt"` or `file = ["a.txt", "b.txt"]` (setuptools), or a list of files (Hatch): its strings. */
function fileList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((item) => item.trim())
}

/** `{extra = <files>}`: each extra's files, as `files` reads one entry. */
function byExtra(table: unknown, files: (entry: unknown) => string[]): Declared['files'] {
  if (!isTable(table)) return []
  return Object.entries(table)
    .filter(([extra]) => !isForbiddenKey(extra))
    .map(([extra, entry]) => ({extra, files: files(entry)}))
    .filter(({files}) => files.length > 0)
}

function setuptools(root: TomlTable, field: Field): Declared | undefined {
  const value = tomlAt(root, ['tool', 'setuptools', 'dynamic', field])
  const fromFile = (entry: unknown) => (isTable(entry) ? fileList(entry.file) : [])
  const files = field === 'dependencies' ? [{extra: '', files: fromFile(value)}] : byExtra(value, fromFile)
  const given = files.filter((entry) => entry.files.length > 0)
  return given.length === 0 ? undefined : {backend: 'setuptools ([tool.setuptools.dynamic])', files: given}
}

function hatch(root: TomlTable, field: Field): Declared | undefined {
  const hook = tomlAt(root, ['tool', 'hatch', 'metadata', 'hooks', 'requirements_txt'])
  if (!isTable(hook)) return undefined
  const files =
    field === 'dependencies'
      ? [{extra: '', files: fileList(hook.files)}].filter((entry) => entry.files.length > 0)
      : byExtra(hook['optional-dependencies'], fileList)
  return files.length === 0
    ? undefined
    : {backend: 'hatch-requirements-txt ([tool.hatch.metadata.hooks.requirements_txt])', files}
}

/** What the message says of the files: pip-requirements lists those it reads on their own; the others are not read. */
function filesNote(files: string[]): string {
  const read = files.filter(isRequirementsName)
  const unread = files.filter((path) => !isRequirementsName(path))
  const parts: string[] = []
  if (read.length > 0)
    parts.push(`the pip-requirements input lists ${elide(read.join(', '), 200)} as a file of its own, when scanned`)
  if (unread.length > 0)
    parts.push(
      `${elide(unread.join(', '), 200)} ${unread.length === 1 ? 'is' : 'are'} not read (pip-requirements reads ${REQUIREMENTS_NAMES})`,
    )
  return parts.join('; ')
}

function message(field: Field, declared: Declared | undefined): string {
  const what = `[project] dynamic ${field}`
  if (declared === undefined)
    return `${what}: the build backend computes them when it builds the project; they are not written in pyproject.toml and not read`
  const files = declared.files.map(({extra, files}) => (extra === '' ? files : files.map((f) => `${f} (${extra})`)))
  const all = declared.files.flatMap(({files}) => files)
  return `${what}: ${declared.backend} reads them from ${elide(files.flat().join(', '), 200)}, which is not followed here; ${filesNote(all)}`
}

/** The dynamic requirements of `[project]` that are not read, as `unsupported` at the `dynamic` line. */
export function dynamicSkips(file: string, root: TomlTable, line: number): Skipped[] {
  const dynamic = tomlAt(root, ['project', 'dynamic'])
  if (!Array.isArray(dynamic)) return []
  // Poetry 2 reads dynamic dependencies (and extras) from its own tables, which are read.
  if (isTable(tomlAt(root, ['tool', 'poetry', 'dependencies']))) return []
  const fields = (['dependencies', 'optional-dependencies'] as const).filter((field) => dynamic.includes(field))
  return fields.map((field) => ({
    file,
    line,
    reason: 'unsupported' as const,
    message: message(field, setuptools(root, field) ?? hatch(root, field)),
  }))
}
