/**
 * Issue #11 §1: credentials in inputs never reach any output. A tree with a distinct canary secret in every
 * position (tests/trust/canary-tree.ts) is scanned into every report format, collected from the GitHub API
 * emulator with a canary token, inventoried, its cache exported; settings naming the wrong file and a
 * `--github-api-url` with userinfo are refused. No canary may appear in stdout, stderr, a report, the cache
 * directory or the exported bundle, while the redacted URLs still name their host and path.
 */
import {cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {REPORT_FORMATS} from '../../src/report/index.js'
import {type CliResult, repoRoot, runCliAsync} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {CANARIES, canaryFiles, canaryMap, writeTree} from './canary-tree.js'

const TOKEN = 'ghp_canaryToken0123456789abcdefABCDEF'
/** Secrets in other files a setting may name by mistake: never quoted in a message. */
const FILE_CANARY = 'cnry-other-file-3Lx0'
const API_CANARY = 'cnry-api-url-8Wn2'
const EVERY_SECRET = [...Object.values(CANARIES), TOKEN, FILE_CANARY, API_CANARY]

const WINDOW = ['--since', '2025-01-01', '--until', '2026-01-01']

const work = mkdtempSync(join(tmpdir(), 'stewards-canary-'))
const tree = join(work, 'tree')
const mapFile = join(work, 'map.yaml')
const cacheDir = join(work, 'cache')
const reports = join(work, 'reports')
/** Every text the tool produced, with where it came from. */
const outputs: Array<{where: string; text: string}> = []

function record(where: string, result: CliResult): CliResult {
  outputs.push({where: `${where} (stdout)`, text: result.stdout}, {where: `${where} (stderr)`, text: result.stderr})
  return result
}

function filesUnder(dir: string): Array<{where: string; text: string}> {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => ({
      where: join(entry.parentPath, entry.name),
      text: readFileSync(join(entry.parentPath, entry.name), 'utf8'),
    }))
}

let emulator: GithubEmulator

beforeAll(async () => {
  writeTree(tree, canaryFiles())
  // Every component resolves through the map to one fictional upstream the emulator serves: no registry is asked.
  writeFileSync(
    mapFile,
    `${canaryMap().replace('github.com/example-org/tarball', 'github.com/example-lumen/lumen-web')}  - match: "**"\n    repo: github.com/example-lumen/lumen-web\n`,
  )
  const roots = join(work, 'upstreams')
  cpSync(
    join(repoRoot, 'fixtures', 'demo', 'upstreams', 'example-lumen__lumen-web'),
    join(roots, 'example-lumen__lumen-web'),
    {recursive: true},
  )
  emulator = await startGithubEmulator({roots: [roots], token: TOKEN})
  mkdirSync(reports)
})
afterAll(() => emulator?.close())

