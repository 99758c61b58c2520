/**
 * Where users wait (issue #16), measured on whole processes of the built CLI (`npm run bench` builds first):
 * 1. Start-up: `stewards --version` against `node -e 0`, CPU (target: within 300 ms).
 * 2. Inventory: `stewards inventory CORPUS --json` against the bare-parse baseline of the same files
 *    (./bare-parse.mjs: read each file once, JSON.parse / js-yaml / smol-toml / a line split, nothing
 *    extracted), CPU and wall, medians of CORPUS_RUNS runs of each, run in turn (target: 2×, then 1.5×). The output's SHA-256 is printed
 *    so two versions can be compared for identical bytes.
 * CPU time and peak RSS come from the child itself (./cpu-usage.mjs, preloaded), so they are the process's own.
 * Runnable alone: `npm run build && npx tsx bench/inventory.ts`.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {basename, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {discoverers} from '../src/discover/registry.js'
import {readHead} from '../src/discover/sniff.js'

export const name = 'inventory: start-up and whole-process inventory against the bare parse'

const here = fileURLToPath(new URL('.', import.meta.url))
const repo = join(here, '..')
const bin = join(repo, 'bin', 'run.js')
const corpus = join(repo, '..', 'shared', 'corpus')
const RUNS = 5
/** The ratio's two commands, run in turn this many times each. */
const CORPUS_RUNS = 9
const START_UP_TARGET_MS = 300
const RATIO_TARGETS = [2, 1.5]

export interface ProcessRun {
  cpuMs: number
  /** The main thread's own CPU (Linux; NaN elsewhere): the rest of cpuMs is V8's and libuv's threads. */
  mainThreadCpuMs: number
  wallMs: number
  maxRssKb: number
  code: number
  /** SHA-256 of stdout. */
  digest: string
  /** Bytes on stdout. */
  bytes: number
  stderr: string
}

/** Runs `node --import ./cpu-usage.mjs ARGS` and reads its own CPU time and peak RSS from file descriptor 3. */
export function measureNode(args: string[], cwd = repo): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', join(here, 'cpu-usage.mjs'), ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: {...process.env, NO_COLOR: '1'},
    })
    const hash = createHash('sha256')
    let usage = ''
    let stderr = ''
    let bytes = 0
    child.stdout?.on('data', (chunk) => {
      hash.update(chunk)
      bytes += chunk.length
    })
    child.stderr?.on('data', (chunk) => (stderr += chunk))
    child.stdio[3]?.on('data', (chunk) => (usage += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      const parsed = JSON.parse(usage || '{"cpuMs": NaN, "maxRssKb": NaN}') as {
        cpuMs: number
        maxRssKb: number
        mainThreadCpuMs?: number
      }
      const mainThreadCpuMs = parsed.mainThreadCpuMs ?? Number.NaN
      resolve({...parsed, mainThreadCpuMs, wallMs, code: code ?? -1, digest: hash.digest('hex'), bytes, stderr})
    })
  })
}

/** Median CPU and wall of RUNS runs; the digest, code and RSS of the last. */
export async function median(args: string[], runs = RUNS): Promise<ProcessRun> {
  const [result] = await interleaved([args], runs)
  return result
}

/**
 * Each command run `runs` times, in turn (a, b, a, b...): on a shared machine whose speed drifts over minutes, the
 * commands of a ratio see the same drift. Median CPU and wall of each; the digest, code and RSS of its last run.
 */
export async function interleaved(commands: string[][], runs = RUNS): Promise<ProcessRun[]> {
  const all: ProcessRun[][] = commands.map(() => [])
  for (let i = 0; i < runs; i++) for (const [c, args] of commands.entries()) all[c].push(await measureNode(args))
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
  return all.map((runsOfOne) => ({
    ...runsOfOne.at(-1)!,
    cpuMs: mid(runsOfOne.map((r) => r.cpuMs)),
    mainThreadCpuMs: mid(runsOfOne.map((r) => r.mainThreadCpuMs)),
    wallMs: mid(runsOfOne.map((r) => r.wallMs)),
    maxRssKb: Math.max(...runsOfOne.map((r) => r.maxRssKb)),
  }))
}

