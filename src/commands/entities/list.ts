import {entityFlags} from '../../entities/index.js'
import {loadEntities} from '../../entities/index.js'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {alignColumns} from '../../core/columns.js'

export default class EntitiesList extends BaseCommand {
  static override summary = 'List the organisations known to stewards'
  static override description =
    'One line per organisation: id, country (ISO 3166-1), parent, the lists it is on (own memberships), and its name.'
  static override examples = [
    '<%= config.bin %> entities list',
    '<%= config.bin %> entities list --entities ./my-entities --format json',
  ]
  static override flags = {
    ...entityFlags,
    ...formatFlags('the organisations'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(EntitiesList)
    const index = await loadEntities(flags.entities ?? [], {shipped: flags.shipped})
    const organizations = index.all()
    if (chosenFormat(flags) === 'json') {
      this.log(JSON.stringify(organizations, null, 2))
      return
    }
    const rows = organizations.map((org) => [
      org.id,
      org.country ?? '-',
      org.parent ?? '-',
      [...new Set(org.lists.map((membership) => membership.list))].join(',') || '-',
      org.name,
    ])
    for (const line of alignColumns([['ID', 'COUNTRY', 'PARENT', 'LISTS', 'NAME'], ...rows])) this.log(line)
  }
}
