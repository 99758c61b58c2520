import type {ImageRef} from '../core/image-ref.js'
import type {HttpResult} from './http.js'
import {isRecord} from './support.js'
import type {ResolverContext} from './types.js'

/** Media types asked for, so multi-arch indexes come back as indexes (OCI and Docker v2). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ')

/**
 * Reads from a registry through the HTTP API v2 (https://github.com/opencontainers/distribution-spec/blob/main/spec.md),
 * with the anonymous token flow (https://distribution.github.io/distribution/spec/auth/token/): a 401 names a
 * realm in `WWW-Authenticate: Bearer realm=...,service=...,scope=...`; a GET there without credentials returns
 * `{token}` or `{access_token}`, sent back as `Authorization: Bearer` to that registry only. Tokens live in
 * memory for the run and are never cached.
 */
export class RegistryClient {
  private readonly tokens = new Map<string, Promise<string | null>>()

  constructor(private readonly context: ResolverContext) {}

  /** GET `/v2/<path>/<kind>/<reference>` with the token flow; cached under `GET <registry>/v2/...`. */
  async get(image: ImageRef, kind: 'manifests' | 'blobs', reference: string): Promise<HttpResult> {
    const suffix = `/v2/${image.path}/${kind}/${reference}`
    const url = `${this.context.endpoint(`oci:${image.domain}`)}${suffix}`
    const options = {
      namespace: 'oci',
      key: `GET ${image.domain}${suffix}`,
      headers: {accept: kind === 'manifests' ? MANIFEST_ACCEPT : '*/*'},
    }
    const first = await this.context.http.get(url, options)
    if (!first.ok || first.response.status !== 401) return first
    const token = await this.token(image, first.response.headers['www-authenticate'] ?? '')
    if (!token) return first
    return this.context.http.get(url, {...options, headers: {...options.headers, authorization: `Bearer ${token}`}})
  }

  private token(image: ImageRef, challenge: string): Promise<string | null> {
    const id = `${image.domain}/${image.path}`
    let pending = this.tokens.get(id)
    if (!pending) {
      pending = this.fetchToken(image, challenge)
      this.tokens.set(id, pending)
    }
    return pending
  }

  private async fetchToken(image: ImageRef, challenge: string): Promise<string | null> {
    const params = parseChallenge(challenge)
    if (!params?.realm || !/^https?:\/\//.test(params.realm)) return null
    const realm = new URL(params.realm)
    if (params.service) realm.searchParams.set('service', params.service)
    realm.searchParams.set('scope', params.scope ?? `repository:${image.path}:pull`)
    const result = await this.context.http.get(realm.toString(), {namespace: 'oci', cache: false})
    if (!result.ok || result.response.status !== 200) return null
    try {
      const body = JSON.parse(result.response.body)
      const token = isRecord(body) ? (body.token ?? body.access_token) : undefined
      return typeof token === 'string' && token.length > 0 ? token : null
    } catch {
      return null
    }
  }
}

/** `Bearer realm="...",service="...",scope="..."` → its parameters; null for other schemes. */
export function parseChallenge(header: string): Record<string, string> | null {
  const match = /^\s*Bearer\s+(.*)$/i.exec(header)
  if (!match) return null
  const params: Record<string, string> = {}
  for (const pair of match[1].matchAll(/([A-Za-z]+)="([^"]*)"/g)) params[pair[1].toLowerCase()] = pair[2]
  return params
}
