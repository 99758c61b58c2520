/**
 * Builds the offline demo's upstream data: `npm run demo:build`.
 *
 * 1. Writes fictional upstream repositories (`fixtures/demo/upstreams/`) in the GitHub emulator's fixture
 *    layout, from the cast in `people.ts`, with a seeded generator (same output every run).
 * 2. Serves them with the GitHub API emulator and collects them with the real collector (octokit, cache).
 * 3. Exports the cache as a bundle (`fixtures/demo/snapshot.json`): its keys name the host (github.com), not
 *    the emulator, so `scan --snapshot` replays it with no network and no token.
 */
import {createHash} from 'node:crypto'
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import {entryChecksum} from '../../src/core/cache/store.js'
import {collectProjects} from '../../src/collect/index.js'
import {startGithubEmulator} from '../../tests/support/github-emulator/index.js'
import {hex, prng} from '../../tests/support/prng.js'
import {type DemoPerson, type DemoProject, gitdmRecords, projects} from './people.js'

export const DEMO_DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'demo')
export const DEMO_WINDOW = {since: '2025-01-01T00:00:00.000Z', until: '2026-01-01T00:00:00.000Z'}
/** Cache entries are stamped with the window end, not the build time: the bundle is byte-stable. */
const STORED_AT = Date.parse(DEMO_WINDOW.until)

function pick(random: () => number, authors: DemoProject['authors']): DemoPerson {
  const total = authors.reduce((sum, [, w]) => sum + w, 0)
  let r = random() * total
  for (const [person, weight] of authors) {
    r -= weight
    if (r < 0) return person
  }
  return authors[authors.length - 1][0]
}

export function commitsFor(project: DemoProject, seed: number) {
  const random = prng(seed)
  const start = Date.parse(`${project.from}T00:00:00Z`)
  const span = Date.parse(`${project.to}T00:00:00Z`) - start
  const commits = Array.from({length: project.commits}, (_, i) => {
    const person = pick(random, project.authors)
    const at = new Date(start + Math.floor(((i + random()) / project.commits) * span)).toISOString().replace('.000', '')
    const signature = {name: person.name, email: person.email, date: at}
    return {
      sha: hex(random, 40),
      author: signature,
      committer: signature,
      login: person.login,
      message: `demo change ${i + 1}`,
    }
  })
  return commits
}

async function writeUpstreams(root: string): Promise<void> {
  await rm(root, {recursive: true, force: true})
  for (const [index, project] of projects.entries()) {
    const dir = join(root, `${project.owner}__${project.name}`)
    await mkdir(join(dir, 'users'), {recursive: true})
    const repo = {
      description: project.description,
      archived: project.archived ?? false,
      homepage: 'https://example.com/stewards-demo',
    }
    await writeJson(join(dir, 'repo.json'), repo)
    await writeJson(join(dir, 'commits.json'), commitsFor(project, 1000 + index))
    for (const [path, content] of Object.entries(project.governance)) {
      await mkdir(dirname(join(dir, 'governance', path)), {recursive: true})
      await writeFile(join(dir, 'governance', path), content)
    }
    const people = new Map(project.authors.map(([person]) => [person.login, person]))
    for (const person of people.values()) {
      if (person.login.endsWith('[bot]')) continue
      const profile = {
        login: person.login,
        name: person.name,
        company: person.company ?? null,
        blog: '',
        email: null,
        created_at: '2019-05-01T00:00:00Z',
      }
      await writeJson(join(dir, 'users', `${person.login}.json`), profile)
    }
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`)
}

/** Writes upstreams/, affiliations.txt and snapshot.json under `dir` (the demo folder by default). */
export async function buildDemo(dir: string = DEMO_DIR): Promise<void> {
  const upstreams = join(dir, 'upstreams')
  await writeUpstreams(upstreams)
  await writeFile(join(dir, 'affiliations.txt'), gitdmRecords)
  const emulator = await startGithubEmulator({roots: [upstreams]})
  const cacheDir = await mkdtemp(join(tmpdir(), 'stewards-demo-'))
  try {
    const run = await collectProjects(
      projects.map((p) => `github.com/${p.owner}/${p.name}`),
      {source: 'github', apiUrl: emulator.url, cacheDir, ...DEMO_WINDOW, concurrency: 1},
    )
    if (run.incomplete) throw new Error(`demo collection incomplete: ${run.problems.join('; ')}`)
    const stable = await new DiskCache(cacheDir).exportBundle()
    for (const entry of stable.entries) {
      entry.storedAt = STORED_AT
      delete entry.headers.date
      // The emulator's ETags hash bodies that held its random port: recompute them on the final bodies.
      if (entry.etag) {
        entry.etag = `W/"${createHash('sha1').update(entry.body).digest('hex')}"`
        entry.headers.etag = entry.etag
      }
      const {namespace, sha256: _sha256, ...fields} = entry
      entry.sha256 = entryChecksum(namespace, fields)
    }
    await writeFile(join(dir, 'snapshot.json'), `${JSON.stringify(stable, null, 1)}\n`)
    process.stderr.write(
      `demo: ${run.projects.length} projects, ${stable.entries.length} cache entries, ${run.requests.total} requests\n`,
    )
  } finally {
    await emulator.close()
    await rm(cacheDir, {recursive: true, force: true})
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await buildDemo()
