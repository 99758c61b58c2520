import {openCacheStore} from '../core/cache/open.js'
import {attributeProject, attributionErrors, loadAttributionContext} from '../attribute/index.js'
import {loadEntities} from '../entities/index.js'
import {type CollectOptions, collectNotice, collectProjects, readSnapshot, snapshotStore} from '../collect/index.js'
import {governanceOf, governanceProblems, toRoleHolders} from '../collect/index.js'
import type {CollectedProject, RepoGroup, ScanError, ScanResult, Window} from '../core/model.js'
import {discoverPaths} from '../discover/index.js'
import {loadRules, type ParamOverrides} from '../evaluate/index.js'
import {measure} from '../measure/index.js'
import {otherRegistriesNotice, resolveComponents} from '../resolve/index.js'
import {artifactHubEndpoints} from '../core/artifact-hub-url.js'
import {ERRORS, usageError} from '../core/errors.js'
import {readUserFile} from '../core/user-file.js'
import {readScanResult} from '../report/index.js'
import {resolveAffiliations} from './affiliations.js'
import {peopleSummary, projectAttribution} from './people.js'
import {incompleteHint} from './inventory.js'
import {judge, type MeasuredProject, type WaiverJudgement} from './judge.js'

export interface ScanOptions {
  paths: string[]
  /** Collection, and the window every stage uses: `collectOptionsFrom` of the collecting flags. */
  collect: CollectOptions
  rules: string[]
  params?: ParamOverrides
  /** Watch-list ids the rules treat as "configured lists"; default: every list in the entity data. */
  lists?: string[]
  include?: string[]
  exclude?: string[]
  maxFileSize?: number
  /** The format of `-` (standard input) among the paths; else its content decides. */
  stdinFormat?: string
  includeDev?: boolean
  /** gitdm files in gitdm order; `cncf-gitdm` stands for the files `stewards affiliations update` stored. */
  affiliations?: string[]
  companies?: string
  overrides?: string
  /** Bot rule files read after the shipped rules/bots/default.yaml. */
  bots?: string[]
  /** Years after which an open gitdm period is stale (default 5). */
  staleAfterYears?: number
  entities?: string[]
  map?: string
  /** Artifact Hub's base URL (`--artifact-hub-url`, checked); default https://artifacthub.io. */
  artifactHubUrl?: string
  /** Registries that mirror their ecosystem's public one (`--registry-mirror`, checked). */
  registryMirrors?: readonly string[]
  /** The waivers to apply after the rules, and the day their expiry is judged against (./waivers.ts). */
  waivers?: WaiverJudgement
  version: string
  onStage?: (stage: string, detail: string) => void
  /** One-line notices a user must see even without a terminal (a long rate-limit wait). */
  onNotice?: (message: string) => void
}

/**
 * The only place that knows the stage order: discover → resolve → collect → attribute → measure →
 * evaluate. Reporting is the caller's. Expected failures travel as data (skipped, errors, unavailable
 * projects); `result.summary.incomplete` says whether anything that should have been read was not.
 */
