import type {Octokit, OctokitOptions} from '@octokit/core'
import {CollectFailure, networkError} from './errors.js'
import {describeRequest, requireOptions, type StewardsHttpOptions, type StewardsRequestOptions} from './options.js'
import {tokenTransportProblem} from './transport.js'
import {duration} from './waits.js'

const MAX_REDIRECTS = 3

interface Response {
  status: number
  url: string
  headers: Record<string, string | undefined>
  data: unknown
}

type Mutable = Record<string, unknown> & {
  headers: Record<string, unknown>
  request?: StewardsRequestOptions & Record<string, unknown>
}

/**
 * The request boundary: which URL may be called, with which credentials, for how long, and how an answer
 * is read. Registered inside throttling and retry, so it sees every attempt.
 * - The token goes only to the API origin, and only over https or to this machine over http. A foreign
 *   `Link` URL or a cross-host redirect is refused, not followed without the token.
 * - Redirects are followed here (same origin only): GitHub answers 301 for a renamed repository.
 * - Every attempt is bounded by `timeoutMs` and by the project's signal; an attempt that timed out is retried
 *   (a slow answer is an accident), a project that ran out of time is not.
 * - Bodies are read here, bounded by `maxResponseBytes` (a larger one is refused once, with its size), and
 *   parsed once with JSON.parse: octokit's BigInt-safe parser costs ~5× and no field stewards reads needs it.
 *   A body cut short or not JSON becomes a retryable error instead of a string.
 * - GitHub's limit answers are told apart for the throttling plug-in: the documented secondary limit, the
 *   abuse-detection 403, a 403/429 with `retry-after` and a bare 429 are all secondary limits (waited out and
 *   retried); 403 with `x-ratelimit-remaining: 0` is the primary limit.
 * - `202 Accepted` (statistics still computing) is asked again, never read as an empty answer.
 * - Each wait before a retry is booked against the run's bound (`http.waits`) and announced when long.
 */
export function guardPlugin(octokit: Octokit, octokitOptions: OctokitOptions): void {
  const http = requireOptions(octokitOptions)
  const apiOrigin = new URL(http.apiUrl).origin
  // before-after-hook binds each layer's options once: a layer cannot pass new options inward, only
  // change the shared object in place (plugin-retry does the same with `options.request.retryCount`).
  octokit.hook.wrap('request', async (request, options) => {
    const mutable = options as unknown as Mutable
    for (let hop = 0; ; hop++) {
      const {url, method} = octokit.request.endpoint.parse(options)
      const target = new URL(url)
      if (target.origin !== apiOrigin) {
        throw new CollectFailure('foreign-origin', `refused to call ${target.origin}: only ${apiOrigin} is allowed`)
      }
      const insecure = http.token ? tokenTransportProblem(target) : null
      if (insecure) throw new CollectFailure('insecure-transport', insecure)
      const what = describeRequest(method, url, http.apiUrl)
      const response = await attempt(() => request(options) as Promise<Response>, mutable, http, what)
      const location = response.headers.location
      if (response.status >= 300 && response.status < 400 && location) {
        await cancel(response.data)
        if (hop >= MAX_REDIRECTS)
          throw new CollectFailure('invalid-response', `too many redirects from ${target.pathname}`)
        const next = new URL(location, target)
        if (next.origin !== apiOrigin) {
          throw new CollectFailure(
            'foreign-origin',
            `refused a redirect to ${next.origin}: only ${apiOrigin} is allowed`,
          )
        }
        // The route's parameters are already expanded into the URL: drop them so they do not become a query.
        for (const key of Object.keys(mutable)) if (!KEEP.has(key)) delete mutable[key]
        mutable.method = 'GET'
        mutable.url = next.href
        continue
      }
      return response
    }
  })
}

/** Keys of endpoint options that survive a redirect; route parameters (owner, repo...) are already in the URL. */
const KEEP = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType'])

