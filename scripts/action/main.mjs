#!/usr/bin/env node
/**
 * The steps of the GitHub Action (action.yml), as one plain-JavaScript file the runner's Node runs as is: no
 * TypeScript build on every run, no dependency (the scan itself is the installed `stewards` package).
 *
 *   node main.mjs install   installs the package (PACKAGE, else stewards@VERSION of the action) under $RUNNER_TEMP
 *   node main.mjs prepare   the cache folder and the actions/cache key (settings hash and UTC day)
 *   node main.mjs scan      runs `stewards scan` from $GITHUB_WORKSPACE, reports under a fresh folder in $RUNNER_TEMP
 *   node main.mjs gate      fails the job on findings at or over fail-on, or on an incomplete scan
 *
 * Rules it keeps (issue #15):
 * - Every file it writes is under $RUNNER_TEMP, never in the workspace: the reports go to a folder made fresh by
 *   mkdtemp in this run, and `--output` flags replace any `output:` list of the repository's .stewards.yaml.
 * - It never follows a symlink from the repository: the settings file (the `config` input, else the .stewards.yaml
 *   the CLI would pick) and the baseline must be regular files whose real path stays inside their root; the scanned
 *   tree is walked by stewards itself, which never follows a symlink leaving a PATH.
 * - The job summary gets only the Markdown report written in this run into that fresh folder (opened with
 *   O_NOFOLLOW), or a line of its own: never a file of the repository, such as a stewards.md it might hold.
 * Inputs arrive as environment variables set by action.yml (INPUT_*), as a composite action must pass them.
 */
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {
  appendFileSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
} from 'node:fs'
import {dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'

const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical']
/** The CLI's exit codes (README "Exit codes"). */
const EXIT = {clean: 0, findings: 1, incomplete: 2, usage: 3, internal: 4}

class ActionError extends Error {}

function env(name, fallback = '') {
  const value = process.env[name]
  return value === undefined ? fallback : value.trim()
}

function required(name) {
  const value = env(name)
  if (!value) throw new ActionError(`${name} is not set: run this script as a step of the stewards action`)
  return value
}

/** Appends `name=value` lines to $GITHUB_OUTPUT (values are single lines: paths and counts). */
function setOutputs(outputs) {
  const file = required('GITHUB_OUTPUT')
  const lines = Object.entries(outputs).map(([name, value]) => {
    const text = String(value)
    if (/[\r\n]/.test(text)) throw new ActionError(`output ${name} would span lines`)
    return `${name}=${text}\n`
  })
  appendFileSync(file, lines.join(''))
}

/** A word list from an input: whitespace-separated, no quoting, no globbing (as documented in action.yml). */
function words(text) {
  return text.split(/\s+/).filter(Boolean)
}

function isInside(path, root) {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * A file the repository (or the workflow) names, inside `root`: a regular file reached without any symbolic link
 * (each component below `root` is checked with lstat). Returns its absolute path, or null when it does not exist.
 */
function safeFile(path, root, what) {
  const absolute = resolve(root, path)
  if (!isInside(absolute, root)) throw new ActionError(`${what} ${path} is outside ${root}: refused`)
  let current = root
  for (const part of relative(root, absolute).split(sep)) {
    current = join(current, part)
    let info
    try {
      info = lstatSync(current)
    } catch {
      return null
    }
    if (info.isSymbolicLink())
      throw new ActionError(`${what} ${path} goes through a symbolic link: refused (the action never follows one)`)
  }
  if (!lstatSync(absolute).isFile()) throw new ActionError(`${what} ${path} is not a regular file`)
  return absolute
}

/** The settings file: the `config` input, else the .stewards.yaml the CLI would read (first PATH's folder, then the root). */
function settingsFile(workspace, paths) {
  const input = env('INPUT_CONFIG')
  if (input) {
    const file = safeFile(input, workspace, 'config')
    if (!file) throw new ActionError(`config ${input} does not exist in the repository`)
    return file
  }
  const first = paths[0]
  const candidates = []
  if (first) {
    const dir = resolve(workspace, first)
    // lstat: a first PATH that is a symlink to a directory is not entered for its settings either.
    if (existsSync(dir) && lstatSync(dir).isDirectory()) candidates.push(join(first, '.stewards.yaml'))
  }
  candidates.push('.stewards.yaml')
  for (const candidate of candidates) {
    const file = safeFile(candidate, workspace, 'settings file')
    if (file) return file
  }
  return null
}

function install() {
  const temp = required('RUNNER_TEMP')
  const actionPath = required('GITHUB_ACTION_PATH')
  let spec = env('INPUT_PACKAGE')
  if (!spec) {
    const {name, version} = JSON.parse(readFileSync(join(actionPath, 'package.json'), 'utf8'))
    spec = `${name}@${version}`
  }
  const prefix = join(temp, 'stewards-install')
  mkdirSync(prefix, {recursive: true})
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts', spec]
  console.log(`stewards action: npm ${args.join(' ')}`)
  const run = spawnSync(npm, args, {stdio: 'inherit', shell: process.platform === 'win32'})
  if (run.status !== 0)
    throw new ActionError(
      `npm install ${spec} failed (exit ${run.status}); the package input takes a version or a packed tarball (npm pack)`,
    )
  const bin = join(prefix, 'node_modules', 'stewards', 'bin', 'run.js')
  if (!existsSync(bin)) throw new ActionError(`${spec} installed no stewards/bin/run.js`)
  setOutputs({bin})
}

function prepare() {
  const temp = required('RUNNER_TEMP')
  const workspace = required('GITHUB_WORKSPACE')
  const cacheDir = join(temp, 'stewards-cache')
  // The collected data depends on the window and the settings: hashed with the inputs that can change them.
  // A symlinked settings file is refused by `scan`, with its message; here it only makes the key generic.
  let settings = ''
  try {
    const file = settingsFile(workspace, words(env('INPUT_PATHS', '.')))
    if (file) settings = readFileSync(file, 'utf8')
  } catch {}
  const hash = createHash('sha256')
    .update(JSON.stringify([env('INPUT_PATHS'), env('INPUT_ARGS'), settings]))
    .digest('hex')
    .slice(0, 12)
  const day = new Date().toISOString().slice(0, 10)
  const os = env('RUNNER_OS', process.platform)
  setOutputs({
    'cache-dir': cacheDir,
    'cache-key': `stewards-v1-${os}-${hash}-${day}`,
    'cache-restore-keys': `stewards-v1-${os}-${hash}-`,
  })
}

function scan() {
  const workspace = realpathSync(required('GITHUB_WORKSPACE'))
  const temp = required('RUNNER_TEMP')
  const bin = required('STEWARDS_BIN')
  required('GITHUB_OUTPUT')
  const out = mkdtempSync(join(temp, 'stewards-report-'))
  const files = {
    json: join(out, 'stewards.json'),
    sarif: join(out, 'stewards.sarif'),
    markdown: join(out, 'stewards.md'),
    html: join(out, 'stewards.html'),
  }
  let code
  let refused
  try {
    code = runScan(workspace, temp, bin, files)
  } catch (error) {
    if (!(error instanceof ActionError)) throw error
    // A hostile or broken repository is a configuration error of the scan (exit 3), reported as one.
    refused = error.message
    console.log(`::error::stewards action: ${refused}`)
    code = EXIT.usage
  }
  const report = readOwnJson(files.json, out)
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, report?.summary?.findingsBySeverity?.[s] ?? 0]))
  const outputs = {'exit-code': code, 'report-dir': out, ...counts}
  outputs.findings = SEVERITIES.reduce((sum, s) => sum + counts[s], 0)
  outputs.incomplete = report ? Boolean(report.summary?.incomplete) : true
  for (const [format, file] of Object.entries(files)) outputs[`${format}-file`] = ownFile(file, out) ? file : ''
  outputs.gating = gatingCount(report, code)
  setOutputs(outputs)
  summarise(files.markdown, out, code, refused)
}

