import {evaluateRule} from './engine.js'
import type {CompiledRule} from './types.js'

/** One embedded test case of a rule, run (eslint's RuleTester idea: rules carry their own valid/invalid cases). */
export interface RuleTestResult {
  ruleId: string
  file: string
  line: number
  kind: 'pass' | 'fail'
  name: string
  ok: boolean
  /** Why it failed. */
  reason?: string
}

/**
 * Runs every rule's `tests`: `pass` cases must not fire, `fail` cases must fire (with the expected message when
 * given). Cases run with the rule's own parameter defaults plus the case's `params`, never with pack or user
 * overrides, so a rule's tests describe the rule. Metrics a case leaves out are null, as for a real project.
 */
export function runRuleTests(rules: readonly CompiledRule[]): RuleTestResult[] {
  const results: RuleTestResult[] = []
  for (const rule of rules) {
    for (const kind of ['pass', 'fail'] as const) {
      rule.tests[kind].forEach((testCase, i) => {
        const outcome = evaluateRule(
          rule,
          {
            repo: 'github.com/example/rule-test',
            status: testCase.project.status ?? 'ok',
            reason: testCase.project.reason,
            missing: testCase.project.missing,
            metrics: testCase.metrics,
            lists: testCase.lists,
          },
          {...rule.defaults, ...testCase.params},
        )
        const result = {ruleId: rule.id, file: rule.file, line: rule.testLines[kind][i], kind, name: testCase.name}
        let reason: string | undefined
        if (outcome.error)
          reason = outcome.error.message.replace(/^.*? on github\.com\/example\/rule-test: /, 'error: ')
        else if (kind === 'pass' && outcome.finding) reason = `fired but should not: "${outcome.finding.message}"`
        else if (kind === 'fail' && !outcome.finding) reason = 'did not fire'
        else if (kind === 'fail' && testCase.message !== undefined && outcome.finding?.message !== testCase.message) {
          reason = `message "${outcome.finding?.message}", expected "${testCase.message}"`
        }
        results.push(reason ? {...result, ok: false, reason} : {...result, ok: true})
      })
    }
  }
  return results
}
