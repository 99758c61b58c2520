import {Args, Flags} from '@oclif/core'
import {collectNotice, collectProjects, NETWORK_HELP, parseRepo, resolveAuth, showNotice} from '../collect/index.js'
import {parseDuration} from '../core/duration.js'
import type {CollectOptions} from '../collect/index.js'
import {cacheUrlFlag} from '../core/cache/flags.js'
import {openCacheStore} from '../core/cache/open.js'
import {RecordingStore} from '../core/cache/recording.js'
import {safeOutput} from '../core/neutralise.js'
import {inShard, parseShard} from '../core/shard.js'
import {checkWriteTarget, writeFileAtomic} from '../core/write-file.js'
import {collectTargets} from '../pipeline/targets.js'
import {BaseCommand} from '../core/command.js'
import {ExitCode, usageError} from '../core/errors.js'
import {resolveWindow} from '../core/window.js'
import {checkApiUrl, hostsFor, pairGitDirs} from '../collect/index.js'

export default class Collect extends BaseCommand {
  static override summary = 'Collect commits, governance files and profiles of repositories, as raw JSON'
  static override description =
    `Fetches, per repository: facts (archived, fork, default branch, license), the non-merge commits of the default branch whose author date is in the window, the governance files where projects keep them (OWNERS, MAINTAINERS, CODEOWNERS, README and GOVERNANCE.md lists, SECURITY... in the repository; a repository its MAINTAINERS file points to; the organisation's community, governance and .github repositories; the CNCF maintainers list), each with where it was found and its revision, the places searched ("searched"), and the profiles and public organisations of the people involved. The JSON can be inspected and replayed (--snapshot). Exit 2 when something could not be collected (rate limit, timeout, network error, offline cache miss): each project lists the parts not read in "missing". Repositories that do not exist (404, 451, private) are reported as unavailable, as are repositories on a host not collected (another forge, an Enterprise Server not given, github.com under --only-host), with the reason.

GitHub's accidents (5xx, resets, cut answers, timeouts, secondary limits and abuse detection, 202) are waited out and asked again, within 30 minutes of waiting per run; each wait of a second or more is a line on stderr (the live status line on a terminal). The cache keeps only the fields stewards reads, each entry with a checksum: a damaged entry is fetched again (offline: reported missing).

At organisation scale: --repos FILE or --from REPORT.json lists the repositories, --shard I/N keeps this worker's share (a stable hash of each repository), and the collected data goes to a shared Redis store (--cache-url) or a bundle (--bundle) that \`stewards cache merge\` joins. See docs/scale.md.

${NETWORK_HELP}`
  static override examples = [
    '<%= config.bin %> collect karmada-io/karmada --since 2024-01-01 --until 2025-01-01 --json',
    '<%= config.bin %> collect github.com/etcd-io/etcd --git ./etcd --json',
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
    json: Flags.boolean({description: 'Print the collected data as JSON (the replayable form)'}),
    since: Flags.string({
      description: 'Window start, inclusive (default: 12 months before --until)',
      helpValue: 'YYYY-MM-DD',
    }),
    until: Flags.string({
      description: "Window end, exclusive (default: today's UTC midnight)",
      helpValue: 'YYYY-MM-DD',
    }),
    token: Flags.string({
      description:
        'GitHub token for the first --github-api-url host, else github.com (default: GITHUB_TOKEN, then GH_TOKEN; GH_ENTERPRISE_TOKEN for an Enterprise Server; none = anonymous, slow); sent only over https',
      helpValue: 'TOKEN',
    }),
    'github-api-url': Flags.string({
      description:
        'GitHub Enterprise Server API, https://HOST/api/v3 (repositories on HOST; github.com ones still come from github.com), or another URL standing for api.github.com. One per host, repeatable.',
      helpValue: 'URL',
      multiple: true,
    }),
    'only-host': Flags.boolean({
      description: 'Collect only from the --github-api-url hosts; repositories on github.com are reported unavailable',
    }),
    'max-commits': Flags.integer({
      description:
        'Commits listed per repository at most (default 50000); one over it is partial and says what was cut',
      min: 1,
      helpValue: 'N',
    }),
    'cache-dir': Flags.string({description: 'Cache directory (default: $XDG_CACHE_HOME/stewards)', helpValue: 'DIR'}),
    'cache-url': cacheUrlFlag,
    'max-age': Flags.string({
      description: 'Serve cache entries younger than this without asking (default 24h)',
      helpValue: 'DURATION',
    }),
    offline: Flags.boolean({description: 'Use only the cache; report what is missing'}),
    git: Flags.string({
      description:
        'Local clone for a repository: DIR (paired with the repositories in order) or OWNER/REPO=DIR. Repeatable.',
      multiple: true,
      helpValue: 'DIR',
    }),
    snapshot: Flags.string({
      description: 'Replay a cache bundle or a recorded collect --json instead of the network',
      helpValue: 'FILE',
    }),
    'on-rate-limit': Flags.string({
      description: 'When the GitHub rate limit is reached: wait for the reset, or stop with partial results',
      options: ['wait', 'stop'],
      default: 'wait',
    }),
    concurrency: Flags.integer({description: 'Repositories collected at once', min: 1, max: 64, default: 4}),
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
    const shard = flags.shard ? parseShard(flags.shard) : undefined
    if (flags.bundle) checkWriteTarget(flags.bundle, {what: 'collect --bundle'})
    const inputs = await collectTargets({args: argv as string[], from: flags.from, reposFile: flags.repos})
    const keys = inputs.map((input) => {
      const ref = parseRepo(input, hostsFor(flags['github-api-url']))
      if ('error' in ref)
        throw usageError('bad-repo', ref.error, 'repository names are OWNER/REPO with GitHub naming rules')
      return ref.key
    })
    const repos = shard ? keys.filter((key) => inShard(key, shard)) : keys
    const window = resolveWindow(flags.since, flags.until)
    const offline = flags.offline || Boolean(flags.snapshot) || Boolean(flags.git?.length)
    const tokens = await resolveAuth(flags.token, flags['github-api-url'], {offline})
    const maxAge = flags['max-age'] ? parseDuration(flags['max-age'], '--max-age') : undefined
    const notice = (message: string) => showNotice(process.stderr, {text: message, live: false})
    const opened =
      flags['cache-url'] || flags.bundle
        ? openCacheStore({
            cacheDir: flags['cache-dir'],
            cacheUrl: flags['cache-url'],
            maxAgeMs: maxAge,
            onUnusable: notice,
          })
        : undefined
    const cache = opened && flags.bundle ? new RecordingStore(opened) : opened
    const options: CollectOptions = {
      since: window.since,
      until: window.until,
      ...tokens,
      apiUrl: checkApiUrl(flags['github-api-url'], tokens),
      onlyHost: flags['only-host'],
      maxCommits: flags['max-commits'],
      cacheDir: flags['cache-dir'],
      cache,
      maxAge,
      offline: flags.offline,
      onRateLimit: flags['on-rate-limit'] as 'wait' | 'stop',
      concurrency: flags.concurrency,
      onProgress: (event) => this.progress(event),
    }
    if (flags.snapshot) Object.assign(options, {source: 'snapshot', snapshot: flags.snapshot})
    if (flags.git?.length) Object.assign(options, {source: 'git', gitDirs: pairGitDirs(repos, flags.git)})
    const run = await collectProjects(repos, options).finally(() => cache?.close?.())
    if (flags.bundle && cache instanceof RecordingStore) {
      const bundle = cache.bundle()
      await writeFileAtomic(flags.bundle, safeOutput(`${JSON.stringify(bundle)}\n`), {what: 'collect --bundle'})
      this.logToStderr(`wrote ${bundle.entries.length} cache entries to ${flags.bundle}`)
    }
    if (flags.json) this.log(JSON.stringify({window, ...run}, null, 2))
    else
      for (const p of run.projects)
        this.log(
          `${p.repo}\t${p.status}\t${p.commits.length} commits\t${p.governance.length} files\t${Object.keys(p.profiles).length} profiles${p.missing?.length ? `\tmissing: ${p.missing.join(', ')}` : ''}${p.reason ? `\t${p.reason}` : ''}`,
        )
    for (const problem of run.problems) this.logToStderr(`warning: ${problem}`)
    // BaseCommand.catch drains stdout before the process ends, so a pipe reader gets the whole JSON.
    if (run.incomplete) this.exit(ExitCode.incomplete)
  }

  /**
   * Progress on a TTY only; waits, rate limits and notices everywhere (a silent hour in CI looks like a hang):
   * a wait is the terminal's live status line, a line of its own in a log.
   */
  private progress(event: Parameters<NonNullable<CollectOptions['onProgress']>>[0]): void {
    const notice = collectNotice(event)
    if (notice) showNotice(process.stderr, notice)
    else if (event.type === 'project-done' && process.stderr.isTTY)
      showNotice(process.stderr, {text: `collected ${event.repo} (${event.status})`, live: false})
  }
}
