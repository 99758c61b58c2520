import type {Octokit, OctokitOptions} from '@octokit/core'
import {CollectFailure, networkError} from './errors.js'
import {requireOptions, type StewardsHttpOptions} from './options.js'

const MAX_REDIRECTS = 3

interface Response {
  status: number
  url: string
  headers: Record<string, string | undefined>
  data: unknown
}

/**
 * The request boundary: which URL may be called, with which credentials, for how long.
 * - The token goes only to the API origin. A foreign `Link` URL or a cross-host redirect is refused,
 *   not followed without the token: nothing we collect lives on another host.
 * - Redirects are followed here (same origin only): GitHub answers 301 for a renamed repository.
 * - Every attempt is bounded by `timeoutMs` and by the project's signal (`request.projectSignal`).
 * - A JSON body that does not parse (a truncated transfer) becomes a retryable error instead of a string.
 * - `202 Accepted` (statistics still computing) is asked again, never read as an empty answer.
 * - A connection refused or a host that does not resolve is not retried (a reset or a timeout is).
 */
export function guardPlugin(octokit: Octokit, octokitOptions: OctokitOptions): void {
  const http = requireOptions(octokitOptions)
  const apiOrigin = new URL(http.apiUrl).origin
  // before-after-hook binds each layer's options once: a layer cannot pass new options inward, only
  // change the shared object in place (plugin-retry does the same with `options.request.retryCount`).
  octokit.hook.wrap('request', async (request, options) => {
    const mutable = options as unknown as Mutable
    const projectSignal = mutable.request?.projectSignal as AbortSignal | undefined
    for (let hop = 0; ; hop++) {
      const {url} = octokit.request.endpoint.parse(options)
      const target = new URL(url)
      if (target.origin !== apiOrigin) {
        throw new CollectFailure('foreign-origin', `refused to call ${target.origin}: only ${apiOrigin} is allowed`)
      }
      const response = await attempt(() => request(options) as Promise<Response>, mutable, http, projectSignal)
      const location = response.headers.location
      if (response.status >= 300 && response.status < 400 && location) {
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

type Mutable = Record<string, unknown> & {headers: Record<string, unknown>; request?: Record<string, unknown>}

/** Keys of endpoint options that survive a redirect; route parameters (owner, repo...) are already in the URL. */
const KEEP = new Set(['method', 'url', 'baseUrl', 'headers', 'request', 'mediaType'])

async function attempt(
  send: () => Promise<Response>,
  options: Mutable,
  http: StewardsHttpOptions,
  projectSignal: AbortSignal | undefined,
): Promise<Response> {
  for (let accepted = 0; ; accepted++) {
    if (http.state.stopped) throw new CollectFailure('rate-limited', http.state.stopped)
    if (projectSignal?.aborted) throw new CollectFailure('timeout', 'project time limit reached')
    if (http.token) options.headers.authorization = `token ${http.token}`
    else delete options.headers.authorization
    const signals = [AbortSignal.timeout(http.timeoutMs), ...(projectSignal ? [projectSignal] : [])]
    options.request = Object.assign(options.request ?? {}, {redirect: 'manual', signal: AbortSignal.any(signals)})
    const response = await send().catch((error: unknown) => {
      // @octokit/request gives a failed connection status 500, which plugin-retry would retry with backoff:
      // a refused connection or an unknown host fails at once instead, named for what it is.
      const network = networkError(error)
      if (network?.lasting) throw new CollectFailure('network', network.description, {cause: error})
      throw error
    })
    if (isJson(response) && typeof response.data === 'string') {
      // Status 500 makes octokit's retry plug-in try again.
      throw Object.assign(
        new CollectFailure('invalid-response', 'truncated or malformed JSON response', {status: 500}),
        {
          request: {...options, headers: {}},
          response,
        },
      )
    }
    if (response.status !== 202) return response
    if (accepted >= http.acceptedRetries) {
      throw new CollectFailure('not-ready', `GitHub still computing after ${accepted + 1} attempts (202)`)
    }
    await sleep(http.acceptedDelayMs * (accepted + 1), projectSignal)
  }
}

function isJson(response: Response): boolean {
  return /\bjson\b/.test(response.headers['content-type'] ?? '') && response.status !== 204
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
