import {Args, Flags} from '@oclif/core'
import {corruptNotice, mergeBundles, readBundleFile} from '../../core/cache/bundle.js'
import {BaseCommand} from '../../core/command.js'
import {ExitCode, usageError} from '../../core/errors.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {safeOutput} from '../../core/neutralise.js'
import {checkWriteTarget, writeFileAtomic} from '../../core/write-file.js'

export default class CacheMerge extends BaseCommand {
  static override summary = 'Merge cache bundles (one per shard worker) into one'
  static override description =
    'Each bundle is verified like `cache import` does: an entry failing its checksum is left out and said (exit 2); a file that is not a bundle of this version is a usage error (exit 3), nothing written. Where several bundles hold the same entry, the one stored last wins (a tie: the later file). The merged bundle is sorted, so the same bundles give the same bytes whatever their order; load it with `cache import` or replay it with --snapshot.'
  static override examples = [
    '<%= config.bin %> cache merge shard-0.bundle shard-1.bundle shard-2.bundle -o all.bundle',
    '<%= config.bin %> scan . --snapshot all.bundle',
  ]
  static override strict = false
  static override args = {bundles: Args.string({description: 'Bundle files (several)', required: true})}
  static override flags = {
    output: Flags.string({
      char: 'o',
      description: 'Merged bundle to write (atomically, never through a symbolic link; - for stdout)',
      required: true,
      helpValue: 'FILE',
    }),
    ...formatFlags('what was merged (the bundle goes to --output)'),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(CacheMerge)
    const format = chosenFormat(flags)
    if (format === 'json' && flags.output === '-')
      throw usageError('bad-flags', '`--output -` writes the bundle to stdout: --format json cannot', 'give a FILE')
    if (flags.output !== '-') checkWriteTarget(flags.output, {what: 'cache merge'})
    const checked = []
    for (const file of argv as string[]) checked.push({file, ...(await readBundleFile(file))})
    const merged = mergeBundles(checked.map((c) => c.bundle))
    const text = safeOutput(`${JSON.stringify(merged)}\n`)
    if (flags.output === '-') process.stdout.write(text)
    else await writeFileAtomic(flags.output, text, {what: 'cache merge'})
    const damaged = checked.filter((c) => c.corrupt.length > 0)
    if (format === 'json')
      this.logJson({
        output: flags.output,
        bundles: checked.map((c) => ({file: c.file, entries: c.bundle.entries.length, damaged: c.corrupt.length})),
        entries: merged.entries.length,
      })
    else this.logToStderr(`merged ${checked.length} bundles: ${merged.entries.length} cache entries`)
    for (const c of damaged) this.logToStderr(`warning: ${corruptNotice(c.file, c.corrupt)}`)
    if (damaged.length > 0) this.exit(ExitCode.incomplete)
  }
}
