import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {CacheBundle, DiskCache} from '../core/cache/disk-cache.js'
import {attributeProject, attributionErrors, loadAttributionContext} from '../attribute/index.js'
import {loadEntities} from '../entities/index.js'
import {type CollectOptions, collectProjects, rateLimitNotice} from '../collect/index.js'
import {parseGovernance, selectMaintainers, toRoleHolders} from '../collect/index.js'
import type {
  CollectedProject,
  ProjectReport,
  RepoGroup,
  ScanError,
  ScanResult,
  Severity,
  Window,
} from '../core/model.js'
import {SCAN_SCHEMA_VERSION, SEVERITIES} from '../core/model.js'
import {discoverPaths} from '../discover/index.js'
import {
  evaluateProjectDetailed,
  loadRules,
  type ParamOverrides,
  portfolioScore,
  ruleMetas,
  scoreProject,
} from '../evaluate/index.js'
import {measureProject} from '../measure/index.js'
import {resolveComponents} from '../resolve/index.js'
import {ERRORS, usageError} from '../core/errors.js'
import {readUserFile} from '../core/user-file.js'
import {readScanResult} from '../report/index.js'
import {peopleSummary} from './people.js'
import {compareFindings, compareProjects} from '../core/order.js'

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
  includeDev?: boolean
  affiliations?: string[]
  companies?: string
  overrides?: string
  entities?: string[]
  map?: string
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
  // Configuration first: a bad rule or entity file should fail before any network work.
  const rules = await loadRules(options.rules, options.params ?? {})
  const entities = await loadEntities(options.entities ?? [])
  checkLists(
    options.lists,
    entities.listDefinitions().map((l) => l.id),
  )
  const attribution = await loadAttributionContext({
    affiliations: options.affiliations,
    companies: options.companies,
    overrides: options.overrides,
    entities,
  })

  stage('discover', options.paths.join(' '))
  const inventory = await discoverPaths(options.paths, {
    include: options.include,
    exclude: options.exclude,
    maxFileSize: options.maxFileSize,
    warn: options.onNotice,
  })
  const components = inventory.components.filter((c) => options.includeDev || c.scope !== 'dev')
  stage('discover', `${components.length} components in ${inventory.files} files`)

  stage('resolve', `${components.length} components`)
  const replay = collect.snapshot ? await snapshotCache(collect.snapshot) : undefined
  const resolved = await resolveComponents(components, {
    offline: collect.offline || Boolean(replay),
    cacheDir: replay?.dir ?? collect.cacheDir,
    maxAge: collect.maxAge,
    mapFile: options.map,
    concurrency: collect.concurrency,
  }).finally(() => replay?.dispose())
  stage('resolve', `${resolved.groups.length} repositories, ${resolved.unresolved.length} unresolved`)

  stage('collect', `${resolved.groups.length} repositories`)
  let collectedCount = 0
  const collected = await collectProjects(
    resolved.groups.map((g) => g.repo),
    {
      ...collect,
      onProgress: (event) => {
        if (event.type === 'project-done')
          stage('collect', `${++collectedCount}/${resolved.groups.length} ${event.repo} (${event.status})`)
        if (event.type === 'rate-limit-wait') options.onNotice?.(rateLimitNotice(event))
        if (event.type === 'profiles') stage('collect', `${event.count} profiles`)
      },
    },
  )
  const byRepo = new Map(collected.projects.map((p) => [p.repo.toLowerCase(), p]))
  const lists = options.lists ?? entities.listDefinitions().map((l) => l.id)

  stage('measure and evaluate', `${resolved.groups.length} projects`)
  const ruleErrors: ScanError[] = []
  const projects: ProjectReport[] = resolved.groups.map((group) => {
    const project = byRepo.get(group.repo.toLowerCase()) ?? missingProject(group, window)
    const roles = parseGovernance(project.governance)
    const maintainers = selectMaintainers(roles)
    const available = project.status === 'ok' || project.status === 'partial' || project.status === 'empty'
    const attributed = available ? attributeProject(project, toRoleHolders(roles), attribution) : null
    const input = {
      project,
      attributed,
      entities,
      lists,
      maintainers: {logins: maintainers.holders.map((h) => h.login), rule: maintainers.rule},
    }
    const metrics = measureProject(input)
    const locations = group.components.flatMap((c) => c.locations)
    const {findings, errors} = evaluateProjectDetailed(rules, {
      repo: group.repo,
      status: project.status,
      reason: project.reason,
      metrics,
      window,
      locations,
      input,
      lists,
    })
    ruleErrors.push(...errors.map((e) => ({...e, message: `${group.repo}: ${e.message}`})))
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
      people: attributed ? peopleSummary(attributed) : [],
      roles: attributed?.roles ?? [],
      findings: findings.sort(compareFindings),
      score: scoreProject(findings),
    }
  })
  // Sorted once, here, in the documented orders (src/core/order.ts); every report keeps them.
  projects.sort(compareProjects)
  const findings = projects.flatMap((p) => p.findings).sort(compareFindings)
  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>
  for (const f of findings) findingsBySeverity[f.severity]++
  // A rule that could not be evaluated leaves the judgement unfinished: as incomplete as an unread input.
  // Unreadable lines of an affiliation file are unread input: the attribution may be missing what they said.
  const evidenceErrors = attributionErrors(attribution)
  const incomplete =
    evidenceErrors.length > 0 ||
    inventory.errors.length > 0 ||
    resolved.incomplete ||
    collected.incomplete ||
    ruleErrors.length > 0
  stage('done', `${projects.length} projects, ${findings.length} findings${incomplete ? ' (incomplete)' : ''}`)

  return {
    schemaVersion: SCAN_SCHEMA_VERSION,
    tool: {name: 'stewards', version: options.version},
    window,
    inputs: [...options.paths],
    projects,
    unresolved: resolved.unresolved,
    findings,
    rules: ruleMetas(rules),
    summary: {
      components: components.length,
      projects: projects.length,
      findingsBySeverity,
      portfolioScore: portfolioScore(projects.map((p) => p.score)),
      incomplete,
    },
    skipped: inventory.skipped,
    errors: [...inventory.errors, ...evidenceErrors, ...problemsAsErrors(collected.problems), ...ruleErrors],
    requests: mergeRequests(resolved.stats.requests, collected.requests),
  }
}

/**
 * A snapshot replaces the cache for every stage: resolution reads the bundle's registry entries (none, for a
 * recorded collection), never the user's own cache, so the same snapshot gives the same report anywhere.
 */
async function snapshotCache(file: string): Promise<{dir: string; dispose(): Promise<void>}> {
  const dir = await mkdtemp(join(tmpdir(), 'stewards-replay-'))
  const dispose = () => rm(dir, {recursive: true, force: true})
  try {
    const parsed = CacheBundle.safeParse(JSON.parse(await readFile(file, 'utf8')))
    if (parsed.success) await new DiskCache(dir).importBundle(parsed.data)
  } catch {
    // Unreadable or not JSON: the collect stage reports the snapshot with its own message.
  }
  return {dir, dispose}
}

/** A mistyped list id would silently turn every list check off: refuse it. */
function checkLists(wanted: string[] | undefined, known: string[]): void {
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

/** Reads a previous JSON report (for `--baseline` and `diff`); usage error naming the file when it is not one. */
export async function readReport(file: string): Promise<ScanResult> {
  return readScanResult(await readUserFile(file, 'the report', {hint: ERRORS['report-invalid'].hint}), file)
}