async function attempt(
  send: () => Promise<Response>,
  options: Mutable,
  http: StewardsHttpOptions,
  what: string,
): Promise<Response> {
  const projectSignal = options.request?.projectSignal
  for (let accepted = 0; ; accepted++) {
    if (http.state.stopped) throw new CollectFailure('rate-limited', http.state.stopped)
    if (projectSignal?.aborted) throw new CollectFailure('timeout', 'timed out (the project time limit)')
    if (http.renewToken) http.token = await renewed(http)
    if (http.token) options.headers.authorization = `token ${http.token}`
    else delete options.headers.authorization
    const signals = [AbortSignal.timeout(http.timeoutMs), ...(projectSignal ? [projectSignal] : [])]
    options.request = Object.assign(options.request ?? {}, {
      redirect: 'manual',
      signal: AbortSignal.any(signals),
      // The body is read below (bounded, JSON.parse), not by octokit.
      parseSuccessResponseBody: false,
    })
    const started = Date.now()
    let slowTimer: NodeJS.Timeout | undefined
    const announceSlow = (after: number) => {
      slowTimer = setTimeout(() => {
        http.waits.slow(Date.now() - started, {request: what, cause: 'slow answer'})
        announceSlow(http.slowNoticeMs * 3)
      }, after)
      slowTimer.unref()
    }
    announceSlow(http.slowNoticeMs)
    let response: Response
    try {
      response = await send()
      if (response.status < 400 && response.status !== 204 && response.status !== 304)
        response.data = await readBody(response, http, what)
    } catch (error) {
      throw failed(error, options, http, what)
    } finally {
      clearTimeout(slowTimer)
    }
    if (response.status !== 202) return response
    if (accepted >= http.acceptedRetries) {
      throw new CollectFailure('not-ready', `GitHub still computing after ${accepted + 1} attempts (202)`)
    }
    const wait = http.acceptedDelayMs * (accepted + 1)
    const booked = http.waits.take(wait, {
      reason: 'computing',
      request: what,
      cause: '202 computing',
      attempt: accepted + 2,
      attempts: http.acceptedRetries + 1,
    })
    if (!booked) throw new CollectFailure('not-ready', `GitHub still computing (202); ${http.waits.exhausted()}`)
    await sleep(wait, projectSignal)
  }
}

/**
 * What a failed attempt becomes. Retryable accidents keep (or get) status ≥ 500 and the request, which is what
 * octokit's retry plug-in looks for; their wait is booked first, and a wait past the run's bound turns them into
 * a final failure instead. Limit answers are named so the throttling plug-in recognises them.
 */
function failed(error: unknown, options: Mutable, http: StewardsHttpOptions, what: string): unknown {
  if (error instanceof CollectFailure)
    return (error.status ?? 0) >= 500 ? retryable(error, options, http, what, error.message) : error
  const e = error as {name?: string; status?: number; message?: string; response?: Response; request?: unknown}
  const projectSignal = options.request?.projectSignal
  if (isAbort(error)) {
    if (projectSignal?.aborted)
      return new CollectFailure('timeout', 'timed out (the project time limit)', {cause: error})
    return retryable(new CollectFailure('timeout', `timed out after ${duration(http.timeoutMs)}`), options, http, what)
  }
  const network = networkError(error)
  if (network?.lasting) return new CollectFailure('network', network.description, {cause: error})
  if (network) return retryable(error, options, http, what, network.code ?? 'connection failed')
  const status = e.status ?? 0
  if ((status === 403 || status === 429) && e.response) {
    const limit = limitKind(e.response, e.message ?? '')
    if (limit === 'secondary') {
      // "If x-ratelimit-remaining is 0, do not retry until x-ratelimit-reset": told to throttling as retry-after.
      const headers = e.response.headers
      if (headers['retry-after'] === undefined && headers['x-ratelimit-reset'] !== undefined)
        headers['retry-after'] = String(
          Math.max(1, Number(headers['x-ratelimit-reset']) - Math.floor(Date.now() / 1000)),
        )
      const cause = /abuse/i.test(messageOf(e.response) ?? '') ? 'abuse detection' : 'secondary rate limit'
      if (options.request) Object.assign(options.request, {limitCause: cause, limitRequest: what})
      // plugin-throttling recognises a secondary limit by these words in the message.
      if (!/\bsecondary rate\b/i.test(e.message ?? ''))
        Object.defineProperty(error, 'message', {value: `secondary rate limit (${cause}): ${e.message ?? ''}`})
    }
    return error
  }
  if (status >= 500 && e.request) return retryable(error, options, http, what, `HTTP ${status}`)
  return error
}

/**
 * Books the wait plugin-retry is about to make (its rule: `(retryCount + 1)²` × `retryAfterBaseValue`, up to
 * `retries`), and hands the error on so it is retried; past the wait bound, a final failure instead.
 */
