import {Args, Flags} from '@oclif/core'
import {attributionFlags, formatPeopleText, sources, WANTED_PEOPLE} from '../attribute/index.js'
import {collectFlags, NETWORK_HELP, showNotice} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {configFlags} from '../pipeline/config.js'
import {chosenFormat, formatFlags} from '../core/output-format.js'
import {entityFlags} from '../entities/index.js'
import {peopleJson, runPeople, wantedText} from '../pipeline/people.js'

export default class People extends BaseCommand {
  static override summary = "Show each person's organisation at each commit, with the evidence"
  static override description =
    `Collects the repository (from GitHub, the cache, a --snapshot or a local --git clone, as \`stewards collect\` does) and attributes the authors of its commits in the window and the people its governance files name (OWNERS, MAINTAINERS, CODEOWNERS, README and GOVERNANCE.md role lists, VitePress team pages, SECURITY_CONTACTS; a repository its MAINTAINERS file points to, the organisation's community repositories, the CNCF maintainers list) to organisations, from explicit evidence only: your overrides, gitdm affiliation files, commit email domains and the organisation data, affiliations declared in governance files (as of each file's revision), GitHub profiles and public organisations. Commits are grouped into periods of one organisation and one deciding claim; every attribution names its source and citation. Unknown stays unknown: when no governance file names the maintainers, stderr says where stewards looked. A repository that could not be collected at all prints only \`REPO: not collected (reason)\`; with --format json its summary is null (unknown, not 0) and notCollected says why.

With --commits (and --governance) the records are read from files instead, without any network; the window then defaults to the days the commits span (--since: the day of the first commit; --until: the day after the last).

Settings come from flags, then from .stewards.yaml (--config, else the working directory): the collecting keys and affiliations, companies, overrides, entities; flags win.

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
        '<%= config.bin %> <%= command.id %> example-nimbus/nimbus-mesh --snapshot fixtures/demo/snapshot.json --since 2025-01-01 --until 2026-01-01 --entities fixtures/demo/entities --affiliations fixtures/demo/affiliations.txt --format json',
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
        '<%= config.bin %> <%= command.id %> prometheus/prometheus --commits commits.json --governance governance/ --affiliations gitdm.txt --sources gitdm --format json',
    },
  ]
  static override args = {
    repo: Args.string({description: 'OWNER/REPO (or github.com/OWNER/REPO) of the project', required: true}),
  }
  static override flags = {
    ...configFlags,
    ...formatFlags('the people report'),
    ...collectFlags,
    'as-of': Flags.string({
      description: 'day at which role holders are attributed (default: the last day of the window)',
      helpValue: 'YYYY-MM-DD',
    }),
    git: Flags.string({description: 'collect from this local clone instead of GitHub', helpValue: 'DIR'}),
    commits: Flags.string({
      description:
        'read commit records from this file instead of collecting (JSON array: sha, author{name,email,date}, committer, login)',
      helpValue: 'FILE',
    }),
    governance: Flags.string({
      description: 'with --commits: directory holding the governance files as laid out in the repository',
      helpValue: 'DIR',
      dependsOn: ['commits'],
    }),
    sources: Flags.string({
      description: `evidence sources to use, comma-separated (default all: ${sources.map((s) => s.id).join(', ')})`,
      helpValue: 'IDS',
    }),
    bot: Flags.string({
      description: 'a further bot account (login, email or author name); repeatable',
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
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(People)
    const format = chosenFormat(flags)
    const run = await runPeople(args.repo, flags, {
      // A long wait is announced even without a terminal: CI logs must say why nothing happens.
      onNotice: (notice) => showNotice(process.stderr, notice, 'stewards: '),
    })
    for (const warning of run.warnings) this.logToStderr(`warning: ${warning}`)
    if (run.unavailable) this.logToStderr(`stewards: ${run.unavailable}; nobody to show`)
    else if (run.maintainersUnknown) this.logToStderr(`stewards: ${run.maintainersUnknown}`)
    if (run.next) this.logToStderr(`stewards: ${run.next}`)
    if (format === 'json') this.log(JSON.stringify(peopleJson(run), null, 2))
    // Nothing was read: no figures (they would all be 0), only what was not collected and why.
    else if (run.notCollected) this.log(run.notCollected)
    else if (flags.wanted) this.write(wantedText(run.report))
    else this.write(formatPeopleText(run.report))
    if (run.exitCode !== 0 && run.notCollected) this.exit(run.exitCode)
    if (run.exitCode !== 0) {
      this.logToStderr(
        `stewards: the collection of ${run.report.repo} is incomplete (see the warnings); the people shown are from what was collected`,
      )
      this.exit(run.exitCode)
    }
  }
}
