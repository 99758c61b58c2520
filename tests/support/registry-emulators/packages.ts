import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, notFound, sendJson} from './server.js'

/**
 * Package-registry emulators. npm serves responses recorded from the real registry (data/npm.json, see
 * record-npm.ts); the others serve responses written from each API's documented format (data/*.json), with
 * real projects where their metadata is well known and example.com-style fictional ones for the odd cases.
 */

function data<T>(file: string): T {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'data', file), 'utf8')) as T
}

/** npm: `GET /<name>/<version>` (scoped names arrive as `@scope%2Fname`). */
export function npmRegistry(): Handler {
  const docs = data<Record<string, unknown>>('npm.json')
  return (req, res) => {
    const match = /^\/((?:@[^/]+%2[Ff])?[^/]+)\/([^/?]+)$/.exec(req.url)
    const doc = match ? docs[`${decodeURIComponent(match[1])}@${decodeURIComponent(match[2])}`] : undefined
    if (doc) sendJson(res, 200, doc)
    else sendJson(res, 404, {error: 'Not found'})
  }
}

/** PyPI JSON API: `GET /pypi/<name>/json` → `{info: {...}}`. */
export function pypi(): Handler {
  const projects = data<Record<string, unknown>>('pypi.json')
  return (req, res) => {
    const match = /^\/pypi\/([^/]+)\/json$/.exec(req.url)
    const info = match ? projects[match[1]] : undefined
    if (info) sendJson(res, 200, {info, urls: []})
    else sendJson(res, 404, {message: 'Not Found'})
  }
}

/** crates.io: `GET /api/v1/crates/<name>` → `{crate: {...}}`; like the real one, refuses requests without a User-Agent. */
export function cratesIo(): Handler {
  const crates = data<Record<string, unknown>>('crates.json')
  return (req, res) => {
    if (!req.headers['user-agent'])
      return sendJson(res, 403, {errors: [{detail: 'We require that all requests include a User-Agent header.'}]})
    const match = /^\/api\/v1\/crates\/([^/]+)$/.exec(req.url)
    const crate = match ? crates[match[1]] : undefined
    if (crate) sendJson(res, 200, {crate, versions: []})
    else sendJson(res, 404, {errors: [{detail: 'Not Found'}]})
  }
}

/** RubyGems.org: `GET /api/v1/gems/<name>.json`. */
export function rubygems(): Handler {
  const gems = data<Record<string, unknown>>('rubygems.json')
  return (req, res) => {
    const match = /^\/api\/v1\/gems\/([^/]+)\.json$/.exec(req.url)
    const gem = match ? gems[match[1]] : undefined
    if (gem) sendJson(res, 200, gem)
    else res.writeHead(404, {'content-type': 'text/plain'}).end('This rubygem could not be found.')
  }
}

/** Packagist: `GET /p2/<vendor>/<name>.json` → `{packages: {name: [minified versions]}, minified: 'composer/2.0'}`. */
export function packagist(): Handler {
  const packages = data<Record<string, unknown>>('packagist.json')
  return (req, res) => {
    const match = /^\/p2\/([^/]+\/[^/]+)\.json$/.exec(req.url)
    const versions = match ? packages[match[1]] : undefined
    if (versions) sendJson(res, 200, {packages: {[match![1]]: versions}, minified: 'composer/2.0'})
    else notFound(res)
  }
}

/** Vanity Go import hosts: `GET /<host>/<path>?go-get=1` → HTML with go-import meta tags. */
export function goVanity(): Handler {
  const pages = data<Record<string, string>>('go-vanity.json')
  return (req, res) => {
    const url = new URL(req.url, 'http://x')
    const page = url.searchParams.get('go-get') === '1' ? pages[url.pathname.slice(1)] : undefined
    if (page) res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(page)
    else res.writeHead(404, {'content-type': 'text/plain'}).end('404 page not found')
  }
}

/** GitHub API `GET /repos/{owner}/{repo}`; renamed repositories answer 301 to `/repositories/{id}` as GitHub does. */
export function githubApi(): Handler {
  const {repos, renamed} = data<{
    repos: Record<string, {id: number; full_name: string}>
    renamed: Record<string, number>
  }>('github.json')
  return (req, res, base) => {
    const byName = /^\/repos\/([^/]+)\/([^/]+)$/.exec(req.url)
    if (byName) {
      const key = `${byName[1]}/${byName[2]}`.toLowerCase()
      const repo = Object.values(repos).find((r) => r.full_name.toLowerCase() === key)
      if (repo) return sendJson(res, 200, repo)
      if (renamed[key] !== undefined)
        return sendJson(
          res,
          301,
          {message: 'Moved Permanently', url: `${base}/repositories/${renamed[key]}`},
          {location: `${base}/repositories/${renamed[key]}`},
        )
      return sendJson(res, 404, {message: 'Not Found'})
    }
    const byId = /^\/repositories\/(\d+)$/.exec(req.url)
    const repo = byId ? Object.values(repos).find((r) => r.id === Number(byId[1])) : undefined
    if (repo) sendJson(res, 200, repo)
    else sendJson(res, 404, {message: 'Not Found'})
  }
}

/** pub.dev: `GET /api/packages/<name>/versions/<version>` → `{version, pubspec}` (hosted repository spec v2). */
export function pubDev(): Handler {
  const versions = data<Record<string, unknown>>('pub.json')
  return (req, res) => {
    const match = /^\/api\/packages\/([a-z0-9_]+)\/versions\/([^/?]+)$/i.exec(req.url)
    const key = match ? `${match[1]}@${decodeURIComponent(match[2])}` : ''
    if (match && Object.hasOwn(versions, key)) sendJson(res, 200, versions[key])
    else sendJson(res, 404, {error: {code: 'NotFound', message: 'Could not find `package`.'}})
  }
}

/**
 * Terraform registries (several hosts, each under `/<host>`): `GET /<host>/v1/providers/<ns>/<type>/<version>` and
 * `GET /<host>/v1/modules/<ns>/<name>/<provider>/<version>` (data keys `modules/<host>/<ns>/<name>/<provider>/<version>`);
 * without the version, the latest (data keys ending in `/latest`).
 */
export function terraformRegistries(): Handler {
  const providers = data<Record<string, unknown>>('terraform.json')
  return (req, res) => {
    // The version is left out for the latest (data keys end in `/latest`).
    const provider = /^\/([^/]+)\/v1\/providers\/([^/]+)\/([^/]+)(?:\/([^/?]+))?$/.exec(req.url)
    const module = /^\/([^/]+)\/v1\/modules\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/?]+))?$/.exec(req.url)
    const version = (written: string | undefined) => (written === undefined ? 'latest' : decodeURIComponent(written))
    const key = provider
      ? `${provider[1]}/${provider[2]}/${provider[3]}/${version(provider[4])}`
      : module
        ? `modules/${module[1]}/${module[2]}/${module[3]}/${module[4]}/${version(module[5])}`
        : ''
    if (key !== '' && Object.hasOwn(providers, key)) sendJson(res, 200, providers[key])
    else sendJson(res, 404, {errors: ['Not Found']})
  }
}
