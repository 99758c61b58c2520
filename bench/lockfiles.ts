/**
 * Lockfile discovery speed and memory.
 * 1. Every file of ../shared/corpus/lockfiles, through the registered formats: files/s, components/s, CPU per pass
 *    (target: the whole corpus in under 1 s of CPU) and peak RSS.
 * 2. A synthetic 100 MB package-lock.json written to a temp dir and parsed in a child process, so its peak RSS
 *    is its own (target: < 512 MB); and a 25 MB one the same way, to check that the cost is linear in the size
 *    (issue #16: the time per byte of the larger within 1.5× of the smaller).
 * 3. What a user runs: the built CLI's `inventory` of the 100 MB file, as a table and as JSON (stdout read through a
 *    pipe, its bytes counted: a cut output fails), wall time and the whole process's peak RSS (target: < 512 MB).
 */
import {spawnSync} from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import {discoverer as pipRequirements} from '../src/discover/formats/pip-requirements/index.js'
import {discoverers} from '../src/discover/registry.js'
import {measureNode} from './inventory.js'
import type {Discoverer} from '../src/discover/types.js'

export const name = 'lockfiles'

const here = fileURLToPath(new URL('.', import.meta.url))
const corpus = join(here, '..', '..', 'shared', 'corpus', 'lockfiles')
const PASSES = 5
const TARGET_BYTES = 100 * 1024 * 1024
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))

function listFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true})
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort()
}

/** The corpus keeps warehouse's `requirements/main.txt` as `main.txt`: read it as a requirements file. */
function formatFor(file: string): Discoverer | undefined {
  return (
    discoverers.find((discoverer) => discoverer.matches(file)) ?? (file.endsWith('.txt') ? pipRequirements : undefined)
  )
}

