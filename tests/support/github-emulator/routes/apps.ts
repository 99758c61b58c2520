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
}

/**
 * `POST /app/installations/{id}/access_tokens`: a GitHub App's installation token, for a JWT GitHub would accept
 * (https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
 * `Authorization: Bearer` with an RS256 JWT of the app's key, `iss` the app id, `iat` not in the future (60 s
 * leeway), `exp` in the future and at most 10 minutes after `iat`. This route checks the header itself.
 * `issued` counts the tokens handed out.
 */
export function appsRoute(app: AppInstallation): Route & {issued: number} {
  const route = {
    name: 'apps',
    issued: 0,
    authenticates: (method: string, path: string) => method === 'POST' && path.startsWith('/app/'),
    handle(ctx: Parameters<Route['handle']>[0]) {
      const m = ctx.method === 'POST' ? /^\/app\/installations\/(\d+)\/access_tokens$/.exec(ctx.path) : null
      if (!m) return null
      const problem = jwtProblem(ctx.req.headers.authorization, app)
      if (problem) return send(ctx.res, 401, {message: problem, documentation_url: 'https://docs.github.com/rest'})
      if (Number(m[1]) !== app.installationId) return send(ctx.res, 404, {message: 'Not Found'})
      route.issued++
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      return send(ctx.res, 201, {
        token: app.token,
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