/** Runs the CLI; returns its exit code. Throws ActionError when the repository's files are refused. */
function runScan(workspace, temp, bin, files) {
  const paths = words(env('INPUT_PATHS', '.'))
  // Checked either way; named with --config only when the workflow named it: `--config` trusts a file as the
  // user's own, while a .stewards.yaml the CLI finds inside a scanned PATH stays data from the tree (README,
  // "Settings files and trust": it may not choose outputs, the cache or the API, nor read outside the tree).
  const config = settingsFile(workspace, paths)
  const args = ['scan', ...paths]
  if (config && env('INPUT_CONFIG')) args.push('--config', relative(workspace, config))
  args.push('--cache-dir', env('STEWARDS_CACHE_DIR') || join(temp, 'stewards-cache'))
  for (const [format, file] of Object.entries(files)) args.push('--output', `${format}=${file}`)
  // stdout is the log: the table, whatever `format:` the settings file asks for.
  args.push('--format', 'table')
  const failOn = env('INPUT_FAIL_ON')
  if (failOn) args.push('--fail-on', failOn)
  const rules = env('INPUT_RULES')
  for (const rule of words(rules)) args.push('--rules', rule)
  const baseline = env('INPUT_BASELINE')
  if (baseline) {
    // A baseline comes from an artifact of an earlier run ($RUNNER_TEMP) or from the repository.
    const root = isInside(resolve(workspace, baseline), workspace) ? workspace : temp
    const file = safeFile(baseline, root, 'baseline')
    if (file) args.push('--baseline', file)
    else console.log(`::warning::stewards action: baseline ${baseline} not found; every finding gates this run`)
  }
  args.push(...words(env('INPUT_ARGS')))
  console.log(`stewards action: stewards ${args.join(' ')}`)
  const run = spawnSync(process.execPath, [bin, ...args], {cwd: workspace, stdio: ['ignore', 'inherit', 'inherit']})
  if (run.error) throw run.error
  return run.status ?? EXIT.internal
}

