/**
 * `stewards people`: one repository through collect (or recorded files) → attribute, and the people report; and the
 * one-line-per-person summary the scan report carries. Settings as `scan` reads them: flags over `.stewards.yaml`.
 */
import {
  attributeProject,
  buildPeopleReport,
  formatPeopleText,
  formatWanted,
  loadAttributionContext,
  type PeopleReport,
  readCommitsFile,
  WANTED_PEOPLE,
  evidenceWanted,
} from '../attribute/index.js'
import {
  type CollectFlagValues,
  collectProjects,
  resolveTokens,
  governanceOf,
  parseRepo,
  readGovernanceDir,
  readSnapshot,
  type Snapshot,
  toRoleHolders,
} from '../collect/index.js'
import {compare} from '../core/compare.js'
import {DAY_MS, isCalendarDate} from '../core/dates.js'
import {ExitCode, usageError} from '../core/errors.js'
import type {
  AttributedProject,
  CollectedProject,
  CommitRecord,
  PersonSummary,
  ProjectReport,
  Window,
} from '../core/model.js'
import {formatProblem} from '../core/problem.js'
import {inWindow, parseDate, resolveWindow} from '../core/window.js'
import {loadEntities} from '../entities/index.js'
import {resolveAffiliations} from './affiliations.js'
import {type CollectCallbacks, collectSettings, repoKey} from './collect.js'
import {loadScanConfig, type ScanConfig} from './config.js'
import {nextStepFor, runContext} from './next-step.js'
import {collected} from '../evaluate/index.js'

/** One line per person for the scan report: commits, organisation at their latest commit, and its evidence. */
export function peopleSummary(project: AttributedProject): PersonSummary[] {
  return buildPeopleReport(project)
    .people.filter((p) => p.commits > 0)
    .map((p) => {
      const latest = [...p.periods].sort((a, b) => compare(a.last, b.last)).at(-1)
      return {
        person: p.person,
        commits: p.commits,
        organization: latest?.organization ?? null,
        ...(latest?.source ? {source: latest.source} : {}),
        ...(latest?.citation ? {citation: latest.citation} : {}),
        ...(latest?.selfDeclared ? {selfDeclared: true} : {}),
        ...(latest?.verification?.status === 'unverified' ? {unverified: true} : {}),
        ...(latest?.stale ? {stale: true} : {}),
      }
    })
    .sort((a, b) => b.commits - a.commits || compare(a.person, b.person))
}

/** The values oclif parses from `people`'s flags. */
export interface PeopleFlags extends CollectFlagValues {
  config?: string
  'as-of'?: string
  git?: string
  commits?: string
  governance?: string
  affiliations?: string[]
  companies?: string
  overrides?: string
  sources?: string
  bot?: string[]
  bots?: string[]
  'stale-after'?: number
  entities?: string[]
  shipped?: boolean
  wanted?: boolean
  'wanted-people'?: number
}

export type PeopleCallbacks = Pick<CollectCallbacks, 'onNotice'>

export interface PeopleRun {
  report: PeopleReport
  /** `file:line: message` problems of the evidence, the records and the governance files, and collection problems. */
  warnings: string[]
  /** Why nobody is shown, when the project could not be collected for a reason about the project itself. */
  unavailable?: string
  /** Unknown is never zero: where stewards looked when no governance file names the maintainers. */
  maintainersUnknown?: string
  /** Nothing about the project could be read (offline cache miss, rate limit): no figure is shown, only why. */
  notCollected?: string
  /** One line: what to do about a project not collected (set GITHUB_TOKEN, drop --offline, cache import). */
  next?: string
  /** 0, or 2 when collection was cut short or a governance file was not read completely (what was read is still in the report). */
  exitCode: ExitCode
}

/** Flags that make stewards collect the repository itself: not with `--commits FILE`. */
const COLLECTING = ['token', 'github-api-url', 'cache-dir', 'max-age', 'offline', 'snapshot', 'git'] as const

/** The project to attribute, and what went wrong getting it. */
interface ProjectInput {
  project: CollectedProject
  warnings: string[]
  incomplete: boolean
  /** What to do when the project could not be collected (pipeline/next-step.ts). */
  next?: string
}

/**
 * Evidence and organisation data first (a bad file fails before any network work), then the project (collected, or
 * from `--commits`/`--governance` files), then attribution. Unknown stays unknown.
 */
