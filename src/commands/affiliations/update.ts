import {collectFlags, collectNotice, NETWORK_HELP, showNotice} from '../../collect/index.js'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {affiliationUpdateJson, affiliationUpdateLines, updateAffiliations} from '../../pipeline/affiliations.js'
import {configFlags} from '../../pipeline/config.js'

export default class AffiliationsUpdate extends BaseCommand {
  static override summary =
    'Fetch the current CNCF gitdm affiliation files into the cache, for --affiliations cncf-gitdm'
  static override description =
    `Reads cncf/gitdm at the head of its default branch through the same GitHub client and cache as every collection (ETags: unchanged files cost a 304; rate limits and GitHub Enterprise as usual): developers_affiliations1..N.txt in gitdm order and src/companies.yaml (acquisition renames). Then \`scan\` and \`people\` use them with --affiliations cncf-gitdm (read from the cache only, never fetched by surprise); \`stewards cache export\` carries them to an air-gapped machine like any other cached answer. Settings come from flags, then from .stewards.yaml (--config, else the working directory): githubApiUrl, cacheDir, offline, onRateLimit.

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
      description: 'Say what the cache holds, without network, for a machine',
      command: '<%= config.bin %> <%= command.id %> --offline --format json',
    },
  ]
  static override flags = {
    ...configFlags,
    ...formatFlags('what was fetched'),
    token: collectFlags.token,
    'github-api-url': collectFlags['github-api-url'],
    'cache-dir': collectFlags['cache-dir'],
    'cache-url': collectFlags['cache-url'],
    offline: collectFlags.offline,
    'on-rate-limit': collectFlags['on-rate-limit'],
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(AffiliationsUpdate)
    const format = chosenFormat(flags)
    const update = await updateAffiliations(flags, (event) => {
      const notice = collectNotice(event)
      if (notice) showNotice(process.stderr, notice, 'stewards: ')
    })
    if (format === 'json') this.log(JSON.stringify(affiliationUpdateJson(update), null, 2))
    else this.write(`${affiliationUpdateLines(update).join('\n')}\n`)
    for (const problem of update.problems)
      this.logToStderr(`warning: ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`)
  }
}
