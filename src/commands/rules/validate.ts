import {Args} from '@oclif/core'
import {BaseCommand} from '../../core/command.js'
import {ExitCode} from '../../core/errors.js'
import {chosenFormat, formatFlags} from '../../core/output-format.js'
import {formatProblem, type Problem} from '../../core/problem.js'
import {collectRules, formatTestFailure, runRuleTests, testFailureProblem} from '../../evaluate/index.js'

export default class RulesValidate extends BaseCommand {
  static override summary = 'Check rule files: schema, CEL, and their embedded tests'
  static override description =
    `Each FILE is a rule file, a pack file or a pack folder (a shipped pack name works too). Problems print as file:line:column: reason, one per line, and the command exits 3.`
  static override examples = [
    '<%= config.bin %> rules validate my-rules/',
    '<%= config.bin %> rules validate no-vendor-lock.yaml strict',
    '<%= config.bin %> rules validate my-rules/ --format json',
  ]
  static override strict = false
  static override args = {file: Args.string({description: 'Rule file, pack file or folder', required: true})}
  static override flags = {...formatFlags('the result (json: {valid, rules, cases, problems})')}

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(RulesValidate)
    const {rules, problems} = await collectRules(argv as string[])
    const failures = runRuleTests(rules).filter((r) => !r.ok)
    const cases = rules.reduce((n, r) => n + r.tests.pass.length + r.tests.fail.length, 0)
    if (chosenFormat(flags) === 'json') {
      const all: Problem[] = [...problems, ...failures.map(testFailureProblem)]
      this.logJson({valid: all.length === 0, rules: rules.length, cases, problems: all})
      if (all.length > 0) this.exit(ExitCode.usage)
      return
    }
    const lines = [...problems.map(formatProblem), ...failures.map(formatTestFailure)]
    if (lines.length > 0) {
      for (const line of lines) this.logToStderr(line)
      this.exit(ExitCode.usage)
    }
    this.log(`${rules.length} rule(s) valid; ${cases} embedded test case(s) passed`)
  }
}
