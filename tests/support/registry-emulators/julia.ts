import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Handler} from './server.js'

/**
 * Julia's General registry served as files, as raw.githubusercontent.com serves its repository
 * (https://github.com/JuliaRegistries/General): `GET <base>/<Initial>/<Name>/Package.toml` (`jll/<Initial>/<Name>`
 * for binary wrappers) → the TOML record (`name`, `uuid`, `repo`, `subdir`), any other path 404 as GitHub answers.
 * The base is `/JuliaRegistries/General/master`, as the default endpoint's. data/julia-general.json holds real
 * records, copied from General (MIT License) as stored at these commits: E/Example 4b040dc0, D/Documenter and
 * P/Parsers 08eccd37, J/JSON and D/DocStringExtensions 9468f22d / 7e772c1c, G/GLMakie 81179860 (a `subdir`),
 * jll/Z/ZeroMQ_jll 2c698922, A/ANSIColoredPrinters de0cfec9, I/IOCapture af1687e3; and example.org-style fictional
 * ones for the odd cases (a `_jll` package still in its old folder, a record without `repo`, one that is not TOML).
 */
export const JULIA_GENERAL_BASE = '/JuliaRegistries/General/master'

export function juliaGeneral(): Handler {
  const records = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'julia-general.json'), 'utf8')) as Record<
    string,
    string
  >
  return (req, res) => {
    const path = req.url.startsWith(`${JULIA_GENERAL_BASE}/`) ? req.url.slice(JULIA_GENERAL_BASE.length + 1) : ''
    if (req.method === 'GET' && Object.hasOwn(records, path))
      res.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end(records[path])
    else res.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('404: Not Found')
  }
}
