import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type CommitRow, commits, input, roles} from '../measure/__fixtures__/project.js'
import {type MeasureInput, measure, measureProject} from '../measure/index.js'
import {evaluateProjectDetailed, ruleMetas} from './engine.js'
import {collectRules, loadRules} from './load.js'
import type {RuleSet} from './types.js'

/** What evaluation reads of a measured project: plain data, as a saved report holds it. */
function measured(data: MeasureInput) {
  const {metrics, evidence} = measure(data)
  return {metrics, evidence, missing: data.project.missing}
}

const dir = mkdtempSync(join(tmpdir(), 'stewards-engine-'))

async function ruleSet(rules: string[]): Promise<RuleSet> {
  const files = rules.map((text, i) => {
    const path = join(dir, `rule-${i}-${Math.random().toString(36).slice(2)}.yaml`)
    writeFileSync(path, text)
    return path
  })
  const {rules: compiled, problems} = await collectRules(files)
  expect(problems).toEqual([])
  return {rules: compiled, sources: files}
}

function rule(id: string, severity: string, condition: string, message: string, params = ''): string {
  return `id: ${id}
title: ${id}
severity: ${severity}
rationale: r
remediation: r
${params ? `params: ${params}\n` : ''}condition: ${JSON.stringify(condition)}
message: ${JSON.stringify(message)}
tests:
  pass: [{name: p, metrics: {}}]
  fail: [{name: f, metrics: {}}]
`
}

const D = '2024-06-01T00:00:00Z'
const location = {file: 'deploy/app.yaml', line: 12, column: 16}
const FACTS = {
  fullName: 'example/widget',
  archived: false,
  fork: false,
  defaultBranch: 'main',
  license: 'MIT',
  pushedAt: '2024-12-30T00:00:00Z',
}