export async function runPeople(repo: string, flags: PeopleFlags, callbacks: PeopleCallbacks = {}): Promise<PeopleRun> {
  checkFlagCombinations(flags)
  const asOf = flags['as-of']
  if (asOf !== undefined && !isCalendarDate(asOf))
    throw usageError('bad-date', `--as-of '${asOf}' is not a date YYYY-MM-DD`)
  const config = await loadScanConfig(flags.config)
  const entityDirs = flags.entities?.length ? flags.entities : (config.entities ?? [])
  const useEntities = flags.shipped !== false || entityDirs.length > 0
  const entities = useEntities ? await loadEntities(entityDirs, {shipped: flags.shipped !== false}) : undefined
  const apiUrl = flags['github-api-url']
  // Collected from a snapshot: read once, for the affiliation files it may hold and for the project.
  const snapshotFile = flags.snapshot ?? config.snapshot
  const snapshot = snapshotFile && !flags.commits && !flags.git ? await readSnapshot(snapshotFile) : undefined
  const evidence = await resolveAffiliations(
    flags.affiliations?.length ? flags.affiliations : config.affiliations,
    flags.companies ?? config.companies,
    {
      cacheDir: flags['cache-dir'] ?? config.cacheDir,
      cacheUrl: flags['cache-url'],
      snapshot: snapshotFile,
      ...(snapshot ? {snapshotContent: snapshot} : {}),
      githubApiUrl: apiUrl,
      ...resolveTokens(flags.token, apiUrl),
    },
  )
  const context = await loadAttributionContext({
    affiliations: evidence.affiliations,
    companies: evidence.companies,
    overrides: flags.overrides ?? config.overrides,
    botFiles: flags.bots?.length ? flags.bots : config.bots,
    staleAfterYears: flags['stale-after'] ?? config.staleAfter,
    entities,
    sources: flags.sources
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bots: flags.bot,
  })
  const input = flags.commits
    ? await fromFiles(repo, flags.commits, flags)
    : await collectOne(repo, flags, config, callbacks, snapshot)
  const {project} = input
  const parsed = governanceOf(project)
  const attributed = attributeProject(project, toRoleHolders(parsed.roles), context, asOf)
  const unavailable = project.status === 'unavailable' && !input.incomplete
  const noMaintainers = parsed.maintainers.holders.length === 0 && !project.missing?.includes('governance')
  // A governance file that could not be read completely leaves the role holders incomplete.
  const unread = parsed.problems.some((p) => p.unread)
  return {
    report: buildPeopleReport(
      attributed,
      project,
      flags.wanted ? {wanted: flags['wanted-people'] ?? WANTED_PEOPLE} : {},
    ),
    warnings: [...context.problems.map(formatProblem), ...input.warnings, ...parsed.problems.map(formatProblem)],
    ...(unavailable ? {unavailable: aboutProject(project)} : {}),
    ...(collected(project)
      ? {}
      : {notCollected: `${project.repo}: not collected${project.reason ? ` (${project.reason})` : ''}`}),
    ...(input.next ? {next: input.next} : {}),
    ...(!unavailable && noMaintainers ? {maintainersUnknown: maintainersUnknown(project.repo, parsed)} : {}),
    exitCode: input.incomplete || unread ? ExitCode.incomplete : ExitCode.clean,
  }
}

// Checked here rather than with oclif's `exclusive`, which garbles the usage line.
function checkFlagCombinations(flags: PeopleFlags): void {
  const given = COLLECTING.filter((name) => flags[name] !== undefined && flags[name] !== false)
  if (flags.commits && given.length)
    throw usageError('bad-flags', `--${given[0]} collects the repository: it cannot be used with --commits FILE`)
  if (flags.snapshot && flags.git)
    throw usageError('bad-flags', '--snapshot and --git are two different sources: give one')
}

/** One repository through `collectProjects`, with the flags of `stewards collect`. */
async function collectOne(
  input: string,
  flags: PeopleFlags,
  config: ScanConfig,
  callbacks: PeopleCallbacks,
  snapshot: Snapshot | undefined,
): Promise<ProjectInput> {
  const {options, keys} = await collectSettings(
    {...flags, git: flags.git ? [flags.git] : undefined},
    config,
    (apiUrl) => [repoKey(input, apiUrl)],
    callbacks,
  )
  if (snapshot) options.snapshotContent = snapshot
  const run = await collectProjects(keys, options)
  const project = run.projects[0] ?? {
    repo: keys[0],
    source: options.source ?? 'github',
    status: 'unavailable',
    reason: 'not collected',
    window: options.window,
    commits: [],
    governance: [],
    profiles: {},
  }
  const next = nextStepFor(run.projects, runContext(options))
  // The next step says it once for the whole cause: the project's own warnings would only repeat it.
  const warnings = next ? run.problems.filter((problem) => !problem.startsWith(`${project.repo}: `)) : run.problems
  return {project, warnings, incomplete: run.incomplete, ...(next ? {next: next.line} : {})}
}

