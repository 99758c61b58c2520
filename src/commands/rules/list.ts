import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {ruleTable, ruleView} from '../../evaluate/index.js'
import {rulesFlags} from '../../evaluate/index.js'
import {loadRules} from '../../evaluate/index.js'

export default class RulesList extends BaseCommand {
  static override summary = 'List the rules a scan would evaluate'
  static override description =
    'One line per rule: id, severity, pack and title. Rule files with problems exit 3 with file:line:column: reason.'
  static override examples = [
    '<%= config.bin %> rules list',
    '<%= config.bin %> rules list --rules strict --format json',
  ]
  static override flags = {
    ...rulesFlags,
    ...formatFlags('the rules'),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(RulesList)
    const {rules} = await loadRules(flags.rules ?? [])
    if (chosenFormat(flags) === 'json') this.log(JSON.stringify(rules.map(ruleView), null, 2))
    else for (const line of ruleTable(rules)) this.log(line.trimEnd())
  }
}
