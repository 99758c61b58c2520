import {Args, Flags} from '@oclif/core'
import {collectFlags} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {configFlags} from '../pipeline/config.js'
import {chosenFormat, formatFlags} from '../core/output-format.js'
import {collectRepos, collectSummaryLines} from '../pipeline/collect.js'

export default class Collect extends BaseCommand {
  static override summary = 'Collect commits, governance files and profiles of repositories, as raw JSON'
  static override description =
    `Fetches, per repository: facts (archived, fork, default branch, license), the non-merge commits of the default branch whose author date is in the window, the governance files (OWNERS, MAINTAINERS, CODEOWNERS, SECURITY...) and the profiles and public organisations of the people involved. The JSON (--format json) can be inspected and replayed (--snapshot). Settings come from flags, then from .stewards.yaml (--config, else the working directory): the collecting keys (since, until, cacheDir, maxAge, offline, snapshot, githubApiUrl, onRateLimit, concurrency); flags win. Exit 2 when something could not be collected (rate limit, timeout, network error, offline cache miss): each project lists the parts not read in "missing". Repositories that do not exist (404, 451, private) are reported as unavailable.`
  static override examples = [
    '<%= config.bin %> collect karmada-io/karmada --since 2024-01-01 --until 2025-01-01 --format json',
    '<%= config.bin %> collect github.com/etcd-io/etcd --git ./etcd --format json',
    '<%= config.bin %> collect prometheus/prometheus --offline --cache-dir ./cache',
  ]
  static override strict = false
  static override args = {
    repos: Args.string({description: 'OWNER/REPO or github.com/OWNER/REPO (several allowed)', required: true}),
  }
  static override flags = {
    ...configFlags,
    ...formatFlags('the collected data (json is the replayable form)'),
    ...collectFlags,
    git: Flags.string({
      description:
        'local clone for a repository: DIR (paired with the repositories in order) or OWNER/REPO=DIR; repeatable',
      multiple: true,
      helpValue: 'DIR',
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Collect)
    const format = chosenFormat(flags)
    const {window, run, exitCode} = await collectRepos(argv as string[], flags, {
      // Progress on a TTY only; a rate-limit wait is announced everywhere (a silent hour in CI looks like a hang).
      onNotice: (message) => this.logToStderr(message),
      onProgress: process.stderr.isTTY ? (message) => this.logToStderr(message) : undefined,
    })
    if (format === 'json') this.log(JSON.stringify({window, ...run}, null, 2))
    else for (const line of collectSummaryLines(run)) this.log(line)
    for (const problem of run.problems) this.logToStderr(`warning: ${problem}`)
    // BaseCommand.catch drains stdout before the process ends, so a pipe reader gets the whole JSON.
    if (exitCode !== 0) this.exit(exitCode)
  }
}
