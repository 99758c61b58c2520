/**
 * The fetch every outgoing request uses (GitHub through octokit, the registries through resolve/http.ts), with the
 * proxy settings companies have: `HTTPS_PROXY` (else `HTTP_PROXY`) for https, `HTTP_PROXY` for http, `NO_PROXY`
 * (lower-case forms first, as curl reads them). Node's own fetch ignores these variables (until Node 24's opt-in
 * `NODE_USE_ENV_PROXY`), so with any of them set, requests go through undici's `EnvHttpProxyAgent` (undici is the
 * library Node's fetch is built on: https://undici.nodejs.org/#/docs/api/EnvHttpProxyAgent), with undici's own
 * fetch so agent and fetch match.
 * Without them, this is Node's fetch unchanged and undici is not even loaded.
 *
 * A corporate TLS-inspecting proxy re-signs certificates with its own authority: Node trusts it through
 * `NODE_EXTRA_CA_CERTS=/path/to/ca.pem` (read by Node at start-up, for both fetch implementations).
 * The proxy URL may carry credentials (`http://user:pass@proxy:3128`): it is never printed.
 */
import type {Dispatcher} from 'undici'

export interface ProxySettings {
  httpProxy?: string
  httpsProxy?: string
  noProxy?: string
}

/** The proxy variables of `env`, lower-case first; empty values count as unset. */
export function proxySettings(env: NodeJS.ProcessEnv = process.env): ProxySettings | null {
  const pick = (...names: string[]) => names.map((name) => env[name]?.trim()).find((value) => value)
  const httpProxy = pick('http_proxy', 'HTTP_PROXY')
  const httpsProxy = pick('https_proxy', 'HTTPS_PROXY')
  if (!httpProxy && !httpsProxy) return null
  const noProxy = pick('no_proxy', 'NO_PROXY')
  return {
    ...(httpProxy ? {httpProxy} : {}),
    ...(httpsProxy ? {httpsProxy} : {}),
    ...(noProxy ? {noProxy} : {}),
  }
}

type Fetch = typeof globalThis.fetch

/** One agent per distinct setting: its connection pool is shared by every client of the run. */
const agents = new Map<string, Promise<{fetch: typeof import('undici').fetch; agent: Dispatcher}>>()

/** The fetch to use for `env`: Node's own without proxy variables, else undici's through the proxy. */
export function proxyFetch(env: NodeJS.ProcessEnv = process.env): Fetch {
  const settings = proxySettings(env)
  if (!settings) return globalThis.fetch
  const key = JSON.stringify(settings)
  let loaded = agents.get(key)
  if (!loaded) {
    loaded = import('undici').then((undici) => ({
      fetch: undici.fetch,
      // Explicit values (never undici's own reading of process.env): without an https proxy, https requests use
      // the http one, as undici and npm do.
      agent: new undici.EnvHttpProxyAgent({
        httpProxy: settings.httpProxy ?? '',
        httpsProxy: settings.httpsProxy ?? settings.httpProxy ?? '',
        noProxy: settings.noProxy ?? '',
      }),
    }))
    agents.set(key, loaded)
  }
  const proxied = loaded
  return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const {fetch, agent} = await proxied
    // undici's Request and Response are the classes of Node's fetch, typed apart (undici vs undici-types).
    const response = await fetch(input as never, {...init, dispatcher: agent} as never)
    return response as unknown as Response
  }) as Fetch
}
