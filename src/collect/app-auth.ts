/**
 * GitHub App authentication, the alternative to a personal token for organisations whose automation may not use
 * one (and whose installations get higher rate limits): the app's id, its private key and the installation's id
 * give an installation access token (POST /app/installations/{id}/access_tokens, signed with a JWT of the key:
 * https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation),
 * through @octokit/auth-app. The token then travels as any token does (one host only, redacted from every output);
 * neither it, the JWT nor the key is ever printed.
 *
 *   GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID, and GITHUB_APP_PRIVATE_KEY (the PEM text) or
 *   GITHUB_APP_PRIVATE_KEY_FILE (its path)
 *
 * An installation token is valid for one hour (GitHub's limit, `expires_at` in the answer); a collection running
 * longer asks for a new one before it expires (`renewToken`, called before every request: it makes a token only
 * when less than a quarter of the last one's life, at most 10 minutes, is left). @octokit/auth-app keeps its
 * tokens 59 minutes whatever `expires_at` says, so the expiry is checked here and `refresh` asked of it.
 * `--token` wins over the app; the app wins over GITHUB_TOKEN / GH_TOKEN.
 */
import {createHash} from 'node:crypto'
import {createAppAuth} from '@octokit/auth-app'
import {request} from '@octokit/request'
import {usageError} from '../core/errors.js'
import {rememberSecret} from '../core/redact.js'
import {proxyFetch} from '../core/proxy.js'
import {tokenTransportProblem} from './octokit/transport.js'
import {apiUrlList, DEFAULT_API_URL} from './sources/github/hosts.js'
import {resolveTokens} from './token.js'
import {plainReason} from '../core/fs-reason.js'
import {readNamedFile} from '../core/user-file.js'

export interface AppCredentials {
  appId: string
  installationId: string
  privateKey: string
}

/** A PEM RSA key of 4,096 bits is about 3.3 kB; anything near this is not a key. */
const MAX_KEY_BYTES = 64 * 1024

const HINT =
  'set GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PRIVATE_KEY (or GITHUB_APP_PRIVATE_KEY_FILE), or none of them'

/** The app's credentials from the environment; null when none of the variables is set. */
export async function appCredentials(env: NodeJS.ProcessEnv = process.env): Promise<AppCredentials | null> {
  const value = (name: string) => env[name]?.trim() || undefined
  const appId = value('GITHUB_APP_ID')
  const installationId = value('GITHUB_APP_INSTALLATION_ID')
  const keyText = value('GITHUB_APP_PRIVATE_KEY')
  const keyFile = value('GITHUB_APP_PRIVATE_KEY_FILE')
  if (!appId && !installationId && !keyText && !keyFile) return null
  const missing = [
    appId ? null : 'GITHUB_APP_ID',
    installationId ? null : 'GITHUB_APP_INSTALLATION_ID',
    keyText || keyFile ? null : 'GITHUB_APP_PRIVATE_KEY',
  ].filter((name): name is string => name !== null)
  if (missing.length > 0)
    throw usageError('github-app-incomplete', `GitHub App authentication needs ${missing.join(', ')}`, HINT)
  for (const [name, id] of [
    ['GITHUB_APP_ID', appId],
    ['GITHUB_APP_INSTALLATION_ID', installationId],
  ] as const)
    if (!/^\d+$/.test(id!)) throw usageError('github-app-invalid', `${name} must be a number`, HINT)
  let privateKey = keyText
  if (!privateKey) {
    try {
      // A file, or a pipe a secret store writes (`<(vault …)`), no larger than a key can be.
      const read = await readNamedFile(keyFile!, MAX_KEY_BYTES)
      if ('tooLarge' in read) throw new Error(`larger than a private key can be (${MAX_KEY_BYTES} bytes)`)
      privateKey = read.text
    } catch (error) {
      throw usageError(
        'github-app-key-unreadable',
        `${keyFile}: cannot read the GitHub App private key (${plainReason(error)})`,
        HINT,
      )
    }
  }
  // Secret stores often keep a PEM on one line with literal \n.
  privateKey = privateKey.replace(/\\n/g, '\n')
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey))
    throw usageError(
      'github-app-key-invalid',
      'the GitHub App private key is not a PEM private key',
      'use the .pem file GitHub generated for the app',
    )
  return {appId: appId!, installationId: installationId!, privateKey}
}

/**
 * The tokens of `resolveTokens`, with the first API host's token made by the GitHub App when its variables are set
 * (and `--token` is not). Offline (the cache, a snapshot, local git), no token is made: nothing would use it.
 */
