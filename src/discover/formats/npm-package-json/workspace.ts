/**
 * The workspace a package.json belongs to: its root is the nearest folder, from the file's own up, whose package.json
 * has `workspaces` (npm, yarn, Bun: an array, or `{packages: [...]}`) or that holds a pnpm-workspace.yaml
 * (`packages:`). What it gives: the names of its packages (the root's and each member's `name`), which are the tree's
 * own and never a registry's for the root and its members (a package.json under the root that no pattern names, such
 * as a template installed on its own, is not linked to them), and its catalogs (pnpm-workspace.yaml `catalog`/`catalogs`, yarn's .yarnrc.yml the
 * same, Bun's `workspaces.catalog(s)` or top-level `catalog(s)` in the root package.json).
 *
 * A monorepo's members each ask for the same workspace: what is read of it is kept per run, in a WeakMap keyed on the
 * run's DiscoverContext (one per scanned root), so 500 members read each member's package.json once, and nothing
 * outlives the run.
 */
import {posix} from 'node:path'
import {CORE_SCHEMA, load} from 'js-yaml'
import {elide} from '../../../core/elide.js'
import type {ScanError, Skipped} from '../../../core/model.js'
import {isJsonObject, type JsonObject, readLockfileJson} from '../../lockfile-support/json-reader.js'
import {isForbiddenKey, lockfileError} from '../../lockfile-support/problems.js'
import {pathsAbove} from '../../paths-above.js'
import type {DiscoverContext} from '../../types.js'
import {expandPatterns, MAX_ENTRIES} from './members.js'

/** Catalog name (`default` for `catalog:`) → package name → range. */
export type Catalogs = Map<string, Map<string, string>>

/** What a package.json says of the workspace it is or belongs to. */
export interface ManifestFacts {
  name: string | undefined
  /** `workspaces` patterns; undefined when the file has no `workspaces` (it is no workspace root). */
  patterns: string[] | undefined
  catalogs: Catalogs
}

export interface Workspace {
  /** The root package's name and every member's. */
  names: ReadonlySet<string>
  /** The root's folder and every member's (the folders the patterns name): the files whose dependencies these names are. */
  members: ReadonlySet<string>
  /** false when a pattern was not expanded whole (a bound, an unread glob): any file under the root is then taken for a member. */
  membersKnown: boolean
  catalogs: Catalogs
  /** Where pnpm-workspace.yaml and the root package.json are. */
  dir: string
  skipped: Skipped[]
  errors: ScanError[]
}

interface PnpmWorkspace {
  patterns: string[]
  catalogs: Catalogs
  error?: ScanError
}

interface RunCache {
  manifests: Map<string, ManifestFacts | null>
  pnpm: Map<string, PnpmWorkspace | null>
  workspaces: Map<string, Workspace>
}

const RUNS = new WeakMap<DiscoverContext, RunCache>()

/** Top-level fields a package.json is read for when it is a workspace's root or member. */
const FACTS = new Set(['name', 'workspaces', 'catalog', 'catalogs'])

export function manifestFacts(root: JsonObject): ManifestFacts {
  const workspaces = root.workspaces
  const listed = isJsonObject(workspaces) ? workspaces.packages : workspaces
  const catalogs: Catalogs = new Map()
  if (isJsonObject(workspaces)) addCatalogs(catalogs, workspaces.catalog, workspaces.catalogs)
  addCatalogs(catalogs, root.catalog, root.catalogs)
  return {
    name: typeof root.name === 'string' ? root.name : undefined,
    patterns: Array.isArray(workspaces) || isJsonObject(workspaces) ? (strings(listed) ?? []) : undefined,
    catalogs,
  }
}

/** The workspace `file` (whose own facts are `own`) belongs to; undefined when no folder above is a workspace root. */
export function findWorkspace(file: string, own: ManifestFacts, context: DiscoverContext): Workspace | undefined {
  let run = RUNS.get(context)
  if (run === undefined) {
    run = {manifests: new Map(), pnpm: new Map(), workspaces: new Map()}
    RUNS.set(context, run)
  }
  run.manifests.set(file, own)
  for (const manifestPath of pathsAbove(file, 'package.json')) {
    const dir = posix.dirname(manifestPath)
    const known = run.workspaces.get(dir)
    if (known !== undefined) return known
    const manifest = manifestAt(run, manifestPath, context)
    const pnpm = pnpmWorkspaceAt(run, inside(dir, 'pnpm-workspace.yaml'), context)
    if (manifest?.patterns === undefined && pnpm === null) continue
    const workspace = readWorkspace(run, dir, manifest, pnpm, context)
    run.workspaces.set(dir, workspace)
    return workspace
  }
  return undefined
}

