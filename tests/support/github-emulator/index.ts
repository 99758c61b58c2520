import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {FaultPlan, type FaultOptions, sendFault} from './faults.js'
import {type FixtureRepo, type Fixtures, loadFixtures} from './fixtures.js'
import {readBody, type Sent, send} from './http.js'
import {graphqlRoute} from './routes/graphql.js'
import {orgsRoute} from './routes/orgs.js'
import {teamsRoute} from './routes/teams.js'
import {reposRoute} from './routes/repos.js'
import type {Route, RouteContext} from './routes/types.js'
import {usersRoute} from './routes/users.js'

export type {FaultKind, FaultRule} from './faults.js'
export type {Route, RouteContext} from './routes/types.js'

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
  /** Requests (`METHOD /path?query`) whose 200 answers get `bytes` of padding: oversized answers. */
  bloat?: {match: RegExp; bytes: number}
  /** Commits and repositories with every field GitHub's REST API gives (~3 KB a commit), for size and CPU benches. */
  fullPayloads?: boolean
  /** More endpoints, tried before the built-in ones (see routes/types.ts). */
  routes?: Route[]
}

export interface LoggedRequest {
  method: string
  url: string
  status: number
  authorization?: string
  /** The `If-None-Match` sent (a revalidation of a cached entry). */
  ifNoneMatch?: string
  /** A POST's body (the GraphQL query and its variables). */
  body?: string
  fault?: string
}

export interface GithubEmulator {
  /** `http://127.0.0.1:PORT`: use as the API URL (GHES style `.../api/v3` works too). */
  url: string
  /** The host repositories are named under when the emulator stands for an Enterprise Server (`127.0.0.1:PORT`). */
  host: string
  requests: LoggedRequest[]
  fixtures: Fixtures
  close(): Promise<void>
}

const RESET = 4_102_444_800 // 2100-01-01: the rate limit never resets by itself during a test

/** A real HTTP server on 127.0.0.1 (random port) answering like api.github.com from fixture folders. */
export async function startGithubEmulator(options: EmulatorOptions): Promise<GithubEmulator> {
  const fixtures = loadFixtures(options.roots)
  const plan = new FaultPlan(options)
  const requests: LoggedRequest[] = []
  const routes: Route[] = [
    ...(options.routes ?? []),
    reposRoute({maxPerPage: options.maxPerPage}),
    usersRoute(),
    teamsRoute(options.roots),
    orgsRoute(options.roots),
    graphqlRoute({hiddenOrgs: options.hiddenOrgs}),
  ]
  let base = ''
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, {message: String(error)}))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<Sent> {
    const body = await readBody(req)
    const url = new URL(req.url ?? '/', base)
    const enterprise = /^\/api\/(v3\/|graphql$)/.test(url.pathname)
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql')
    const method = req.method ?? 'GET'
    const entry: LoggedRequest = {
      method,
      url: `${url.pathname}${url.search}`,
      status: 0,
      authorization: req.headers.authorization,
      ...(req.headers['if-none-match'] ? {ifNoneMatch: String(req.headers['if-none-match'])} : {}),
      ...(method === 'POST' ? {body} : {}),
    }
    requests.push(entry)
    res.on('finish', () => (entry.status = res.statusCode))
    res.on('close', () => (entry.status ||= -1))
    const ownAuth = routes.some((route) => route.authenticates?.(method, path))
    const auth = ownAuth ? 'anonymous' : checkAuth(req.headers.authorization)
    if (auth === 'bad')
      return send(res, 401, {message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest'})
    const line = `${method} ${path}${url.search}`
    const fault = plan.pick(line)
    if (fault) {
      entry.fault = fault.kind
      if (fault.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1_000))
      else return sendFault(res, fault)
    }
    res.setHeader('x-ratelimit-limit', auth === 'token' ? '5000' : '60')
    res.setHeader('x-ratelimit-remaining', '4999')
    res.setHeader('x-ratelimit-reset', String(RESET))
    res.setHeader('x-ratelimit-resource', path === '/graphql' ? 'graphql' : 'core')
    const apiBase = enterprise ? `${base}/api/v3` : base
    const ctx: RouteContext = {
      req,
      res,
      method,
      path,
      query: url.searchParams,
      body,
      auth,
      apiBase,
      linkBase: options.linkBase ?? apiBase,
      fixtures,
      full: options.fullPayloads ?? false,
      pad: options.bloat?.match.test(line) ? options.bloat.bytes : 0,
      resolveRef,
    }
    for (const route of routes) {
      const sent = await route.handle(ctx)
      if (sent) return sent
    }
    return send(res, 404, {message: 'Not Found', documentation_url: 'https://docs.github.com/rest'})
  }

  function checkAuth(header: string | undefined): 'anonymous' | 'token' | 'bad' {
    if (!header) return 'anonymous'
    const match = /^(?:token|bearer) (.+)$/i.exec(header)
    if (!match) return 'bad'
    const given = match[1]
    if (options.token !== undefined && given === options.token) return 'token'
    return routes.some((route) => route.acceptsToken?.(given)) ? 'token' : 'bad'
  }

  function resolveRef(repo: FixtureRepo, ref: string): string | null {
    if (ref === 'HEAD' || ref === repo.meta.default_branch)
      return (repo.meta.head as string | undefined) ?? repo.commits[0]?.sha ?? null
    if (repo.bySha.has(ref)) return ref
    return null
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
  return {
    url: base,
    host: `127.0.0.1:${port}`,
    requests,
    fixtures,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
