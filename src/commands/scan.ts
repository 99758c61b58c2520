import {Args, Flags} from '@oclif/core'
import {collectFlags, collectOptionsFrom, NETWORK_HELP} from '../collect/index.js'
import {BaseCommand} from '../core/command.js'
import {configFlags, loadScanConfig} from '../pipeline/config.js'
import {deliver} from '../pipeline/deliver.js'
import {discoverFlags, discoverSettingsFrom} from '../pipeline/discover-flags.js'
import {flagOrSetting} from '../pipeline/settings-file.js'
import {runContext} from '../pipeline/next-step.js'
import {judgingFlags, judgingFrom} from '../pipeline/flags.js'
import {progressReporter} from '../pipeline/progress.js'
import {runScan} from '../pipeline/scan.js'
import {loadWaivers, waiverJudgement} from '../pipeline/waivers.js'
import {attributionFlags} from '../attribute/index.js'
import {artifactHubFlag, checkArtifactHubUrl} from '../core/artifact-hub-url.js'
import {mapFlag} from '../core/map-flag.js'
import {checkRegistryMirrors, registryMirrorFlag} from '../core/registry-mirror.js'

export default class Scan extends BaseCommand {
  static summary = 'Scan manifests and lockfiles: who stewards every upstream project, and the governance risks.'

  static description =
    `Runs the whole pipeline: discover components in PATHs (Kubernetes manifests, Helm charts and their packaged subcharts charts/*.tgz, kustomize, Dockerfiles, Compose files, GitHub Actions workflows, GitLab CI files, pom.xml, lockfiles, CycloneDX and SPDX SBOMs, also inside in-toto attestations), resolve each to its upstream repository, collect commits, maintainers (from the repository, a repository it points to, the organisation's community repositories and the CNCF maintainers list; unknown, never 0, when named nowhere) and profiles (GitHub, a snapshot or the cache), attribute people to organisations from explicit evidence only, measure governance metrics and evaluate the risk rules.

A file a format reads that cannot be read completely (too large, binary, not UTF-8, a syntax error, a duplicate key, a line with a control character), or that the walk does not read (a symlink leaving the PATH, a FIFO, a path longer than the system allows, a packaged Helm chart that cannot be unpacked), is listed in the report's errors and makes the scan incomplete. A PATH that does not exist, or a named file no format reads, is a usage error. \`-\` reads standard input (--stdin-format names its format, else its content decides).

Settings come from flags, then from a .stewards.yaml (--config, else the first PATH's directory, else the working directory); flags win. A .stewards.yaml inside a scanned PATH is data from that tree: it may not set githubApiUrl, artifactHubUrl, registryMirrors, output or cacheDir, nor name files outside the PATH (exit 3; --config FILE trusts it as your own).

Waivers (accepted risks: rule, repository, reason, approvedBy, expires) come from --waivers FILE, else waivers: in the settings, else .stewards-waivers.yaml in the first PATH, else in the working directory. A waived finding stays in every report, marked with its reason, approver and expiry, and does not gate --fail-on; SARIF carries it as an external suppression. An expired waiver no longer applies and is reported (waiver-expired), as is one that matches nothing (waiver-stale). A waivers file inside a scanned PATH applies too, and stderr says so.

Credentials found in the scanned files (user:pass@ in URLs, ?token= query strings) are removed from every output; names and text from inputs and upstreams are neutralised (control and bidi characters shown escaped, no GitHub workflow commands).

What you read first: one line of verdict (projects needing review by their worst finding, clean, not collected), at the top of the table and the Markdown and HTML reports, or on stderr when stdout carries another format; then, at the end on stderr, the files --output wrote and, when projects could not be collected, one line saying what to do (set GITHUB_TOKEN, drop --offline, stewards cache import). Each project has a risk score: 0 = no risk found, 100 = worst; a project whose data could not be collected has none ("not collected"), never 0. --csv-sheet chooses the CSV sheet: findings (with the component at each location), projects or components.

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
      description: 'The projects sheet of the CSV report, for a spreadsheet',
      command: '<%= config.bin %> <%= command.id %> deploy/ --output csv=projects.csv --csv-sheet projects',
    },
    {
      description: 'Accepted risks from a waivers file: waived findings are marked and do not gate',
      command: '<%= config.bin %> <%= command.id %> deploy/ --waivers risk/waivers.yaml --fail-on medium',
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
    ...configFlags,
    ...judgingFlags,
    ...collectFlags,
    ...attributionFlags,
    entities: Flags.string({description: 'extra organisation / watch-list data directory; repeatable', multiple: true}),
    map: mapFlag(),
    'artifact-hub-url': artifactHubFlag(),
    'registry-mirror': registryMirrorFlag(),
    'include-dev': Flags.boolean({description: 'also scan development dependencies', allowNo: true}),
    ...discoverFlags,
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(Scan)
    const cliPaths = (argv as string[]).filter(Boolean)
    const config = await loadScanConfig(flags.config, cliPaths)
    const paths = cliPaths.length > 0 ? cliPaths : (config.paths ?? ['.'])
    // Checked before the scan spends requests.
    const {rules, params, lists, delivery} = await judgingFrom(flags, config, paths)
    const discover = discoverSettingsFrom(flags, config)
    const waivers = await loadWaivers(flags.waivers, config, paths)
    const artifactHubUrl = checkArtifactHubUrl(flags['artifact-hub-url'] ?? config.artifactHubUrl)
    const registryMirrors = checkRegistryMirrors(flagOrSetting(flags['registry-mirror'], config.registryMirrors))
    const collect = await collectOptionsFrom(flags, config)

    const result = await runScan({
      paths,
      collect,
      rules,
      params,
      ...discover,
      includeDev: flags['include-dev'] ?? config.includeDev,
      affiliations: flagOrSetting(flags.affiliations, config.affiliations),
      companies: flags.companies ?? config.companies,
      overrides: flags.overrides ?? config.overrides,
      bots: flags.bots && flags.bots.length > 0 ? flags.bots : config.bots,
      staleAfterYears: flags['stale-after'] ?? config.staleAfter,
      entities: flagOrSetting(flags.entities, config.entities),
      lists,
      map: flags.map ?? config.map,
      waivers: waiverJudgement(waivers?.waivers),
      artifactHubUrl,
      registryMirrors,
      version: this.config.version,
      onStage: progressReporter(process.stderr),
      onNotice: (message) => this.logToStderr(`stewards: ${message}`),
    })
    this.finish(await deliver(result, {...delivery, run: runContext(collect), waivers}))
  }
}
