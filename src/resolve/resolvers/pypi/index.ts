import type {Component} from '../../../core/model.js'
import {normalizePypiName} from '../../../core/package-names.js'
import {type Candidate, firstRepository, isRecord, jsonAnswer, otherRegistryMiss} from '../../support.js'
import type {Outcome, Resolver, ResolverContext} from '../../types.js'

/** PEP 508 project names. */
const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/

/** `project_urls` labels that name the source, normalised as PEP 753 does (lower-case, alphanumerics only). */
const SOURCE_LABELS = ['source', 'sourcecode', 'repository', 'code', 'github', 'git', 'sourcerepository']
const IGNORED_LABELS = /fund|sponsor|donat|tidelift/

/**
 * PyPI's JSON API (`GET /pypi/<name>/json`, https://docs.pypi.org/api/json/): `info.project_urls` (a
 * label → URL map; source-like labels first, see PEP 753), then the home page (`info.home_page`, else the
 * `Homepage` project URL), then any other project URL on a known forge (low confidence). A home page that is a
 * directory of the chosen repository names the package's directory. Names are normalised per PEP 503.
 */
export const resolver: Resolver = {
  id: 'pypi',
  description: 'PyPI JSON API: project_urls (Source, Repository...), home_page',
  provenance: 'pypi',
  kind: 'native',
  handles: (c) => c.kind === 'package' && c.ecosystem === 'pypi',
  resolve: (components, context) => context.map(components, (c) => resolveOne(c, context)),
}

async function resolveOne(component: Component, context: ResolverContext): Promise<Outcome> {
  if (!PYPI_NAME.test(component.name))
    return {status: 'miss', reason: 'invalid-name', detail: `not a PyPI project name: ${component.name}`}
  // A project from another index or a URL: PyPI's project of that name is another one.
  const other = otherRegistryMiss(component, context.options)
  if (other) return other
  const name = normalizePypiName(component.name)
  const path = `/pypi/${name}/json`
  const what = `pypi ${name}`
  const answer = jsonAnswer(
    await context.http.get(`${context.endpoint('pypi')}${path}`, {namespace: 'pypi', key: `GET ${path}`}),
    what,
  )
  if (!answer.ok) return answer.outcome
  const info = isRecord(answer.json) && isRecord(answer.json.info) ? answer.json.info : {}
  const urls = isRecord(info.project_urls) ? Object.entries(info.project_urls) : []
  const label = (raw: string) => raw.toLowerCase().replace(/[^a-z0-9]/g, '')
  const candidates: Candidate[] = []
  // PEP 753: these labels name the source repository, so any git host is taken (openpyxl's Heptapod, stevedore's
  // opendev.org), as for npm's `repository`.
  for (const wanted of SOURCE_LABELS) {
    for (const [raw, url] of urls)
      if (label(raw) === wanted) candidates.push({url, field: `project_urls.${raw}`, confidence: 'medium', vcs: true})
  }
  // The home page: Home-page (core metadata), or PEP 753's `homepage` label, which PEP 621 backends write instead.
  candidates.push({url: info.home_page, field: 'home_page', confidence: 'medium', homepage: true})
  for (const [raw, url] of urls)
    if (label(raw) === 'homepage')
      candidates.push({url, field: `project_urls.${raw}`, confidence: 'medium', homepage: true})
  for (const [raw, url] of urls) {
    if (!SOURCE_LABELS.includes(label(raw)) && label(raw) !== 'homepage' && !IGNORED_LABELS.test(label(raw)))
      candidates.push({url, field: `project_urls.${raw}`, confidence: 'low'})
  }
  return firstRepository(candidates, what)
}
