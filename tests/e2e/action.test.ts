/**
 * The GitHub Action's script (scripts/action/main.mjs, the steps of action.yml) run as the runner runs it: a
 * process with a simulated GITHUB_* environment (workspace, RUNNER_TEMP, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY in
 * temporary folders) and the built CLI (dist/, `npm test` builds first) as the installed package. The workspaces
 * are copies of the fictional demo, some made hostile: a symlinked stewards.md and settings file, a broken
 * settings file, a symlinked baseline.
 */
import {spawn} from 'node:child_process'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {builtBin, processEnv, repoRoot} from '../support/cli.js'

const script = join(repoRoot, 'scripts', 'action', 'main.mjs')
const root = mkdtempSync(join(tmpdir(), 'stewards-action-'))
let n = 0

interface Runner {
  /** The checkout: a copy of the demo, one level down so that what is written beside it is seen too. */
  workspace: string
  temp: string
  output: string
  summary: string
  /** A file outside the workspace that must never reach the summary. */
  secret: string
}

function runner(): Runner {
  const base = join(root, String(++n))
  const workspace = join(base, 'checkout', 'repo')
  mkdirSync(join(base, 'checkout'), {recursive: true})
  cpSync(join(repoRoot, 'fixtures', 'demo'), workspace, {recursive: true})
  const temp = join(base, 'runner-temp')
  mkdirSync(temp)
  const output = join(base, 'github-output')
  const summary = join(base, 'step-summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  const secret = join(base, 'secret.txt')
  writeFileSync(secret, 'SECRET-RUNNER-CREDENTIAL\n')
  return {workspace, temp, output, summary, secret}
}

/** One step of the action, as action.yml runs it (`node main.mjs STEP` with the inputs as INPUT_* variables). */
function step(
  r: Runner,
  name: string,
  inputs: Record<string, string> = {},
): Promise<{code: number; stdout: string; stderr: string}> {
  const env = processEnv({
    GITHUB_WORKSPACE: r.workspace,
    RUNNER_TEMP: r.temp,
    RUNNER_OS: 'Linux',
    GITHUB_OUTPUT: r.output,
    GITHUB_STEP_SUMMARY: r.summary,
    GITHUB_ACTION_PATH: repoRoot,
    STEWARDS_BIN: builtBin,
    XDG_CACHE_HOME: join(r.temp, 'xdg'),
    ...inputs,
  })
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, name], {cwd: r.workspace, env})
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => {
      stdout += d
    })
    child.stderr.on('data', (d) => {
      stderr += d
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

/** The last value of each output (GITHUB_OUTPUT is appended to by every step). */
function outputs(r: Runner): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of readFileSync(r.output, 'utf8').split('\n')) {
    const at = line.indexOf('=')
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1)
  }
  return out
}

/** Every file under `dir` with its size and modification time: what a run must leave untouched. */
function tree(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((file) => {
      const info = statSync(join(dir, file), {throwIfNoEntry: false})
      return `${file} ${info?.size} ${info?.mtimeMs}`
    })
    .sort()
}

interface ActionStep {
  id?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, string>
}

