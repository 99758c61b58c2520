/**
 * Why a request or a project failed, as data. `incomplete` says whether the failure leaves the run
 * incomplete (a rate-limit stop, a timeout, an offline miss) or is an answer about the project itself
 * (404, 451, an empty repository), which the scan reports and goes past.
 */
export type FailureKind =
  | 'not-found'
  | 'unavailable-for-legal-reasons'
  | 'empty-repository'
  | 'unauthorized'
  | 'rate-limited'
  | 'timeout'
  | 'offline-miss'
  | 'foreign-origin'
  | 'too-large'
  | 'not-ready'
  | 'server-error'
  | 'invalid-response'
  | 'network'

const FINAL_KINDS: ReadonlySet<FailureKind> = new Set(['not-found', 'unavailable-for-legal-reasons', 'empty-repository'])

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
}

interface HttpLikeError {
  status?: number
  message?: string
  name?: string
  response?: {headers?: Record<string, string>; data?: unknown}
}

/** Maps anything octokit or our plug-ins threw onto a failure kind with a short message free of secrets. */
export function toFailure(error: unknown, what: string): CollectFailure {
  if (error instanceof CollectFailure) return error
  const e = (error ?? {}) as HttpLikeError
  const status = typeof e.status === 'number' ? e.status : undefined
  const message = typeof e.message === 'string' ? e.message : String(error)
  if (e.name === 'AbortError' || e.name === 'TimeoutError' || /aborted|timeout/i.test(message)) {
    return new CollectFailure('timeout', `${what}: timed out`, {cause: error})
  }
  switch (status) {
    case 401:
      return new CollectFailure('unauthorized', `${what}: GitHub answered 401 Bad credentials`, {status, cause: error})
    case 404:
      return new CollectFailure('not-found', `${what}: not found (404; missing, renamed away or private)`, {status, cause: error})
    case 451:
      return new CollectFailure('unavailable-for-legal-reasons', `${what}: unavailable for legal reasons (451)`, {status, cause: error})
    case 409:
      return new CollectFailure('empty-repository', `${what}: repository is empty (409)`, {status, cause: error})
  }
  if ((status === 403 || status === 429) && isRateLimit(e)) {
    return new CollectFailure('rate-limited', `${what}: GitHub rate limit reached`, {status, cause: error})
  }
  if (status === 403 && /too large/i.test(message)) {
    return new CollectFailure('too-large', `${what}: GitHub refuses, the list is too large for the API (403)`, {status, cause: error})
  }
  if (status !== undefined && status >= 500) {
    return new CollectFailure('server-error', `${what}: GitHub server error (${status}) after retries`, {status, cause: error})
  }
  if (status !== undefined && status > 0) {
    return new CollectFailure('invalid-response', `${what}: unexpected HTTP ${status}`, {status, cause: error})
  }
  return new CollectFailure('network', `${what}: network error`, {cause: error})
}

function isRateLimit(e: HttpLikeError): boolean {
  const headers = e.response?.headers ?? {}
  return headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(e.message ?? '')
}