/** Recorded commits (and governance files): no network; the window defaults to the days the commits span. */
async function fromFiles(input: string, commitsFile: string, flags: PeopleFlags): Promise<ProjectInput> {
  const repo = parseRepo(input)
  if ('error' in repo) throw usageError('bad-repo', repo.error)
  // Read as the collecting path reads them, and before the file: a bad date fails first.
  for (const [flag, value] of [
    ['--since', flags.since],
    ['--until', flags.until],
  ] as const)
    if (value !== undefined) parseDate(value, flag)
  const read = await readCommitsFile(commitsFile)
  const governance = flags.governance ? await readGovernanceDir(flags.governance) : []
  const window = windowOf(read.commits, flags.since, flags.until)
  const project: CollectedProject = {
    repo: `${repo.owner}/${repo.name}`,
    source: 'snapshot',
    status: 'ok',
    window,
    commits: read.commits.filter((c) => inWindow(c.author.date, window)),
    governance,
    profiles: {},
  }
  return {project, warnings: read.problems.map(formatProblem), incomplete: false}
}

/** Unknown is never zero: say where stewards looked, or which teams stand for the maintainers. */
function maintainersUnknown(repo: string, governance: ReturnType<typeof governanceOf>): string {
  if (governance.maintainers.teams?.length)
    return `the maintainers of ${repo} are the team(s) ${governance.maintainers.teams.map((t) => `@${t}`).join(', ')}, whose members are not visible with this token`
  return `no maintainers found for ${repo} (unknown, not zero); looked in: ${governance.searched.map((s) => `${s.place} ${s.repo}`).join(', ')}`
}

/** `--wanted` as text: the project's coverage, then who would change it and the snippet to fill in. */
/**
 * The report as `--format json` prints it. A project not collected has no figures: its summary is `null` (unknown,
 * never 0) and `notCollected` says why, as the text output does.
 */
export function peopleJson(run: Pick<PeopleRun, 'report' | 'notCollected'>) {
  if (!run.notCollected) return run.report
  return {...run.report, summary: null, notCollected: run.notCollected}
}

export function wantedText(report: PeopleReport): string {
  const [summary] = formatPeopleText({...report, people: [], bots: {}}).split('\n')
  const body = report.wanted ? formatWanted(report.wanted) : ['No evidence wanted: every human commit is attributed.']
  return `${[summary, '', ...body].join('\n')}\n`
}

/** Collection reasons usually start with the repository already. */
function aboutProject(project: CollectedProject): string {
  const reason = project.reason ?? `${project.status}`
  return reason.startsWith(project.repo) ? reason : `${project.repo}: ${reason}`
}

/** The given --since/--until, else the UTC days the commits span (until = the day after the last commit). */
function windowOf(commits: CommitRecord[], since?: string, until?: string): Window {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  // A loop, not Math.min(...times): a spread of a large file's commits overflows the call stack.
  for (const commit of commits) {
    const t = Date.parse(commit.author.date)
    if (t < first) first = t
    if (t > last) last = t
  }
  if (first > last) first = last = 0
  const start = new Date(Math.floor(first / DAY_MS) * DAY_MS).toISOString()
  const end = new Date((Math.floor(last / DAY_MS) + 1) * DAY_MS).toISOString()
  return resolveWindow(since ?? start, until ?? end)
}

/**
 * Per project: the automation kept out of the people figures (with the rule that caught it), and the unattributed
 * authors whose evidence would raise coverage most. The report keeps them only where a coverage rule fired
 * (pipeline/judge.ts), so `stewards evaluate` of a saved report names them where they were named before.
 */
export function projectAttribution(project: AttributedProject): Pick<ProjectReport, 'automation' | 'wanted'> {
  const out: Pick<ProjectReport, 'automation' | 'wanted'> = {}
  const automation = Object.entries(project.bots).map(([identity, commits]) => ({
    identity,
    commits,
    ...(project.botRules?.[identity] ? {rule: project.botRules[identity]} : {}),
  }))
  if (automation.length > 0) out.automation = automation
  const wanted = evidenceWanted(project)
  if (wanted) out.wanted = wanted
  return out
}