describe('action.yml', () => {
  const text = readFileSync(join(repoRoot, 'action.yml'), 'utf8')
  // The yaml library's strict parse: a plain scalar with ': ' inside (a description) is an error, as on GitHub.
  const action = parse(text) as {
    inputs: Record<string, {description: string; default?: string}>
    outputs: Record<string, {value: string}>
    runs: {using: string; steps: ActionStep[]}
  }
  const steps = action.runs.steps
  const ids = new Set(steps.map((s) => s.id).filter(Boolean))

  it('is a composite action on current actions, and the steps name only inputs and step outputs that exist', () => {
    expect(action.runs.using).toBe('composite')
    expect(steps.map((s) => s.uses).filter(Boolean)).toEqual([
      'actions/setup-node@v6',
      'actions/cache/restore@v5',
      'actions/cache/save@v5',
      'github/codeql-action/upload-sarif@v4',
    ])
    for (const [, name] of text.matchAll(/\binputs\.([\w-]+)/g)) expect(Object.keys(action.inputs)).toContain(name)
    for (const [, id] of text.matchAll(/\bsteps\.([\w-]+)\.outputs/g)) expect(ids).toContain(id)
    for (const input of Object.values(action.inputs)) expect(input.description.length).toBeGreaterThan(10)
    expect(action.inputs['fail-on-incomplete'].default).toBe('true')
  })

  it('every INPUT_ variable the script reads is set by the step that runs it, from the input of that name', () => {
    const script = readFileSync(join(repoRoot, 'scripts', 'action', 'main.mjs'), 'utf8')
    const read = new Set([...script.matchAll(/env\('(INPUT_[A-Z_]+)'/g)].map((m) => m[1]))
    const set = new Map<string, string>()
    for (const step of steps)
      for (const [name, value] of Object.entries(step.env ?? {})) if (name.startsWith('INPUT_')) set.set(name, value)
    for (const name of read) {
      expect(set.has(name), name).toBe(true)
      const input = name.slice('INPUT_'.length).toLowerCase().replaceAll('_', '-')
      expect(set.get(name)).toBe(`\${{ inputs.${input} }}`)
    }
  })

  it('every output is one the scan step writes', async () => {
    const r = runner()
    writeFileSync(join(r.workspace, '.stewards.yaml'), 'failOn: [\n')
    await step(r, 'scan', {INPUT_PATHS: '.'})
    const written = Object.keys(outputs(r))
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.scan.outputs.${name} }}`)
      expect(written).toContain(name)
    }
  })
})

describe('the GitHub Action script', () => {
  it('prepare: the cache folder under RUNNER_TEMP, a key of the settings and the UTC day', async () => {
    const r = runner()
    const prepared = await step(r, 'prepare', {INPUT_PATHS: '.'})
    expect(prepared.code).toBe(0)
    const day = new Date().toISOString().slice(0, 10)
    expect(outputs(r)['cache-key']).toMatch(new RegExp(`^stewards-v1-Linux-[0-9a-f]{12}-${day}$`))
    expect(outputs(r)['cache-key'].startsWith(outputs(r)['cache-restore-keys'])).toBe(true)
    expect(outputs(r)['cache-dir']).toBe(join(r.temp, 'stewards-cache'))
  })

  it('scans the demo from the workspace, writes only under RUNNER_TEMP, sets outputs and the summary, gates', async () => {
    const r = runner()
    const before = tree(join(r.workspace, '..'))
    const scan = await step(r, 'scan', {INPUT_PATHS: '.', INPUT_FAIL_ON: 'high'})
    expect(scan.code).toBe(0) // the scan step never fails the job: the SARIF upload comes first
    const o = outputs(r)
    expect(o['exit-code']).toBe('1')
    expect(relative(r.temp, o['report-dir'])).toMatch(/^stewards-report-/)
    const report = JSON.parse(readFileSync(o['json-file'], 'utf8'))
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'])
      expect(o[severity]).toBe(String(report.summary.findingsBySeverity[severity]))
    expect(Number(o.high)).toBeGreaterThan(0)
    expect(o.findings).toBe(String(report.findings.length))
    expect(o.incomplete).toBe('false')
    for (const key of ['json-file', 'sarif-file', 'markdown-file', 'html-file'])
      expect(o[key].startsWith(`${o['report-dir']}/`)).toBe(true)
    // SARIF locations are relative to the repository root, as code scanning needs them.
    const sarif = JSON.parse(readFileSync(o['sarif-file'], 'utf8'))
    const uris = sarif.runs[0].results.flatMap(
      (x: {locations: {physicalLocation: {artifactLocation: {uri: string}}}[]}) =>
        x.locations.map((l) => l.physicalLocation.artifactLocation.uri),
    )
    expect(uris.length).toBeGreaterThan(0)
    for (const uri of uris) expect(uri).toMatch(/^(k8s|app|worker)\//)
    // The summary is the Markdown report of this run, byte for byte.
    expect(readFileSync(r.summary, 'utf8')).toBe(readFileSync(o['markdown-file'], 'utf8'))
    // Nothing written in or beside the checkout: no report, no cache.
    expect(tree(join(r.workspace, '..'))).toEqual(before)

    const gate = await step(r, 'gate', {CODE: o['exit-code'], GATING: o.gating})
    expect(gate.code).toBe(1)
    expect(gate.stdout).toContain('::error::stewards: findings at or over fail-on')
  })

  it('never puts a repository file in the summary: a symlinked stewards.md is left alone', async () => {
    const r = runner()
    symlinkSync(r.secret, join(r.workspace, 'stewards.md'))
    symlinkSync(r.secret, join(r.workspace, 'demo-output'))
    const scan = await step(r, 'scan', {INPUT_PATHS: '.'})
    expect(scan.code).toBe(0)
    expect(outputs(r)['exit-code']).toBe('0')
    const summary = readFileSync(r.summary, 'utf8')
    expect(summary).toContain('## stewards')
    expect(summary).not.toContain('SECRET')
    expect(scan.stdout + scan.stderr).not.toContain('SECRET')
    expect(readFileSync(r.secret, 'utf8')).toBe('SECRET-RUNNER-CREDENTIAL\n')
  })

  it('refuses a symlinked settings file (exit 3) and says so in the summary, with no report', async () => {
    const r = runner()
    writeFileSync(r.secret, 'failOn: high\n')
    const settings = join(r.workspace, '.stewards.yaml')
    const kept = readFileSync(settings, 'utf8')
    writeFileSync(join(r.workspace, 'kept.yaml'), kept)
    rmSync(settings)
    symlinkSync(r.secret, settings)
    const scan = await step(r, 'scan', {INPUT_PATHS: '.'})
    expect(scan.code).toBe(0)
    expect(scan.stdout).toContain('::error::stewards action: settings file .stewards.yaml goes through a symbolic link')
    const o = outputs(r)
    expect(o['exit-code']).toBe('3')
    expect(o['json-file']).toBe('')
    expect(o['sarif-file']).toBe('')
    expect(readFileSync(r.summary, 'utf8')).toContain('The scan did not complete (exit 3)')
    // The same through the `config` input, and a config outside the workspace.
    const named = await step(r, 'scan', {INPUT_CONFIG: '.stewards.yaml'})
    expect(named.stdout).toContain('config .stewards.yaml goes through a symbolic link: refused')
    const outside = await step(r, 'scan', {INPUT_CONFIG: r.secret})
    expect(outside.stdout).toContain('is outside')
    expect(outputs(r)['exit-code']).toBe('3')
    // A regular file named by the input is used.
    const good = await step(r, 'scan', {INPUT_CONFIG: 'kept.yaml'})
    expect(good.code).toBe(0)
    expect(outputs(r)['exit-code']).toBe('0')
    const gate = await step(r, 'gate', {CODE: '3'})
    expect(gate.code).toBe(3)
  })

  it('a broken settings file is a configuration error (exit 3): the CLI says where, the summary says so', async () => {
    const r = runner()
    writeFileSync(join(r.workspace, '.stewards.yaml'), 'failOn: [high\nsnapshot: snapshot.json\n')
    const scan = await step(r, 'scan', {INPUT_PATHS: '.'})
    expect(scan.code).toBe(0)
    expect(scan.stderr).toContain('.stewards.yaml')
    const o = outputs(r)
    expect(o['exit-code']).toBe('3')
    expect(o.incomplete).toBe('true')
    expect(readFileSync(r.summary, 'utf8')).toContain('The scan did not complete (exit 3)')
    expect((await step(r, 'gate', {CODE: o['exit-code']})).code).toBe(3)
  })

  it('baseline: the previous JSON report from RUNNER_TEMP gates only new findings', async () => {
    const r = runner()
    await step(r, 'scan', {INPUT_PATHS: '.', INPUT_FAIL_ON: 'high'})
    const previous = join(r.temp, 'baseline', 'stewards.json')
    mkdirSync(join(r.temp, 'baseline'))
    cpSync(outputs(r)['json-file'], previous)
    const again = await step(r, 'scan', {INPUT_PATHS: '.', INPUT_FAIL_ON: 'high', INPUT_BASELINE: previous})
    expect(again.code).toBe(0)
    expect(outputs(r)['exit-code']).toBe('0')
    expect(Number(outputs(r).high)).toBeGreaterThan(0) // still reported, no longer gating
  })

  it('baseline: a missing one warns and every finding gates; one reached through a link is refused', async () => {
    const r = runner()
    const previous = join(r.temp, 'baseline', 'stewards.json')
    mkdirSync(join(r.temp, 'baseline'))
    writeFileSync(previous, '{}')
    const missing = await step(r, 'scan', {
      INPUT_PATHS: '.',
      INPUT_FAIL_ON: 'high',
      INPUT_BASELINE: join(r.temp, 'none.json'),
    })
    expect(missing.stdout).toContain('::warning::stewards action: baseline')
    expect(outputs(r)['exit-code']).toBe('1')

    symlinkSync(previous, join(r.temp, 'linked.json'))
    const linked = await step(r, 'scan', {INPUT_BASELINE: join(r.temp, 'linked.json')})
    expect(linked.stdout).toContain('goes through a symbolic link: refused')
    expect(outputs(r)['exit-code']).toBe('3')
  })

  it('fail-on-incomplete: false turns an incomplete scan into a warning, but findings at fail-on still fail', async () => {
    const r = runner()
    mkdirSync(join(r.workspace, 'broken'))
    writeFileSync(join(r.workspace, 'broken', 'package-lock.json'), '{"lockfileVersion": 3, "packages": {')
    await step(r, 'scan', {INPUT_PATHS: '.', INPUT_FAIL_ON: 'high'})
    const o = outputs(r)
    expect(o['exit-code']).toBe('2')
    expect(o.incomplete).toBe('true')
    expect(Number(o.gating)).toBe(Number(o.high))
    expect((await step(r, 'gate', {CODE: '2', GATING: o.gating})).code).toBe(2)
    const lenient = await step(r, 'gate', {CODE: '2', GATING: o.gating, INPUT_FAIL_ON_INCOMPLETE: 'false'})
    expect(lenient.code).toBe(1)
    expect(lenient.stdout).toContain('::warning::stewards: the scan is incomplete')
    expect((await step(r, 'gate', {CODE: '2', GATING: '0', INPUT_FAIL_ON_INCOMPLETE: 'false'})).code).toBe(0)
  })
})
