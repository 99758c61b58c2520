import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * ConanCenter's Conan 2 REST API, the routes Conan's client asks (conan-io/conan conans/model/rest_routes.py,
 * conans/client/rest/client_routes.py; `_` for no user and no channel): `GET /v2/conans/<name>/<version>/_/_/latest` →
 * `{revision, time}`; `GET .../revisions/<rrev>/files` → `{files: {<path>: {}}}`; `GET .../revisions/<rrev>/files/<path>`
 * → the file. data/conan-center.json holds the class header of real recipes (fmt, zlib; SOURCES in its `_sources`)
 * at the revisions a real lockfile locks, and fictional example_* recipes for the odd cases. Anything else is a 404
 * with Artifactory's error body.
 */
export function conanCenter(): Handler {
  const data = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'conan-center.json'), 'utf8')) as {
    recipes: Record<string, {latest: unknown; revisions: Record<string, string>}>
  }
  return (req, res) => {
    const notFound = () => sendJson(res, 404, {errors: [{status: 404, message: `Not Found: ${req.url}`}]})
    const match = /^\/v2\/conans\/([^/]+)\/([^/]+)\/_\/_\/(latest|revisions\/([^/]+)\/files(?:\/(.+))?)$/.exec(req.url)
    const recipe = match ? data.recipes[`${match[1]}/${match[2]}`] : undefined
    if (!match || recipe === undefined || !Object.hasOwn(data.recipes, `${match[1]}/${match[2]}`)) return notFound()
    if (match[3] === 'latest') return sendJson(res, 200, recipe.latest)
    const conanfile = Object.hasOwn(recipe.revisions, match[4]) ? recipe.revisions[match[4]] : undefined
    if (conanfile === undefined) return notFound()
    if (match[5] === undefined)
      return sendJson(res, 200, {files: {'conanfile.py': {}, 'conanmanifest.txt': {}, 'conan_export.tgz': {}}})
    if (match[5] !== 'conanfile.py') return notFound()
    res
      .writeHead(200, {'content-type': 'text/x-python', 'content-length': String(Buffer.byteLength(conanfile))})
      .end(conanfile)
  }
}
