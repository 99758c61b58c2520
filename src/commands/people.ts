import {Args, Flags} from '@oclif/core'
import {attributeProject, loadAttributionContext} from '../attribute/index.js'
import {entityFlags} from '../entities/index.js'
import {loadEntities} from '../entities/index.js'
import {readCommitsFile} from '../attribute/index.js'
import {attributionFlags, buildPeopleReport, formatPeopleText, formatWanted, WANTED_PEOPLE} from '../attribute/index.js'
import {resolveAffiliations} from '../pipeline/affiliations.js'
import {sources} from '../attribute/index.js'
import {parseDuration} from '../core/duration.js'
import {governanceOf, readGovernanceDir, toRoleHolders} from '../collect/index.js'
import {collectNotice, collectProjects, NETWORK_HELP, parseRepo, resolveAuth, showNotice} from '../collect/index.js'
import type {CollectOptions} from '../collect/index.js'
import {inWindow} from '../core/window.js'
import {BaseCommand} from '../core/command.js'
import {isCalendarDate, DAY_MS} from '../core/dates.js'
import {ExitCode, usageError} from '../core/errors.js'
import type {CollectedProject, CommitRecord, Window} from '../core/model.js'
import {parseDate, resolveWindow} from '../core/window.js'
import {checkApiUrl, hostsFor} from '../collect/index.js'

/** The project to attribute, and what went wrong getting it. */
interface ProjectInput {
  project: CollectedProject
  warnings: string[]
  incomplete: boolean
}