export async function resolveAuth(
  flag: string | undefined,
  apiUrl: string | readonly string[] | undefined,
  options: {offline?: boolean; env?: NodeJS.ProcessEnv} = {},
): Promise<{token?: string; githubComToken?: string; renewToken?: () => Promise<string>}> {
  const env = options.env ?? process.env
  const tokens = resolveTokens(flag, apiUrl, env)
  if (flag?.trim()) return tokens
  const app = await appCredentials(env)
  if (!app || options.offline) return tokens
  const [first = DEFAULT_API_URL] = apiUrlList(apiUrl)
  const renewToken = installationTokens(app, first, env)
  return {...tokens, token: await renewToken(), renewToken}
}

interface Made {
  token: string
  expiresAt: string
  madeAt: number
}

/** Tokens made in this process, by app, installation, API and key: a command that needs one twice asks once. */
const made = new Map<string, Promise<Made>>()
/** A token with less than this left (or a quarter of its life, when that is shorter) is made again. */
const MARGIN_MS = 10 * 60_000

/**
 * The installation access tokens of the API at `apiUrl`: each call gives a token with life left, made again only
 * when it is expiring. Called before every request, so the transport check and the key are worked out once here.
 */
export function installationTokens(
  app: AppCredentials,
  apiUrl: string,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<string> {
  const insecure = tokenTransportProblem(new URL(apiUrl))
  const keyHash = createHash('sha256').update(app.privateKey.trim()).digest('hex')
  const key = `${app.appId}\u0000${app.installationId}\u0000${apiUrl}\u0000${keyHash}`
  return async () => {
    if (insecure) throw usageError('insecure-transport', insecure, 'use an https --github-api-url')
    const pending = made.get(key)
    const known = await pending?.catch(() => undefined)
    if (known && !expiring(known)) return known.token
    // Concurrent requests of a run ask at once: one of them makes the token, the others wait for it.
    if (made.get(key) === pending) made.set(key, mint(key, app, apiUrl, env))
    return (await made.get(key)!).token
  }
}

function expiring(known: Made): boolean {
  const expires = Date.parse(known.expiresAt)
  const margin = Math.min(MARGIN_MS, (expires - known.madeAt) / 4)
  return !(expires - Date.now() > margin)
}

/** One @octokit/auth-app instance per app and API (it signs the JWTs); tokens are asked of it with `refresh`. */
const auths = new Map<string, ReturnType<typeof createAppAuth>>()

async function mint(key: string, app: AppCredentials, apiUrl: string, env: NodeJS.ProcessEnv): Promise<Made> {
  const madeAt = Date.now()
  const auth = auths.get(key) ?? appAuth(app, apiUrl, env)
  auths.set(key, auth)
  try {
    // Always `refresh`: whether a token is still good is decided above, from its own `expires_at`.
    const {token, expiresAt} = await auth({type: 'installation', refresh: true})
    rememberSecret(token)
    return {token, expiresAt, madeAt}
  } catch (error) {
    throw usageError(
      'github-app-auth',
      `GitHub App ${app.appId}: no installation token for installation ${app.installationId} (${why(error)})`,
      'check the app id, the installation id (Settings → Integrations → GitHub Apps → Configure, the number in the URL) and that the private key is the app’s current one',
    )
  }
}

function appAuth(app: AppCredentials, apiUrl: string, env: NodeJS.ProcessEnv) {
  return createAppAuth({
    appId: Number(app.appId),
    privateKey: app.privateKey,
    installationId: Number(app.installationId),
    request: request.defaults({
      baseUrl: apiUrl,
      headers: {'user-agent': 'stewards'},
      // A bound per request (a signal made once would expire 30 s after the first token of a long run).
      request: {fetch: timedFetch(proxyFetch(env), 30_000)},
    }),
  })
}

function timedFetch(fetch: typeof globalThis.fetch, ms: number): typeof globalThis.fetch {
  return (input, init) => fetch(input, {...init, signal: AbortSignal.timeout(ms)})
}

/** Status and GitHub's message; never the request (it holds the JWT). */
function why(error: unknown): string {
  const e = error as {status?: number; response?: {data?: {message?: unknown}}; message?: string}
  const message = typeof e.response?.data?.message === 'string' ? e.response.data.message : undefined
  if (e.status) return `${e.status}${message ? ` ${message.slice(0, 200)}` : ''}`
  if (/PRIVATE KEY|key/i.test(e.message ?? '')) return 'the private key could not be used to sign'
  return (e.message ?? 'unknown error').slice(0, 200)
}
