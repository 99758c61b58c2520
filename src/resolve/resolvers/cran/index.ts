import type {Component} from '../../../core/model.js'
import {type Candidate, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** R package names ("Writing R Extensions" §1.1.1: letters, digits and `.`, starting with a letter). */
const NAME = /^[A-Za-z][A-Za-z0-9.]{0,127}$/
/** CRAN's read-only GitHub mirror of every package (github.com/cran/<name>): a copy, never the upstream. */
const CRAN_MIRROR = /^(?:https?:\/\/)?(?:www\.)?github\.com\/cran\//i

/**
 * CRAN through R-universe's `cran` universe (https://docs.r-universe.dev, rOpenSci; the API the `universe` R package
 * wraps as `universe_one_package()`): `GET /api/packages/<name>` → the package's DESCRIPTION as JSON. `URL` (one or
 * more URLs, comma- or whitespace-separated, as "Writing R Extensions" §1.1.1 allows) then `BugReports`: the first on
 * a known forge gives the repository (medium), CRAN's own GitHub mirror (github.com/cran) excepted. The fields are
 * the current release's, so the version is not needed. A package of another repository (purl `repository_url`: an
 * r-universe, a company's Package Manager) is never asked for (support.ts `otherRegistryMiss`).
 */
export const resolver: Resolver = {
  id: 'cran',
  description: "CRAN package metadata (R-universe's cran API): DESCRIPTION URL and BugReports",
  provenance: 'cran',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'cran' && !c.local,
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not an R package name: ${component.name.slice(0, 100)}`}
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const path = `/api/packages/${component.name}`
  const what = `CRAN ${component.name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('cran')}${path}`, {namespace: 'cran', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const description = isRecord(answer.json) ? answer.json : {}
  const candidates: Candidate[] = []
  const urls = typeof description.URL === 'string' ? description.URL.split(/[\s,]+/) : []
  for (const url of urls)
    if (url !== '' && !CRAN_MIRROR.test(url)) candidates.push({url, field: 'URL', confidence: 'medium'})
  const bugs = description.BugReports
  if (typeof bugs === 'string' && !CRAN_MIRROR.test(bugs.trim()))
    candidates.push({url: bugs.trim(), field: 'BugReports', confidence: 'medium'})
  return firstRepository(candidates, what)
}
