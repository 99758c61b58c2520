import {Args} from '@oclif/core'
import {stringify} from 'yaml'
import {entityFlags} from '../../entities/index.js'
import {loadEntities} from '../../entities/index.js'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {usageError} from '../../core/errors.js'

export default class EntitiesShow extends BaseCommand {
  static override summary = 'Show one organisation with every fact and its citations'
  static override description =
    `ID is an organisation id, or any name, alias, e-mail domain or @github-org that resolves to one. Shows the entry as recorded (with sources), its parent chain, and its list memberships including those inherited through the parent chain (marked inherited_from).`
  static override examples = [
    '<%= config.bin %> entities show huawei',
    "<%= config.bin %> entities show 'Futurewei Technologies Inc.' --format json",
  ]
  static override args = {
    id: Args.string({description: 'Organisation id, name, alias, domain or @github-org', required: true}),
  }
  static override flags = {
    ...entityFlags,
    ...formatFlags('the organisation'),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(EntitiesShow)
    const index = await loadEntities(flags.entities ?? [], {shipped: flags.shipped})
    const organization =
      index.get(args.id) ??
      index.byName(args.id) ??
      index.byGithubOrg(args.id) ??
      index.byDomain(args.id, {includeWebsites: true})
    if (!organization) {
      throw usageError(
        'unknown-organisation',
        `no organisation matches '${args.id}'`,
        'run `stewards entities list` for the ids',
      )
    }
    const record = index.record(organization.id)!
    const view = {
      file: record.file,
      ...record.entry,
      parent_chain: index.chain(organization.id).map((org) => org.id),
      memberships_with_inherited: index.lists(organization.id),
    }
    this.log(chosenFormat(flags) === 'json' ? JSON.stringify(view, null, 2) : stringify(view, {lineWidth: 0}).trimEnd())
  }
}