describe('evaluateProjectDetailed', () => {
  it('fires rules in rule order (the pipeline sorts findings once), with the metrics and parameters they read and the declaring locations', async () => {
    const rules = await ruleSet([
      rule('b-low', 'low', 'm.bus_factor == 1', 'bus factor {{ m.bus_factor }}'),
      rule(
        'a-high',
        'high',
        'm.top_company_share > p.limit',
        '{{ m.top_company }}: {{ percent(m.top_company_share) }}',
        '{limit: 0.5}',
      ),
      rule('c-quiet', 'critical', 'm.human_commits > 100', 'never'),
    ])
    const data = input({
      commits: commits([
        ['alice', 'Example Corp', D],
        ['alice', 'Example Corp', D],
        ['bob', 'Acme Cloud', D],
      ]),
    })
    const metrics = measureProject(data)
    const {findings, errors} = evaluateProjectDetailed(rules, {
      repo: 'github.com/example/widget',
      status: 'ok',
      metrics,
      locations: [location],
    })
    expect(errors).toEqual([])
    expect(findings).toEqual([
      {
        ruleId: 'b-low',
        severity: 'low',
        repo: 'github.com/example/widget',
        message: 'bus factor 1',
        evidence: {metrics: {bus_factor: 1}},
        locations: [location],
      },
      {
        ruleId: 'a-high',
        severity: 'high',
        repo: 'github.com/example/widget',
        message: 'Example Corp: 66.7%',
        evidence: {metrics: {top_company: 'Example Corp', top_company_share: 0.6667}, params: {limit: 0.5}},
        locations: [location],
      },
    ])
  })

  it('with the measured data, evidence names the people, their commits and the source of each attribution', async () => {
    const rules = await ruleSet([rule('top', 'high', 'm.top_company_share > 0.5', 'x')])
    const data = input({
      commits: commits([
        ['alice', 'Example Corp', D],
        ['alice', 'Example Corp', '2024-07-01T00:00:00Z'],
        ['bob', 'Acme Cloud', D],
      ]),
    })
    const [finding] = evaluateProjectDetailed(rules, {
      repo: 'r',
      status: 'ok',
      ...measured(data),
    }).findings
    expect(finding.evidence.people).toEqual([
      {
        person: 'alice',
        organization: 'Example Corp',
        source: 'gitdm',
        citation: 'affiliations.txt:2',
        commits: 2,
        shas: ['c001', 'c000'],
      },
    ])
  })

  it('a comparison with an unknown value is an evaluation error, never a finding or a crash', async () => {
    const rules = await ruleSet([
      rule('unguarded', 'high', 'm.top_company_share > 0.5', 'x'),
      rule('not-bool', 'low', 'm.human_commits', 'x'),
      rule('bad-message', 'low', 'true', 'share {{ string(int(m.top_company_share)) }}'),
    ])
    const {findings, errors} = evaluateProjectDetailed(rules, {repo: 'r', status: 'ok', metrics: {}})
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([['bad-message', 'share unknown']])
    expect(errors.map((e) => e.message)).toEqual([
      "unguarded on r: found no matching overload for '_>_' applied to '(null_type, double)'",
      'not-bool on r: condition must be true or false, got null',
      expect.stringMatching(/^bad-message on r: message placeholder \{\{ string\(int\(m\.top_company_share\)\) \}\}: /),
    ])
    expect(errors[0]).toMatchObject({code: 'rule-evaluation', line: 1})
  })

  it('gives all the rules on one project one budget: many rules near their own budget cannot add up', async () => {
    // 400 items: each evaluation spends 961,201 of its 1,000,000 units. A project's budget is 10,000,000 (ten such
    // rules, about 2 s); given 2,500,000 here, two fit.
    const xs = `{xs: [${Array.from({length: 400}, (_, i) => i + 0.5).join(', ')}]}`
    const slow = 'p.xs.exists(a, p.xs.exists(b, a + b == -1.0))'
    const rules = await ruleSet(Array.from({length: 4}, (_, i) => rule(`slow-${i + 1}`, 'low', slow, 'x', xs)))
    const budget = {left: 2_500_000}
    const {findings, errors} = evaluateProjectDetailed(rules, {repo: 'r', status: 'ok', metrics: {}}, budget)
    expect(findings).toEqual([])
    const shared =
      "the rules' evaluations on this project exceed the budget they share (10,000,000 cost units: many rules, or rules over long lists; see rules/README.md)"
    expect(errors.map((e) => e.message)).toEqual([`slow-3 on r: ${shared}`, `slow-4 on r: ${shared}`])
    expect(budget.left).toBe(0)
  })

  it('the default pack on a project that could not be collected: one finding, no errors', async () => {
    const rules = await loadRules(['default'])
    const metrics = measureProject({
      project: {...input({}).project, status: 'unavailable', reason: 'HTTP 451'},
      attributed: null,
    })
    const {findings, errors} = evaluateProjectDetailed(rules, {
      repo: 'github.com/gone/away',
      status: 'unavailable',
      reason: 'HTTP 451',
      metrics,
    })
    expect(errors).toEqual([])
    expect(findings.map((f) => [f.ruleId, f.message, f.evidence.note])).toEqual([
      ['project-unavailable', 'No data for github.com/gone/away: HTTP 451.', 'HTTP 451'],
    ])
  })

  it('the default pack never errors on a collected project, however empty', async () => {
    const rules = await loadRules(['default'])
    for (const data of [
      input({}),
      input({commits: commits([['x', null, D]]), roles: roles([['x', 'maintainer', null]])}),
    ]) {
      const {errors} = evaluateProjectDetailed(rules, {
        repo: 'r',
        status: 'ok',
        ...measured(data),
      })
      expect(errors).toEqual([])
    }
    // Every figure unknown (nothing could be read) on a project still marked ok: no rule errors or fires but the gap.
    const strict = await loadRules(['strict'])
    const unknown = evaluateProjectDetailed(strict, {
      repo: 'r',
      status: 'ok',
      metrics: {},
      missing: ['facts', 'commits', 'governance'],
    })
    expect(unknown.errors).toEqual([])
    expect(unknown.findings.map((f) => f.ruleId)).toEqual(['project-unavailable'])
  })

  it('parts that could not be read are unknown, not absent: only project-unavailable speaks for them', async () => {
    const rules = await loadRules(['default'])
    // Read, governance and commits would say: no SECURITY file, maintainers named nowhere, no commit in a year-long window.
    const evaluate = (missing: Array<'facts' | 'commits' | 'governance' | 'profiles'>) => {
      const data = input({project: {facts: FACTS, missing}})
      return evaluateProjectDetailed(rules, {
        repo: 'r',
        status: 'partial',
        reason: 'rate limited',
        ...measured(data),
      })
    }
    const complete = evaluate([])
    expect(complete.errors).toEqual([])
    expect(complete.findings.map((f) => f.ruleId).sort()).toEqual([
      'inactive-or-archived',
      'maintainers-unknown',
      'no-security-policy',
    ])

    const cases: Array<Array<'facts' | 'commits' | 'governance' | 'profiles'>> = [
      ['governance'],
      ['commits'],
      ['facts'],
      ['facts', 'commits', 'governance', 'profiles'],
    ]
    for (const missing of cases) {
      const {findings, errors} = evaluate(missing)
      expect(errors, missing.join()).toEqual([])
      const fired = findings.map((f) => f.ruleId).sort()
      if (missing.includes('governance')) expect(fired, missing.join()).not.toContain('no-security-policy')
      else expect(fired, missing.join()).toContain('no-security-policy')
      // Maintainers unread are project-unavailable's to report, not "named nowhere".
      if (missing.includes('governance')) expect(fired, missing.join()).not.toContain('maintainers-unknown')
      if (missing.includes('commits')) expect(fired, missing.join()).not.toContain('inactive-or-archived')
      const gap = findings.find((f) => f.ruleId === 'project-unavailable')
      expect(gap?.message, missing.join()).toBe(
        `Part of the data for r could not be read (${[...missing].sort().join(', ')}); the rules built on it were not judged: rate limited.`,
      )
      expect(gap?.evidence.note).toBe(`rate limited; could not be read: ${[...missing].sort().join(', ')}`)
    }
  })

  it('maintainer rules stay silent when the governance files were not read', async () => {
    const rules = await loadRules(['strict'])
    const people = roles([
      ['a', 'maintainer', 'Example Corp'],
      ['b', 'maintainer', 'Example Corp'],
      ['c', 'maintainer', null],
    ])
    const read = input({roles: people, project: {governance: [{path: 'MAINTAINERS', content: ''}]}})
    const fired = (data: typeof read) =>
      evaluateProjectDetailed(rules, {
        repo: 'r',
        status: 'ok',
        ...measured(data),
      }).findings.map((f) => f.ruleId)
    expect(fired(read)).toContain('maintainers-single-org')
    // The collector could not read them (rate limit): nothing is known of the maintainers, so nothing is judged.
    const unread = fired(input({roles: [], project: {missing: ['governance']}}))
    expect(unread.filter((id) => /maintainer|security|listed/.test(id))).toEqual([])
    expect(unread).toContain('project-unavailable')
  })

  it('maintainers-single-org: an even split is no majority; a tie over a stricter limit names every company', async () => {
    const split = input({
      roles: roles([
        ['a', 'maintainer', 'Red Hat (fictional)'],
        ['b', 'maintainer', 'Alibaba (fictional)'],
      ]),
    })
    const run = async (params?: Record<string, number>) => {
      const rules = await loadRules(['default'], params ? {'maintainers-single-org': params} : {})
      const {findings, errors} = evaluateProjectDetailed(rules, {
        repo: 'r',
        status: 'ok',
        ...measured(split),
      })
      expect(errors).toEqual([])
      return findings.filter((f) => f.ruleId === 'maintainers-single-org').map((f) => f.message)
    }
    expect(await run()).toEqual([])
    expect(await run({max_share: 0.4})).toEqual([
      'Alibaba (fictional) and Red Hat (fictional) each employ 1 of 2 maintainers (50.0% each).',
    ])
  })

  it('low-elephant-factor with include_independent=false uses company figures and needs enough company commits', async () => {
    // 58 Independent commits, one company commit, one unknown: the QA case.
    const rows: CommitRow[] = [
      ...Array.from({length: 58}, (_, i): CommitRow => [`solo${i % 3}`, 'Independent', D]),
      ['carol', 'Meridian Cloudworks (fictional)', D],
      ['dan', null, D],
    ]
    const run = async (params: Record<string, number | boolean>, data = input({commits: commits(rows)})) => {
      const rules = await loadRules(['default'], {'low-elephant-factor': params})
      const {findings, errors} = evaluateProjectDetailed(rules, {
        repo: 'r',
        status: 'ok',
        ...measured(data),
      })
      expect(errors).toEqual([])
      return findings.filter((f) => f.ruleId === 'low-elephant-factor').map((f) => f.message)
    }
    expect(await run({})).toEqual([
      'Elephant factor 1: the largest organisation makes 98.3% of attributed commits (Independent)',
    ])
    expect(await run({include_independent: false})).toEqual([])
    expect(await run({include_independent: false, min_attributed_commits: 1})).toEqual([
      'Elephant factor 1: the largest company makes 100.0% of company commits (Meridian Cloudworks (fictional))',
    ])
    // Enough company commits: 12 of Meridian's and 4 of another company's among the Independent ones.
    const more = commits([
      ...rows,
      ...Array.from({length: 11}, (): CommitRow => ['carol', 'Meridian Cloudworks (fictional)', D]),
      ...Array.from({length: 4}, (): CommitRow => ['erin', 'Acme Cloud', D]),
    ])
    expect(await run({include_independent: false}, input({commits: more}))).toEqual([
      'Elephant factor 1: the largest company makes 75.0% of company commits (Meridian Cloudworks (fictional))',
    ])
  })

  it('rule metadata for reports, in rule-set order', async () => {
    const metas = ruleMetas(await loadRules(['default']))
    expect(metas[0]).toEqual({
      id: 'attribution-coverage-low',
      title: 'Too few commits attributed to judge concentration',
      severity: 'medium',
      rationale: expect.stringMatching(/^Concentration figures only describe/),
      remediation: expect.stringMatching(/^Add evidence/),
    })
    expect(metas.map((m) => m.id)).toContain('project-unavailable')
  })
})
