import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * CRAN's metadata as R-universe's `cran` universe serves it (https://docs.r-universe.dev; the `universe` R package's
 * `universe_one_package()`): `GET /api/packages/<name>` → the package's DESCRIPTION fields as JSON, 404 for a package
 * it does not have. data/cran.json holds real answers, trimmed to the fields that matter: `desc` as
 * https://r-lib.r-universe.dev/api/packages/desc and `universe` as https://ropensci.r-universe.dev/api/packages/universe
 * answered (their URL/BugReports fields as their maintainers wrote them), `renv` with the URL and BugReports of
 * renv's DESCRIPTION (github.com/rstudio/renv at b0bf64a6); and example.org-style fictional packages for the odd
 * cases (a forge link only in BugReports; only a homepage and CRAN's github.com/cran mirror).
 */
export function cranUniverse(): Handler {
  const packages = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'cran.json'), 'utf8')) as Record<
    string,
    unknown
  >
  return (req, res) => {
    const match = /^\/api\/packages\/([A-Za-z][A-Za-z0-9.]*)$/.exec(req.url)
    if (match && Object.hasOwn(packages, match[1])) sendJson(res, 200, packages[match[1]])
    else sendJson(res, 404, {error: 'Package not found'})
  }
}
