import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {stringify} from 'yaml'
import type {Handler} from './server.js'

/**
 * Helm chart repositories (https://helm.sh/docs/topics/chart_repository/#the-index-file), several at once, each
 * under `/<host>/<path>`: `GET /<host>/<path>/index.yaml` serves the index written in data/helm.json as YAML,
 * entries newest first as `helm repo index` writes them. The real charts' `sources` and `home` are those their
 * Chart.yaml declares; example.com repositories are fictional, for the odd cases.
 */
export function helmRepositories(): Handler {
  const indexes = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'helm.json'), 'utf8')) as Record<
    string,
    unknown
  >
  return (req, res) => {
    const match = /^\/(.+)\/index\.yaml$/.exec(req.url)
    const index = match && Object.hasOwn(indexes, match[1]) ? indexes[match[1]] : undefined
    if (index === undefined) res.writeHead(404, {'content-type': 'text/plain'}).end('404 page not found')
    else
      res
        .writeHead(200, {'content-type': 'application/x-yaml'})
        .end(typeof index === 'string' ? index : stringify({apiVersion: 'v1', ...(index as object)}))
  }
}
