/**
 * Every lockfile of ../shared/corpus against its EXPECTED.json record: distinct (name, version) pairs, the sample
 * pairs, and the per-format counts the record gives (flags, workspace members, links, aliases, direct...).
 * How EXPECTED counts is described in ../shared/corpus/SOURCES.md ("Lockfiles").
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {expectNone} from '../support/expect-none.js'
import type {Component} from '../../src/core/model.js'
import {discoverer as pipRequirements} from '../../src/discover/formats/pip-requirements/index.js'
import {nameFromInstallPath, parseDescriptor} from '../../src/discover/lockfile-support/npm-name.js'
import {discoverers} from '../../src/discover/registry.js'
import type {DiscoverOutput} from '../../src/discover/types.js'
import {sharedDir} from '../support/cli.js'

// biome-ignore lint/suspicious/noExplicitAny: EXPECTED.json records differ per format; each test reads the fields it knows.
type Record = any

const corpusDir = join(sharedDir, 'corpus')
const present = existsSync(join(corpusDir, 'EXPECTED.json'))
if (!present) console.warn(`tests/lockfiles: ${corpusDir} is absent, corpus tests are skipped`)
const expected: [string, Record][] = present
  ? Object.entries(
      JSON.parse(readFileSync(join(corpusDir, 'EXPECTED.json'), 'utf8')) as {[path: string]: Record},
    ).filter(([, record]) => record.type === 'lockfile')
  : []

async function discover(path: string): Promise<DiscoverOutput> {
  // warehouse's requirements/main.txt is kept as main.txt, a name no format claims by itself.
  const format =
    discoverers.find((candidate) => candidate.matches(path)) ?? (path.endsWith('.txt') ? pipRequirements : undefined)
  if (format === undefined) throw new Error(`no format claims ${path}`)
  const text = readFileSync(join(corpusDir, path), 'utf8')
  return format.discover({file: path, text}, {readText: () => null})
}

const pair = (component: Component) => `${component.name}@${component.version}`
const distinct = (components: Component[]) => new Set(components.map(pair))

/** Pairs whose every occurrence satisfies `test`. */
function pairsWhereAll(components: Component[], test: (component: Component) => boolean): number {
  const all = new Map<string, boolean>()
  for (const component of components) all.set(pair(component), (all.get(pair(component)) ?? true) && test(component))
  return [...all.values()].filter(Boolean).length
}

function pairsWhereSome(components: Component[], test: (component: Component) => boolean): number {
  return new Set(components.filter(test).map(pair)).size
}

/** What EXPECTED counts: registry packages, without workspace members and links, except where the format says. */
function counted(record: Record, components: Component[]): Component[] {
  switch (record.format) {
    case 'Cargo.lock': // workspace members are [[package]] entries too, and EXPECTED counts every entry
    case 'Gemfile.lock': // GEM, GIT and PATH specs alike
    case 'go.sum':
      return components
    case 'go.mod': // one per require: a module-replaced require is listed as its replacement (its ref holds the `=>`)
      return components
    case 'requirements.txt': // pinned entries; ranges are listed without a version
      return components.filter((component) => !component.local && component.version !== undefined)
    default:
      return components.filter((component) => !component.local)
  }
}

