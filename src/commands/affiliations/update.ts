import {Flags} from '@oclif/core'
import {collectNotice, NETWORK_HELP, resolveAuth, showNotice} from '../../collect/index.js'
import {checkApiUrl} from '../../collect/index.js'
import {BaseCommand} from '../../core/command.js'
import {updateAffiliations} from '../../pipeline/affiliations.js'

export default class AffiliationsUpdate extends BaseCommand {
  static override summary =
    'Fetch the current CNCF gitdm affiliation files into the cache, for --affiliations cncf-gitdm'
  static override description =
    `Reads cncf/gitdm at the head of its default branch through the same GitHub client and cache as every collection (ETags: unchanged files cost a 304; rate limits and GitHub Enterprise as usual): developers_affiliations1..N.txt in gitdm order and src/companies.yaml (acquisition renames). Then \`scan\` and \`people\` use them with --affiliations cncf-gitdm (read from the cache only, never fetched by surprise); \`stewards cache export\` carries them to an air-gapped machine like any other cached answer.

The files carry no explicit licence; they are published by the CNCF as the affiliation source of DevStats. stewards cites each claim as cncf/gitdm@COMMIT:FILE:LINE.

Exit codes: 0 updated, 2 the files could not be read completely (network, rate limit), 3 usage error (bad token, nothing cached with --offline).

${NETWORK_HELP}`
  static override examples = [
    {
      description: 'Fetch or refresh (token from GITHUB_TOKEN or GH_TOKEN)',
      command: '<%= config.bin %> <%= command.id %>',
    },
    {
      description: 'Then attribute with them',
      command: '<%= config.bin %> scan deploy/ --affiliations cncf-gitdm',
    },
    {
      description: 'Say what the cache holds, without network',
      command: '<%= config.bin %> <%= command.id %> --offline',
    },
  ]
  static override flags = {
    token: Flags.string({
      description: 'GitHub token (default: GITHUB_TOKEN, then GH_TOKEN; none = anonymous); never printed',
      helpValue: 'TOKEN',
    }),
    'github-api-url': Flags.string({description: 'GitHub API base (default https://api.github.com)', helpValue: 'URL'}),
    'cache-dir': Flags.string({description: 'Cache directory (default: $XDG_CACHE_HOME/stewards)', helpValue: 'DIR'}),
    offline: Flags.boolean({description: 'Only read what the cache holds; no request'}),
    'on-rate-limit': Flags.string({
      description: 'When the GitHub rate limit is reached: wait for the reset, or stop',
      options: ['wait', 'stop'],
      default: 'wait',
    }),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(AffiliationsUpdate)
    const githubApiUrl = checkApiUrl(flags['github-api-url'])
    const {token} = await resolveAuth(flags.token, githubApiUrl, {offline: flags.offline})
    const update = await updateAffiliations({
      cacheDir: flags['cache-dir'],
      githubApiUrl,
      token,
      offline: flags.offline,
      onRateLimit: flags['on-rate-limit'] as 'wait' | 'stop',
      onProgress: (event) => {
        const notice = collectNotice(event)
        if (notice) showNotice(process.stderr, notice, 'stewards: ')
      },
    })
    const {set} = update
    const bytes = set.files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0)
    const lines = [
      `${set.repo} at ${set.commit} (${set.date}): ${set.files.length} affiliation files, ${bytes} bytes, ${update.blocks} records; companies.yaml: ${set.companies ? `${update.acquisitions} acquisition rules` : 'none'}`,
      ...set.files.map((f) => `  ${f.path}`),
      `Requests: ${update.requests.total} sent, ${update.requests.cached} answered from the cache.`,
      'Use them with --affiliations cncf-gitdm.',
    ]
    this.write(`${lines.join('\n')}\n`)
    for (const problem of update.problems)
      this.logToStderr(`warning: ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`)
  }
}
