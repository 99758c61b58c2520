import {Args, Flags} from '@oclif/core'
import {NETWORK_HELP, resolveAuth} from '../collect/index.js'
import {parseSize} from '../core/size.js'
import {checkApiUrl} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {ExitCode, usageError} from '../core/errors.js'
import {parseDuration} from '../core/duration.js'
import {type ScanConfig, loadScanConfig} from '../pipeline/config.js'
import {deliver} from '../pipeline/deliver.js'
import {cacheUrlFlag} from '../core/cache/flags.js'
import {judgingFlags, judgingFrom} from '../pipeline/flags.js'
import {progressReporter} from '../pipeline/progress.js'
import {runScan} from '../pipeline/scan.js'
import {attributionFlags} from '../attribute/index.js'
import {resolveWindow} from '../core/window.js'

export default class Scan extends BaseCommand {
  static summary = 'Scan manifests and lockfiles: who stewards every upstream project, and the governance risks.'

  static description =
    `Runs the whole pipeline: discover components in PATHs (Kubernetes manifests, Helm charts, kustomize, lockfiles, CycloneDX and SPDX SBOMs), resolve each to its upstream repository, collect commits, maintainers (from the repository, a repository it points to, the organisation's community repositories and the CNCF maintainers list; unknown, never 0, when named nowhere) and profiles (GitHub, a snapshot or the cache), attribute people to organisations from explicit evidence only, measure governance metrics and evaluate the risk rules.

A file a format reads that cannot be read completely (too large, binary, not UTF-8, a syntax error, a duplicate key, a line with a control character) is listed in the report's errors and makes the scan incomplete. A PATH that does not exist, or a named file no format reads, is a usage error. \`-\` reads standard input (--stdin-format names its format, else its content decides).

Settings come from flags, then from a .stewards.yaml (--config, else the first PATH's directory, else the working directory); flags win. A .stewards.yaml inside a scanned PATH is data from that tree: it may not set githubApiUrl, output or cacheDir, nor name files outside the PATH (exit 3; --config FILE trusts it as your own).

Credentials found in the scanned files (user:pass@ in URLs, ?token= query strings) are removed from every output; names and text from inputs and upstreams are neutralised (control and bidi characters shown escaped, no GitHub workflow commands).

Exit codes: 0 clean, 1 findings at or over --fail-on, 2 incomplete (an input could not be read or collection was cut short; outranks 1), 3 usage or configuration error, 4 internal error.

${NETWORK_HELP}`

  static examples = [
    {description: 'The bundled fictional demo, offline', command: '<%= config.bin %> <%= command.id %> fixtures/demo'},
    {
      description: 'Gate CI on high findings and write SARIF for code scanning',
      command: '<%= config.bin %> <%= command.id %> deploy/ --fail-on high --output sarif=stewards.sarif',
    },
    {
      description: 'An SBOM you already hold in, an enriched CycloneDX 1.6 SBOM out',
      command: '<%= config.bin %> <%= command.id %> sbom/app.cdx.json --output cyclonedx=app.stewards.cdx.json',
    },
    {
      description: 'Only new or worsened findings gate the build',
      command: '<%= config.bin %> <%= command.id %> . --baseline main.json --fail-on medium',
    },
    {
      description: 'Stricter rules, a custom threshold and gitdm evidence',
      command:
        '<%= config.bin %> <%= command.id %> . --rules strict --param single-org-majority.max_share=0.6 --affiliations developers_affiliations1.txt',
    },
  ]

  static args = {
    paths: Args.string({
      description: 'files or directories to scan (default: .); - for standard input',
      required: false,
    }),
  }

  static strict = false

