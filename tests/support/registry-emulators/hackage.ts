import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Handler} from './server.js'

/**
 * Hackage (hackage-server's API, https://hackage.haskell.org/api): `GET /package/<name>-<version>/<name>.cabal` →
 * that version's package description (latest revision), `GET /package/<name>/<name>.cabal` → the latest version's,
 * as `text/plain`; a package or version it does not have → 404. data/hackage/ holds one `<name>-<version>.cabal` per
 * record. SOURCES: `Cabal-3.19.0.0.cabal`, the first 36 lines of Cabal/Cabal.cabal in haskell/cabal (commit
 * f5319cdb191236b3bc93e79c0b14e2c637300c5a, BSD-3-Clause); `tls-2.4.7.cabal`, the header of tls/tls.cabal in
 * haskell-tls/hs-tls (commit 0123d14bc3529a61aa34136fa814082505d721d0, BSD-3-Clause); `aeson-0.8.0.2.cabal`, an
 * extract (header, a shortened description, the flag, a conditional, both source-repository stanzas) of aeson.cabal in
 * haskell/aeson (commit 00281372ac488bb9c6981461db2608980c0f59f2, BSD-3-Clause); `get-tested-0.1.5.0.cabal`,
 * get-tested.cabal in Kleidukos/get-tested (commit 01fac242a4480caa63fccd647933a264ca48045f, BSD-3-Clause) with its
 * executable's options and most of its build-depends left out. `example-*`: fictional (example.org), for the odd
 * cases.
 */
export function hackage(): Handler {
  const dir = join(import.meta.dirname, 'data', 'hackage')
  const records = new Map<string, string>()
  const latest = new Map<string, string>()
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.cabal')) continue
    const id = file.slice(0, -'.cabal'.length)
    const name = id.slice(0, id.lastIndexOf('-'))
    records.set(id, readFileSync(join(dir, file), 'utf8'))
    latest.set(name, id)
  }
  return (req, res) => {
    const match = /^\/package\/([A-Za-z0-9.-]+)\/([A-Za-z0-9-]+)\.cabal$/.exec(req.url)
    const id = match ? (records.has(match[1]) ? match[1] : latest.get(match[1])) : undefined
    if (match && id !== undefined && id.slice(0, id.lastIndexOf('-')) === match[2]) {
      res.writeHead(200, {'content-type': 'text/plain; charset=utf-8'}).end(records.get(id))
      return
    }
    res.writeHead(404, {'content-type': 'text/plain; charset=utf-8'}).end('404 Not Found')
  }
}
