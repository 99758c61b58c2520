import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * deps.dev emulator, written from the API's documented format (https://docs.deps.dev/api/v3/ and the
 * v3alpha proto): `GET /v3/systems/{system}/packages/{name}/versions/{version}` and the paginated batch
 * `POST /v3alpha/versionbatch` (`pageSize` items per page, `nextPageToken` = next offset).
 */
export function depsDev(options: {batch?: boolean; pageSize?: number} = {}): Handler {
  const versions = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'deps-dev.json'), 'utf8')) as Record<
    string,
    unknown
  >
  const pageSize = options.pageSize ?? 3
  return (req, res) => {
    const single = /^\/v3\/systems\/([^/]+)\/packages\/([^/]+)\/versions\/([^/?]+)$/.exec(req.url)
    if (req.method === 'GET' && single) {
      const version =
        versions[`${single[1].toUpperCase()}|${decodeURIComponent(single[2])}|${decodeURIComponent(single[3])}`]
      return version ? sendJson(res, 200, version) : sendJson(res, 404, {code: 5, message: 'version not found'})
    }
    if (req.method === 'POST' && req.url === '/v3alpha/versionbatch' && options.batch !== false) {
      const body = JSON.parse(req.body) as {
        requests: Array<{versionKey: {system: string; name: string; version: string}}>
        pageToken?: string
      }
      const start = Number(body.pageToken || '0')
      const page = body.requests.slice(start, start + pageSize)
      const responses = page.map((request) => {
        const k = request.versionKey
        const version = versions[`${k.system}|${k.name}|${k.version}`]
        return version ? {request, version} : {request}
      })
      const next = start + pageSize < body.requests.length ? String(start + pageSize) : ''
      return sendJson(res, 200, next ? {responses, nextPageToken: next} : {responses})
    }
    sendJson(res, 404, {code: 5, message: 'not found'})
  }
}