export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const stage = options.onStage ?? (() => {})
  const {collect} = options
  const {window} = collect
  // Configuration first: a bad rule, entity or snapshot file should fail before any network work.
  const rules = await loadRules(options.rules, options.params ?? {})
  const entities = await loadEntities(options.entities ?? [])
  // A snapshot is read, parsed and verified once, here, for every stage that replays it, and let go after collect.
  let snapshot = collect.snapshot ? await readSnapshot(collect.snapshot) : undefined
  checkLists(
    options.lists,
    entities.listDefinitions().map((l) => l.id),
  )
  const evidence = await resolveAffiliations(options.affiliations, options.companies, {
    ...collect,
    ...(snapshot ? {snapshotContent: snapshot} : {}),
    githubApiUrl: collect.apiUrl,
  })
  const attribution = await loadAttributionContext({
    affiliations: evidence.affiliations,
    companies: evidence.companies,
    overrides: options.overrides,
    entities,
    botFiles: options.bots,
    staleAfterYears: options.staleAfterYears,
  })

  stage('discover', options.paths.join(' '))
  const inventory = await discoverPaths(options.paths, {
    include: options.include,
    exclude: options.exclude,
    maxFileSize: options.maxFileSize,
    stdin: {format: options.stdinFormat},
    warn: options.onNotice,
  })
  const components = inventory.components.filter((c) => options.includeDev || c.scope !== 'dev')
  stage('discover', `${components.length} components in ${inventory.files} files`)
  // Files not read completely make the scan incomplete whatever follows: said now, with where they are.
  const unread = incompleteHint(inventory.errors, options.paths)
  if (unread) options.onNotice?.(unread)

  stage('resolve', `${components.length} components`)
  // One cache for both stages: an unusable directory or cache server is one notice, and the scan goes on uncached.
  // A snapshot is the resolve stage's whole cache (a store held only while it runs); collect replays the same one.
  const cache = snapshot
    ? undefined
    : openCacheStore({
        cacheDir: collect.cacheDir,
        cacheUrl: collect.cacheUrl,
        maxAgeMs: collect.maxAge,
        onUnusable: (message) => options.onNotice?.(message),
      })
  const resolved = await resolveComponents(components, {
    offline: collect.offline || Boolean(snapshot),
    cacheDir: collect.cacheDir,
    // A snapshot replaces the cache for every stage: resolution reads the bundle's registry entries (none, for a
    // recorded collection), never the user's own cache, so the same snapshot gives the same report anywhere.
    cache: snapshot ? await snapshotStore(snapshot) : cache,
    maxAge: collect.maxAge,
    mapFile: options.map,
    concurrency: collect.concurrency,
    endpoints: artifactHubEndpoints(options.artifactHubUrl),
    registryMirrors: options.registryMirrors,
  }).catch(async (error) => {
    await cache?.close?.()
    throw error
  })
  stage('resolve', `${resolved.groups.length} repositories, ${resolved.unresolved.length} unresolved`)
  const otherRegistries = otherRegistriesNotice(resolved.otherRegistries)
  if (otherRegistries) options.onNotice?.(otherRegistries)

  stage('collect', `${resolved.groups.length} repositories`)
  let collectedCount = 0
  const collected = await collectProjects(
    resolved.groups.map((g) => g.repo),
    {
      ...collect,
      ...(snapshot ? {snapshotContent: snapshot} : {}),
      cache,
      onProgress: (event) => {
        if (event.type === 'project-done')
          stage('collect', `${++collectedCount}/${resolved.groups.length} ${event.repo} (${event.status})`)
        if (event.type === 'profiles') stage('collect', `${event.count} profiles`)
        // Waits: the live line on a terminal, a line each in CI; rate-limit stops and notices: a line always.
        const notice = collectNotice(event)
        if (notice?.live && options.onStage) stage('collect', notice.text)
        else if (notice) options.onNotice?.(notice.text)
      },
    },
  ).finally(() => cache?.close?.())
  // Replayed: the parsed bundle is not kept through measuring and judging.
  snapshot = undefined
  const byRepo = new Map(collected.projects.map((p) => [p.repo.toLowerCase(), p]))
  const lists = options.lists ?? entities.listDefinitions().map((l) => l.id)

  stage('measure and evaluate', `${resolved.groups.length} projects`)
  const governanceErrors: ScanError[] = []
  const projects: MeasuredProject[] = resolved.groups.map((group) => {
    const project = byRepo.get(group.repo.toLowerCase()) ?? missingProject(group, window)
    const governance = governanceOf(project)
    governanceErrors.push(...governanceProblems(project.repo, governance))
    const {maintainers} = governance
    const available = project.status === 'ok' || project.status === 'partial' || project.status === 'empty'
    const attributed = available ? attributeProject(project, toRoleHolders(governance.roles), attribution) : null
    const {metrics, evidence, listings} = measure({
      project,
      attributed,
      entities,
      lists,
      maintainers: {
        logins: maintainers.holders.map((h) => h.login),
        rule: maintainers.rule,
        ...(maintainers.teams ? {teams: maintainers.teams} : {}),
      },
    })
    return {
      repo: group.repo,
      status: project.status,
      ...(project.reason ? {reason: project.reason} : {}),
      ...(project.missing?.length ? {missing: project.missing} : {}),
      provenance: group.provenance,
      confidence: group.confidence,
      components: group.components,
      ...(project.facts ? {facts: project.facts} : {}),
      metrics,
      evidence,
      ...(listings ? {listings} : {}),
      people: attributed ? peopleSummary(attributed) : [],
      roles: attributed?.roles ?? [],
      ...(attributed ? projectAttribution(attributed) : {}),
    }
  })

  // Unreadable lines of an affiliation file are unread input: the attribution may be missing what they said.
  const evidenceErrors = attributionErrors(attribution)
  // Governance files that could not be read completely leave the maintainers unknown: unread input.
  const inputsIncomplete =
    evidenceErrors.length > 0 ||
    inventory.errors.length > 0 ||
    resolved.incomplete ||
    collected.incomplete ||
    governanceErrors.length > 0
  const result = judge(
    {
      version: options.version,
      window: window,
      inputs: [...options.paths],
      projects,
      unresolved: resolved.unresolved,
      lists: {known: entities.listDefinitions().map((l) => l.id), selected: lists},
      components: components.length,
      inputsIncomplete,
      skipped: inventory.skipped,
      errors: [...inventory.errors, ...evidenceErrors, ...problemsAsErrors(collected.problems), ...governanceErrors],
      requests: mergeRequests(resolved.stats.requests, collected.requests),
    },
    rules,
    options.waivers,
  )
  const {summary} = result
  const total = result.findings.length
  stage('done', `${summary.projects} projects, ${total} findings${summary.incomplete ? ' (incomplete)' : ''}`)
  return result
}