// Each test runs the CLI several times; on a loaded machine a run takes tens of seconds.
describe('credentials in inputs never reach any output', {timeout: 600_000}, () => {
  it('scan: every report format, collected from GitHub into a cache, then replayed offline', async () => {
    const scan = ['scan', tree, '--map', mapFile, '--github-api-url', emulator.url, '--cache-dir', cacheDir, ...WINDOW]
    const files = REPORT_FORMATS.filter((f) => f !== 'table').map((f) => [
      '--output',
      `${f}=${join(reports, `report.${f}`)}`,
    ])
    const online = record(
      'scan --format table',
      await runCliAsync([...scan, '--format', 'table', ...files.flat()], {env: {GITHUB_TOKEN: TOKEN}}),
    )
    // Lines that cannot be read make the scan incomplete; anything else would be a failure of the test setup.
    expect(online.stderr).not.toContain('Error')
    expect(online.code).toBe(2)
    expect(emulator.requests.length).toBeGreaterThan(0)
    // Replayed from the cache, offline, a format to stdout (the files above hold the others).
    const replay = record(
      'scan --offline --format csv',
      await runCliAsync([...scan, '--offline', '--format', 'csv'], {env: {GITHUB_TOKEN: TOKEN}}),
    )
    expect(replay.code).toBe(2)

    // The data did flow: each redacted URL still says where it points.
    const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as ScanResult
    expect(report.projects.map((p) => p.repo)).toEqual(['github.com/example-lumen/lumen-web'])
    const json = JSON.stringify(report)
    for (const shown of [
      'https%3A%2F%2F***%40files.example.com%2Ftarball-1.0.0.tgz',
      'queried-1.0.0.tgz%3Ftoken%3D***',
      'git%2Bhttps%3A%2F%2F***%40github.com%2Fexample-org%2Fgitdep.git',
      'https://***@files.example.com/qux-1.0.0.tgz',
      'https%3A%2F%2F***%40files.example.com%2Ftarpkg-1.0.0.tgz',
      'https%3A%2F%2F***%40github.com%2Fexample-org%2Fgitpkg.git',
      'git+https://***@github.com/example-org/vcslib.git',
      'directlib-1.0.tar.gz?access_token=***',
      'git%2Bhttps%3A%2F%2F***%40github.com%2Fexample-org%2Fforked.git',
      'git%2Bhttps%3A%2F%2F***%40github.com%2Fexample-org%2Fpoetried.git',
      'git%2Bhttps%3A%2F%2F***%40github.com%2Fexample-org%2Fuvgit',
      'https%3A%2F%2F***%40gems.example.com%2F',
      'https%3A%2F%2F***%40crates.example.com%2Findex',
      'git%2Bhttps%3A%2F%2F***%40github.com%2Fexample-org%2Fgitcrate',
      'https://***@charts.example.com/stable',
      'oci://***@registry.example.com/charts',
      'https://***@charts.example.com/proxy',
      'remote resource https://***@github.com/example-org/deploy//base',
      'invalid image reference \\"***@registry.example.com/example-org/app:1.0\\"',
      '{{ .Values.tag }}?token=***',
      'https://***@wiki.example.com/queried',
    ])
      expect(json, shown).toContain(shown)
    // Lines that cannot be parsed are named by file:line and the kind of problem, never quoted.
    expect(report.errors.map((e) => `${e.file.slice(tree.length + 1)}:${e.line} ${e.message}`)).toEqual(
      expect.arrayContaining([
        'py/requirements.txt:5 not a requirement, an option or an include',
        "ruby/Gemfile.lock:11 expected '    name (version)'",
        "yarn/yarn.lock:9 expected 'descriptor[, descriptor]:'",
        "yarn/yarn.lock:13 expected 'field value'",
      ]),
    )
    outputs.push(...filesUnder(reports), ...filesUnder(cacheDir))
  })

  it('inventory: the table, its summary and --json', async () => {
    expect(record('inventory', await runCliAsync(['inventory', tree])).code).toBe(2)
    const json = record('inventory --json', await runCliAsync(['inventory', tree, '--json']))
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).components.length).toBeGreaterThan(15)
  })

  it('cache export, to a file and to stdout', async () => {
    const bundle = join(work, 'bundle.json')
    expect(
      record('cache export FILE', await runCliAsync(['cache', 'export', bundle, '--cache-dir', cacheDir])).code,
    ).toBe(0)
    expect(record('cache export -', await runCliAsync(['cache', 'export', '-', '--cache-dir', cacheDir])).code).toBe(0)
    outputs.push({where: bundle, text: readFileSync(bundle, 'utf8')})
  })

  it('a --github-api-url with userinfo is refused without printing it', async () => {
    const r = record(
      'scan --github-api-url with userinfo',
      await runCliAsync(['scan', tree, '--github-api-url', `https://user:${API_CANARY}@127.0.0.1:9/api/v3`]),
    )
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('--github-api-url')
  })

  it('a setting naming the wrong file never quotes that file', async () => {
    const other = join(work, 'npmrc')
    writeFileSync(other, `//registry.npmjs.org/:_authToken=${FILE_CANARY}\npassword: ${FILE_CANARY}\n`)
    const entities = join(work, 'entities')
    mkdirSync(entities)
    writeFileSync(join(entities, 'secret.yaml'), `${FILE_CANARY}: [\n`)
    const config = join(work, 'config.yaml')
    writeFileSync(config, `failOn: ${FILE_CANARY}\ngithubApiUrl: https://user:${API_CANARY}@127.0.0.1:9/api/v3\n`)
    for (const args of [
      ['--baseline', other],
      ['--map', other],
      ['--snapshot', other],
      ['--affiliations', other],
      ['--overrides', other],
      ['--companies', other],
      ['--entities', entities],
      ['--config', other],
    ]) {
      const r = record(
        `scan ${args[0]}`,
        await runCliAsync(['scan', tree, '--offline', '--cache-dir', cacheDir, ...args]),
      )
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(3)
    }
    // A wrong value in the user's own settings file is named by key, not quoted.
    const wrong = record('scan --config (wrong values)', await runCliAsync(['scan', tree, '--config', config]))
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toContain(`${config}:1: failOn`)
  })

  it('no canary anywhere: stdout, stderr, every report, the cache, the exported bundle', () => {
    expect(outputs.length).toBeGreaterThan(30)
    const leaks = outputs.flatMap(({where, text}) =>
      EVERY_SECRET.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${where}`),
    )
    expect(leaks).toEqual([])
  })
})
