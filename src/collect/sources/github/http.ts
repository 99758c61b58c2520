import type {z} from 'zod'
import type {StewardsOctokit} from '../../octokit/client.js'
import {CollectFailure} from '../../octokit/errors.js'
import type {StewardsRequestOptions} from '../../octokit/options.js'

export interface Page<T> {
  data: T
  /** Absolute URL of the next page (`Link: <...>; rel="next"`), if any. */
  next: string | null
  status: number
}

/**
 * One GET through the plug-in stack, its body checked against a schema (the cache keeps the answer parsed
 * through it: only the fields stewards reads; `cache: false` for answers the caller caches in its own records). Pagination follows `Link` by
 * hand (octokit's paginate drops per-request options such as the project's abort signal); the guard
 * plug-in refuses a `next` URL on a foreign host.
 */
export async function getPage<S extends z.ZodType>(
  client: StewardsOctokit,
  urlOrRoute: string,
  params: Record<string, unknown>,
  schema: S,
  signal: AbortSignal,
  cache = true,
): Promise<Page<z.infer<S>>> {
  const route = urlOrRoute.startsWith('http')
    ? {method: 'GET', url: urlOrRoute}
    : {method: 'GET', url: urlOrRoute.replace(/^GET /, '')}
  const request: StewardsRequestOptions = {projectSignal: signal, shape: schema, cache}
  const response = await client.request({...route, ...params, request} as never)
  const status = (response as {status: number}).status
  const raw = (response as {data: unknown}).data
  const body = status === 204 || raw === '' ? [] : raw
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    throw new CollectFailure(
      'invalid-response',
      `unexpected answer shape from ${describe(route.url)}: ${parsed.error.issues[0]?.message ?? ''}`,
    )
  }
  const link = (response as {headers: Record<string, string | undefined>}).headers.link
  return {data: parsed.data, next: nextLink(link), status}
}

export async function postGraphql<S extends z.ZodType>(
  client: StewardsOctokit,
  url: string,
  query: string,
  variables: Record<string, string>,
  schema: S,
  signal: AbortSignal,
  cache = true,
): Promise<z.infer<S>> {
  // Through `request`, not `octokit.graphql`: that one throws on any `errors` entry, and a missing
  // user or repository (NOT_FOUND) is an answer here, not a failure.
  // The body as text: octokit would serialise an object with its BigInt-safe JSON writer, several times slower.
  const response = await client.request({
    method: 'POST',
    url,
    data: JSON.stringify({query, variables}),
    request: {projectSignal: signal, shape: schema, cache} satisfies StewardsRequestOptions,
  } as never)
  const parsed = schema.safeParse((response as {data: unknown}).data)
  if (!parsed.success)
    throw new CollectFailure('invalid-response', `unexpected GraphQL answer: ${parsed.error.issues[0]?.message ?? ''}`)
  return parsed.data
}

export function nextLink(link: string | undefined): string | null {
  if (!link) return null
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (match) return match[1]
  }
  return null
}

function describe(url: string): string {
  return url.startsWith('http') ? new URL(url).pathname : url
}
