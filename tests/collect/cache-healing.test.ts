import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type CollectRun, collectProjects} from '../../src/collect/index.js'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import type {CacheStore} from '../../src/core/cache/store.js'
import {sharedDir} from '../support/cli.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {UNUSABLE_DIRS, withUnusableDir} from '../support/unusable-dirs.js'
import {collectFrom, fixtureRoot, freshCacheDir, TOKEN, WINDOW_2024} from './helpers.js'

const REPOS = ['github.com/example/widget', 'github.com/example/old-name', 'github.com/example/gone']

function entryFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return []
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
}

/** Alters one byte of the body (after the header line): still text, no longer what the checksum says. */
function damage(file: string): void {
  const text = readFileSync(file, 'utf8')
  const at = text.indexOf('\n') + 2
  writeFileSync(file, `${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`)
}

/** The store, each delete finishing 300 ms after it was asked for (as on a slow remote store). */
function withSlowDeletes(store: DiskCache): CacheStore {
  return {
    location: store.location,
    get: (namespace, key) => store.get(namespace, key),
    put: (namespace, entry) => store.put(namespace, entry),
    delete: async (namespace, key) => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      await store.delete(namespace, key)
    },
    list: () => store.list(),
  }
}

function keyOf(file: string): string {
  return JSON.parse(readFileSync(file, 'utf8').split('\n')[0]).key
}

