import {Args, Flags} from '@oclif/core'
import {attributeProject, loadAttributionContext} from '../attribute/index.js'
import {entityFlags} from '../attribute/entities/flags.js'
import {loadEntities} from '../attribute/entities/load.js'
import {readCommitsFile} from '../attribute/offline-input.js'
import {buildPeopleReport, formatPeopleText} from '../attribute/people.js'
import {sources} from '../attribute/registry.js'
import {isCalendarDate} from '../attribute/sources/gitdm/parse.js'
import {parseGovernanceFiles, readGovernanceDir, toRoleHolders} from '../collect/governance/index.js'
import {parseRepo} from '../collect/repo-name.js'
import {BaseCommand} from '../core/command.js'
import {usageError} from '../core/errors.js'
import type {CollectedProject, CommitRecord, GovernanceFile, Window} from '../core/model.js'

export default class People extends BaseCommand {
  static override summary = "Show each person's organisation at each commit, with the evidence"
  static override description = `Attributes the authors of a project's commits and the people its governance files name
(OWNERS, MAINTAINERS, CODEOWNERS, README role lists, SECURITY_CONTACTS) to organisations, from explicit
evidence only: your overrides, gitdm affiliation files, commit email domains and the organisation data,
declared affiliations in governance files. Commits are grouped into periods of one organisation and one
deciding claim; every attribution names its source and citation (file:line). Unknown stays unknown.`
  static override examples = [
    '<%= config.bin %> people karmada-io/karmada --commits commits.json --governance governance/ --affiliations developers_affiliations1.txt --companies companies.yaml',
    '<%= config.bin %> people prometheus/prometheus --commits commits.json --affiliations gitdm.txt --sources gitdm --json',
  ]
  static override args = {
    repo: Args.string({description: 'OWNER/REPO of the project', required: true}),
  }
  static override flags = {
    commits: Flags.string({description: 'Commit records (JSON array: sha, author{name,email,date}, committer, login)', required: true, helpValue: 'FILE'}),
    governance: Flags.string({description: 'Directory holding the governance files as laid out in the repository', helpValue: 'DIR'}),
    affiliations: Flags.string({description: 'cncf/gitdm developers_affiliations file, in gitdm order. Repeatable.', multiple: true, helpValue: 'FILE'}),
    companies: Flags.string({description: 'cncf/gitdm companies.yaml (acquisition renames)', helpValue: 'FILE'}),
    overrides: Flags.string({description: 'Your affiliations.yaml: login or email → organisation, with dates', helpValue: 'FILE'}),
    sources: Flags.string({
      description: `Evidence sources to use, comma-separated (default all: ${sources.map((s) => s.id).join(', ')})`,
      helpValue: 'IDS',
    }),
    bot: Flags.string({description: 'A further bot account (login, email or author name). Repeatable.', multiple: true, helpValue: 'NAME'}),
    since: Flags.string({description: 'Only commits authored on or after this UTC day', helpValue: 'YYYY-MM-DD'}),
    until: Flags.string({description: 'Only commits authored before this UTC day (exclusive)', helpValue: 'YYYY-MM-DD'}),
    'as-of': Flags.string({description: 'Day at which role holders are attributed (default: the last day of the window)', helpValue: 'YYYY-MM-DD'}),
    ...entityFlags,
    json: Flags.boolean({description: 'Print the people report as JSON'}),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(People)
    const repo = parseRepo(args.repo)
    if ('error' in repo) throw usageError('bad-repo', repo.error)
    for (const [flag, value] of [['--since', flags.since], ['--until', flags.until], ['--as-of', flags['as-of']]] as const) {
      if (value !== undefined && !isCalendarDate(value)) throw usageError('bad-date', `${flag} '${value}' is not a date YYYY-MM-DD`)
    }
    const useEntities = flags.shipped || (flags.entities?.length ?? 0) > 0
    const entities = useEntities ? await loadEntities(flags.entities ?? [], {shipped: flags.shipped}) : undefined
    const context = await loadAttributionContext({
      affiliations: flags.affiliations,
      companies: flags.companies,
      overrides: flags.overrides,
      entities,
      sources: flags.sources?.split(',').map((s) => s.trim()).filter(Boolean),
      bots: flags.bot,
    })
    const read = await readCommitsFile(flags.commits)
    const governance: GovernanceFile[] = flags.governance ? await readGovernanceDir(flags.governance) : []
    const parsed = parseGovernanceFiles(governance)
    const window = windowOf(read.commits, flags.since, flags.until)
    const project: CollectedProject = {
      repo: `${repo.owner}/${repo.name}`,
      source: 'snapshot',
      status: 'ok',
      window,
      commits: read.commits.filter((c) => inWindow(c, window)),
      governance,
      profiles: {},
    }
    const attributed = attributeProject(project, toRoleHolders(parsed.roles), context, flags['as-of'])
    const report = buildPeopleReport(attributed)
    for (const p of [...context.problems, ...read.problems, ...parsed.problems]) {
      this.logToStderr(`warning: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)
    }
    if (flags.json) this.log(JSON.stringify(report, null, 2))
    else process.stdout.write(formatPeopleText(report))
  }
}

const DAY = 86_400_000

/** Given days, or the UTC days spanned by the commits (until = the day after the last commit). */
function windowOf(commits: CommitRecord[], since?: string, until?: string): Window {
  const times = commits.map((c) => Date.parse(c.author.date)).filter((t) => !Number.isNaN(t))
  const first = times.length ? Math.min(...times) : 0
  const last = times.length ? Math.max(...times) : 0
  const start = since ? `${since}T00:00:00.000Z` : new Date(Math.floor(first / DAY) * DAY).toISOString()
  const end = until ? `${until}T00:00:00.000Z` : new Date((Math.floor(last / DAY) + 1) * DAY).toISOString()
  if (start >= end) throw usageError('bad-window', `--since (${start.slice(0, 10)}) must be before --until (${end.slice(0, 10)})`)
  return {since: start, until: end}
}

function inWindow(commit: CommitRecord, window: Window): boolean {
  const t = Date.parse(commit.author.date)
  return t >= Date.parse(window.since) && t < Date.parse(window.until)
}
