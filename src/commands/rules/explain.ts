import {Args} from '@oclif/core'
import {BaseCommand} from '../../core/command.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {usageError} from '../../core/errors.js'
import {explainRule, ruleView} from '../../evaluate/index.js'
import {rulesFlags} from '../../evaluate/index.js'
import {loadRules} from '../../evaluate/index.js'

export default class RulesExplain extends BaseCommand {
  static override summary = 'Explain one rule: why it matters, when it fires, what to do, its parameters'
  static override examples = [
    '<%= config.bin %> rules explain single-org-majority',
    '<%= config.bin %> rules explain listed-maintainer --rules strict',
  ]
  static override args = {id: Args.string({description: 'Rule id', required: true})}
  static override flags = {
    ...rulesFlags,
    ...formatFlags('the rule'),
  }

  async run(): Promise<void> {
    const {args, flags} = await this.parse(RulesExplain)
    const {rules} = await loadRules(flags.rules ?? [])
    const rule = rules.find((r) => r.id === args.id)
    if (!rule) {
      const near = rules.filter((r) => r.id.includes(args.id) || args.id.includes(r.id)).map((r) => r.id)
      throw usageError(
        'unknown-rule',
        `no rule '${args.id}' in ${(flags.rules ?? ['default']).join(', ')}`,
        near.length > 0 ? `did you mean ${near.join(', ')}?` : 'run `stewards rules list` for the ids',
      )
    }
    this.log(chosenFormat(flags) === 'json' ? JSON.stringify(ruleView(rule), null, 2) : explainRule(rule).join('\n'))
  }
}
