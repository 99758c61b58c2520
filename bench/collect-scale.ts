/**
 * Collection at scale (issue #16): 200 repositories of a year's history each (150 commits, governance files,
 * 12 authors from a pool of 600 people) served by the GitHub emulator in a child process with GitHub-sized
 * answers (every field of the REST objects), collected through the real octokit stack with a token.
 * Prints: cold and warm CPU of the collecting process (the emulator's CPU is not counted), wall time, requests,
 * cache bytes per repository, and the cost of parsing one 100-commit page with JSON.parse against octokit's
 * BigInt-safe parser (which this stack no longer uses).
 * Runnable alone: `npx tsx bench/collect-scale.ts`.
 */
import {spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {JSONParse} from 'json-with-bigint'
import {collectProjects} from '../src/collect/index.js'
import {hex, prng} from '../tests/support/prng.js'

export const name = 'collect at scale: 200 repositories through the GitHub emulator'

const REPOS = 200
const COMMITS = 150
const PEOPLE = 600
const TOKEN = 'bench-token'
const WINDOW = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

function writeFixtures(root: string): string[] {
  const random = prng(2024)
  const repos: string[] = []
  const start = Date.parse(WINDOW.since)
  const span = Date.parse(WINDOW.until) - start
  for (let r = 0; r < REPOS; r++) {
    const owner = `bench-org-${r % 40}`
    const repo = `project-${r}`
    const dir = join(root, `${owner}__${repo}`)
    mkdirSync(join(dir, 'governance'), {recursive: true})
    const authors = Array.from({length: 12}, () => `person-${Math.floor(random() * PEOPLE)}`)
    const commits = Array.from({length: COMMITS}, (_, i) => {
      const login = authors[Math.floor(random() * authors.length)]
      const date = new Date(start + Math.floor(((i + random()) / COMMITS) * span)).toISOString().replace('.000', '')
      const signature = {name: `Person ${login.slice(7)}`, email: `${login}@example.com`, date}
      return {sha: hex(random, 40), author: signature, committer: signature, login, message: `change ${i}`}
    })
    writeFileSync(join(dir, 'commits.json'), JSON.stringify(commits))
    writeFileSync(
      join(dir, 'governance', 'OWNERS'),
      `approvers:\n${authors
        .slice(0, 4)
        .map((a) => `- ${a}`)
        .join('\n')}\n`,
    )
    writeFileSync(join(dir, 'governance', 'SECURITY.md'), '# Security\n\nReport issues to security@example.com.\n')
    repos.push(`github.com/${owner}/${repo}`)
  }
  return repos
}

async function startEmulatorProcess(root: string): Promise<{url: string; stop(): void}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'github-emulator-process.ts'), root, TOKEN],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (text.includes('\n')) resolve(text.split('\n')[0])
    })
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}`)))
  })
  return {url, stop: () => child.stdin.end()}
}

function bytesUnder(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, {recursive: true, withFileTypes: true}))
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size
  return total
}

async function timed<T>(fn: () => Promise<T>): Promise<{value: T; cpuMs: number; wallMs: number}> {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  const value = await fn()
  const used = process.cpuUsage(cpu)
  return {value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall}
}

/** One 100-commit page as the emulator serves it with full payloads: JSON.parse against json-with-bigint. */
async function parseCost(url: string, repo: string): Promise<void> {
  const [, owner, name] = repo.split('/')
  const response = await fetch(`${url}/repos/${owner}/${name}/commits?per_page=100`, {
    headers: {authorization: `token ${TOKEN}`},
  })
  const text = await response.text()
  const rounds = 50
  const measure = (parse: (t: string) => unknown) => {
    parse(text)
    const started = performance.now()
    for (let i = 0; i < rounds; i++) parse(text)
    return (performance.now() - started) / rounds
  }
  const native = measure(JSON.parse)
  const bigint = measure(JSONParse)
  console.log(
    `parse one 100-commit page (${(text.length / 1024).toFixed(0)} KB): JSON.parse ${native.toFixed(2)} ms, json-with-bigint ${bigint.toFixed(2)} ms (${(bigint / native).toFixed(1)}×)`,
  )
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'stewards-bench-scale-'))
  const cacheDir = mkdtempSync(join(tmpdir(), 'stewards-bench-scale-cache-'))
  const repos = writeFixtures(root)
  const emulator = await startEmulatorProcess(root)
  try {
    await parseCost(emulator.url, repos[0])
    const options = {apiUrl: emulator.url, token: TOKEN, ...WINDOW, cacheDir, concurrency: 8}
    const cold = await timed(() => collectProjects(repos, options))
    if (cold.value.incomplete) console.log(`cold run incomplete: ${cold.value.problems.slice(0, 3).join('; ')}`)
    const bytes = bytesUnder(cacheDir)
    const warm = await timed(() => collectProjects(repos, options))
    const commits = cold.value.projects.reduce((n, p) => n + p.commits.length, 0)
    console.log(
      `cold: ${cold.cpuMs.toFixed(0)} ms CPU, ${cold.wallMs.toFixed(0)} ms wall, ${cold.value.requests.total} requests (${(cold.value.requests.total / REPOS).toFixed(1)} per repository), ${commits} commits`,
    )
    console.log(
      `warm: ${warm.cpuMs.toFixed(0)} ms CPU, ${warm.wallMs.toFixed(0)} ms wall, ${warm.value.requests.total} requests (target 0: ${warm.value.requests.total === 0 ? 'met' : 'MISSED'})`,
    )
    console.log(
      `cache: ${(bytes / REPOS / 1024).toFixed(1)} KB per repository (${(bytes / 1024 / 1024).toFixed(1)} MB in all)`,
    )
  } finally {
    emulator.stop()
    rmSync(root, {recursive: true, force: true})
    rmSync(cacheDir, {recursive: true, force: true})
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run()
