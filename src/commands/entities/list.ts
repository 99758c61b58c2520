import {entityFlags} from '../../entities/index.js'
import {loadEntities} from '../../entities/index.js'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'

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
    const header = ['ID', 'COUNTRY', 'PARENT', 'LISTS', 'NAME']
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
    for (const row of [header, ...rows]) {
      this.log(
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
    }
  }
}