export default class People extends BaseCommand {
  static override summary = "Show each person's organisation at each commit, with the evidence"
  static override description =
    `Collects the repository (from GitHub, the cache, a --snapshot or a local --git clone, as \`stewards collect\` does) and attributes the authors of its commits in the window and the people its governance files name (OWNERS, MAINTAINERS, CODEOWNERS, README and GOVERNANCE.md role lists, SECURITY_CONTACTS; a repository its MAINTAINERS file points to, the organisation's community repositories, the CNCF maintainers list) to organisations, from explicit evidence only: your overrides, gitdm affiliation files, commit email domains and the organisation data, affiliations declared in governance files (as of each file's revision), GitHub profiles and public organisations. Commits are grouped into periods of one organisation and one deciding claim; every attribution names its source and citation. Unknown stays unknown: when no governance file names the maintainers, stderr says where stewards looked.

With --commits (and --governance) the records are read from files instead, without any network.

Exit codes: 0 done (a repository that does not exist or is blocked is reported on stderr and shows nobody), 2 incomplete (collection was cut short; what was collected is still shown), 3 usage or input error.

${NETWORK_HELP}`
  static override examples = [
    {
      description: 'Collect from GitHub (token from GITHUB_TOKEN or GH_TOKEN)',
      command: '<%= config.bin %> <%= command.id %> karmada-io/karmada --since 2024-01-01 --until 2025-01-01',
    },
    {
      description: 'The fictional demo, offline, as JSON',
      command:
        '<%= config.bin %> <%= command.id %> example-nimbus/nimbus-mesh --snapshot fixtures/demo/snapshot.json --since 2025-01-01 --until 2026-01-01 --entities fixtures/demo/entities --affiliations fixtures/demo/affiliations.txt --json',
    },
    {
      description: 'From a local clone',
      command:
        '<%= config.bin %> <%= command.id %> etcd-io/etcd --git ./etcd --affiliations developers_affiliations1.txt --companies companies.yaml',
    },
    {
      description:
        'Who to ask: the unattributed authors whose evidence would raise coverage most, with an affiliations.yaml to fill in',
      command: '<%= config.bin %> <%= command.id %> expressjs/express --git ./express --wanted',
    },
    {
      description: 'With the CNCF gitdm files cached by `stewards affiliations update`',
      command: '<%= config.bin %> <%= command.id %> etcd-io/etcd --affiliations cncf-gitdm',
    },
    {
      description: 'From recorded files, gitdm evidence only',
      command:
        '<%= config.bin %> <%= command.id %> prometheus/prometheus --commits commits.json --governance governance/ --affiliations gitdm.txt --sources gitdm --json',
    },
  ]
  static override args = {
    repo: Args.string({description: 'OWNER/REPO (or github.com/OWNER/REPO) of the project', required: true}),
  }
  static override flags = {
    since: Flags.string({
      description:
        'Window start on commit author dates, UTC, inclusive: a day or an ISO 8601 timestamp (default: 12 months before --until; with --commits, the day of the first commit)',
      helpValue: 'YYYY-MM-DD',
    }),
    until: Flags.string({
      description:
        "Window end, exclusive (default: today's UTC midnight; with --commits, the day after the last commit)",
      helpValue: 'YYYY-MM-DD',
    }),
    'as-of': Flags.string({
      description: 'Day at which role holders are attributed (default: the last day of the window)',
      helpValue: 'YYYY-MM-DD',
    }),
    token: Flags.string({
      description:
        'GitHub token for the first --github-api-url host, else github.com (default: GITHUB_TOKEN, then GH_TOKEN; GH_ENTERPRISE_TOKEN for an Enterprise Server; none = anonymous, slow); sent only over https; never printed',
      helpValue: 'TOKEN',
    }),
    'github-api-url': Flags.string({
      description:
        'GitHub Enterprise Server API, https://HOST/api/v3 (repositories on HOST; github.com ones still come from github.com), or another URL standing for api.github.com. One per host, repeatable.',
      helpValue: 'URL',
      multiple: true,
    }),
    'only-host': Flags.boolean({
      description: 'Collect only from the --github-api-url hosts; a repository on github.com is reported unavailable',
    }),
    'max-commits': Flags.integer({
      description: 'Commits listed at most (default 50000); over it the collection is partial and says what was cut',
      min: 1,
      helpValue: 'N',
    }),
    'cache-dir': Flags.string({description: 'Cache directory (default: $XDG_CACHE_HOME/stewards)', helpValue: 'DIR'}),
    'max-age': Flags.string({
      description: 'Serve cache entries younger than this without asking (default 24h)',
      helpValue: 'DURATION',
    }),
    offline: Flags.boolean({description: 'Use only the cache; report what is missing'}),
    snapshot: Flags.string({
      description: 'Replay a cache bundle or a recorded collect --json instead of the network',
      helpValue: 'FILE',
    }),
    git: Flags.string({description: 'Collect from this local clone instead of GitHub', helpValue: 'DIR'}),
    'on-rate-limit': Flags.string({
      description: 'When the GitHub rate limit is reached: wait for the reset, or stop with partial results',
      options: ['wait', 'stop'],
      default: 'wait',
    }),
    commits: Flags.string({
      description:
        'Read commit records from this file instead of collecting (JSON array: sha, author{name,email,date}, committer, login)',
      helpValue: 'FILE',
    }),
    governance: Flags.string({
      description: 'With --commits: directory holding the governance files as laid out in the repository',
      helpValue: 'DIR',
      dependsOn: ['commits'],
    }),
    affiliations: Flags.string({
      description:
        'cncf/gitdm developers_affiliations file, in gitdm order, or cncf-gitdm for the CNCF files `stewards affiliations update` cached. Repeatable.',
      multiple: true,
      helpValue: 'FILE',
    }),
    companies: Flags.string({description: 'cncf/gitdm companies.yaml (acquisition renames)', helpValue: 'FILE'}),
    overrides: Flags.string({
      description: 'Your affiliations.yaml: login or email → organisation, with dates',
      helpValue: 'FILE',
    }),
    sources: Flags.string({
      description: `Evidence sources to use, comma-separated (default all: ${sources.map((s) => s.id).join(', ')})`,
      helpValue: 'IDS',
    }),
    bot: Flags.string({
      description: 'A further bot account (login, email or author name). Repeatable.',
      multiple: true,
      helpValue: 'NAME',
    }),
    ...attributionFlags,
    ...entityFlags,
    wanted: Flags.boolean({
      description:
        'Only the unattributed authors whose evidence would raise coverage most, with their commits and a ready-to-fill affiliations.yaml (--overrides) snippet',
    }),
    'wanted-people': Flags.integer({
      description: `How many people --wanted lists (default ${WANTED_PEOPLE})`,
      min: 1,
      max: 1000,
      helpValue: 'N',
      dependsOn: ['wanted'],
    }),
    json: Flags.boolean({description: 'Print the people report as JSON'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(People)
    checkFlagCombinations(flags)
    const asOf = flags['as-of']
    if (asOf !== undefined && !isCalendarDate(asOf))
      throw usageError('bad-date', `--as-of '${asOf}' is not a date YYYY-MM-DD`)
    // Evidence and organisation data first: a bad file should fail before any network work.
    const useEntities = flags.shipped || (flags.entities?.length ?? 0) > 0
    const entities = useEntities ? await loadEntities(flags.entities ?? [], {shipped: flags.shipped}) : undefined
    const evidence = await resolveAffiliations(flags.affiliations, flags.companies, {
      cacheDir: flags['cache-dir'],
      snapshot: flags.snapshot,
      githubApiUrl: flags['github-api-url'],
      ...(await resolveAuth(flags.token, flags['github-api-url'], {offline: flags.offline || Boolean(flags.snapshot)})),
    })
    const context = await loadAttributionContext({
      affiliations: evidence.affiliations,
      companies: evidence.companies,
      overrides: flags.overrides,
      botFiles: flags.bots,
      staleAfterYears: flags['stale-after'],
      entities,
      sources: flags.sources
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      bots: flags.bot,
    })
    const input = flags.commits
      ? await fromFiles(args.repo, flags.commits, flags)
      : await this.collect(args.repo, flags)
    const {project} = input
    const parsed = governanceOf(project)
    const attributed = attributeProject(project, toRoleHolders(parsed.roles), context, asOf)
    const report = buildPeopleReport(
      attributed,
      project,
      flags.wanted ? {wanted: flags['wanted-people'] ?? WANTED_PEOPLE} : {},
    )

    const warnings = [
      ...context.problems.map(describeProblem),
      ...input.warnings,
      ...parsed.problems.map(describeProblem),
    ]
    for (const warning of warnings) this.logToStderr(`warning: ${warning}`)
    if (project.status === 'unavailable' && !input.incomplete)
      this.logToStderr(`stewards: ${aboutProject(project)}; nobody to show`)
    else if (parsed.maintainers.holders.length === 0 && !project.missing?.includes('governance'))
      this.logToStderr(`stewards: ${maintainersUnknown(project.repo, parsed)}`)
    // A governance file that could not be read completely leaves the role holders incomplete.
    const unread = parsed.problems.some((p) => p.unread)
    if (flags.json) this.log(JSON.stringify(report, null, 2))
    else if (flags.wanted) this.write(wantedText(report))
    else this.write(formatPeopleText(report))
    if (input.incomplete || unread) {
      this.logToStderr(
        `stewards: the collection of ${project.repo} is incomplete (see the warnings); the people shown are from what was collected`,
      )
      this.exit(ExitCode.incomplete)
    }
  }

  /** One repository through `collectProjects`, with the flags of `stewards collect`. */
  private async collect(input: string, flags: CollectFlags): Promise<ProjectInput> {
    const offline = flags.offline || Boolean(flags.snapshot) || Boolean(flags.git?.length)
    const tokens = await resolveAuth(flags.token, flags['github-api-url'], {offline})
    const apiUrl = checkApiUrl(flags['github-api-url'], tokens)
    const ref = parseRepo(input, hostsFor(apiUrl))
    if ('error' in ref)
      throw usageError('bad-repo', ref.error, 'repository names are OWNER/REPO with GitHub naming rules')
    const window = resolveWindow(flags.since, flags.until)
    const options: CollectOptions = {
      since: window.since,
      until: window.until,
      ...tokens,
      apiUrl,
      onlyHost: flags['only-host'],
      maxCommits: flags['max-commits'],
      cacheDir: flags['cache-dir'],
      maxAge: flags['max-age'] ? parseDuration(flags['max-age'], '--max-age') : undefined,
      offline: flags.offline,
      onRateLimit: flags['on-rate-limit'] as 'wait' | 'stop',
      // A long wait is announced even without a terminal: CI logs must say why nothing happens.
      onProgress: (event) => {
        const notice = collectNotice(event)
        if (notice) showNotice(process.stderr, notice, 'stewards: ')
      },
    }
    if (flags.snapshot) Object.assign(options, {source: 'snapshot', snapshot: flags.snapshot})
    if (flags.git) Object.assign(options, {source: 'git', gitDirs: {[ref.key]: flags.git}})
    const run = await collectProjects([ref.key], options)
    const project = run.projects[0] ?? {
      repo: ref.key,
      source: options.source ?? 'github',
      status: 'unavailable',
      reason: 'not collected',
      window,
      commits: [],
      governance: [],
      profiles: {},
    }
    return {project, warnings: run.problems, incomplete: run.incomplete}
  }
}

type CollectFlags = {
  since?: string
  until?: string
  token?: string
  'github-api-url'?: string[]
  'only-host'?: boolean
  'max-commits'?: number
  'cache-dir'?: string
  'max-age'?: string
  offline?: boolean
  snapshot?: string
  git?: string
  'on-rate-limit'?: string
}

/** Flags that make stewards collect the repository itself. */
const COLLECTING = ['token', 'github-api-url', 'cache-dir', 'max-age', 'offline', 'snapshot', 'git'] as const

// Checked here rather than with oclif's `exclusive`, which garbles the usage line.
function checkFlagCombinations(flags: CollectFlags & {commits?: string}): void {
  const given = COLLECTING.filter((name) => flags[name] !== undefined && flags[name] !== false)
  if (flags.commits && given.length)
    throw usageError('bad-flags', `--${given[0]} collects the repository: it cannot be used with --commits FILE`)
  if (flags.snapshot && flags.git)
    throw usageError('bad-flags', '--snapshot and --git are two different sources: give one')
}

/** Recorded commits (and governance files): no network; the window defaults to the days the commits span. */
async function fromFiles(
  input: string,
  commitsFile: string,
  flags: {since?: string; until?: string; governance?: string},
): Promise<ProjectInput> {
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
  return {project, warnings: read.problems.map(describeProblem), incomplete: false}
}

/** Unknown is never zero: say where stewards looked, or which teams stand for the maintainers. */
function maintainersUnknown(repo: string, governance: ReturnType<typeof governanceOf>): string {
  if (governance.maintainers.teams?.length)
    return `the maintainers of ${repo} are the team(s) ${governance.maintainers.teams.map((t) => `@${t}`).join(', ')}, whose members are not visible with this token`
  return `no maintainers found for ${repo} (unknown, not zero); looked in: ${governance.searched.map((s) => `${s.place} ${s.repo}`).join(', ')}`
}

/** Collection reasons usually start with the repository already. */
function aboutProject(project: CollectedProject): string {
  const reason = project.reason ?? `${project.status}`
  return reason.startsWith(project.repo) ? reason : `${project.repo}: ${reason}`
}

function describeProblem(problem: {file: string; line?: number; message: string}): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`
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

/** `--wanted` as text: the project's coverage, then who would change it and the snippet to fill in. */
function wantedText(report: ReturnType<typeof buildPeopleReport>): string {
  const [summary] = formatPeopleText({...report, people: [], bots: {}}).split('\n')
  const body = report.wanted ? formatWanted(report.wanted) : ['No evidence wanted: every human commit is attributed.']
  return `${[summary, '', ...body].join('\n')}\n`
}