/** A mistyped list id would silently turn every list check off: refuse it. */
export function checkLists(wanted: string[] | undefined, known: string[]): void {
  for (const id of wanted ?? []) {
    if (!known.includes(id))
      throw usageError(
        'unknown-list',
        `unknown list '${id}' (--lists / lists:)`,
        `lists in the organisation data: ${known.join(', ')}`,
      )
  }
}

function missingProject(group: RepoGroup, window: Window): CollectedProject {
  return {
    repo: group.repo,
    source: 'github',
    status: 'unavailable',
    reason: 'not collected',
    window,
    commits: [],
    governance: [],
    profiles: {},
  }
}

function problemsAsErrors(problems: string[]) {
  return problems.map((message) => ({file: '(collect)', code: 'collect-incomplete', message}))
}

function mergeRequests(a: ScanResult['requests'], b: ScanResult['requests']): ScanResult['requests'] {
  const byStatus: Record<string, number> = {}
  for (const stats of [a, b])
    for (const [k, v] of Object.entries(stats?.byStatus ?? {})) byStatus[k] = (byStatus[k] ?? 0) + v
  return {total: (a?.total ?? 0) + (b?.total ?? 0), byStatus, cached: (a?.cached ?? 0) + (b?.cached ?? 0)}
}

/**
 * Reads a previous JSON report (for `--baseline`, `diff` and `evaluate`, which passes its own reader); usage error
 * naming the file when it is not one.
 */
export async function readReport(file: string): Promise<ScanResult>
export async function readReport<T>(file: string, read: (text: string, file: string) => T): Promise<T>
export async function readReport(
  file: string,
  read: (text: string, file: string) => unknown = readScanResult,
): Promise<unknown> {
  return read(await readUserFile(file, 'the report', {hint: ERRORS['report-invalid'].hint}), file)
}
