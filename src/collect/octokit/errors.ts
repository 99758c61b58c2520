/**
 * Why a request or a project failed, as data. `incomplete` says whether the failure leaves the run
 * incomplete (a rate-limit stop, a timeout, an offline miss) or is an answer about the project itself
 * (404, 451, an empty repository), which the scan reports and goes past.
 */
import {rateLimitMessage} from '../miss-reason.js'

export type FailureKind =
  | 'not-found'
  | 'unavailable-for-legal-reasons'
  | 'empty-repository'
  | 'unauthorized'
  | 'rate-limited'
  | 'timeout'
  | 'offline-miss'
  | 'foreign-origin'
  | 'insecure-transport'
  | 'host-not-collected'
  | 'too-large'
  | 'not-ready'
  | 'server-error'
  | 'invalid-response'
  | 'network'

const FINAL_KINDS: ReadonlySet<FailureKind> = new Set([
  'not-found',
  'unavailable-for-legal-reasons',
  'empty-repository',
  // A repository on a host this run does not collect from (--only-host, another forge): reported, not a gap.
  'host-not-collected',
])

export class CollectFailure extends Error {
  readonly kind: FailureKind
  /** HTTP status when there was one: lets octokit's retry plug-in treat this as a request error. */
  readonly status?: number

  constructor(kind: FailureKind, message: string, options: {status?: number; cause?: unknown} = {}) {
    super(message, {cause: options.cause})
    this.name = 'CollectFailure'
    this.kind = kind
    this.status = options.status
  }

  get incomplete(): boolean {
    return !FINAL_KINDS.has(this.kind)
  }

  /**
   * The answer is about the project (it does not exist here, is blocked, or lives on another host), so the
   * project is `unavailable`; any other failure (network, timeout, rate limit, offline miss, 5xx) says
   * nothing about the project: what could not be read is `missing`, not absent.
   */
  get aboutProject(): boolean {
    return FINAL_KINDS.has(this.kind) || this.kind === 'foreign-origin'
  }
}

export function isOfflineMiss(error: unknown): boolean {
  return error instanceof CollectFailure && error.kind === 'offline-miss'
}

interface HttpLikeError {
  status?: number
  message?: string
  name?: string
  response?: {headers?: Record<string, string>; data?: unknown}
}

/** Maps anything octokit or our plug-ins threw onto a failure kind with a short message free of secrets. */
export function toFailure(error: unknown, what: string): CollectFailure {
  // Our plug-ins' failures do not know which part of which project they were reading: say it.
  if (error instanceof CollectFailure) {
    if (error.message.startsWith(`${what}: `)) return error
    return new CollectFailure(error.kind, `${what}: ${error.message}`, {
      status: error.status,
      cause: error.cause ?? error,
    })
  }
  const e = (error ?? {}) as HttpLikeError
  const status = typeof e.status === 'number' ? e.status : undefined
  const message = typeof e.message === 'string' ? e.message : String(error)
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || /aborted|timeout/i.test(message)) {
    return new CollectFailure('timeout', `${what}: timed out`, {cause: error})
  }
  // Before the status: @octokit/request reports a connection that failed (no answer at all) as status 500.
  const network = networkError(error)
  if (network) return new CollectFailure('network', `${what}: ${network.description}`, {cause: error})
  switch (status) {
    case 401:
      return new CollectFailure('unauthorized', `${what}: GitHub answered 401 Bad credentials`, {status, cause: error})
    case 404:
      return new CollectFailure('not-found', `${what}: not found (404; missing, renamed away or private)`, {
        status,
        cause: error,
      })
    case 451:
      return new CollectFailure('unavailable-for-legal-reasons', `${what}: unavailable for legal reasons (451)`, {
        status,
        cause: error,
      })
    case 409:
      return new CollectFailure('empty-repository', `${what}: repository is empty (409)`, {status, cause: error})
  }
  if ((status === 403 || status === 429) && /\bsecondary rate\b/i.test(message)) {
    const cause = /abuse detection/i.test(message) ? 'abuse detection' : 'secondary rate limit'
    return new CollectFailure('rate-limited', rateLimitMessage(what, cause), {status, cause: error})
  }
  if ((status === 403 || status === 429) && isRateLimit(e)) {
    return new CollectFailure('rate-limited', rateLimitMessage(what), {status, cause: error})
  }
  if (status === 403 && /too large/i.test(message)) {
    return new CollectFailure('too-large', `${what}: GitHub refuses, the list is too large for the API (403)`, {
      status,
      cause: error,
    })
  }
  if (status !== undefined && status >= 500) {
    return new CollectFailure('server-error', `${what}: GitHub server error (${status}) after retries`, {
      status,
      cause: error,
    })
  }
  if (status !== undefined && status > 0) {
    return new CollectFailure('invalid-response', `${what}: unexpected HTTP ${status}`, {status, cause: error})
  }
  return new CollectFailure('network', `${what}: network error`, {cause: error})
}

/** Node's codes for failures to reach the server at all: refused, unreachable, DNS, TLS, a dropped socket. */
const NETWORK_CODE =
  /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|ERR_SSL_[A-Z_]+|CERT_[A-Z_]+|UNABLE_TO_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/
/** Failures that asking again in a second will not cure: the host refuses or does not exist (no retry). */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

export interface NetworkError {
  /** Node's code (`ECONNREFUSED`), or null when fetch refused by itself (a blocked port such as 1). */
  code: string | null
  /** `network error (connect ECONNREFUSED 127.0.0.1:1)`: what the user needs to see, no secrets (no headers). */
  description: string
  /** The host refuses, does not resolve, or fetch will never call it: retrying is pointless. */
  lasting: boolean
}

/**
 * A request that got no HTTP answer at all. fetch throws `TypeError: fetch failed` whose `cause` carries
 * Node's error code (ECONNREFUSED, ENOTFOUND...) or fetch's own reason (`bad port`); @octokit/request
 * wraps it in an error of status 500 without a response. An error with a response is an answer, never this.
 */
export function networkError(error: unknown): NetworkError | null {
  if ((error as {response?: unknown} | null)?.response) return null
  let code: string | null = null
  let fetchFailed = false
  let innermost = ''
  let current: unknown = error
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const link = current as {code?: unknown; message?: unknown; name?: unknown}
    if (code === null && typeof link.code === 'string' && NETWORK_CODE.test(link.code)) code = link.code
    if (link.name === 'TypeError' && link.message === 'fetch failed') fetchFailed = true
    if (typeof link.message === 'string' && link.message) innermost = link.message
    current = (current as {cause?: unknown}).cause
  }
  if (!code && !fetchFailed) return null
  const text = code && !innermost.includes(code) ? `${code}: ${innermost}` : innermost || (code ?? 'fetch failed')
  return {code, description: `network error (${text})`, lasting: !code || !TRANSIENT_CODES.has(code)}
}

function isRateLimit(e: HttpLikeError): boolean {
  const headers = e.response?.headers ?? {}
  return headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(e.message ?? '')
}
