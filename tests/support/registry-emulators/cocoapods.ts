import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * The CocoaPods trunk CDN (cdn.cocoapods.org, what the `trunk` source reads): `GET
 * /Specs/<a>/<b>/<c>/<Name>/<version>/<Name>.podspec.json`, a/b/c the first three hex digits of md5(Name)
 * (cocoapods-core's Source::Metadata#path_fragment with trunk's prefix lengths [1, 1, 1]). data/cocoapods.json holds
 * real podspecs from github.com/CocoaPods/Specs, keyed `Name@version`, trimmed to the fields a resolver reads and a
 * few around them. A request whose hash directories do not match its name is a 404, as on the CDN.
 */
export function cocoapodsTrunk(): Handler {
  const specs = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'cocoapods.json'), 'utf8')) as Record<
    string,
    unknown
  >
  return (req, res) => {
    const match = /^\/Specs\/([0-9a-f])\/([0-9a-f])\/([0-9a-f])\/([^/]+)\/([^/]+)\/([^/]+)\.podspec\.json$/.exec(
      req.url,
    )
    const name = match ? decodeURIComponent(match[4]) : ''
    const hash = createHash('md5').update(name).digest('hex')
    const key = match ? `${name}@${decodeURIComponent(match[5])}` : ''
    if (
      match &&
      `${match[1]}${match[2]}${match[3]}` === hash.slice(0, 3) &&
      decodeURIComponent(match[6]) === name &&
      Object.hasOwn(specs, key)
    )
      sendJson(res, 200, specs[key])
    else sendJson(res, 404, {error: 'Not Found'})
  }
}