async function discoverAll(inputs: Array<{file: string; text: string; discoverer: Discoverer}>): Promise<number> {
  let components = 0
  for (const {file, text, discoverer} of inputs) {
    const output = await discoverer.discover({file, text}, {readText: () => null})
    components += output.components.length
  }
  return components
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`
}

async function benchCorpus(): Promise<void> {
  if (!existsSync(corpus)) {
    console.log(`corpus: skipped, ${corpus} is absent`)
    return
  }
  const inputs = listFiles(corpus).flatMap((path) => {
    const file = relative(corpus, path).split('\\').join('/')
    const discoverer = formatFor(file)
    return discoverer ? [{file, text: readFileSync(path, 'utf8'), discoverer}] : []
  })
  const bytes = inputs.reduce((sum, input) => sum + input.text.length, 0)
  await discoverAll(inputs) // warm-up: JIT and module initialisation are not what we measure
  const cpuTimes: number[] = []
  let components = 0
  for (let pass = 0; pass < PASSES; pass++) {
    const before = process.cpuUsage()
    components = await discoverAll(inputs)
    const used = process.cpuUsage(before)
    cpuTimes.push((used.user + used.system) / 1000)
  }
  const median = cpuTimes.sort((a, b) => a - b)[Math.floor(PASSES / 2)]
  console.log(`corpus: ${inputs.length} files, ${megabytes(bytes)}, ${components} components per pass`)
  console.log(`corpus: median CPU per pass ${median.toFixed(0)} ms (target < 1000 ms) ${median < 1000 ? 'OK' : 'OVER'}`)
  console.log(
    `corpus: ${((inputs.length * 1000) / median).toFixed(0)} files/s, ${((components * 1000) / median).toFixed(0)} components/s`,
  )
  console.log(`corpus: peak RSS ${megabytes(process.resourceUsage().maxRSS * 1024)}`)
  for (const {file, text, discoverer} of inputs) {
    const before = process.cpuUsage()
    await discoverer.discover({file, text}, {readText: () => null})
    const used = process.cpuUsage(before)
    console.log(`  ${((used.user + used.system) / 1000).toFixed(1).padStart(7)} ms  ${file}`)
  }
}

/** Deterministic filler: a package-lock v3 entry of ~600 bytes, like npm writes. */
function syntheticEntry(index: number): string {
  const name = `pkg-${index.toString(36)}`
  const version = `${index % 7}.${index % 13}.${index % 17}`
  const nested = index % 5 === 0 ? `node_modules/host-${(index >> 3).toString(36)}/node_modules/` : 'node_modules/'
  const hash = `${index.toString(16).padStart(8, '0')}`.repeat(11)
  return `    "${nested}${name}": {
      "version": "${version}",
      "resolved": "https://registry.npmjs.org/${name}/-/${name}-${version}.tgz",
      "integrity": "sha512-${hash}",
      ${index % 3 === 0 ? '"dev": true,' : '"optional": true,'}
      "license": "MIT",
      "dependencies": {
        "dep-a-${(index + 1).toString(36)}": "^1.0.0",
        "dep-b-${(index + 2).toString(36)}": "~2.3.0",
        "dep-c-${(index + 3).toString(36)}": ">=3"
      },
      "engines": {
        "node": ">=14.17"
      }
    }`
}

function writeSynthetic(path: string, bytes: number): number {
  const fd = openSync(path, 'w')
  let written = writeSync(
    fd,
    '{\n  "name": "synthetic",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {\n      "name": "synthetic"\n    }',
  )
  let index = 0
  let chunk: string[] = []
  while (written < bytes) {
    const entry = `,\n${syntheticEntry(index++)}`
    chunk.push(entry)
    written += entry.length
    if (chunk.length === 1000) {
      writeSync(fd, chunk.join(''))
      chunk = []
    }
  }
  writeSync(fd, `${chunk.join('')}\n  }\n}\n`)
  closeSync(fd)
  return index
}

/** Child mode: parse one file and print what it cost, so peak RSS belongs to this parse alone. */
async function parseOne(path: string): Promise<void> {
  const {discoverer} = await import('../src/discover/formats/npm-package-lock/index.js')
  const started = performance.now()
  const text = readFileSync(path, 'utf8')
  const output = await discoverer.discover({file: 'package-lock.json', text}, {readText: () => null})
  const ms = performance.now() - started
  console.log(
    JSON.stringify({
      ms,
      components: output.components.length,
      errors: output.errors?.length ?? 0,
      maxRSS: process.resourceUsage().maxRSS * 1024,
    }),
  )
}

interface LargeRun {
  ms: number
  components: number
  errors: number
  maxRSS: number
  size: number
  entries: number
}

async function parseLarge(
  bytes: number,
  alsoRun?: (dir: string, size: number, entries: number) => Promise<void>,
): Promise<LargeRun | undefined> {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-bench-'))
  try {
    const path = join(dir, 'package-lock.json')
    const entries = writeSynthetic(path, bytes)
    const size = statSync(path).size
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--parse-one', path],
      {encoding: 'utf8'},
    )
    if (child.status !== 0) {
      console.log(`synthetic: child failed (${child.status}): ${child.stderr.slice(0, 2000)}`)
      return undefined
    }
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Omit<LargeRun, 'size' | 'entries'>
    await alsoRun?.(dir, size, entries)
    return {...result, size, entries}
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Bytes of output a component takes at least (an entry's table line, its JSON object): less is a cut output. */
const LEAST_BYTES = {text: 60, json: 300}

/** The built CLI's inventory of DIR (the large file alone), as a table and as JSON. */
async function inventoryOf(dir: string, size: number, entries: number): Promise<void> {
  for (const format of ['text', 'json'] as const) {
    const run = await measureNode([bin, 'inventory', dir, '--format', format, '--max-file-size', String(size + 1)])
    const rss = run.maxRssKb * 1024
    const whole = run.bytes >= LEAST_BYTES[format] * entries
    const verdict =
      run.code !== 0 || !whole
        ? `FAILED (exit ${run.code}, ${megabytes(run.bytes)} of output)`
        : rss < 512 * 1024 * 1024
          ? 'OK'
          : 'OVER'
    console.log(
      `synthetic: stewards inventory --format ${format}: ${(run.wallMs / 1000).toFixed(2)} s, ${megabytes(run.bytes)} of output, peak RSS ${megabytes(rss)} (target < 512 MB) ${verdict}`,
    )
  }
}

async function benchLarge(): Promise<void> {
  const small = await parseLarge(TARGET_BYTES / 4)
  const result = await parseLarge(TARGET_BYTES, inventoryOf)
  if (!small || !result) return
  const {size, entries} = result
  console.log(
    `synthetic package-lock.json: ${megabytes(size)}, ${entries} entries, ${result.components} components, ${result.errors} errors`,
  )
  console.log(
    `synthetic: read + parse ${(result.ms / 1000).toFixed(2)} s, ${(size / 1024 / 1024 / (result.ms / 1000)).toFixed(0)} MB/s`,
  )
  console.log(
    `synthetic: peak RSS ${megabytes(result.maxRSS)} (target < 512 MB) ${result.maxRSS < 512 * 1024 * 1024 ? 'OK' : 'OVER'}`,
  )
  const perByte = result.ms / result.size / (small.ms / small.size)
  console.log(
    `synthetic: ${megabytes(small.size)} in ${(small.ms / 1000).toFixed(2)} s; time per byte at ${megabytes(size)} is ${perByte.toFixed(2)}× that at ${megabytes(small.size)} (linear: target ≤ 1.5×) ${perByte <= 1.5 ? 'OK' : 'OVER'}`,
  )
}

export async function run(): Promise<void> {
  await benchCorpus()
  await benchLarge()
}

if (process.argv[2] === '--parse-one' && process.argv[3]) await parseOne(process.argv[3])
