import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {type Handler, sendJson} from './server.js'

/**
 * The Bazel Central Registry, an index registry (https://bazel.build/external/registry: a static HTTP server):
 * `GET /modules/<name>/metadata.json` → `{homepage, maintainers, repository, versions, yanked_versions}`
 * (https://github.com/bazelbuild/bazel-central-registry/blob/main/metadata.schema.json). data/bazel.json holds real
 * records of github.com/bazelbuild/bazel-central-registry at commit 51181a817c98350d5c94d35b4c874ebe8f5e9c6a
 * (Apache-2.0): homepage and repository as written, versions cut to the last four, one yanked version kept, the
 * maintainers left out (people are not this tool's business); a name it does not hold answers 404, as the
 * registry's static server does.
 */
export function bazelCentralRegistry(): Handler {
  const modules = JSON.parse(readFileSync(join(import.meta.dirname, 'data', 'bazel.json'), 'utf8')) as Record<
    string,
    unknown
  >
  return (req, res) => {
    const match = /^\/modules\/([a-z][a-z0-9._-]*)\/metadata\.json$/.exec(req.url)
    if (match && Object.hasOwn(modules, match[1])) sendJson(res, 200, modules[match[1]])
    else sendJson(res, 404, {error: 'not found'})
  }
}
