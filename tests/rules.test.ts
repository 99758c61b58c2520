/**
 * The generic rule tester: every shipped pack validates (schema, CEL, names) and every embedded test case of every
 * rule passes. A new rule file needs no new test code: its own `tests` run here.
 */
import {describe, expect, it} from 'vitest'
import {formatProblem} from '../src/core/problem.js'
import {collectRules, runRuleTests, shippedPacks} from '../src/evaluate/index.js'

const packs = await shippedPacks()

describe('shipped rule packs', () => {
  it('ships the default pack and a strict pack', () => {
    expect(packs).toEqual(expect.arrayContaining(['default', 'strict']))
  })

  for (const pack of packs) {
    describe(pack, async () => {
      const {rules, problems} = await collectRules([pack])

      it('validates', () => {
        expect(problems.map(formatProblem)).toEqual([])
        expect(rules.length).toBeGreaterThan(0)
      })

      it('gives every rule at least one pass and one fail case', () => {
        const withoutCases = rules
          .filter((r) => r.tests.pass.length === 0 || r.tests.fail.length === 0)
          .map((r) => `${r.id} (${r.file})`)
        expect(withoutCases).toEqual([])
      })

      for (const result of runRuleTests(rules)) {
        it(`${result.ruleId}: ${result.kind} case "${result.name}" (${result.file}:${result.line})`, () => {
          expect(result.reason).toBeUndefined()
          expect(result.ok).toBe(true)
        })
      }
    })
  }

  it('the default pack expresses every risk issue 6 asks for', async () => {
    const {rules} = await collectRules(['default'])
    const ids = rules.map((r) => r.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'single-org-majority',
        'low-elephant-factor',
        'maintainers-single-org',
        'listed-maintainer',
        'listed-commit-share',
        'low-bus-factor',
        'inactive-or-archived',
        'no-security-policy',
        'attribution-coverage-low',
        'project-unavailable',
      ]),
    )
  })

  it('the strict pack tightens default rules without copying them', async () => {
    const [{rules: defaults}, {rules: strict}] = await Promise.all([
      collectRules(['default']),
      collectRules(['strict']),
    ])
    const byId = (rules: typeof strict, id: string) => rules.find((r) => r.id === id)
    expect(byId(strict, 'single-org-majority')?.params.max_share).toBe(0.4)
    expect(byId(defaults, 'single-org-majority')?.params.max_share).toBe(0.5)
    expect(byId(strict, 'single-org-majority')?.file).toBe('rules/packs/default/single-org-majority.yaml')
    expect(byId(strict, 'listed-maintainer')?.severity).toBe('critical')
    expect(byId(strict, 'listed-role-holder')?.pack).toBe('strict')
    expect(strict.length).toBe(defaults.length + 2)
  })
})
