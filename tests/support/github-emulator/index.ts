import {createHash} from 'node:crypto'
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {FaultPlan, type FaultOptions, type FaultRule} from './faults.js'
import {type FixtureRepo, type Fixtures, key, loadFixtures} from './fixtures.js'
import {executeGraphql} from './graphql.js'
import {loadTeams, teamMembersAnswer} from './teams.js'

export type {FaultKind, FaultRule} from './faults.js'

export interface EmulatorOptions extends FaultOptions {
  /** Fixture roots: folders of `<owner>__<repo>/` (README.md), e.g. `../shared/affiliation`. */
  roots: string[]
  /** When set, `Authorization: token|Bearer <token>` is required to match (else 401); absent = anonymous. */
  token?: string
  /** Base written into `Link` headers instead of the emulator's own (to test foreign Link URLs). */
  linkBase?: string
  /** Page size cap (GitHub's is 100); lower it to exercise pagination on small fixtures. */
  maxPerPage?: number
  /** Organisations whose GraphQL nodes come back null + FORBIDDEN (SAML enforcement); REST lists them. */
  hiddenOrgs?: string[]
}

export interface LoggedRequest {
  method: string
  url: string
  status: number
  authorization?: string
  fault?: string
}

export interface GithubEmulator {
  /** `http://127.0.0.1:PORT`: use as the API URL (GHES style `.../api/v3` works too). */
  url: string
  requests: LoggedRequest[]
  fixtures: Fixtures
  close(): Promise<void>
}

const RESET = 4_102_444_800 // 2100-01-01: the rate limit never resets by itself during a test

