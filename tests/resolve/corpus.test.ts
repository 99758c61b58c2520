import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {expectNone} from '../support/expect-none.js'
import type {Component} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {formatResolutionTable, type ResolveRun, resolveComponents} from '../../src/resolve/index.js'
import {sharedDir} from '../support/cli.js'
import {expectGoldenIn} from '../support/golden.js'
import {servedByEmulators} from '../support/registry-emulators/catalogue.js'
import {summarise, tempCacheDir} from '../support/registry-emulators/fixtures.js'
import {type RegistryEmulators, startRegistryEmulators} from '../support/registry-emulators/index.js'

const corpus = join(sharedDir, 'corpus')
const present = existsSync(join(corpus, 'EXPECTED.json'))
if (!present) console.warn(`SKIPPED: ${corpus} is absent; the resolve acceptance needs ../shared/corpus`)

type Expected = Record<
  string,
  {type: string; images_normalised?: string[]; ecosystem?: string; sample?: Array<[string, string]>}
>

const ALLOWED_REASONS = new Set([
  'local',
  'offline-cache-miss',
  'network-error',
  'not-found',
  'no-repository',
  'no-label',
  'unverified',
  'invalid-name',
  'no-version',
  'unsupported',
])

/** What `summarise` says of one component: a repository with confidence and provenance, or an allowed reason. */
const OUTCOME = new RegExp(
  `^(?:[a-z0-9.-]+/\\S+(?: \\([^)]+\\))? (?:high|medium|low) \\S+|unresolved: (?:${[...ALLOWED_REASONS].join('|')}))$`,
)

const expectedFile: Expected = present ? JSON.parse(readFileSync(join(corpus, 'EXPECTED.json'), 'utf8')) : {}

/** The distinct image names (tag and digest dropped) EXPECTED.json normalises, sorted. */
function listedImages(): string[] {
  const names = Object.values(expectedFile).flatMap((record) =>
    (record.images_normalised ?? []).map((ref) => ref.replace(/@sha256:.*$/, '').replace(/:[^:/]+$/, '')),
  )
  return [...new Set(names)].sort()
}

/** EXPECTED.json's Go samples as `module@version`, sorted. */
function goSamples(): string[] {
  const samples = Object.values(expectedFile).flatMap((r) =>
    r.ecosystem === 'go' ? (r.sample ?? []).map(([name, version]) => `${name}@${version}`) : [],
  )
  return [...new Set(samples)].sort()
}

function aligned(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([key]) => key.length))
  return rows.map(([key, value]) => `${key.padEnd(width)}  ${value}`)
}

/**
 * Acceptance (issue 7): every image and package of ../shared/corpus resolves or says why not. The corpus is
 * discovered with the real engine; a cache is warmed from the registry emulators (recorded npm responses,
 * written ones for the rest) for the components they know; then the whole corpus resolves offline.
 */
describe.skipIf(!present)('acceptance: ../shared/corpus resolves offline, or says why', () => {
  let emulators: RegistryEmulators
  let components: Component[]
  let run: ResolveRun
  const byImage = new Map<string, string>()

  beforeAll(async () => {
    emulators = await startRegistryEmulators()
    components = (await discoverPaths([corpus])).components
    const cacheDir = await tempCacheDir()
    const served = servedByEmulators()
    // Warmed with retries: on a loaded machine an emulator answer can time out, and an unwarmed entry is a miss later.
    await resolveComponents(components.filter(served), {cacheDir, endpoints: emulators.endpoints, retries: 2})
    const requestsBefore = Object.values(emulators.servers).reduce((n, s) => n + s.requests.length, 0)
    run = await resolveComponents(components, {cacheDir, offline: true, endpoints: emulators.endpoints})
    expect(Object.values(emulators.servers).reduce((n, s) => n + s.requests.length, 0)).toBe(requestsBefore)
    for (const [key, value] of Object.entries(summarise(run))) byImage.set(key.replace(/@.*$/, ''), value)
    console.log(
      `\nResolution of ../shared/corpus, offline from an emulator-warmed cache:\n${formatResolutionTable(run.stats)}`,
    )
  }, 120_000)
  afterAll(() => emulators?.close())

  it('accounts for every component exactly once, each unresolved one with a known reason and an explanation', () => {
    const resolved = run.groups.reduce((n, g) => n + g.components.length, 0)
    expect(resolved + run.unresolved.length).toBe(components.length)
    expect(run.stats.total).toBe(components.length)
    // Each unresolved component with an allowed reason, a detail, and `local` exactly when the component is local:
    // the ones that are not, listed (three expects for each of 17,000 took a second).
    const wrong = run.unresolved
      .filter(
        (u) => !ALLOWED_REASONS.has(u.reason) || !u.detail || (u.reason === 'local') !== Boolean(u.component.local),
      )
      .map((u) => `${u.component.name}: ${u.reason} (${u.detail || 'no detail'}; local: ${Boolean(u.component.local)})`)
    expectNone(wrong)
    // Offline and cold for most packages: the run must say it is incomplete.
    expect(run.incomplete).toBe(true)
  })

  it('every image and Go sample listed in EXPECTED.json is discovered and gets an outcome', () => {
    const images = listedImages()
    expect(images.length).toBeGreaterThan(0)
    for (const name of images) expect(byImage.get(name), name).toMatch(OUTCOME)
    const samples = goSamples()
    expect(samples.length).toBeGreaterThan(0)
    const outcomes = summarise(run)
    for (const sample of samples) expect(outcomes[sample], sample).toMatch(OUTCOME)
  })

  it('the outcome of each listed image and Go sample, and the resolution-rate table, equal the reviewed golden file', () => {
    const outcomes = summarise(run)
    const text = [
      '# Resolution of ../shared/corpus, offline from a cache warmed by the registry emulators (tests/resolve/corpus.test.ts).',
      '# Reviewed by hand: see README.md beside this file. Regenerate with UPDATE_GOLDEN=1 and review the diff.',
      '',
      '## Images listed in EXPECTED.json (images_normalised, without tag or digest)',
      ...aligned(listedImages().map((name) => [name, byImage.get(name) ?? 'MISSING'])),
      '',
      '## Go samples listed in EXPECTED.json',
      ...aligned(goSamples().map((sample) => [sample, outcomes[sample] ?? 'MISSING'])),
      '',
      '## Resolution rate (components as discovery emits them: identical entries merged across files)',
      formatResolutionTable(run.stats),
    ].join('\n')
    // `UPDATE_GOLDEN=1 npx vitest run tests/resolve/corpus.test.ts` rewrites it; review the diff (__golden__/README.md).
    expectGoldenIn(join(import.meta.dirname, '__golden__'), 'corpus-resolution.txt', text)
  })
})