/** A file in the fresh report folder, written in this run: regular, not a link, opened without following one. */
function ownFile(file, out) {
  if (dirname(file) !== out) return false
  try {
    return lstatSync(file).isFile()
  } catch {
    return false
  }
}

function readOwn(file, out) {
  if (!ownFile(file, out)) return null
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    if (!fstatSync(fd).isFile()) return null
    return readFileSync(fd, 'utf8')
  } finally {
    closeSync(fd)
  }
}

function readOwnJson(file, out) {
  const text = readOwn(file, out)
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * Findings that would gate even though the scan is incomplete (exit 2 outranks 1): for fail-on-incomplete: false.
 * The same rule as the CLI (src/pipeline/deliver.ts): at or over fail-on, and new or worsened against a baseline.
 */
function gatingCount(report, code) {
  if (code !== EXIT.incomplete || !report) return 0
  const failOn = env('INPUT_FAIL_ON') || settingsFailOn()
  const threshold = SEVERITIES.indexOf(failOn)
  if (threshold < 0) return 0
  return (report.findings ?? []).filter(
    (f) => SEVERITIES.indexOf(f.severity) >= threshold && f.baselineState !== 'unchanged',
  ).length
}

/** `failOn:` of the settings file, when the input leaves it there (a top-level plain scalar, as the schema has it). */
function settingsFailOn() {
  try {
    const workspace = realpathSync(required('GITHUB_WORKSPACE'))
    const file = settingsFile(workspace, words(env('INPUT_PATHS', '.')))
    const match = file && /^failOn:\s*['"]?([a-z]+)/m.exec(readFileSync(file, 'utf8'))
    return match ? match[1] : 'none'
  } catch {
    return 'none'
  }
}

function summarise(markdownFile, out, code, refused) {
  const summary = env('GITHUB_STEP_SUMMARY')
  if (!summary) return
  const markdown = readOwn(markdownFile, out)
  if (markdown !== null) {
    appendFileSync(summary, markdown.endsWith('\n') ? markdown : `${markdown}\n`)
    return
  }
  const why = refused ?? 'no report was written; the log of the scan step says why'
  appendFileSync(summary, `### stewards\n\nThe scan did not complete (exit ${code}): ${escapeMarkdown(why)}\n`)
}

function escapeMarkdown(text) {
  return text.replace(/[\\`*_{}[\]()<>#+!|]/g, '\\$&')
}

function gate() {
  const code = Number(env('CODE', String(EXIT.internal)))
  const failOnIncomplete = env('INPUT_FAIL_ON_INCOMPLETE', 'true') !== 'false'
  const gating = Number(env('GATING', '0'))
  switch (code) {
    case EXIT.clean:
      console.log('stewards: clean')
      return 0
    case EXIT.findings:
      console.log('::error::stewards: findings at or over fail-on')
      return 1
    case EXIT.incomplete:
      if (failOnIncomplete) {
        console.log(
          '::error::stewards: the scan is incomplete (an input could not be read or collection was cut short)',
        )
        return 2
      }
      console.log('::warning::stewards: the scan is incomplete; not failing the job (fail-on-incomplete: false)')
      if (gating > 0) {
        console.log(`::error::stewards: ${gating} finding(s) at or over fail-on`)
        return 1
      }
      return 0
    case EXIT.usage:
      console.log('::error::stewards: usage or configuration error (see the scan step)')
      return 3
    default:
      console.log(`::error::stewards failed (exit ${code})`)
      return code || EXIT.internal
  }
}

const steps = {install, prepare, scan, gate}
const step = steps[process.argv[2]]
if (!step) {
  console.error(`usage: main.mjs ${Object.keys(steps).join('|')}`)
  process.exit(EXIT.usage)
}
try {
  process.exitCode = step() ?? 0
} catch (error) {
  if (!(error instanceof ActionError)) throw error
  console.log(`::error::stewards action: ${error.message}`)
  process.exitCode = EXIT.usage
}
