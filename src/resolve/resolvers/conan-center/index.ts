import type {Component} from '../../../core/model.js'
import {normaliseRepoUrl} from '../../../core/repo-url.js'
import {type Candidate, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** ConanCenter's names: lower case (Conan 2 refuses upper case in a recipe's name), Conan's characters. */
const NAME = /^[a-z0-9_][a-z0-9_+.-]{1,100}$/
const VERSION = /^[a-zA-Z0-9_][a-zA-Z0-9_+.-]{0,100}$/
const REVISION = /^[a-zA-Z0-9]{1,128}$/
/**
 * The class attribute `homepage = "..."` of a recipe, a plain string literal on one line (an expression, an f-string
 * or a value split over lines is not read: that would be a guess). One pass per line, no backtracking quantifier
 * overlaps.
 */
const HOMEPAGE = /^[ \t]{1,16}homepage[ \t]*=[ \t]*(["'])([^"'\\\s]{1,500})\1[ \t]*(?:#.*)?$/
/** The packager repository every ConanCenter recipe names as its `url`: never the package's repository. */
const PACKAGER = 'github.com/conan-io/conan-center-index'

/**
 * ConanCenter (Conan 2's REST API, conans/client/rest/client_routes.py and conans/model/rest_routes.py):
 * `GET /v2/conans/<name>/<version>/_/_/latest` → `{revision, time}` (skipped when the purl names the revision, `rrev`),
 * then `GET /v2/conans/<name>/<version>/_/_/revisions/<rrev>/files/conanfile.py`, the recipe, read as text and never
 * run: its class attribute `homepage` on a known forge gives the repository (low, as other registries' homepages).
 * The recipe's `url` is always ConanCenter's packager repository, conan-io/conan-center-index, and is never taken.
 * `conandata.yml` (the source archive URLs) is inside `conan_export.tgz`, binary: not read. A package with a user or
 * channel is never ConanCenter's (it refuses them): not asked.
 */
export const resolver: Resolver = {
  id: 'conan-center',
  description: 'ConanCenter recipes (Conan 2 REST API): conanfile.py homepage',
  provenance: 'ConanCenter',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'conan' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

/** The purl's qualifiers (undefined values for absent ones). */
function qualifiers(purl: string | undefined): URLSearchParams {
  const query = purl?.split('#', 1)[0].split('?')[1]
  return new URLSearchParams(query ?? '')
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  const {name, version} = component
  const given = qualifiers(component.purl)
  const user = given.get('user')
  const channel = given.get('channel')
  if (user !== null || channel !== null)
    return {
      status: 'miss',
      reason: 'unsupported',
      detail: `conan ${name.slice(0, 100)} has a user/channel (${(user ?? '_').slice(0, 64)}/${(channel ?? '_').slice(0, 64)}): not a ConanCenter package, not looked up`,
    }
  // Checked after user/channel: a Conan 1 package of another remote may have an upper-case name.
  if (!NAME.test(name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a ConanCenter package name: ${name.slice(0, 100)}`}
  if (version === undefined || !VERSION.test(version))
    return {status: 'miss', reason: 'no-version', detail: `conan ${name}: no exact version (a range) to look up`}
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const base = `/v2/conans/${encodeURIComponent(name)}/${encodeURIComponent(version)}/_/_`
  const what = `ConanCenter ${name}/${version}`
  let revision = given.get('rrev') ?? undefined
  if (revision !== undefined && !REVISION.test(revision)) revision = undefined
  if (revision === undefined) {
    const path = `${base}/latest`
    const answer = jsonAnswer(
      await context.http.get(`${context.endpoint('conan-center')}${path}`, {
        namespace: 'conan-center',
        key: `GET ${path}`,
      }),
      what,
    )
    if (!answer.ok) return answer.outcome
    const latest = isRecord(answer.json) ? answer.json.revision : undefined
    if (typeof latest !== 'string' || !REVISION.test(latest))
      return {status: 'miss', reason: 'network-error', detail: `${what}: latest revision answer has no revision`}
    revision = latest
  }
  const path = `${base}/revisions/${revision}/files/conanfile.py`
  const result = await context.http.get(`${context.endpoint('conan-center')}${path}`, {
    namespace: 'conan-center',
    key: `GET ${path}`,
  })
  if (!result.ok) return {status: 'miss', reason: result.failure, detail: result.detail}
  const {status, body} = result.response
  if (status === 404 || status === 410)
    return {status: 'miss', reason: 'not-found', detail: `${what}#${revision}: recipe not found (${status})`}
  if (status !== 200) return {status: 'miss', reason: 'network-error', detail: `${what}: HTTP ${status}`}
  const homepage = homepageOf(body)
  const candidates: Candidate[] = []
  if (homepage !== undefined && normaliseRepoUrl(homepage)?.repo !== PACKAGER)
    candidates.push({url: homepage, field: 'conanfile.py homepage', confidence: 'low'})
  return firstRepository(candidates, what)
}

/** The first `homepage = "..."` class attribute of a recipe, or undefined. */
export function homepageOf(recipe: string): string | undefined {
  for (const line of recipe.split('\n', 2000)) {
    if (line.length > 600 || !line.includes('homepage')) continue
    const match = HOMEPAGE.exec(line.endsWith('\r') ? line.slice(0, -1) : line)
    if (match) return match[2]
  }
  return undefined
}