describe('a cache that heals itself, and one that cannot be used', () => {
  let emulator: GithubEmulator
  let online: CollectRun
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [fixtureRoot], token: TOKEN})
    online = await collectFrom(emulator.url, REPOS)
  })
  afterAll(() => emulator.close())

  async function filled(): Promise<string> {
    const cacheDir = await freshCacheDir()
    await collectFrom(emulator.url, REPOS, {cacheDir})
    return cacheDir
  }

  it('online: a damaged entry is a miss, fetched again (never revalidated by a 304), and healthy after', async () => {
    const cacheDir = await filled()
    // A first refresh: the commits since the newest one listed are asked for (and kept with their ETag).
    await collectFrom(emulator.url, REPOS, {cacheDir, maxAge: 0})
    const files = entryFiles(cacheDir)
    const repoEntry = files.find((f) => keyOf(f) === 'GET github.com/repos/example/widget')!
    // The listing kept (one record) and the page of commits since its newest one stay healthy.
    const listingEntry = files.find((f) => keyOf(f) === 'LISTING github.com/example/widget@main')!
    const sinceEntry = files.find((f) => keyOf(f).startsWith('GET github.com/repos/example/widget/commits?sha=main'))!
    const healthy = [listingEntry, sinceEntry]
    for (const file of files.filter((f, i) => i % 2 === 0 && !healthy.includes(f)).concat(repoEntry)) damage(file)
    const before = emulator.requests.length
    // Stale everywhere (max-age 0): the healthy entries are revalidated, the damaged ones fetched whole.
    const healed = await collectFrom(emulator.url, REPOS, {cacheDir, maxAge: 0})
    expect(healed.projects).toEqual(online.projects)
    expect(healed.incomplete).toBe(false)
    const asked = emulator.requests.slice(before)
    const repo = asked.find((r) => r.url === '/repos/example/widget')!
    expect(repo.ifNoneMatch).toBeUndefined()
    expect(repo.status).toBe(200)
    // The healthy listing was refreshed incrementally: the page since its newest commit, revalidated and confirmed.
    const listing = asked.filter((r) => r.url.startsWith('/repos/example/widget/commits?sha=main&since='))
    // (old-name is widget renamed: the same branch, listed by both projects of the run.)
    expect(listing.length).toBeGreaterThan(0)
    for (const request of listing) {
      expect(request.url).not.toContain(encodeURIComponent(WINDOW_2024.since))
      expect(request.ifNoneMatch).toMatch(/^W\//)
      expect(request.status).toBe(304)
    }
    // Every entry verifies again: a warm run asks nothing.
    const after = emulator.requests.length
    const warm = await collectFrom(emulator.url, REPOS, {cacheDir})
    expect(warm.projects).toEqual(online.projects)
    expect(emulator.requests.length).toBe(after)
  })

  it('online: a damaged listing record is a miss: the whole listing is asked again, the figures unchanged', async () => {
    const cacheDir = await filled()
    const listingEntry = entryFiles(cacheDir).find((f) => keyOf(f) === 'LISTING github.com/example/widget@main')!
    damage(listingEntry)
    const before = emulator.requests.length
    const healed = await collectFrom(emulator.url, REPOS, {cacheDir, maxAge: 0})
    expect(healed.projects).toEqual(online.projects)
    const listing = emulator.requests
      .slice(before)
      .filter((r) => r.url.startsWith('/repos/example/widget/commits?sha=main&since='))
    // The first ask is from the window start, not from the newest commit: nothing of the damaged record was
    // trusted. (old-name is widget renamed: when it comes second, it may ask only since the listing just healed.)
    expect(listing.length).toBeGreaterThan(0)
    expect([decodeURIComponent(listing[0]!.url.replace(/.*since=([^&]*).*/, '$1')), listing[0]!.status]).toEqual([
      WINDOW_2024.since,
      200,
    ])
  })

  it('offline: a damaged entry is reported missing, never replayed', async () => {
    const cacheDir = await filled()
    const commitsEntry = entryFiles(cacheDir).find((f) => keyOf(f) === 'LISTING github.com/example/widget@main')!
    damage(commitsEntry)
    const run = await collectFrom(emulator.url, REPOS, {cacheDir, offline: true})
    expect(run.incomplete).toBe(true)
    const widget = run.projects.find((p) => p.repo === 'github.com/example/widget')!
    // Without the listing the window end is unknown too: the files at it are missing, not read at another commit.
    expect(widget).toMatchObject({status: 'partial', missing: ['commits', 'governance'], commits: [], governance: []})
    expect(widget.reason).toMatch(/offline: .*commits.* is not in the cache/)
    expect(existsSync(commitsEntry)).toBe(false)
    // old-name is widget renamed: the same listing, missing too. The other project replays as it was.
    expect(run.projects.find((p) => p.repo === 'github.com/example/old-name')?.missing).toEqual([
      'commits',
      'governance',
    ])
    expect(run.projects.find((p) => p.repo === 'github.com/example/gone')).toEqual(
      online.projects.find((p) => p.repo === 'github.com/example/gone'),
    )
  })

  it('reads entries of an older format or shape, and one whose body does not parse, as misses', async () => {
    const cacheDir = await filled()
    const files = entryFiles(cacheDir)
    const cache = new DiskCache(cacheDir)
    // Version 1 files (a JSON object with the body as an escaped string), as stewards wrote them before.
    const v1 = files.find((f) => keyOf(f) === 'GET github.com/repos/example/widget')!
    await writeFile(
      v1,
      JSON.stringify({
        key: 'GET github.com/repos/example/widget',
        storedAt: Date.now(),
        status: 200,
        headers: {},
        body: '{}',
      }),
    )
    // An entry of an older shape (full payloads), and one that verifies but whose body is not JSON.
    const shaped = (await cache.get('github', 'GET github.com/repos/example/old-name'))!
    await cache.put('github', {...shaped, schema: 'github/1'})
    const profile = files.map(keyOf).find((k) => k.startsWith('PROFILE github.com/alice'))!
    const record = (await cache.get('github', profile))!
    await cache.put('github', {...record, body: '{"login": "alice", "na'})
    const before = emulator.requests.length
    const run = await collectFrom(emulator.url, REPOS, {cacheDir, maxAge: 3_600_000})
    expect(run.projects).toEqual(online.projects)
    expect(
      emulator.requests
        .slice(before)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual([
      'GET /repos/example/old-name',
      'GET /repos/example/widget',
      // old-name answers 301 to the repository's new place.
      'GET /repositories/1004',
      'POST /graphql',
    ])
    // The entry whose body did not parse is replaced by the answer read again, not left damaged or deleted after it.
    const healed = await new DiskCache(cacheDir).get('github', profile)
    expect(JSON.parse(healed!.body)).toMatchObject({login: 'alice'})
  })

  it.each([
    ['fresh', 3_600_000, false],
    ['stale (revalidated)', 0, false],
    // A store whose deletes are slow (a remote one): the damaged entry's delete must be done before the new answer
    // is stored, or it would remove that answer.
    ['fresh, with a slow store,', 3_600_000, true],
  ])(
    'asks again, without its validator, for a %s answer whose cached body does not parse, and keeps the new one',
    async (_name, maxAge, slowDeletes) => {
      const cacheDir = await filled()
      const cache = new DiskCache(cacheDir)
      const store = slowDeletes ? withSlowDeletes(new DiskCache(cacheDir)) : undefined
      const key = 'GET github.com/repos/example/widget'
      const entry = (await cache.get('github', key))!
      expect(entry.etag).toBeTruthy()
      await cache.put('github', {...entry, body: '{"full_name": "example/wid'})
      const before = emulator.requests.length
      const run = await collectFrom(emulator.url, REPOS, {cacheDir, maxAge, ...(store ? {cache: store} : {})})
      expect(run.projects).toEqual(online.projects)
      const asked = emulator.requests.slice(before).filter((r) => r.url === '/repos/example/widget')
      expect(asked).toHaveLength(1)
      // With the damaged entry's etag, GitHub would answer 304, which nothing could answer from.
      expect(asked[0].ifNoneMatch).toBeUndefined()
      expect(asked[0].status).toBe(200)
      // Whatever the run left pending has landed by now.
      if (slowDeletes) await new Promise((resolve) => setTimeout(resolve, 500))
      const healed = await new DiskCache(cacheDir).get('github', key)
      expect(JSON.parse(healed!.body)).toMatchObject({full_name: 'example/widget'})
    },
  )

  it('replays a bundle whose damaged entries are left out: missing, said once, never replayed', async () => {
    const cacheDir = await filled()
    const bundle = await new DiskCache(cacheDir).exportBundle()
    const commits = bundle.entries.find((e) => e.key === 'LISTING github.com/example/widget@main')!
    commits.body = commits.body.replace('alice@example.com', 'mallory@example.com')
    const file = join(cacheDir, '..', `damaged-bundle-${process.pid}.json`)
    await writeFile(file, JSON.stringify(bundle))
    const notices: string[] = []
    const run = await collectProjects(REPOS, {
      source: 'snapshot',
      snapshot: file,
      window: WINDOW_2024,
      onProgress: (e) => e.type === 'notice' && notices.push(e.message),
    })
    expect(notices).toEqual([
      `${file}: 1 entry fails its checksum and was left out (first: github ${commits.key}): the bundle was altered or damaged on the way`,
    ])
    expect(run.incomplete).toBe(true)
    const widget = run.projects.find((p) => p.repo === 'github.com/example/widget')!
    expect(widget).toMatchObject({status: 'partial', missing: ['commits', 'governance'], commits: []})
    expect(JSON.stringify(run)).not.toContain('mallory')
  })

  describe('a --cache-dir that cannot be used', () => {
    for (const kind of UNUSABLE_DIRS) {
      it(`${kind.label}: one notice, the same data, no temp file left`, (context) =>
        withUnusableDir(context, kind, async (dir) => {
          const notices: string[] = []
          const run = await collectFrom(emulator.url, REPOS, {
            cacheDir: join(dir, 'stewards'),
            onProgress: (e) => e.type === 'notice' && notices.push(e.message),
          })
          expect(run.projects).toEqual(online.projects)
          expect(run.incomplete).toBe(false)
          expect(notices).toHaveLength(1)
          expect(notices[0]).toMatch(kind.reason)
          expect(notices[0]).toMatch(/going on without a cache/)
          expect(entryFiles(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
        }))
    }
  })
})

const affiliation = join(sharedDir, 'affiliation')
const SHARED = ['openkruise/kruise', 'volcano-sh/volcano', 'cert-manager/cert-manager', 'containerd/containerd']

describe.skipIf(!existsSync(join(affiliation, 'sources.json')))('offline replay of any subset', () => {
  let emulator: GithubEmulator
  let cacheDir: string
  let full: CollectRun
  beforeAll(async () => {
    emulator = await startGithubEmulator({roots: [affiliation, fixtureRoot], token: TOKEN})
    cacheDir = await freshCacheDir()
    full = await collectFrom(emulator.url, [...SHARED.map((r) => `github.com/${r}`), ...REPOS], {cacheDir})
    expect(full.incomplete).toBe(false)
  })
  afterAll(() => emulator.close())

  for (const subset of [
    ['containerd/containerd'],
    ['openkruise/kruise', 'cert-manager/cert-manager', 'example/widget'],
  ]) {
    it(`replays ${subset.join(', ')} alone, complete and identical`, async () => {
      const repos = subset.map((r) => `github.com/${r}`)
      const before = emulator.requests.length
      const run = await collectFrom(emulator.url, repos, {cacheDir, offline: true})
      expect(run.problems).toEqual([])
      expect(run.incomplete).toBe(false)
      expect(run.projects).toEqual(full.projects.filter((p) => repos.includes(p.repo)))
      // And online within max-age (what `people` after `scan` does): nothing, also for a project that now carries
      // its organisation's places where another project of the first run carried them (containerd carries the
      // CNCF list here): each repository's files are a record of their own, whichever query read them.
      const again = await collectFrom(emulator.url, repos, {cacheDir})
      expect(again.requests.total).toBe(0)
      expect(emulator.requests.length).toBe(before)
    })
  }

  it('keeps entries small: only the fields stewards reads', async () => {
    const files = entryFiles(cacheDir)
    const bytes = files.reduce((n, f) => n + readFileSync(f).length, 0)
    const commits = full.projects.reduce((n, p) => n + p.commits.length, 0)
    // About 400 bytes a commit (sha, author, committer, login, parents), not GitHub's ~3 KB.
    expect(bytes / commits).toBeLessThan(600)
    const page = files.map((f) => readFileSync(f, 'utf8')).find((t) => t.includes('"parents"'))!
    expect(page).not.toContain('"node_id"')
    expect(page).not.toContain('"message"')
    expect(await readFile(files[0], 'utf8')).toMatch(/^\{"format":"stewards-cache-entry","version":2,/)
  })
})
