/**
 * Issue #11 §2: text from upstream and from inputs cannot steer what shows it. Names, companies and governance
 * text from an emulated GitHub, and a directory name and an image reference from the scanned tree, carry ANSI
 * escapes, C1 controls, a lone carriage return, bidi overrides and GitHub workflow commands. Every output of
 * `scan` (every format), `people`, `collect` and `inventory` (text and JSON), stdout and stderr, must hold none of
 * them raw, no line may be a workflow command, and the JSON outputs keep the data exact (as JSON escapes).
 */
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ScanResult} from '../../src/core/model.js'
import {REPORT_FORMATS} from '../../src/report/index.js'
import {type CliResult, runCliAsync} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {HOSTILE, REPO, writeHostileTree, writeHostileUpstream} from './hostile-upstream.js'

const TOKEN = 'ghp_hostileText0123456789abcdefABCDEF'
const WINDOW = ['--since', '2025-01-01', '--until', '2026-01-01']

/** Raw characters that drive a terminal or reorder text (CRLF line ends of CSV are fine). */
const RAW_UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/

/** The lines GitHub Actions would run as workflow commands (actions/runner src/Runner.Common/ActionCommand.cs). */
function workflowCommands(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trimStart().startsWith('::') || line.includes('##['))
}

const work = mkdtempSync(join(tmpdir(), 'stewards-hostile-'))
const tree = join(work, 'tree')
const reports = join(work, 'reports')
const outputs: Array<{where: string; text: string}> = []
let emulator: GithubEmulator

function record(where: string, result: CliResult): CliResult {
  outputs.push({where: `${where} (stdout)`, text: result.stdout}, {where: `${where} (stderr)`, text: result.stderr})
  return result
}

beforeAll(async () => {
  writeHostileUpstream(join(work, 'upstreams'))
  writeHostileTree(tree)
  emulator = await startGithubEmulator({roots: [join(work, 'upstreams')], token: TOKEN})
})
afterAll(() => emulator?.close())

// Each test runs the CLI several times; on a loaded machine a run takes tens of seconds.
describe('hostile names, companies and files are neutralised in every output', {timeout: 600_000}, () => {
  const github = () => ['--github-api-url', emulator.url, '--cache-dir', join(work, 'cache')]
  const env = {GITHUB_TOKEN: TOKEN}

  it('scan: the table on stdout and every other format in a file', async () => {
    const files = REPORT_FORMATS.filter((f) => f !== 'table').flatMap((f) => [
      '--output',
      `${f}=${join(reports, `report.${f}`)}`,
    ])
    const args = ['scan', tree, '--map', join(tree, 'map.yaml'), ...github(), ...WINDOW]
    const r = record('scan', await runCliAsync([...args, ...files], {env}))
    // The hostile image reference cannot be read: incomplete.
    expect(r.code).toBe(2)
    // The hostile company reached the table (as visible text), so the check below is not vacuous.
    expect(r.stdout).toContain(':\u200b:notice::Evil Corp')
    expect(r.stdout).toContain('deploy\\u202E/pod.yaml')
    for (const format of REPORT_FORMATS.filter((f) => f !== 'table'))
      outputs.push({where: `report.${format}`, text: readFileSync(join(reports, `report.${format}`), 'utf8')})

    // JSON keeps the data exact: the bidi override is in the name, written as a JSON escape.
    const json = readFileSync(join(reports, 'report.json'), 'utf8')
    expect(json).toContain('deploy\\u202E/pod.yaml')
    const report = JSON.parse(json) as ScanResult
    expect(report.projects[0].components[0].locations[0].file).toBe(join(tree, HOSTILE.directory, 'pod.yaml'))
    expect(report.projects[0].metrics.top_company).toBe(HOSTILE.company)
    // SARIF is shown by GitHub code scanning: its data is neutralised, the escape is visible text there.
    const sarif = JSON.parse(readFileSync(join(reports, 'report.sarif'), 'utf8'))
    const uris = JSON.stringify(sarif.runs[0].results.map((x: {locations: unknown}) => x.locations))
    expect(uris).toContain('deploy%5Cu202E/pod.yaml')
    expect(readFileSync(join(reports, 'report.markdown'), 'utf8')).toContain('\\u202E')
  })

  it('people and collect: text and JSON', async () => {
    const people = record('people', await runCliAsync(['people', REPO, ...github(), ...WINDOW], {env}))
    expect(people.code).toBe(0)
    expect(people.stdout).toContain('Mallory \\u001B[2J\\u001B]0;owned\\u0007 Evil')
    expect(people.stdout).toContain('Safe name\\u000D::warning::overwritten')
    const json = record('people --json', await runCliAsync(['people', REPO, ...github(), ...WINDOW, '--json'], {env}))
    expect(json.code).toBe(0)
    const names = JSON.stringify(JSON.parse(json.stdout))
    for (const name of [HOSTILE.authorName, HOSTILE.bidiName, HOSTILE.c1Name, HOSTILE.overwriteName])
      expect(names).toContain(JSON.stringify(name).slice(1, -1))
    expect(record('collect', await runCliAsync(['collect', REPO, ...github(), ...WINDOW], {env})).code).toBe(0)
    const collected = record(
      'collect --json',
      await runCliAsync(['collect', REPO, ...github(), ...WINDOW, '--json'], {env}),
    )
    expect(JSON.parse(collected.stdout).projects[0].commits[0].author.name).toBe(HOSTILE.authorName)
  })

  it('inventory: the table, its summary on stderr, and --json', async () => {
    const table = record('inventory', await runCliAsync(['inventory', tree]))
    expect(table.code).toBe(2)
    expect(table.stderr).toContain('invalid image reference')
    expect(record('inventory --json', await runCliAsync(['inventory', tree, '--json'])).code).toBe(2)
  })

  it('nothing raw, no workflow command, anywhere', () => {
    expect(outputs.length).toBeGreaterThan(15)
    const raw = outputs
      .filter(({text}) => RAW_UNSAFE.test(text))
      .map(({where, text}) => `${where}: ${JSON.stringify(text.match(RAW_UNSAFE))}`)
    expect(raw).toEqual([])
    const commands = outputs.flatMap(({where, text}) => workflowCommands(text).map((line) => `${where}: ${line}`))
    expect(commands).toEqual([])
    expect(outputs.filter(({text}) => text.includes(TOKEN)).map(({where}) => where)).toEqual([])
  })
})
