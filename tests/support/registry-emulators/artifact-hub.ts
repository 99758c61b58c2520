import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * Artifact Hub's public API (https://artifacthub.io/docs/api/; spec docs/api/openapi.yaml in github.com/artifacthub/hub,
 * Apache-2.0), the two operations the artifact-hub resolver uses, serving data/artifact-hub.json:
 * - `GET /api/v1/repositories/search?kind=K&url=U` → the repositories of those kinds whose URL equals U, a trailing
 *   `/` ignored (as database/migrations/functions/repositories/search_repositories.sql compares), with the
 *   `Pagination-Total-Count` header; `[]` when none.
 * - `GET /api/v1/packages/helm/{repoName}/{packageName}[/{version}]` → the package (its latest version; a listed
 *   version answers with the same document under that version), else 404 `{"message": ...}` as the API's Error.
 * Faults, by repository URL or package: a 429 with `Retry-After: 1` answered once (busy.example.com), a 503
 * (down.example.com), bodies that are not JSON (garbage.example.com; package example-lean/garbage), a 500
 * (package example-lean/flaky).
 */
export function artifactHub(): Handler {
  const data = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'artifact-hub.json'), 'utf8')) as {
    repositories: Array<{kind: number; url: string}>
    packages: Record<string, {version: string; available_versions: Array<{version: string}>}>
  }
  const faults: Record<string, {status: number; body?: string; headers?: Record<string, string>; times?: number}> = {
    'search https://busy.example.com/charts': {status: 429, headers: {'retry-after': '1'}, times: 1},
    'search https://down.example.com/charts': {status: 503},
    'search https://garbage.example.com/charts': {status: 200, body: '<html><body>Artifact Hub</body></html>'},
    'package example-lean/garbage': {status: 200, body: '{"name": "garbage", "links": ['},
    'package example-lean/flaky': {status: 500, body: '{"message": "internal error"}'},
  }
  const trim = (url: string) => url.replace(/\/+$/, '')
  const fault = (key: string) => {
    const found = faults[key]
    if (!found || found.times === 0) return undefined
    if (found.times !== undefined) found.times--
    return found
  }
  return (req, res, base) => {
    const url = new URL(req.url, base)
    let key: string | undefined
    let answer: () => void = () => sendJson(res, 404, {message: 'not found'})
    if (req.method === 'GET' && url.pathname === '/api/v1/repositories/search') {
      const wanted = trim(url.searchParams.get('url') ?? '')
      const kinds = url.searchParams.getAll('kind').map(Number)
      const found = data.repositories.filter(
        (r) => (!wanted || trim(r.url) === wanted) && (kinds.length === 0 || kinds.includes(r.kind)),
      )
      key = `search ${wanted}`
      answer = () => sendJson(res, 200, found, {'pagination-total-count': String(found.length)})
    }
    const pkg = /^\/api\/v1\/packages\/helm\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname)
    if (req.method === 'GET' && pkg) {
      const [repo, name, version] = pkg.slice(1).map((p) => (p === undefined ? p : decodeURIComponent(p)))
      key = `package ${repo}/${name}`
      const doc = Object.hasOwn(data.packages, `${repo}/${name}`) ? data.packages[`${repo}/${name}`] : undefined
      if (doc && (!version || doc.available_versions.some((v) => v.version === version)))
        answer = () => sendJson(res, 200, {...doc, version: version ?? doc.version})
    }
    const failure = key === undefined ? undefined : fault(key)
    if (!failure) return answer()
    res
      .writeHead(failure.status, {'content-type': 'application/json', ...failure.headers})
      .end(failure.body ?? JSON.stringify({message: 'fault'}))
  }
}
