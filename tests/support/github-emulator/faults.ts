import {createHash} from 'node:crypto'
import type {ServerResponse} from 'node:http'
import {blocked, notFound, SENT, type Sent, send} from './http.js'

/**
 * Answers the emulator can give instead of the real one: GitHub's documented failure shapes
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api,
 * https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api) and the network's.
 */
export type FaultKind =
  | 'rate-limit' // 403, x-ratelimit-remaining: 0, x-ratelimit-reset (the primary limit)
  | 'secondary-limit' // 403 "You have exceeded a secondary rate limit", retry-after
  | 'secondary-429' // 429 "You have exceeded a secondary rate limit", retry-after
  | 'secondary-bare' // 403 "You have exceeded a secondary rate limit", no header: wait a minute
  | 'secondary-reset' // 403 secondary, x-ratelimit-remaining: 0 and a reset instead of retry-after
  | 'abuse' // 403 "You have triggered an abuse detection mechanism", retry-after (the older wording)
  | 'too-many' // 429 with retry-after and no message about limits
  | 'server-error' // 5xx: 502 unless `status` says 500, 503 or 504 (ratio faults cycle through them)
  | 'truncated' // 200 whose body stops half-way (connection cut)
  | 'reset' // the connection is closed before any answer (ECONNRESET / socket hang up)
  | 'accepted' // 202 {} (statistics being computed)
  | 'no-content' // 204
  | 'moved' // 301 to `location`
  | 'unauthorized' // 401 Bad credentials
  | 'not-found' // 404
  | 'legal' // 451 repository access blocked
  | 'empty' // 409 Git Repository is empty
  | 'too-large' // 403 "list is too large"
  | 'slow' // answers after `delayMs`

export interface FaultRule {
  kind: FaultKind
  /** Matched against `METHOD /path?query` (prefix `/api/v3` removed). */
  match?: RegExp
  /** How many matching requests get the fault; unlimited when absent. */
  times?: number
  resetSeconds?: number
  retryAfter?: number
  delayMs?: number
  location?: string
  /** HTTP status of a `server-error` (default 502). */
  status?: number
}

export interface FaultOptions {
  faults?: FaultRule[]
  /** Share of requests (0-1) answered with one of `faultKinds`, chosen by a seeded hash. */
  faultRatio?: number
  faultKinds?: FaultKind[]
  seed?: number
  /** Delay of `slow` ratio faults (default 30 ms). */
  slowMs?: number
}

const SERVER_ERRORS = [500, 502, 503, 504]

/**
 * Decides, per request, whether to answer with a fault. Ratio faults hash (seed, request line, n-th time
 * this line was asked): the same seed gives the same faults whatever order concurrent requests arrive in.
 */
export class FaultPlan {
  private readonly rules: Array<FaultRule & {used: number}>
  private readonly seen = new Map<string, number>()

  constructor(private readonly options: FaultOptions) {
    this.rules = (options.faults ?? []).map((r) => ({...r, used: 0}))
  }

  pick(line: string): FaultRule | null {
    for (const rule of this.rules) {
      if (rule.match && !rule.match.test(line)) continue
      if (rule.times !== undefined && rule.used >= rule.times) continue
      rule.used++
      return rule
    }
    const ratio = this.options.faultRatio ?? 0
    const kinds = this.options.faultKinds ?? []
    if (ratio <= 0 || kinds.length === 0) return null
    const n = (this.seen.get(line) ?? 0) + 1
    this.seen.set(line, n)
    const digest = createHash('sha256')
      .update(`${this.options.seed ?? 0}\n${line}\n${n}`)
      .digest()
    if (digest.readUInt32BE(0) / 0x1_0000_0000 >= ratio) return null
    return {
      kind: kinds[digest.readUInt32BE(4) % kinds.length],
      retryAfter: 1,
      resetSeconds: 1,
      delayMs: this.options.slowMs ?? 30,
      status: SERVER_ERRORS[digest.readUInt32BE(8) % SERVER_ERRORS.length],
    }
  }
}

const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.'
const ABUSE = 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.'
const DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'

/** Answers a fault (`slow` is handled by the caller: it delays, then answers normally). */
export function sendFault(res: ServerResponse, fault: FaultRule): Sent {
  const retryAfter = {'retry-after': String(fault.retryAfter ?? 1)}
  const reset = () => String(Math.ceil(Date.now() / 1000) + (fault.resetSeconds ?? 1))
  switch (fault.kind) {
    case 'rate-limit':
      return send(res, 403, {message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS}, undefined, {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset(),
      })
    case 'secondary-limit':
      return send(res, 403, {message: SECONDARY, documentation_url: DOCS}, undefined, retryAfter)
    case 'secondary-429':
      return send(res, 429, {message: SECONDARY, documentation_url: DOCS}, undefined, retryAfter)
    case 'secondary-bare':
      return send(res, 403, {message: SECONDARY, documentation_url: DOCS})
    case 'secondary-reset':
      return send(res, 403, {message: SECONDARY, documentation_url: DOCS}, undefined, {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': reset(),
      })
    case 'abuse':
      return send(res, 403, {message: ABUSE, documentation_url: DOCS}, undefined, retryAfter)
    case 'too-many':
      return send(res, 429, {message: 'Too Many Requests'}, undefined, retryAfter)
    case 'server-error': {
      const status = fault.status ?? 502
      return send(res, status, {
        message: status === 504 ? 'We couldn\u2019t respond to your request in time.' : 'Server Error',
      })
    }
    case 'truncated': {
      const text = JSON.stringify({message: 'this body is cut in the middle', padding: 'x'.repeat(200)})
      res.writeHead(200, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text)})
      res.write(text.slice(0, 40))
      res.socket?.destroy()
      return SENT
    }
    case 'reset':
      res.socket?.destroy()
      return SENT
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
