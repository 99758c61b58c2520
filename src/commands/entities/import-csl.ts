import {Args, Flags} from '@oclif/core'
import {matchCsl} from '../../entities/index.js'
import {readCsl} from '../../entities/index.js'
import {renderImportYaml} from '../../entities/index.js'
import {entityFlags} from '../../entities/index.js'
import {loadEntities} from '../../entities/index.js'
import {BaseCommand} from '../../core/command.js'
import {ExitCode, usageError} from '../../core/errors.js'
import {safeOutput} from '../../core/neutralise.js'
import {checkWriteTarget, writeFileAtomic} from '../../core/write-file.js'

export default class EntitiesImportCsl extends BaseCommand {
  static override summary = 'Propose list memberships from the US Consolidated Screening List'
  static override description =
    `Reads a Consolidated Screening List download (trade.gov consolidated.json, .csv or .tsv) and matches its records to organisations by exact normalised name or alias only. Exact matches are written as a reviewable entities file (memberships: ...); names that only share words are reported as near-matches for a human to decide and are never applied. Records of individuals, vessels and aircraft are skipped. Dates are written YYYY-MM-DD; a CSL date that is not a date is left out of its entry (since: null, with a note) and warned about. Exit 2 when some records or dates could not be read.`
  static override examples = [
    '<%= config.bin %> entities import-csl consolidated.json --output csl-memberships.yaml',
    '<%= config.bin %> entities import-csl consolidated.csv --entities ./my-entities --json',
  ]
  static override args = {
    file: Args.string({
      description: 'CSL download: consolidated.json, consolidated.csv or consolidated.tsv',
      required: true,
    }),
  }
  static override flags = {
    ...entityFlags,
    output: Flags.string({
      char: 'o',
      description: 'Write the proposed memberships (YAML) to this file (atomically, never through a symbolic link)',
      helpValue: 'FILE',
    }),
    json: Flags.boolean({description: 'Print the full result (matches, already recorded, near-matches) as JSON'}),
    'source-url': Flags.string({
      description: 'URL to cite for the imported memberships (default: the trade.gov download URL of the format)',
      helpValue: 'URL',
    }),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(EntitiesImportCsl)
    const source = flags['source-url']
    if (source !== undefined && !/^https?:\/\/\S+$/u.test(source)) {
      throw usageError('bad-source-url', `--source-url must be an http(s) URL, got '${source}'`)
    }
    if (flags.output) checkWriteTarget(flags.output, {what: '--output'})
    const index = await loadEntities(flags.entities ?? [], {shipped: flags.shipped})
    const result = matchCsl(await readCsl(args.file), index, {source})
    const yaml = renderImportYaml(result)
    if (flags.output) await writeFileAtomic(flags.output, safeOutput(yaml), {what: '--output'})
    if (flags.json) this.log(JSON.stringify(result, null, 2))
    else if (!flags.output) this.write(yaml)
    if (flags.output && process.stderr.isTTY) {
      this.logToStderr(
        `${flags.output}: ${result.add.length} new memberships, ${result.alreadyRecorded.length} already recorded, ${result.nearMatches.length} near-matches to review`,
      )
    }
    for (const problem of [...result.problems, ...result.warnings]) this.logToStderr(`warning: ${problem}`)
    if (result.problems.length > 0 || result.warnings.length > 0) this.exit(ExitCode.incomplete)
  }
}
