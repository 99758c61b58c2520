import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'

/** One commit as the emulator serves it. `parents` defaults to a linear chain in committer-date order. */
export interface FixtureCommit {
  sha: string
  author: {name: string; email: string; date: string}
  committer: {name: string; email: string; date: string}
  login: string | null
  parents: string[]
  message: string
  /** GitHub's signature verification of the commit, when the fixture says (`commit.verification`). */
  verified?: boolean
}

export interface FixtureRepo {
  owner: string
  name: string
  id: number
  /** GitHub's repository JSON (repo.json over defaults). */
  meta: Record<string, unknown>
  /** Newest first by committer date (the order GitHub lists them in). */
  commits: FixtureCommit[]
  bySha: Map<string, FixtureCommit>
  /** Path → content: the tree served at every commit. */
  files: Map<string, string>
  /** Whole-repository answer instead of data: 404, 451, 409 (empty)... */
  status?: number
  /** `owner/name`: requests answer 301 to the new location. */
  renamedTo?: string
}

export interface FixtureUser {
  login: string
  name: string | null
  company: string | null
  blog: string
  email: string | null
  created_at: string
  orgs: string[]
}

export interface Fixtures {
  repos: Map<string, FixtureRepo>
  users: Map<string, FixtureUser>
}

/**
 * Loads every `<owner>__<repo>/` folder of each root (see README.md for the layout). The shared
 * corpus (`../shared/affiliation/`) has the same layout without repo.json, users/ and orgs.json.
 * `governance/external/<owner>__<repo>/` becomes a repository of its own with one commit.
 */
export function loadFixtures(roots: string[]): Fixtures {
  const repos = new Map<string, FixtureRepo>()
  const users = new Map<string, FixtureUser>()
  const orgs = new Map<string, string[]>()
  let nextId = 1000
  for (const root of roots) {
    for (const folder of readdirSync(root).sort()) {
      const dir = join(root, folder)
      const match = /^([A-Za-z0-9-]+)__(.+)$/.exec(folder)
      if (!match || !statSync(dir).isDirectory()) continue
      const [, owner, name] = match
      const meta = readJson(join(dir, 'repo.json')) as Record<string, unknown> | null
      const records = (readJson(join(dir, 'commits.json')) as RawCommit[] | null) ?? []
      const files = readTree(join(dir, 'governance'), (path) => !path.startsWith('external/'))
      const repo = makeRepo(owner, name, nextId++, meta ?? {}, records.map(normalize), files)
      repos.set(key(owner, name), repo)
      const external = join(dir, 'governance', 'external')
      if (existsSync(external)) {
        for (const ext of readdirSync(external).sort()) {
          const [o, n] = ext.split('__')
          const head = repo.commits[0]
          const commit: FixtureCommit = {
            sha: sha1(`${ext} external`),
            author: {
              name: 'Fixture',
              email: 'fixture@example.com',
              date: head?.committer.date ?? '2024-06-01T00:00:00Z',
            },
            committer: {
              name: 'Fixture',
              email: 'fixture@example.com',
              date: head?.committer.date ?? '2024-06-01T00:00:00Z',
            },
            login: null,
            parents: [],
            message: 'external governance files',
          }
          repos.set(
            key(o, n),
            makeRepo(
              o,
              n,
              nextId++,
              {},
              [commit],
              readTree(join(external, ext), () => true),
            ),
          )
        }
      }
      for (const login of repo.commits.flatMap((c) => (c.login ? [c.login] : []))) {
        if (!users.has(login.toLowerCase())) users.set(login.toLowerCase(), defaultUser(login))
      }
      const usersDir = join(dir, 'users')
      if (existsSync(usersDir)) {
        for (const file of readdirSync(usersDir).filter((f) => f.endsWith('.json'))) {
          const user = readJson(join(usersDir, file)) as Partial<FixtureUser> & {login: string}
          users.set(user.login.toLowerCase(), {...defaultUser(user.login), ...user, orgs: []})
        }
      }
      for (const [login, list] of Object.entries(
        (readJson(join(dir, 'orgs.json')) as Record<string, string[]> | null) ?? {},
      )) {
        orgs.set(login.toLowerCase(), list)
      }
    }
  }
  for (const [login, list] of orgs) {
    const user = users.get(login)
    if (user) user.orgs = [...list]
  }
  return {repos, users}
}

interface RawCommit {
  sha: string
  author: {name: string; email: string; date: string}
  committer: {name: string; email: string; date: string}
  login?: string | null
  parents?: string[]
  message?: string
  verified?: boolean
}

function normalize(raw: RawCommit): FixtureCommit {
  const noreply = /^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$/i.exec(raw.author.email)
  return {
    sha: raw.sha,
    author: raw.author,
    committer: raw.committer,
    // GitHub links a commit to the account owning its address; the fixture's `login` plays that part.
    login: raw.login ?? noreply?.[1] ?? null,
    parents: raw.parents ?? [],
    message: raw.message ?? `commit ${raw.sha.slice(0, 7)}`,
    ...(raw.verified === undefined ? {} : {verified: raw.verified}),
  }
}

function makeRepo(
  owner: string,
  name: string,
  id: number,
  meta: Record<string, unknown>,
  commits: FixtureCommit[],
  files: Map<string, string>,
): FixtureRepo {
  const explicitParents = commits.some((c) => c.parents.length > 0)
  const ordered = [...commits].sort(
    (a, b) => Date.parse(b.committer.date) - Date.parse(a.committer.date) || (a.sha < b.sha ? 1 : -1),
  )
  if (!explicitParents) {
    ordered.forEach((c, i) => {
      c.parents = ordered[i + 1] ? [ordered[i + 1].sha] : []
    })
  }
  const first = ordered.at(-1)?.committer.date ?? '2020-01-01T00:00:00Z'
  const last = ordered[0]?.committer.date ?? first
  const {status, renamedTo, ...rest} = meta as {status?: number; renamedTo?: string}
  return {
    owner,
    name,
    id,
    meta: {
      id,
      name,
      full_name: `${owner}/${name}`,
      owner: {login: owner},
      private: false,
      archived: false,
      fork: false,
      default_branch: 'main',
      created_at: new Date(Date.parse(first) - 86_400_000).toISOString().replace('.000', ''),
      pushed_at: new Date(Date.parse(last)).toISOString().replace('.000', ''),
      license: {key: 'apache-2.0', spdx_id: 'Apache-2.0'},
      ...rest,
    },
    commits: ordered,
    bySha: new Map(ordered.map((c) => [c.sha, c])),
    files,
    status,
    renamedTo,
  }
}

function defaultUser(login: string): FixtureUser {
  return {login, name: null, company: null, blog: '', email: null, created_at: '2015-01-01T00:00:00Z', orgs: []}
}

function readTree(dir: string, keep: (path: string) => boolean): Map<string, string> {
  const files = new Map<string, string>()
  if (!existsSync(dir)) return files
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name)
      const path = relative(dir, full).split('\\').join('/')
      if (statSync(full).isDirectory()) {
        if (keep(`${path}/`)) walk(full)
      } else if (keep(path)) files.set(path, readFileSync(full, 'utf8'))
    }
  }
  walk(dir)
  return files
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

export function key(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase()
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}