/** A real HTTP server on 127.0.0.1 (random port) answering like api.github.com from fixture folders. */
export async function startGithubEmulator(options: EmulatorOptions): Promise<GithubEmulator> {
  const fixtures = loadFixtures(options.roots)
  const teams = loadTeams(options.roots)
  const plan = new FaultPlan(options)
  const requests: LoggedRequest[] = []
  const hiddenOrgs = new Set((options.hiddenOrgs ?? []).map((o) => o.toLowerCase()))
  let base = ''
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, {message: String(error)}))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<Sent> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql')
    const method = req.method ?? 'GET'
    const entry: LoggedRequest = {
      method,
      url: `${url.pathname}${url.search}`,
      status: 0,
      authorization: req.headers.authorization,
    }
    requests.push(entry)
    res.on('finish', () => (entry.status = res.statusCode))
    const auth = checkAuth(req.headers.authorization)
    if (auth === 'bad')
      return send(res, 401, {message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest'})
    const fault = plan.pick(`${method} ${path}${url.search}`)
    if (fault) {
      entry.fault = fault.kind
      if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1_000))
      else return sendFault(res, fault)
    }
    res.setHeader('x-ratelimit-limit', auth === 'token' ? '5000' : '60')
    res.setHeader('x-ratelimit-remaining', '4999')
    res.setHeader('x-ratelimit-reset', String(RESET))
    res.setHeader('x-ratelimit-resource', path === '/graphql' ? 'graphql' : 'core')
    if (path === '/graphql' && method === 'POST') {
      if (auth !== 'token') return send(res, 401, {message: 'This endpoint requires you to be authenticated.'})
      return send(res, 200, await executeGraphql(fixtures, JSON.parse(body || '{}'), resolveRef, hiddenOrgs), req)
    }
    if (method !== 'GET') return send(res, 404, notFound())
    const team = teamMembersAnswer(teams, path, auth === 'token')
    if (team) return send(res, team.status, team.body, req)
    return route(path, url.searchParams, req, res)
  }

  function checkAuth(header: string | undefined): 'anonymous' | 'token' | 'bad' {
    if (!header) return 'anonymous'
    const match = /^(?:token|bearer) (.+)$/i.exec(header)
    return match && options.token !== undefined && match[1] === options.token ? 'token' : 'bad'
  }

  function route(path: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Sent {
    let m = /^\/repositories\/(\d+)(\/.*)?$/.exec(path)
    if (m) {
      const repo = [...fixtures.repos.values()].find((r) => r.id === Number(m![1]))
      return repo ? repoRoute(repo, m[2] ?? '', query, req, res) : send(res, 404, notFound())
    }
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path)
    if (m) {
      const repo = fixtures.repos.get(key(decodeURIComponent(m[1]), decodeURIComponent(m[2])))
      if (!repo) return send(res, 404, notFound())
      if (repo.renamedTo) {
        const [o, n] = repo.renamedTo.split('/')
        const target = fixtures.repos.get(key(o, n))
        if (target)
          return send(res, 301, {message: 'Moved Permanently', url: `${base}/repositories/${target.id}`}, req, {
            location: `${base}/repositories/${target.id}${m[3] ?? ''}${queryString(query)}`,
          })
      }
      return repoRoute(repo, m[3] ?? '', query, req, res)
    }
    m = /^\/users\/([^/]+)(\/orgs)?$/.exec(path)
    if (m) {
      const user = fixtures.users.get(decodeURIComponent(m[1]).toLowerCase())
      if (!user) return send(res, 404, notFound())
      if (m[2])
        return send(
          res,
          200,
          user.orgs.map((login) => ({login, id: idOf(login), url: `${base}/orgs/${login}`})),
          req,
        )
      const {orgs: _orgs, ...profile} = user
      return send(res, 200, {...profile, id: idOf(user.login), type: 'User'}, req)
    }
    return send(res, 404, notFound())
  }

  function repoRoute(
    repo: FixtureRepo,
    rest: string,
    query: URLSearchParams,
    req: IncomingMessage,
    res: ServerResponse,
  ): Sent {
    if (repo.status === 404 || repo.status === 451)
      return send(res, repo.status, repo.status === 451 ? blocked() : notFound())
    const empty = repo.status === 409 || repo.commits.length === 0
    if (rest === '') return send(res, 200, repo.meta, req)
    if (rest === '/commits') {
      if (empty)
        return send(res, 409, {message: 'Git Repository is empty.', documentation_url: 'https://docs.github.com/rest'})
      return listCommits(repo, query, req, res)
    }
    let m = /^\/commits\/([^/]+)$/.exec(rest)
    if (m) {
      const sha = resolveRef(repo, decodeURIComponent(m[1]))
      return sha
        ? send(res, 200, commitJson(repo, repo.bySha.get(sha)!), req)
        : send(res, 422, {message: `No commit found for SHA: ${m[1]}`})
    }
    m = /^\/contents(?:\/(.*))?$/.exec(rest)
    if (m) {
      if (empty) return send(res, 404, {message: 'This repository is empty.'})
      const sha = resolveRef(repo, query.get('ref') ?? String(repo.meta.default_branch))
      if (!sha) return send(res, 404, {message: `No commit found for the ref ${query.get('ref')}`})
      return contents(repo, decodeURIComponent(m[1] ?? '').replace(/\/+$/, ''), req, res)
    }
    return send(res, 404, notFound())
  }

  function listCommits(repo: FixtureRepo, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Sent {
    const start = resolveRef(repo, query.get('sha') ?? String(repo.meta.default_branch))
    if (!start) return send(res, 404, {message: 'Not Found'})
    const reachable = new Set<string>()
    const stack = [start]
    while (stack.length > 0) {
      const sha = stack.pop()!
      if (reachable.has(sha)) continue
      reachable.add(sha)
      stack.push(...(repo.bySha.get(sha)?.parents ?? []))
    }
    // GitHub's since/until filter on the committer date.
    const since = query.get('since') ? Date.parse(query.get('since')!) : -Infinity
    const until = query.get('until') ? Date.parse(query.get('until')!) : Infinity
    let all = repo.commits.filter(
      (c) => reachable.has(c.sha) && Date.parse(c.committer.date) >= since && Date.parse(c.committer.date) <= until,
    )
    // `path`: the commits that changed it. The tree is the same at every commit: only the oldest added it.
    const path = query.get('path')
    if (path !== null) all = repo.files.has(path) ? all.slice(-1) : []
    const perPage = Math.min(options.maxPerPage ?? 100, Math.max(1, Number(query.get('per_page') ?? 30) || 30))
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
    const last = Math.max(1, Math.ceil(all.length / perPage))
    const link = paginationLink(query, page, last, `/repos/${repo.owner}/${repo.name}/commits`)
    return send(
      res,
      200,
      all.slice((page - 1) * perPage, page * perPage).map((c) => commitJson(repo, c)),
      req,
      link ? {link} : {},
    )
  }

  function paginationLink(query: URLSearchParams, page: number, last: number, path: string): string | null {
    const at = (n: number) => {
      const q = new URLSearchParams(query)
      q.set('page', String(n))
      return `<${options.linkBase ?? base}${path}?${q}>`
    }
    const parts: string[] = []
    if (page > 1) parts.push(`${at(page - 1)}; rel="prev"`)
    if (page < last) parts.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`)
    if (page > 1) parts.push(`${at(1)}; rel="first"`)
    return parts.length > 0 ? parts.join(', ') : null
  }

  function contents(repo: FixtureRepo, path: string, req: IncomingMessage, res: ServerResponse): Sent {
    const file = repo.files.get(path)
    if (file !== undefined) {
      return send(
        res,
        200,
        {
          type: 'file',
          encoding: 'base64',
          name: path.split('/').pop(),
          path,
          size: Buffer.byteLength(file),
          content: Buffer.from(file).toString('base64'),
        },
        req,
      )
    }
    const prefix = path === '' ? '' : `${path}/`
    const names = new Map<string, 'file' | 'dir'>()
    for (const name of repo.files.keys()) {
      if (!name.startsWith(prefix)) continue
      const rest = name.slice(prefix.length)
      const slash = rest.indexOf('/')
      names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'dir')
    }
    if (names.size === 0 && path !== '') return send(res, 404, notFound())
    return send(
      res,
      200,
      [...names].sort().map(([name, type]) => ({type, name, path: prefix + name})),
      req,
    )
  }

  function resolveRef(repo: FixtureRepo, ref: string): string | null {
    if (ref === 'HEAD' || ref === repo.meta.default_branch)
      return (repo.meta.head as string | undefined) ?? repo.commits[0]?.sha ?? null
    if (repo.bySha.has(ref)) return ref
    return null
  }

  function commitJson(repo: FixtureRepo, c: FixtureRecord) {
    return {
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 12)}`,
      // GitHub's REST API reports commit dates in UTC.
      commit: {
        author: {...c.author, date: utc(c.author.date)},
        committer: {...c.committer, date: utc(c.committer.date)},
        message: c.message,
      },
      url: `${base}/repos/${repo.owner}/${repo.name}/commits/${c.sha}`,
      author: c.login ? {login: c.login, id: idOf(c.login), type: 'User'} : null,
      committer: null,
      parents: c.parents.map((sha) => ({sha, url: `${base}/repos/${repo.owner}/${repo.name}/commits/${sha}`})),
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    requests,
    fixtures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

type FixtureRecord = FixtureRepo['commits'][number]
/** Every answer path ends in `send`: the type makes a forgotten answer (a hung request) a compile error. */
const SENT = true as const
type Sent = typeof SENT

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  req?: IncomingMessage,
  headers: Record<string, string> = {},
): Sent {
  const text = JSON.stringify(body)
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  if (status === 200 && req) {
    const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`
    res.setHeader('etag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304)
      res.end()
      return SENT
    }
  }
  res.writeHead(status, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text)})
  res.end(text)
  return SENT
}

function sendFault(res: ServerResponse, fault: FaultRule): Sent {
  switch (fault.kind) {
    case 'rate-limit':
      return send(
        res,
        403,
        {
          message: 'API rate limit exceeded for user ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        undefined,
        {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + (fault.resetSeconds ?? 1)),
        },
      )
    case 'secondary-limit':
      return send(
        res,
        403,
        {message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'},
        undefined,
        {
          'retry-after': String(fault.retryAfter ?? 1),
        },
      )
    case 'server-error':
      return send(res, 502, {message: 'Server Error'})
    case 'truncated': {
      const text = JSON.stringify({message: 'this body is cut in the middle', padding: 'x'.repeat(200)})
      res.writeHead(200, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text)})
      res.write(text.slice(0, 40))
      res.socket?.destroy()
      return SENT
    }
    case 'accepted':
      return send(res, 202, {})
    case 'no-content':
      res.writeHead(204)
      res.end()
      return SENT
    case 'moved':
      return send(res, 301, {message: 'Moved Permanently'}, undefined, {location: fault.location ?? '/'})
    case 'unauthorized':
      return send(res, 401, {message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest'})
    case 'not-found':
      return send(res, 404, notFound())
    case 'legal':
      return send(res, 451, blocked())
    case 'empty':
      return send(res, 409, {message: 'Git Repository is empty.'})
    case 'too-large':
      return send(res, 403, {
        message: 'The history or contributor list is too large to list contributors for this repository via the API.',
      })
    case 'slow':
      return SENT
  }
}

function notFound() {
  return {message: 'Not Found', documentation_url: 'https://docs.github.com/rest'}
}

function blocked() {
  return {
    message: 'Repository access blocked',
    block: {reason: 'dmca', created_at: '2024-01-01T00:00:00Z', html_url: 'https://github.com/github/dmca'},
  }
}

function utc(date: string): string {
  return new Date(Date.parse(date)).toISOString().replace('.000Z', 'Z')
}

function idOf(login: string): number {
  return createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0)
}

function queryString(query: URLSearchParams): string {
  const text = query.toString()
  return text ? `?${text}` : ''
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
