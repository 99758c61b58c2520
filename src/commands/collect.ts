import {Args, Flags} from '@oclif/core'
import {collectFlags, NETWORK_HELP, showNotice} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {configFlags} from '../pipeline/config.js'
import {chosenFormat, formatFlags} from '../core/output-format.js'
import {collectRepos, collectSummaryLines} from '../pipeline/collect.js'

export default class Collect extends BaseCommand {
  static override summary = 'Collect commits, governance files and profiles of repositories, as raw JSON'
  static override description =
    `Fetches, per repository: facts (archived, fork, default branch, license), the non-merge commits of the default branch whose author date is in the window, the governance files where projects keep them (OWNERS, MAINTAINERS, CODEOWNERS, README and GOVERNANCE.md lists, VitePress team pages, SECURITY... in the repository; a repository its MAINTAINERS file points to; the organisation's community, governance and .github repositories; the CNCF maintainers list), each with where it was found and its revision, the places searched ("searched"), and the profiles and public organisations of the people involved. The JSON (--format json) can be inspected and replayed (--snapshot). Settings come from flags, then from .stewards.yaml (--config, else the working directory): the collecting keys (since, until, cacheDir, maxAge, profileMaxAge, offline, snapshot, githubApiUrl, onlyHost, maxCommits, onRateLimit, concurrency); flags win. Exit 2 when something could not be collected (rate limit, timeout, network error, offline cache miss): each project lists the parts not read in "missing". Repositories that do not exist (404, 451, private) are reported as unavailable, as are repositories on a host not collected (another forge, an Enterprise Server not given, github.com under --only-host), with the reason.

GitHub's accidents (5xx, resets, cut answers, timeouts, secondary limits and abuse detection, 202) are waited out and asked again, within 30 minutes of waiting per run; each wait of a second or more is a line on stderr (the live status line on a terminal). The cache keeps only the fields stewards reads, each entry with a checksum: a damaged entry is fetched again (offline: reported missing).

At organisation scale: --repos FILE or --from REPORT.json lists the repositories, --shard I/N keeps this worker's share (a stable hash of each repository), and the collected data goes to a shared Redis store (--cache-url) or a bundle (--bundle) that \`stewards cache merge\` joins. See docs/scale.md.

${NETWORK_HELP}`
  static override examples = [
    '<%= config.bin %> collect karmada-io/karmada --since 2024-01-01 --until 2025-01-01 --format json',
    '<%= config.bin %> collect github.com/etcd-io/etcd --git ./etcd --format json',
    '<%= config.bin %> collect prometheus/prometheus --offline --cache-dir ./cache',
    '<%= config.bin %> collect --repos repos.txt --shard 2/8 --cache-url redis://cache.internal:6379/0',
    '<%= config.bin %> collect --from report.json --shard 0/4 --bundle shard-0.bundle',
    '<%= config.bin %> collect ghe.example.com/platform/api github.com/etcd-io/etcd --github-api-url https://ghe.example.com/api/v3',
  ]
  static override strict = false
  static override args = {
    repos: Args.string({
      description:
        'OWNER/REPO or github.com/OWNER/REPO, or HOST/OWNER/REPO on an Enterprise Server given with --github-api-url (several allowed)',
    }),
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
    from: Flags.string({
      description: 'Collect the projects of a saved scan report (scan --format json), besides those named',
      helpValue: 'REPORT.json',
    }),
    repos: Flags.string({
      description: 'Collect the repositories listed in FILE (one a line, # comments), besides those named',
      helpValue: 'FILE',
    }),
    shard: Flags.string({
      description:
        'Collect only shard I of N (0-based; a stable hash of each repository), so N workers share the list: --shard $JOB_COMPLETION_INDEX/N',
      helpValue: 'I/N',
    }),
    bundle: Flags.string({
      description:
        'Also write every cache entry this run read or wrote as a bundle (for `cache merge`, `cache import`, --snapshot)',
      helpValue: 'FILE',
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Collect)
    const format = chosenFormat(flags)
    const {window, run, exitCode, warnings, next} = await collectRepos(argv as string[], flags, {
      onBundle: (file, entries) => this.logToStderr(`wrote ${entries} cache entries to ${file}`),
      // Progress on a TTY only; waits, rate limits and notices everywhere (a silent hour in CI looks like a hang):
      // a wait is the terminal's live status line, a line of its own in a log.
      onNotice: (notice) => showNotice(process.stderr, notice),
      onProgress: process.stderr.isTTY ? (text) => showNotice(process.stderr, {text, live: false}) : undefined,
    })
    // JSON.stringify's bytes in chunks: a large collection is never one string (core/json-stream.ts).
    if (format === 'json') await this.writeJson({window, ...run})
    else for (const line of collectSummaryLines(run)) this.log(line)
    for (const problem of warnings) this.logToStderr(`warning: ${problem}`)
    if (next) this.logToStderr(`stewards: ${next}`)
    // BaseCommand.catch drains stdout before the process ends, so a pipe reader gets the whole JSON.
    if (exitCode !== 0) this.exit(exitCode)
  }
}
