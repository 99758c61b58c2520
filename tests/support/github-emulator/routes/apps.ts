import {type KeyObject, verify} from 'node:crypto'
import {send} from '../http.js'
import type {Route} from './types.js'

export interface AppInstallation {
  appId: number
  installationId: number
  /** The app's public key: the JWT must be signed by its private key (RS256). */
  publicKey: KeyObject
  /** The installation access token handed out; give the emulator the same `token` so the API accepts it. */
  token: string
  /**
   * Short-lived tokens (a long collection in a short test): each token handed out is new (`token` with a counter in
   * its last characters), valid this many seconds, and accepted by the API until then (the emulator's 401 after).
   */
  lifetimeSeconds?: number
}

/**
 * `POST /app/installations/{id}/access_tokens`: a GitHub App's installation token, for a JWT GitHub would accept
 * (https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
 * `Authorization: Bearer` with an RS256 JWT of the app's key, `iss` the app id, `iat` not in the future (60 s
 * leeway), `exp` in the future and at most 10 minutes after `iat`. This route checks the header itself.
 * `issued` counts the tokens handed out. With `lifetimeSeconds`, every token is new and expires then (GitHub's
 * `expires_at`, whole seconds); `expired` counts API requests that came with a token past it.
 */
export function appsRoute(app: AppInstallation): Route & {issued: number; expired: number} {
  const valid = new Map<string, number>()
  const route = {
    name: 'apps',
    issued: 0,
    expired: 0,
    authenticates: (method: string, path: string) => method === 'POST' && path.startsWith('/app/'),
    acceptsToken(token: string) {
      const until = valid.get(token)
      if (until === undefined) return false
      if (Date.now() < until) return true
      route.expired++
      return false
    },
    handle(ctx: Parameters<Route['handle']>[0]) {
      const m = ctx.method === 'POST' ? /^\/app\/installations\/(\d+)\/access_tokens$/.exec(ctx.path) : null
      if (!m) return null
      const problem = jwtProblem(ctx.req.headers.authorization, app)
      if (problem) return send(ctx.res, 401, {message: problem, documentation_url: 'https://docs.github.com/rest'})
      if (Number(m[1]) !== app.installationId) return send(ctx.res, 404, {message: 'Not Found'})
      route.issued++
      const lifetime = (app.lifetimeSeconds ?? 3_600) * 1_000
      // Whole seconds, as GitHub writes it: the token lives until then, not a millisecond longer.
      const expires = Math.floor((Date.now() + lifetime) / 1_000) * 1_000
      const expiresAt = new Date(expires).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const token = app.lifetimeSeconds
        ? `${app.token.slice(0, -4)}${String(route.issued).padStart(4, '0')}`
        : app.token
      if (app.lifetimeSeconds) valid.set(token, expires)
      return send(ctx.res, 201, {
        token,
        expires_at: expiresAt,
        permissions: {contents: 'read', metadata: 'read'},
        repository_selection: 'all',
      })
    },
  }
  return route
}

function jwtProblem(header: string | undefined, app: AppInstallation): string | null {
  const match = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(header ?? '')
  if (!match) return 'A JSON web token could not be decoded'
  const [, head, body, signature] = match
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  if (json(head).alg !== 'RS256') return 'A JSON web token could not be decoded'
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${head}.${body}`),
    app.publicKey,
    Buffer.from(signature, 'base64url'),
  )
  if (!signed) return 'A JSON web token could not be decoded'
  const claims = json(body) as {iss?: unknown; iat?: number; exp?: number}
  const now = Math.floor(Date.now() / 1000)
  if (String(claims.iss) !== String(app.appId)) return 'Integration not found'
  if (typeof claims.iat !== 'number' || claims.iat > now + 60)
    return "'Issued at' claim ('iat') must be an Integer representing a time in the past"
  if (typeof claims.exp !== 'number' || claims.exp <= now || claims.exp - claims.iat > 600)
    return "'Expiration time' claim ('exp') is too far in the future"
  return null
}