export function machine(): string {
  const cpu = cpus()
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`
}

const ms = (value: number) => `${value.toFixed(0)} ms`

/** The syntax the baseline parses a file with: by content for JSON, else by name. */
export function syntaxOf(file: string, text: string): 'json' | 'yaml' | 'toml' | 'lines' {
  const base = basename(file)
  if (/^\s*[{[]/.test(text)) return 'json'
  if (/\.ya?ml$/i.test(base) || base === 'Chart.lock' || base === 'requirements.lock') return 'yaml'
  if (base === 'yarn.lock') return text.includes('\n__metadata:') ? 'yaml' : 'lines'
  if (/\.toml$/.test(base) || ['Cargo.lock', 'poetry.lock', 'uv.lock'].includes(base)) return 'toml'
  return 'lines'
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true})
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === '.git' ? [] : listFiles(path)
      return entry.isFile() ? [path] : []
    })
    .sort()
}

/** The files inventory reads: claimed by a format's name, and by its sniff where it has one. */
export async function filesRead(dir: string): Promise<string[]> {
  const read: string[] = []
  for (const path of listFiles(dir)) {
    const formats = discoverers.filter((format) => format.matches(path))
    if (formats.length === 0) continue
    if (formats.some((format) => !format.sniff)) {
      read.push(path)
      continue
    }
    const head = readHead(path)
    if (typeof head === 'string' && formats.some((format) => format.sniff?.(head))) read.push(path)
  }
  return read
}

async function startUp(): Promise<void> {
  const bare = await median(['-e', '0'])
  const version = await median([bin, '--version'])
  const over = version.cpuMs - bare.cpuMs
  console.log(
    `start-up: node -e 0 ${ms(bare.cpuMs)} CPU; stewards --version ${ms(version.cpuMs)} CPU, ${ms(version.wallMs)} wall; +${ms(over)} (target ≤ ${START_UP_TARGET_MS} ms) ${over <= START_UP_TARGET_MS ? 'OK' : 'OVER'}`,
  )
  const help = await median([bin, 'inventory', '--help'])
  console.log(`start-up: stewards inventory --help ${ms(help.cpuMs)} CPU, ${ms(help.wallMs)} wall`)
}

async function corpusRatio(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`corpus: skipped, ${corpus} is absent`)
    return
  }
  const files = await filesRead(corpus)
  const dir = mkdtempSync(join(tmpdir(), 'stewards-bench-inventory-'))
  try {
    let bytes = 0
    const list = files.map((path) => {
      const text = readFileSync(path, 'utf8')
      bytes += Buffer.byteLength(text)
      return `${syntaxOf(path, text)}\t${path}`
    })
    writeFileSync(join(dir, 'files.txt'), `${list.join('\n')}\n`)
    const [bare, inventory] = await interleaved(
      [
        [join(here, 'bare-parse.mjs'), join(dir, 'files.txt')],
        [bin, 'inventory', corpus, '--json'],
      ],
      CORPUS_RUNS,
    )
    if (bare.code !== 0) throw new Error(`bare parse failed: ${bare.stderr}`)
    console.log(
      `corpus: ${files.length} files read, ${(bytes / 1024 / 1024).toFixed(1)} MB (../shared/corpus; by syntax: ${summarise(list)})`,
    )
    console.log(`corpus: bare parse ${ms(bare.cpuMs)} CPU, ${ms(bare.wallMs)} wall, peak RSS ${mb(bare.maxRssKb)}`)
    console.log(
      `corpus: inventory --json ${ms(inventory.cpuMs)} CPU, ${ms(inventory.wallMs)} wall, peak RSS ${mb(inventory.maxRssKb)}, exit ${inventory.code}, output sha256 ${inventory.digest.slice(0, 16)}`,
    )
    // V8's background threads (mostly the optimising compiler) take the cores the main thread needs (README,
    // Performance: the eleventh round).
    console.log(
      `corpus: main thread ${ms(inventory.mainThreadCpuMs)} CPU, other threads ${ms(inventory.cpuMs - inventory.mainThreadCpuMs)} (bare parse ${ms(bare.mainThreadCpuMs)} and ${ms(bare.cpuMs - bare.mainThreadCpuMs)})`,
    )
    const cpuRatio = inventory.cpuMs / bare.cpuMs
    const wallRatio = inventory.wallMs / bare.wallMs
    const verdict = RATIO_TARGETS.map((target) => `${target}× ${wallRatio <= target ? 'OK' : 'OVER'}`).join(', ')
    console.log(
      `corpus: inventory / bare parse = ${wallRatio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (${verdict})`,
    )
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

function summarise(list: string[]): string {
  const counts = new Map<string, number>()
  for (const line of list) {
    const syntax = line.slice(0, line.indexOf('\t'))
    counts.set(syntax, (counts.get(syntax) ?? 0) + 1)
  }
  return [...counts].map(([syntax, n]) => `${syntax} ${n}`).join(', ')
}

function mb(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`
}

export async function run(): Promise<void> {
  if (!existsSync(join(repo, 'dist', 'commands'))) {
    console.log('skipped: dist/ is absent; run `npm run build` first (npm run bench does)')
    return
  }
  console.log(`machine: ${machine()}`)
  await startUp()
  await corpusRatio()
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run()