function retryable(error: unknown, options: Mutable, http: StewardsHttpOptions, what: string, cause?: string): unknown {
  const failure =
    error instanceof CollectFailure
      ? error
      : new CollectFailure(/HTTP 5/.test(cause ?? '') ? 'server-error' : 'network', describeFailure(error, cause), {
          status: (error as {status?: number}).status ?? 500,
          cause: error,
        })
  // The request without its headers: the token must not travel inside an error object.
  const withRequest = Object.assign(failure, {
    status: failure.status ?? 500,
    request: {...options, headers: {}},
    response: (error as {response?: unknown}).response,
  })
  const retryCount = Number(options.request?.retryCount ?? 0)
  if (retryCount >= http.retries) {
    if (!/after retries$/.test(withRequest.message))
      Object.defineProperty(withRequest, 'message', {value: `${withRequest.message} after retries`})
    return withRequest
  }
  const wait = (retryCount + 1) ** 2 * http.retryBaseMs
  const booked = http.waits.take(wait, {
    reason: 'retry',
    request: what,
    cause: cause ?? failure.message,
    attempt: retryCount + 2,
    attempts: http.retries + 1,
  })
  if (booked) return withRequest
  return new CollectFailure(failure.kind, `${failure.message}; ${http.waits.exhausted()}`, {cause: error})
}

/** A timeout or an abort, as fetch reports it directly or as octokit wraps it (status 500, `cause`). */
function isAbort(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const name = (current as {name?: unknown}).name
    if (name === 'AbortError' || name === 'TimeoutError') return true
    current = (current as {cause?: unknown}).cause
  }
  return false
}

function describeFailure(error: unknown, cause: string | undefined): string {
  const status = (error as {status?: number}).status
  if (cause?.startsWith('HTTP ')) return `GitHub server error (${status})`
  const network = networkError(error)
  return network ? network.description : (cause ?? 'request failed')
}

/**
 * GitHub's limits (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api): remaining
 * 0 is the primary limit (wait for `x-ratelimit-reset`); a secondary limit says so, or is the older "abuse
 * detection mechanism", or carries `retry-after`, or is a 429 (wait `retry-after`, else a minute).
 */
function limitKind(response: Response, message: string): 'primary' | 'secondary' | null {
  const headers = response.headers
  const text = `${messageOf(response) ?? ''} ${message}`
  if (/\bsecondary rate\b|abuse detection/i.test(text)) return 'secondary'
  if (headers['x-ratelimit-remaining'] === '0') return 'primary'
  if (headers['retry-after'] !== undefined || response.status === 429) return 'secondary'
  return null
}

function messageOf(response: Response): string | undefined {
  const message = (response.data as {message?: unknown} | null)?.message
  return typeof message === 'string' ? message : undefined
}

/**
 * The body of a successful answer: at most `maxResponseBytes` (refused once above that, never retried), parsed
 * with JSON.parse when it is JSON. A body cut short (the connection dropped) or not parseable is retryable.
 */
async function readBody(response: Response, http: StewardsHttpOptions, what: string): Promise<unknown> {
  const stream = response.data as ReadableStream<Uint8Array> | null | undefined
  if (!stream || typeof (stream as {getReader?: unknown}).getReader !== 'function') return response.data ?? ''
  const limit = http.maxResponseBytes
  const tooLarge = () =>
    new CollectFailure(
      'too-large',
      `GitHub's answer to ${what} is larger than ${megabytes(limit)}, the limit on one answer: refused`,
    )
  const declared = Number(response.headers['content-length'] ?? 0)
  if (declared > limit) {
    await cancel(stream)
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  try {
    for (;;) {
      const {done, value} = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > limit) {
        await reader.cancel().catch(() => {})
        throw tooLarge()
      }
      chunks.push(value)
    }
  } catch (error) {
    if (error instanceof CollectFailure) throw error
    // Aborted by our timeout or the project's signal: let the caller tell which.
    if (isAbort(error)) throw error
    throw Object.assign(new CollectFailure('invalid-response', 'answer cut short (connection closed)', {status: 500}), {
      cause: error,
    })
  }
  const text = Buffer.concat(chunks, size).toString('utf8')
  if (!/\bjson\b/.test(response.headers['content-type'] ?? '')) return text
  if (text === '') return ''
  try {
    return JSON.parse(text)
  } catch {
    throw new CollectFailure('invalid-response', 'truncated or malformed JSON response', {status: 500})
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`
}

async function cancel(data: unknown): Promise<void> {
  const stream = data as {cancel?: () => Promise<void>} | null
  if (stream && typeof stream.cancel === 'function') await stream.cancel().catch(() => {})
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * The current installation token of a GitHub App (made again before it expires: app-auth.ts). Not getting one is
 * as final as a 401: the run stops (`unauthorized`), with the reason and never the token.
 */
async function renewed(http: StewardsHttpOptions): Promise<string> {
  try {
    return await http.renewToken!()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new CollectFailure('unauthorized', `a new GitHub App installation token could not be made: ${message}`)
  }
}
