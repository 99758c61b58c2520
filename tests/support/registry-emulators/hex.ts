import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * hex.pm's HTTP API (https://github.com/hexpm/specifications/blob/main/apiary.apib, hex_core
 * `hex_api_package:get`): `GET /api/packages/<name>` → the package document (`meta.links`, releases). data/hex.json
 * holds real packages' links as their publishers wrote them (phoenix's mix.exs, cowboy's and rabbit_common's
 * erlang.mk Hex metadata) and example.com-style fictional ones for the odd cases.
 */
export function hexPm(): Handler {
  const packages = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'hex.json'), 'utf8')) as Record<
    string,
    unknown
  >
  return (req, res) => {
    const match = /^\/api\/packages\/([a-z0-9_]+)$/.exec(req.url)
    if (match && Object.hasOwn(packages, match[1])) sendJson(res, 200, packages[match[1]])
    else sendJson(res, 404, {status: 404, message: 'Page not found'})
  }
}