function checkFormatCounts(record: Record, components: Component[], output: DiscoverOutput): void {
  const nonLocal = components.filter((component) => !component.local)
  const format: string = record.format
  if (format.startsWith('package-lock') || format.startsWith('npm-shrinkwrap')) {
    expect(pairsWhereAll(nonLocal, (c) => c.scope === 'dev')).toBe(record.flags.dev_only_pairs)
    // devOptional entries get scope 'optional', so they count as non-dev here while EXPECTED counts them apart.
    expect(pairsWhereSome(nonLocal, (c) => c.scope !== 'dev')).toBe(
      record.flags.pairs_with_a_prod_occurrence + record.flags.devOptional_only_pairs,
    )
    const installedAs = (c: Component) =>
      record.lockfileVersion === 1 ? c.ref.split(' > ').at(-1) : nameFromInstallPath(c.ref)
    expect(nonLocal.filter((c) => installedAs(c) !== c.name).length).toBe(record.aliases)
    if (record.workspace_members !== undefined) {
      expect(components.filter((c) => c.local && !c.ref.includes('node_modules/')).length).toBe(
        record.workspace_members,
      )
      expect(components.filter((c) => c.local && c.ref.includes('node_modules/')).length).toBe(record.links)
    }
  } else if (format === 'yarn-classic-v1') {
    expect(components.length).toBe(record.entries)
    const descriptors = components.flatMap((c) => c.ref.split(',').map((d) => d.trim().replace(/^"|"$/g, '')))
    expect(descriptors.length).toBe(record.descriptors)
    const firstDescriptor = (c: Component) => c.ref.split(',')[0].trim().replace(/^"|"$/g, '')
    expect(components.filter((c) => parseDescriptor(firstDescriptor(c)).name !== c.name).length).toBe(record.aliases)
  } else if (format === 'yarn-berry') {
    expect(components.length).toBe(record.entries)
    expect(components.flatMap((c) => c.ref.split(', ')).length).toBe(record.descriptors)
    expect(components.filter((c) => c.local).length).toBe(record.workspace_entries)
    expect(components.filter((c) => c.ref.includes('@patch:')).length).toBe(record.resolution_protocols.patch)
  } else if (format.startsWith('pnpm-lock')) {
    expect(components.filter((c) => !c.local).length).toBe(record.package_entries)
    // Before 9.0 each package says `dev: true|false`; 9.0 keeps `optional` in snapshots only (EXPECTED reads packages).
    if (record.flags.dev_true_pairs !== undefined)
      expect(pairsWhereSome(nonLocal, (c) => c.scope === 'dev')).toBe(record.flags.dev_true_pairs)
  } else if (format === 'go.mod') {
    const requires = counted(record, components)
    expect(requires.length).toBe(record.requires)
    expect(requires.filter((c) => c.direct).length).toBe(record.direct)
    expect(requires.filter((c) => !c.direct).length).toBe(record.indirect)
  } else if (format === 'go.sum') {
    // A version with only a /go.mod hash is in the module graph, not the build: not listed (go-sum's readme).
    expect(components.length).toBe(record.pairs_with_module_zip_hash)
    expect(components.filter((c) => c.ref.endsWith('/go.mod')).length).toBe(0)
  } else if (format === 'Cargo.lock') {
    expect(components.length).toBe(record.entries)
    expect(
      components
        .filter((c) => c.local)
        .map((c) => c.name)
        .sort(),
    ).toEqual(record.workspace_members_no_source)
    expect(components.filter((c) => c.purl?.includes('vcs_url=')).length).toBe(record.git)
    expect(components.filter((c) => !c.local && !c.purl?.includes('?')).length).toBe(record.registry)
  } else if (format === 'Gemfile.lock') {
    expect(distinct(components).size).toBe(record.packages_distinct_ignoring_platform)
    expect(new Set(components.map((c) => c.purl)).size).toBe(record.packages_distinct)
    expect(new Set(components.filter((c) => c.direct).map((c) => c.name)).size).toBe(record.direct_dependencies)
    expect(components.length).toBe(record.specs_by_section.GEM ?? 0)
  } else if (format === 'composer.lock') {
    expect(components.filter((c) => c.scope === 'prod').length).toBe(record.packages)
    expect(components.filter((c) => c.scope === 'dev').length).toBe(record.packages_dev)
    expect(pairsWhereAll(components, (c) => c.scope === 'dev')).toBe(record.flags.dev_pairs)
  } else if (format === 'Pipfile.lock') {
    expect(components.filter((c) => c.scope === 'prod').length).toBe(record.default)
    expect(components.filter((c) => c.scope === 'dev').length).toBe(record.develop)
    expect(pairsWhereAll(components, (c) => c.scope === 'dev')).toBe(record.flags.develop_only_pairs)
    expect(pairsWhereSome(components, (c) => c.scope === 'dev') - record.flags.develop_only_pairs).toBe(
      record.flags.in_both,
    )
  } else if (format === 'poetry.lock') {
    expect(components.length).toBe(record.entries)
    expect(components.filter((c) => c.scope === 'prod').length).toBe(record.flags.groups_counts.main)
    expect(components.filter((c) => c.scope === 'optional').length).toBe(record.flags.optional_true)
  } else if (format === 'uv.lock') {
    expect(components.length).toBe(record.entries)
    expect(
      components
        .filter((c) => c.local)
        .map((c) => c.name)
        .sort(),
    ).toEqual(record.workspace_members_editable_or_virtual)
    expect(components.filter((c) => c.purl?.includes('vcs_url=')).length).toBe(record.source_kinds.git ?? 0)
  } else if (format === 'requirements.txt') {
    expect(components.filter((c) => c.version !== undefined).length).toBe(record.pinned)
    expect(components.filter((c) => c.version === undefined).length).toBe(record.range_or_unpinned)
    expect(output.skipped?.length ?? 0).toBe(record.url_or_vcs)
  } else {
    throw new Error(`corpus test does not know format ${format}: add its counts`)
  }
}

describe.skipIf(!present)('shared lockfile corpus matches EXPECTED.json', () => {
  for (const [path, record] of expected) {
    it(path, async () => {
      const output = await discover(path)
      expect(output.errors ?? []).toEqual([])
      const components = output.components
      // Every component placed on a line of this file: the refs of those that are not.
      const unplaced = components.filter((c) => !(c.locations[0].line > 0) || c.locations[0].file !== path)
      expectNone(unplaced.map((c) => `${c.ref} ${JSON.stringify(c.locations[0])}`))
      const pairs = distinct(counted(record, components))
      // A gem's platform is a purl qualifier, not part of its version: the with-platform count is checked on purls.
      expect(pairs.size).toBe(
        record.format === 'Gemfile.lock'
          ? record.packages_distinct_ignoring_platform
          : record.format === 'go.sum'
            ? record.pairs_with_module_zip_hash
            : record.packages_distinct,
      )
      for (const [name, version] of record.sample as [string, string][]) {
        if (record.format === 'requirements.txt' && record.pinned === 0) {
          // Unpinned files sample (name, range): each is listed without a version, the range kept in `ref`.
          const refs = components.filter((c) => c.version === undefined).map((c) => c.ref.toLowerCase())
          expect(refs.some((ref) => ref.replace(/\s+/g, '').includes(`${name}${version}`))).toBe(true)
        } else {
          expect(pairs).toContain(`${name}@${version}`)
        }
      }
      checkFormatCounts(record, components, output)
    })
  }
})