function readWorkspace(
  run: RunCache,
  dir: string,
  manifest: ManifestFacts | null,
  pnpm: PnpmWorkspace | null,
  context: DiscoverContext,
): Workspace {
  const names = new Set<string>()
  const members = new Set<string>([dir])
  let membersKnown = true
  if (manifest?.name !== undefined) names.add(manifest.name)
  const skipped: Skipped[] = []
  const budget = {left: MAX_ENTRIES}
  const lists: Array<[string, string[] | undefined]> = [
    [inside(dir, 'package.json'), manifest?.patterns],
    [inside(dir, 'pnpm-workspace.yaml'), pnpm?.patterns],
  ]
  for (const [declaredIn, patterns] of lists) {
    if (patterns === undefined) continue
    const expansion = expandPatterns(dir, patterns, context, budget)
    if (expansion.problems.length > 0) membersKnown = false
    for (const message of expansion.problems) skipped.push({file: declaredIn, reason: 'unsupported', message})
    for (const member of expansion.dirs) {
      members.add(member)
      const name = manifestAt(run, inside(member, 'package.json'), context)?.name
      if (name !== undefined) names.add(name)
    }
  }
  // pnpm's first, then yarn's, then Bun's: each package manager reads its own, and a repository has one of them.
  const catalogs: Catalogs = new Map()
  if (pnpm) mergeCatalogs(catalogs, pnpm.catalogs)
  mergeCatalogs(catalogs, yarnCatalogs(inside(dir, '.yarnrc.yml'), context))
  if (manifest) mergeCatalogs(catalogs, manifest.catalogs)
  return {names, members, membersKnown, catalogs, dir, skipped, errors: pnpm?.error ? [pnpm.error] : []}
}

/** The facts of the package.json at `path`, read once per run; null when it is not there or not JSON. */
function manifestAt(run: RunCache, path: string, context: DiscoverContext): ManifestFacts | null {
  const known = run.manifests.get(path)
  if (known !== undefined) return known
  // Its facts are kept, not its text. Its own problems are told when it is read as a file of the scan.
  const text = context.readText(path, {keep: false})
  const read = text === null ? undefined : readLockfileJson(path, text, {skip: (keys) => !FACTS.has(keys[0])})
  const facts = read?.ok ? manifestFacts(read.root) : null
  run.manifests.set(path, facts)
  return facts
}

/** pnpm-workspace.yaml at `path`: `packages` and the catalogs; null when there is none. */
function pnpmWorkspaceAt(run: RunCache, path: string, context: DiscoverContext): PnpmWorkspace | null {
  const known = run.pnpm.get(path)
  if (known !== undefined) return known
  const text = context.readText(path, {keep: false})
  let found: PnpmWorkspace | null = null
  if (text !== null) {
    const loaded = loadYaml(path, text)
    found =
      'error' in loaded
        ? {patterns: [], catalogs: new Map(), error: loaded.error}
        : {patterns: strings(record(loaded.value).packages) ?? [], catalogs: yamlCatalogs(loaded.value)}
  }
  run.pnpm.set(path, found)
  return found
}

/** yarn's catalogs (4.10 and later): `catalog` and `catalogs` of .yarnrc.yml, nothing else of it (it may hold tokens). */
function yarnCatalogs(path: string, context: DiscoverContext): Catalogs {
  const text = context.readText(path, {keep: false})
  if (text === null) return new Map()
  const loaded = loadYaml(path, text)
  // Its syntax errors are told with the registries it names (../../lockfile-support/npm-registries.ts).
  return 'error' in loaded ? new Map() : yamlCatalogs(loaded.value)
}

function yamlCatalogs(value: unknown): Catalogs {
  const catalogs: Catalogs = new Map()
  addCatalogs(catalogs, record(value).catalog, record(value).catalogs)
  return catalogs
}

function loadYaml(path: string, text: string): {value: unknown} | {error: ScanError} {
  try {
    return {value: load(text, {schema: CORE_SCHEMA, filename: path})}
  } catch (error) {
    // A YAMLException, or a RangeError of nesting too deep to parse.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    const line = (error as {mark?: {line?: number}}).mark?.line
    return {
      error: lockfileError(
        path,
        'invalid-yaml',
        `${elide(message, 300)}: the workspace's packages and catalogs it names are not known`,
        line === undefined ? undefined : line + 1,
      ),
    }
  }
}

/** `catalog` (the default catalog) and `catalogs` (named ones, `default` among them), as written: strings only. */
function addCatalogs(catalogs: Catalogs, defaultCatalog: unknown, named: unknown): void {
  addCatalog(catalogs, 'default', defaultCatalog)
  for (const [name, entries] of Object.entries(record(named)))
    if (!isForbiddenKey(name)) addCatalog(catalogs, name, entries)
}

function addCatalog(catalogs: Catalogs, name: string, entries: unknown): void {
  for (const [key, range] of Object.entries(record(entries))) {
    if (typeof range !== 'string' || isForbiddenKey(key)) continue
    const catalog = named(catalogs, name)
    if (!catalog.has(key)) catalog.set(key, range)
  }
}

/** Adds `from`'s entries that `into` does not have. */
function mergeCatalogs(into: Catalogs, from: Catalogs): void {
  for (const [name, entries] of from) {
    const catalog = named(into, name)
    for (const [key, range] of entries) if (!catalog.has(key)) catalog.set(key, range)
  }
}

/** The catalog `name`, added empty when there is none yet. */
function named(catalogs: Catalogs, name: string): Map<string, string> {
  let catalog = catalogs.get(name)
  if (catalog === undefined) {
    catalog = new Map()
    catalogs.set(name, catalog)
  }
  return catalog
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined
}

function inside(dir: string, name: string): string {
  return dir === '.' || dir === '' ? name : `${dir}/${name}`
}
