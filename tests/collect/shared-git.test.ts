import {spawn, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {type CollectRun, collectProjects} from '../../src/collect/index.js'
import {sharedDir} from '../support/cli.js'
import {WINDOW_2024} from './helpers.js'

/**
 * The same acceptance from local repositories built with `git fast-import` from commits.json. New
 * objects get new shas, so each commit message carries `Original-Sha: <sha>`, and the test maps the
 * collected shas back through it: the comparison is then on (sha, author email, author date), exactly.
 * Around the records: a commit authored in 2023, a merge in 2024 (both excluded) and, after the window
 * end, a commit that rewrites every governance file (governance must be read at the window-end commit).
 */
const affiliation = join(sharedDir, 'affiliation')
const present = existsSync(join(affiliation, 'sources.json'))
if (!present) console.warn(`skipping shared-corpus git tests: ${affiliation} is absent`)

interface CommitRow {
  sha: string
  author: {name: string; email: string; date: string}
  committer: {name: string; email: string; date: string}
}

function gitDate(iso: string): string {
  const match = /([+-])(\d\d):(\d\d)$/.exec(iso)
  const offset = match ? `${match[1]}${match[2]}${match[3]}` : '+0000'
  return `${Math.floor(Date.parse(iso) / 1000)} ${offset}`
}

function files(root: string, skipExternal: boolean): Array<[string, string]> {
  if (!existsSync(root)) return []
  const out: Array<[string, string]> = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name)
      const path = relative(root, full)
      if (skipExternal && path === 'external') continue
      if (statSync(full).isDirectory()) walk(full)
      else out.push([path, readFileSync(full, 'utf8')])
    }
  }
  walk(root)
  return out
}

/** Runs git; `input` goes to its stdin. Rejects with git's stderr when it fails. */
function git(args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe']})
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(' ')}: ${stderr}`))))
    child.stdin?.end(input)
  })
}

/** Runs the jobs, `size` at a time. */
async function inPool(size: number, jobs: Array<() => Promise<void>>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]()
  }
  await Promise.all(Array.from({length: size}, worker))
}

async function buildRepo(records: CommitRow[], tree: Array<[string, string]>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-git-'))
  await git(['init', '--bare', '-q', '-b', 'main', dir])
  const chunks: string[] = []
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
  const person = (s: {name: string; email: string; date: string}) => `${s.name} <${s.email}> ${gitDate(s.date)}`
  let mark = 0
  const commit = (
    author: CommitRow['author'],
    committer: CommitRow['committer'],
    message: string,
    body: string[],
    merge?: number,
  ) => {
    mark++
    chunks.push(
      `commit refs/heads/main\nmark :${mark}\nauthor ${person(author)}\ncommitter ${person(committer)}\n${data(message)}`,
    )
    if (mark > 1) chunks.push(`from :${mark - 1}\n`)
    if (merge) chunks.push(`merge :${merge}\n`)
    chunks.push(...body, '\n')
  }
  const old = {name: 'Old Timer', email: 'old@example.com', date: '2023-06-01T00:00:00Z'}
  commit(
    old,
    old,
    'before the window\n',
    tree.map(([path, text]) => `M 100644 inline ${path}\n${data(text)}`),
  )
  const ordered = [...records].sort((a, b) => Date.parse(a.committer.date) - Date.parse(b.committer.date))
  ordered.forEach((r, i) => {
    commit(r.author, r.committer, `change ${i}\n\nOriginal-Sha: ${r.sha}\n`, [])
    if (i === Math.floor(ordered.length / 2)) {
      const m = {name: 'Merger', email: 'merge@example.com', date: r.committer.date}
      commit(m, m, 'a merge in the window\n', [], 1)
    }
  })
  const late = {name: 'Late', email: 'late@example.com', date: '2025-02-01T00:00:00Z'}
  commit(
    late,
    late,
    'after the window\n',
    tree.map(([path]) => `M 100644 inline ${path}\n${data('rewritten in 2025\n')}`),
  )
  await git(['-C', dir, 'fast-import', '--quiet'], chunks.join(''))
  return dir
}

describe.skipIf(!present)('the ten shared projects collected from local git repositories', () => {
  const sources = present ? (JSON.parse(readFileSync(join(affiliation, 'sources.json'), 'utf8')) as object) : {}
  const repos = Object.keys(sources).sort()
  const dirs: Record<string, string> = {}
  let run: CollectRun
  // Eleven repositories built, two git processes at a time, then collected: some seventy git processes, which a
  // loaded machine starts slowly.
  beforeAll(async () => {
    const builds: Array<() => Promise<void>> = []
    for (const repo of repos) {
      const folder = repo.replace('/', '__')
      const records = JSON.parse(readFileSync(join(affiliation, folder, 'commits.json'), 'utf8')) as CommitRow[]
      builds.push(async () => {
        dirs[`github.com/${repo}`] = await buildRepo(records, files(join(affiliation, folder, 'governance'), true))
      })
      const external = join(affiliation, folder, 'governance', 'external')
      if (existsSync(external)) {
        for (const ext of readdirSync(external)) {
          const one = {name: 'Ext', email: 'ext@example.com', date: '2024-06-01T00:00:00Z'}
          builds.push(async () => {
            dirs[`github.com/${ext.replace('__', '/')}`] = await buildRepo(
              [{sha: '0'.repeat(40), author: one, committer: one}],
              files(join(external, ext), false),
            )
          })
        }
      }
    }
    await inPool(2, builds)
    run = await collectProjects(
      repos.map((r) => `github.com/${r}`),
      {source: 'git', gitDirs: dirs, window: WINDOW_2024},
    )
  }, 120_000)

  it('gives exactly the commit sets of commits.json (shas mapped through Original-Sha)', () => {
    expect(run.incomplete).toBe(false)
    for (const repo of repos) {
      const folder = repo.replace('/', '__')
      const expected = (JSON.parse(readFileSync(join(affiliation, folder, 'commits.json'), 'utf8')) as CommitRow[]).map(
        (r) => `${r.sha} ${r.author.email} ${r.author.date}`,
      )
      const log = spawnSync(
        'git',
        ['-C', dirs[`github.com/${repo}`], 'log', '--format=%H %(trailers:key=Original-Sha,valueonly,separator=)'],
        {encoding: 'utf8'},
      ).stdout
      const original = new Map(
        log
          .trim()
          .split('\n')
          .map((line) => line.trim().split(' ') as [string, string]),
      )
      const project = run.projects.find((p) => p.repo === `github.com/${repo}`)!
      expect(project.status, repo).toBe('ok')
      // git keeps the original offsets: dates compare as exact strings here.
      const got = project.commits.map((c) => `${original.get(c.sha)} ${c.author.email} ${c.author.date}`)
      expect(got.sort(), repo).toEqual(expected.sort())
    }
  })

  it('reads the governance files at the window-end commit, external repositories included', () => {
    for (const repo of repos) {
      const folder = repo.replace('/', '__')
      const project = run.projects.find((p) => p.repo === `github.com/${repo}`)!
      const expected = files(join(affiliation, folder, 'governance'), false)
      expect(
        project.governance.map((f) => [f.path, f.content]),
        repo,
      ).toEqual(expected.sort((a, b) => (a[0] < b[0] ? -1 : 1)))
    }
  })
})
