import type {IncomingMessage, ServerResponse} from 'node:http'
import type {Fixtures, FixtureRepo} from '../fixtures.js'
import type {Sent} from '../http.js'

/** What a route sees of one request. */
export interface RouteContext {
  req: IncomingMessage
  res: ServerResponse
  method: string
  /** The path with an Enterprise Server's `/api/v3` prefix removed (`/repos/a/b`, `/graphql`). */
  path: string
  query: URLSearchParams
  /** The request body (GraphQL). */
  body: string
  /** `Authorization` matched the emulator's token (`token`), none was sent (`anonymous`). */
  auth: 'anonymous' | 'token'
  /** Where the API lives for this request (`http://127.0.0.1:PORT` or `.../api/v3`): links are built on it. */
  apiBase: string
  /** The base written into `Link` headers (`linkBase` when set, to test foreign links). */
  linkBase: string
  fixtures: Fixtures
  /** Answer with every field GitHub's REST answers carry (user objects, URLs, verification), not just the core. */
  full: boolean
  /** Padding to add to a 200's body (the `bloat` option). */
  pad: number
  resolveRef(repo: FixtureRepo, ref: string): string | null
}

/**
 * One endpoint family. Routes are tried in order (extra routes given to the emulator first); a route answers
 * by returning `send(...)`, or passes with `null`.
 */
export interface Route {
  name: string
  /** Requests this route authenticates itself (a GitHub App's JWT): the emulator's token check is skipped. */
  authenticates?(method: string, path: string): boolean
  /** Tokens this route handed out and that are still valid (a GitHub App's installation tokens): the API accepts them. */
  acceptsToken?(token: string): boolean
  handle(ctx: RouteContext): Sent | null | Promise<Sent | null>
}