  static flags = {
    config: Flags.string({
      description:
        'settings file (default: .stewards.yaml in the first PATH, else in the working directory); one inside a scanned PATH cannot send, write or read outside it',
    }),
    ...judgingFlags,
    since: Flags.string({description: 'window start on commit author dates, UTC (default: 12 months before --until)'}),
    until: Flags.string({description: 'window end, exclusive (default: today 00:00 UTC)'}),
    offline: Flags.boolean({
      description: 'no network: use only the cache (or --snapshot); misses make the scan incomplete',
      allowNo: true,
    }),
    snapshot: Flags.string({
      description: 'replay a cache bundle (stewards cache export) or a recorded `collect --json`',
    }),
    'cache-dir': Flags.string({description: 'cache directory (default: $XDG_CACHE_HOME/stewards)'}),
    'cache-url': cacheUrlFlag,
    'max-age': Flags.string({description: 'cache freshness before revalidation, e.g. 24h, 7d (default 24h)'}),
    token: Flags.string({
      description:
        'GitHub token for the first --github-api-url host, else github.com (else GITHUB_TOKEN or GH_TOKEN; GH_ENTERPRISE_TOKEN for an Enterprise Server); sent only over https; never printed',
    }),
    'github-api-url': Flags.string({
      description:
        'GitHub Enterprise Server API, https://HOST/api/v3 (repositories on HOST; github.com ones still come from github.com), or another URL standing for api.github.com; one per host, repeatable',
      multiple: true,
    }),
    'only-host': Flags.boolean({
      description:
        'collect only from the --github-api-url hosts: repositories on github.com are reported unavailable, with the reason',
    }),
    'max-commits': Flags.integer({
      description:
        'commits listed per project at most (default 50000); a project over it is partial and says what was cut',
      min: 1,
    }),
    'on-rate-limit': Flags.string({
      description: 'when the primary rate limit is hit: wait for the reset, or stop with partial results',
      options: ['wait', 'stop'],
    }),
    affiliations: Flags.string({
      description:
        'gitdm affiliation file, or cncf-gitdm for the CNCF files `stewards affiliations update` cached; repeatable',
      multiple: true,
    }),
    ...attributionFlags,
    companies: Flags.string({description: 'gitdm companies.yaml (acquisition renames)'}),
    overrides: Flags.string({description: 'your affiliations.yaml: login or email → organisation, with dates'}),
    entities: Flags.string({description: 'extra organisation / watch-list data directory; repeatable', multiple: true}),
    map: Flags.string({description: 'component → repository mapping file (always wins)'}),
    concurrency: Flags.integer({description: 'projects collected at once', min: 1, max: 64}),
    'include-dev': Flags.boolean({description: 'also scan development dependencies', allowNo: true}),
    'max-file-size': Flags.string({
      description:
        'larger files are not read, and make the scan incomplete (bytes, or with a unit: 512KB, 50MB; default 50MB)',
    }),
    'stdin-format': Flags.string({
      description: 'the format of `-` (standard input), e.g. npm-package-lock; default: recognised by its content',
    }),
    include: Flags.string({
      description: 'only files matching this glob (relative to a PATH or as printed); repeatable',
      multiple: true,
    }),
    exclude: Flags.string({
      description: 'skip files matching this glob (relative to a PATH or as printed); repeatable',
      multiple: true,
    }),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Scan)
    const cliPaths = (argv as string[]).filter(Boolean)
    const config = await loadScanConfig(flags.config, cliPaths)
    const setting = <K extends keyof ScanConfig>(key: K, flag: ScanConfig[K] | undefined) => flag ?? config[key]
    const many = (flag: string[] | undefined, key: 'affiliations' | 'entities' | 'include' | 'exclude') =>
      flag && flag.length > 0 ? flag : (config[key] ?? [])

    const paths = cliPaths.length > 0 ? cliPaths : (config.paths ?? ['.'])
    const window = resolveWindow(setting('since', flags.since), setting('until', flags.until))
    // Checked before the scan spends requests.
    const {rules, params, lists, delivery} = await judgingFrom(flags, config)
    const maxAge = setting('maxAge', flags['max-age'])
    const apiUrls = flags['github-api-url']?.length ? flags['github-api-url'] : listOf(config.githubApiUrl)
    // A GitHub App's installation token is made here, once (collect/app-auth.ts).
    const offline = Boolean(setting('offline', flags.offline) || setting('snapshot', flags.snapshot))
    const tokens = await resolveAuth(flags.token, apiUrls, {offline})

    const result = await runScan({
      paths,
      window,
      rules,
      params,
      maxFileSize: fileSizeLimit(setting('maxFileSize', flags['max-file-size'])),
      stdinFormat: flags['stdin-format'],
      include: many(flags.include, 'include'),
      exclude: many(flags.exclude, 'exclude'),
      includeDev: setting('includeDev', flags['include-dev']),
      offline: setting('offline', flags.offline),
      snapshot: setting('snapshot', flags.snapshot),
      cacheDir: setting('cacheDir', flags['cache-dir']),
      cacheUrl: flags['cache-url'],
      maxAge: maxAge ? parseDuration(maxAge, '--max-age') : undefined,
      ...tokens,
      githubApiUrl: checkApiUrl(apiUrls, tokens),
      onlyHost: setting('onlyHost', flags['only-host'] || undefined),
      maxCommits: setting('maxCommits', flags['max-commits']),
      onRateLimit: setting('onRateLimit', flags['on-rate-limit'] as 'wait' | 'stop' | undefined),
      concurrency: setting('concurrency', flags.concurrency),
      affiliations: many(flags.affiliations, 'affiliations'),
      companies: setting('companies', flags.companies),
      overrides: setting('overrides', flags.overrides),
      bots: flags.bots && flags.bots.length > 0 ? flags.bots : config.bots,
      staleAfterYears: setting('staleAfter', flags['stale-after']),
      entities: many(flags.entities, 'entities'),
      lists,
      map: setting('map', flags.map),
      version: this.config.version,
      onStage: progressReporter(process.stderr),
      onNotice: (message) => this.logToStderr(`stewards: ${message}`),
    })
    if (process.env.STEWARDS_FAULT === 'internal') throw new Error('injected internal error (STEWARDS_FAULT=internal)')
    const {exitCode, message} = await deliver(result, delivery)
    if (message) this.logToStderr(message)
    if (exitCode !== ExitCode.clean) this.exit(exitCode)
  }
}

function listOf(value: string | string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? [value] : value
}

/** `--max-file-size` / `maxFileSize:` as in `inventory`; undefined keeps discovery's default (50 MB). */
function fileSizeLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const bytes = parseSize(text)
  if (bytes === undefined)
    throw usageError('bad-size', `--max-file-size: "${text}" is not a size`, 'use bytes or a unit, e.g. 50MB')
  return bytes
}
