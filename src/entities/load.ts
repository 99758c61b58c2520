import {namesUnder} from '../core/names-under.js'
import {stat} from 'node:fs/promises'
import {join, sep} from 'node:path'
import {shippedPath, shownPath} from '../core/package-root.js'
import {StewardsError} from '../core/errors.js'
import {type EntityData, type EntityIndex, buildEntityIndex} from './entity-index.js'
import {EntitiesFile} from './schema.js'
import {formatProblem} from '../core/problem.js'
import {type EntityProblem, parseYaml, zodProblems} from './yaml-file.js'
import {plainReason} from '../core/fs-reason.js'
import {readRegularFile} from '../core/regular-file.js'

/** The organisation data shipped with stewards. */
export const shippedEntitiesDir = `${shippedPath('rules', 'entities')}${sep}`

// Bounds for untrusted directories: entity files are small, hand-reviewed YAML.
const MAX_FILE_BYTES = 2 * 1024 * 1024
const MAX_FILES = 5000
const MAX_PROBLEMS_SHOWN = 20

/** Invalid entity data: every problem found, each with file, line and reason. */
export class EntitiesError extends StewardsError {
  readonly problems: EntityProblem[]

  constructor(problems: EntityProblem[]) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map(formatProblem)
    if (problems.length > shown.length) shown.push(`... and ${problems.length - shown.length} more`)
    super('entities-invalid', `invalid organisation data:\n${shown.join('\n')}`, {
      hint: 'see rules/entities/SOURCES.md for the format of entity files',
    })
    this.problems = problems
  }
}

export interface LoadOptions {
  /** Load the shipped rules/entities/ first (default true). */
  shipped?: boolean
}

/**
 * Loads organisations, lists and memberships: the shipped rules/entities/ (unless `shipped: false`),
 * then every `*.yaml`/`*.yml` under each of `dirs` (users' own organisations and watch-lists).
 * Throws an EntitiesError listing every problem when any file is invalid: a half-loaded
 * watch-list would silently under-report.
 */
export async function loadEntities(dirs: string[] = [], options: LoadOptions = {}): Promise<EntityIndex> {
  const roots = [...(options.shipped === false ? [] : [shippedEntitiesDir]), ...dirs]
  const data: EntityData = {organizations: [], lists: [], memberships: [], sources: []}
  const problems: EntityProblem[] = []
  for (const root of roots) {
    const files = await yamlFiles(root, problems)
    for (const file of files) await readEntitiesFile(file, shownPath(file), data, problems)
  }
  const {index, problems: crossProblems} = buildEntityIndex(data)
  problems.push(...crossProblems)
  if (problems.length > 0) throw new EntitiesError(problems.sort(byFileAndLine))
  return index
}

function byFileAndLine(a: EntityProblem, b: EntityProblem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line
}

async function yamlFiles(root: string, problems: EntityProblem[]): Promise<string[]> {
  let entries: string[]
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory')
    entries = namesUnder(root)
  } catch (error) {
    problems.push({file: root, line: 0, message: `cannot read entities directory (${plainReason(error)})`})
    return []
  }
  const files = entries
    .filter((name) => /\.ya?ml$/iu.test(name) && !name.split(/[\\/]/u).some((part) => part.startsWith('.')))
    .sort()
    .map((name) => join(root, name))
  if (files.length > MAX_FILES) {
    problems.push({
      file: root,
      line: 0,
      message: `more than ${MAX_FILES} YAML files; only the first ${MAX_FILES} were read`,
    })
  }
  return files.slice(0, MAX_FILES)
}

async function readEntitiesFile(
  path: string,
  file: string,
  data: EntityData,
  problems: EntityProblem[],
): Promise<void> {
  let text: string
  try {
    const read = readRegularFile(path, MAX_FILE_BYTES)
    if ('tooLarge' in read) {
      problems.push({
        file,
        line: 0,
        message: `file is ${read.tooLarge} bytes, more than the ${MAX_FILE_BYTES} allowed for an entity file`,
      })
      return
    }
    text = read.text
  } catch (error) {
    problems.push({file, line: 0, message: `cannot read file (${plainReason(error)})`})
    return
  }
  const yaml = parseYaml(text, file)
  if (yaml.problems.length > 0) {
    problems.push(...yaml.problems)
    return
  }
  if (yaml.value === null || yaml.value === undefined) return
  const parsed = EntitiesFile.safeParse(yaml.value)
  if (!parsed.success) {
    problems.push(...zodProblems(parsed.error, file, yaml))
    return
  }
  const content = parsed.data
  content.organizations?.forEach((entry, i) => {
    data.organizations.push({entry, file, lineOf: (path) => yaml.lineOf(['organizations', i, ...path])})
  })
  content.lists?.forEach((definition, i) => {
    data.lists.push({definition, file, line: yaml.lineOf(['lists', i])})
  })
  content.memberships?.forEach(({organization, ...membership}, i) => {
    data.memberships.push({organization, membership, file, line: yaml.lineOf(['memberships', i])})
  })
  data.sources.push(...(content.sources ?? []))
}
