/**
 * `-` reads standard input as one file: its format named by --stdin-format, or recognised by its content
 * (Discoverer.identify, else sniff). Each format's content test is checked against every real file we hold:
 * the fixtures of this repository and ../shared/corpus, where present.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative, sep} from 'node:path'
import {Readable} from 'node:stream'
import {describe, expect, it} from 'vitest'
import {StewardsError} from '../../src/core/errors.js'
import {discoverPaths} from '../../src/discover/index.js'
import {discoverers} from '../../src/discover/registry.js'
import {SNIFF_BYTES} from '../../src/discover/sniff.js'
import {STDIN_FILE} from '../../src/discover/stdin.js'
import {repoRoot, runBuilt, sharedDir} from '../support/cli.js'

const lockfileFixtures = join(repoRoot, 'tests', 'lockfiles', '__fixtures__', 'all-formats')
const corpus = join(sharedDir, 'corpus')

function files(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

const head = (path: string) => readFileSync(path).subarray(0, SNIFF_BYTES).toString('utf8')
const recognisedBy = (text: string) =>
  discoverers.filter((format) => (format.identify ?? format.sniff)?.(text)).map((format) => format.id)

const stdin = (text: string | Uint8Array) => ({stream: Readable.from([Buffer.from(text)])})

async function usageFailure(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(StewardsError)
  expect((error as StewardsError).exitCode).toBe(3)
  return (error as StewardsError).message
}

describe('recognising a format by content', () => {
  const real = [...files(lockfileFixtures), ...files(join(repoRoot, 'fixtures', 'discover')), ...files(corpus)]

  it('names, for every real file a format claims by name, that format or none: never another', () => {
    let recognised = 0
    for (const path of real) {
      const shown = relative(repoRoot, path).split(sep).join('/')
      const claimed = discoverers.filter((format) => format.matches(shown) && !format.sniff).map((format) => format.id)
      if (claimed.length === 0) continue
      const found = recognisedBy(head(path))
      expect(
        found.filter((id) => !claimed.includes(id)),
        shown,
      ).toEqual([])
      if (found.length > 0) recognised++
    }
    // every lockfile fixture but requirements.txt (no marker) is recognised
    expect(recognised).toBeGreaterThanOrEqual(files(lockfileFixtures).length - 1)
  })

  it.skipIf(!existsSync(corpus))(
    'recognises every lockfile of ../shared/corpus as its own format, but requirements',
    () => {
      const got = files(join(corpus, 'lockfiles')).map(
        (path) => `${relative(corpus, path).split(sep).join('/')} ${recognisedBy(head(path))}`,
      )
      const wanted = files(join(corpus, 'lockfiles')).map((path) => {
        const shown = relative(corpus, path).split(sep).join('/')
        const format = discoverers.find((candidate) => candidate.matches(shown))
        return `${shown} ${format && format.id !== 'pip-requirements' ? format.id : ''}`
      })
      expect(got).toEqual(wanted)
      expect(got.filter((line) => line.endsWith(' ')).length).toBeLessThanOrEqual(3)
    },
  )
})

describe('discoverPaths with `-`', () => {
  const lock = readFileSync(join(lockfileFixtures, 'npm', 'package-lock.json'))

  it('reads standard input as one file, named <stdin>, in the format its content shows', async () => {
    const inventory = await discoverPaths(['-'], {stdin: stdin(lock)})
    expect(inventory.errors).toEqual([])
    expect(inventory.files).toBe(1)
    expect(inventory.components.length).toBeGreaterThan(0)
    expect(new Set(inventory.components.flatMap((c) => c.locations.map((l) => l.file)))).toEqual(new Set([STDIN_FILE]))
    const named = await discoverPaths(['-'], {stdin: {...stdin(lock), format: 'npm-package-lock'}})
    expect(JSON.stringify(named)).toBe(JSON.stringify(inventory))
  })

  it('takes a format that recognises the content over the catch-all k8s-manifest, as a tree does (Skaffold)', async () => {
    const text =
      'apiVersion: skaffold/v4beta13\nkind: Config\ndeploy:\n  helm:\n    releases:\n      - name: db\n        remoteChart: oci://registry.example.com/charts/postgres\n        version: 1.4.2\n'
    expect(recognisedBy(text)).toEqual(['k8s-manifest', 'skaffold'])
    const inventory = await discoverPaths(['-'], {stdin: stdin(text)})
    expect(
      inventory.components.map((c) => `${c.ref} ${c.repository} ${c.locations[0].file}:${c.locations[0].line}`),
    ).toEqual([`postgres@1.4.2 oci://registry.example.com/charts ${STDIN_FILE}:7`])
  })

  it('takes --stdin-format for content no format recognises, and reports what it cannot read', async () => {
    const requirements = await discoverPaths(['-'], {stdin: {...stdin('flask==3.0.0\n'), format: 'pip-requirements'}})
    expect(requirements.components.map((c) => `${c.name}@${c.version}`)).toEqual(['flask@3.0.0'])
    const gzip = await discoverPaths(['-'], {
      stdin: {...stdin(new Uint8Array([0x1f, 0x8b, 8, 0])), format: 'yarn-lock'},
    })
    expect(gzip.errors.map((e) => `${e.file} ${e.code}`)).toEqual([`${STDIN_FILE} binary`])
    const large = await discoverPaths(['-'], {stdin: stdin(lock), maxFileSize: 100})
    expect(large.errors.map((e) => `${e.file} ${e.code}`)).toEqual([`${STDIN_FILE} too-large`])
  })

  it('is a usage error when the format cannot be told, is unknown, or `-` is named twice', async () => {
    expect(await usageFailure(discoverPaths(['-'], {stdin: stdin('flask==3.0.0\n')}))).toBe(
      'no format recognises standard input by its content',
    )
    expect(await usageFailure(discoverPaths(['-'], {stdin: {...stdin('x'), format: 'bom'}}))).toMatch(
      /^--stdin-format bom: no such format; known formats: helm-chart, /,
    )
    expect(await usageFailure(discoverPaths(['-', '-'], {stdin: stdin('x')}))).toMatch(/named more than once/)
    expect(await usageFailure(discoverPaths(['.'], {stdin: {format: 'yarn-lock'}}))).toMatch(/no PATH is `-`/)
  })
})

// Standard input needs a process of its own: the built CLI, piped.
describe('stewards inventory -', () => {
  it('reads a lockfile piped in, recognised by content or named with --stdin-format', async () => {
    const yarn = readFileSync(join(lockfileFixtures, 'yarn-classic', 'yarn.lock'), 'utf8')
    const sniffed = await runBuilt(['inventory', '-', '--json'], {input: yarn})
    expect(sniffed.code).toBe(0)
    const json = JSON.parse(sniffed.stdout)
    expect(json.files).toBe(1)
    expect(json.components[0].locations[0].file).toBe(STDIN_FILE)
    const unknown = await runBuilt(['inventory', '-'], {input: 'flask==3.0.0\n'})
    expect(unknown.code).toBe(3)
    expect(unknown.stderr).toContain('Error: no format recognises standard input by its content')
    expect(unknown.stderr).toContain('Hint: name its format with --stdin-format ID (known formats: helm-chart,')
    const named = await runBuilt(['inventory', '-', '--stdin-format', 'pip-requirements', '--json'], {
      input: 'flask==3.0.0\n',
    })
    expect(named.code).toBe(0)
    expect(JSON.parse(named.stdout).components.map((c: {purl: string}) => c.purl)).toEqual(['pkg:pypi/flask@3.0.0'])
  }, 60_000)
})
