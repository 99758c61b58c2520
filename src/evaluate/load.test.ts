import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ExitCode, StewardsError} from '../core/errors.js'
import {formatProblem} from '../core/problem.js'
import {applyOverrides, collectRules, loadRules, RulesError} from './load.js'
import {yamlAliasBomb} from '../../tests/support/yaml-bomb.js'
import {makeFifo} from '../../tests/support/fifo.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-rules-'))

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** A valid rule; `patch` edits its text to break one thing. */
const VALID = `id: example-rule
title: Example
severity: low
rationale: Why.
remediation: What to do.
params:
  limit: 0.5
condition: |
  m.top_company_share != null
    && m.top_company_share > p.limit
message: '{{ m.top_company }} has {{ percent(m.top_company_share) }}'
tests:
  pass:
    - name: low
      metrics: {top_company_share: 0.1}
  fail:
    - name: high
      metrics: {top_company: Example Corp, top_company_share: 0.9}
      message: Example Corp has 90.0%
`

/** The rule as an item of a pack file's `rules:` list. */
function indented(rule: string): string {
  return rule
    .trimEnd()
    .split('\n')
    .map((line, i) => (i === 0 ? `  - ${line}` : `    ${line}`))
    .join('\n')
}

async function problemsOf(name: string, text: string): Promise<string[]> {
  const path = file(name, text)
  return (await collectRules([path])).problems.map((p) => formatProblem(p).replace(`${dir}/`, ''))
}

describe('rule files: every problem names file, line and column', () => {
  it('accepts a valid rule and compiles what it reads', async () => {
    const {rules, problems} = await collectRules([file('valid.yaml', VALID)])
    expect(problems).toEqual([])
    expect(rules[0]).toMatchObject({
      id: 'example-rule',
      line: 1,
      pack: null,
      params: {limit: 0.5},
      metrics: ['top_company', 'top_company_share'],
    })
    expect(rules[0].testLines).toEqual({pass: [14], fail: [17]})
  })

  it('an unknown key is an error at the key', async () => {
    expect(
      await problemsOf('unknown-key.yaml', VALID.replace('severity: low', 'severity: low\nseverty: high')),
    ).toEqual(["unknown-key.yaml:4:1: unknown key 'severty'"])
    expect(
      await problemsOf(
        'unknown-nested.yaml',
        VALID.replace('    - name: low\n', '    - name: low\n      metrix: {}\n'),
      ),
    ).toEqual(["unknown-nested.yaml:15:7: tests.pass[0]: unknown key 'metrix'"])
  })

  it('a wrong type is an error at the value', async () => {
    expect(await problemsOf('wrong-type.yaml', VALID.replace('severity: low', 'severity: 3'))).toEqual([
      expect.stringMatching(
        /^wrong-type\.yaml:3:11: severity: Invalid option: expected one of "info"\|"low"\|"medium"\|"high"\|"critical"$/,
      ),
    ])
    expect(await problemsOf('wrong-param.yaml', VALID.replace('limit: 0.5', 'limit: {a: 1}'))).toEqual([
      expect.stringMatching(/^wrong-param\.yaml:7:10: params\.limit: Invalid input/),
    ])
  })

  it('a missing key is named at its parent', async () => {
    expect(await problemsOf('missing.yaml', VALID.replace('title: Example\n', ''))).toEqual([
      "missing.yaml:1:1: missing required key 'title'",
    ])
  })

  it('bad CEL is located inside a block scalar exactly', async () => {
    expect(
      await problemsOf(
        'bad-cel.yaml',
        VALID.replace('    && m.top_company_share > p.limit', '    && m.top_company_share >> p.limit'),
      ),
    ).toEqual(['bad-cel.yaml:10:28: CEL syntax: found > but expecting end of input'])
  })

  it('unknown metrics, parameters, variables and functions are compile errors', async () => {
    const text = VALID.replace(
      'm.top_company_share != null',
      'm.top_compnay_share != null && q > 1 && p.limt > 0 && evil(1)',
    )
    expect(await problemsOf('names.yaml', text)).toEqual([
      "names.yaml:9:3: unknown metric 'm.top_compnay_share' (did you mean 'top_company_share'?) (metric keys: rules/README.md)",
      "names.yaml:9:34: unknown variable 'q' (known: m, p, project, lists)",
      "names.yaml:9:43: unknown parameter 'p.limt' (did you mean 'limit'?): declare it under params",
      "names.yaml:9:57: unknown function 'evil'",
    ])
    expect(
      await problemsOf('message.yaml', VALID.replace("'{{ m.top_company }} has", "'{{ m.top_companies }} has")),
    ).toEqual([
      "message.yaml:11:14: unknown metric 'm.top_companies' (did you mean 'top_company'?) (metric keys: rules/README.md)",
    ])
  })

  it('test cases may only use known metrics and declared parameters of the right type', async () => {
    const text = VALID.replace(
      'metrics: {top_company_share: 0.1}',
      'metrics: {top_share: 0.1}\n      params: {limit: high}',
    )
    expect(await problemsOf('cases.yaml', text)).toEqual([
      "cases.yaml:15:17: unknown metric 'top_share' in test 'low'",
      "cases.yaml:16:16: parameter 'limit' must be number, got string",
    ])
  })

  it('a YAML bomb is rejected before it expands', async () => {
    expect(await problemsOf('bomb.yaml', yamlAliasBomb())).toEqual([
      'bomb.yaml:2:8: YAML: aliases expand beyond the limit of 100 (a "billion laughs" bomb?)',
    ])
  })

  it('YAML syntax errors, duplicate keys and several documents are errors', async () => {
    expect(await problemsOf('dup.yaml', `${VALID}id: again\n`)).toEqual([
      'dup.yaml:20:1: YAML: Map keys must be unique',
    ])
    expect(await problemsOf('docs.yaml', `${VALID}---\n${VALID}`)).toEqual([
      'docs.yaml:20:1: YAML: one YAML document per file',
    ])
    expect(await problemsOf('syntax.yaml', 'id: [unclosed\n')).toEqual([
      expect.stringMatching(/^syntax\.yaml:\d+:\d+: YAML: /),
    ])
    expect(await problemsOf('list.yaml', '- a\n- b\n')).toEqual([
      expect.stringMatching(/^list\.yaml:1:1: an object is expected, not a list$/),
    ])
  })

  it('limits expression size and nesting', async () => {
    const deep = `${'('.repeat(40)}1${')'.repeat(40)} == 1`
    expect(await problemsOf('deep.yaml', VALID.replace("message: '", `message: '{{ ${deep} }}`))).toEqual([
      'deep.yaml:11:46: brackets nested deeper than 32',
    ])
    const nested = 'm.listed_organizations.all(a, m.listed_organizations.all(b, m.listed_organizations.all(c, a == c)))'
    expect(await problemsOf('nested.yaml', VALID.replace('m.top_company_share != null', nested))).toEqual([
      'nested.yaml:9:85: macros (all, exists, map, filter) nested deeper than 2',
    ])
    const big = file('big.yaml', `# ${'x'.repeat(300 * 1024)}\n${VALID}`)
    expect((await collectRules([big])).problems.map((p) => p.message)).toEqual(['file larger than 262144 bytes'])
  })

  it.skipIf(process.platform === 'win32')(
    'a FIFO or a folder named like a rule file in a pack folder is refused at once, never waited on',
    async () => {
      const pack = mkdtempSync(join(tmpdir(), 'stewards-rules-fifo-'))
      makeFifo(join(pack, 'pipe.yaml'))
      mkdirSync(join(pack, 'folder.yaml'))
      // Before, a FIFO was read through the thread pool: the load waited for a writer that never came.
      expect((await collectRules([pack])).problems.map((p) => p.message)).toEqual([
        'cannot read (it is a directory)',
        'cannot read (it is a FIFO, socket or device, not a regular file)',
      ])
    },
  )

  it('duplicate rule ids across files are errors naming both places', async () => {
    const a = file('a.yaml', VALID)
    const b = file('b.yaml', VALID)
    const {rules, problems} = await collectRules([a, b])
    expect(rules).toHaveLength(1)
    expect(problems.map((p) => formatProblem(p).replaceAll(`${dir}/`, ''))).toEqual([
      "b.yaml:1:1: duplicate rule id 'example-rule' (first defined at a.yaml:1)",
    ])
  })

  it('a folder without rule files, or specs without any rule, are errors: nothing to check is not "all valid"', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'))
    writeFileSync(join(empty, 'notes.txt'), 'not a rule')
    const {rules, problems} = await collectRules([empty])
    expect(rules).toEqual([])
    expect(problems.map(formatProblem)).toEqual([`${empty}:1:1: no rule file (*.yaml, *.yml) in this folder`])
    const bare = file('bare-pack.yaml', 'name: bare\n')
    expect((await collectRules([bare])).problems.map(formatProblem)).toEqual([`${bare}:1:1: no rule found`])
    await expect(loadRules([empty])).rejects.toBeInstanceOf(RulesError)
  })

  it('parameter ranges follow their names, in the rule, its test cases and packs', async () => {
    const text = VALID.replace(
      '  limit: 0.5',
      '  limit: 0.5\n  max_share: 1.5\n  min_commits: 2.5\n  min_coverage: -0.1\n  max_days: 365',
    )
    expect(await problemsOf('ranges.yaml', text)).toEqual([
      "ranges.yaml:8:3: parameter 'max_share' must be within [0, 1] (a share), got 1.5",
      "ranges.yaml:9:3: parameter 'min_commits' must be a whole number >= 0 (a count), got 2.5",
      "ranges.yaml:10:3: parameter 'min_coverage' must be within [0, 1] (a share), got -0.1",
    ])
    const inCase = VALID.replace('  limit: 0.5', '  limit: 0.5\n  max_share: 0.5').replace(
      'metrics: {top_company_share: 0.1}',
      'metrics: {top_company_share: 0.1}\n      params: {max_share: 2, limit: 7}',
    )
    expect(await problemsOf('case-range.yaml', inCase)).toEqual([
      "case-range.yaml:17:16: parameter 'max_share' must be within [0, 1] (a share), got 2",
    ])
    const pack = 'name: loose\nextends: [default]\nparams:\n  single-org-majority: {max_share: 5}\n'
    expect(await problemsOf('loose-pack.yaml', pack)).toEqual([
      "loose-pack.yaml:4:25: single-org-majority: parameter 'max_share' must be within [0, 1] (a share), got 5",
    ])
  })

  it('an unknown spec lists the shipped packs', async () => {
    const {problems} = await collectRules(['no-such-pack'])
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^no-such-pack:1:1: no such rule file, folder or pack \(shipped packs: default, strict\)$/),
    ])
  })

  it('loadRules throws a usage error (exit 3) listing every problem', async () => {
    const bad = file('bad.yaml', VALID.replace('severity: low', 'severity: 3\nextra: 1'))
    const error = await loadRules([bad]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RulesError)
    expect((error as RulesError).exitCode).toBe(ExitCode.usage)
    expect((error as RulesError).message.split('\n')).toHaveLength(2)
  })
})

describe('packs', () => {
  it('a pack file extends a shipped pack, sets parameters and severities, and adds rules', async () => {
    const pack = file(
      'my-pack.yaml',
      `name: my-pack
extends: [default]
exclude: [no-security-policy]
params:
  low-bus-factor: {max_bus_factor: 3}
severity:
  low-elephant-factor: critical
rules:
${indented(VALID)}`,
    )
    const {rules, problems} = await collectRules([pack])
    expect(problems.map(formatProblem)).toEqual([])
    const ids = rules.map((r) => r.id)
    expect(ids).toContain('example-rule')
    expect(ids).not.toContain('no-security-policy')
    expect(rules.find((r) => r.id === 'low-bus-factor')?.params).toEqual({max_bus_factor: 3})
    expect(rules.find((r) => r.id === 'low-bus-factor')?.defaults).toEqual({max_bus_factor: 1})
    expect(rules.find((r) => r.id === 'low-elephant-factor')?.severity).toBe('critical')
    expect(rules.find((r) => r.id === 'example-rule')).toMatchObject({pack: 'my-pack', line: 9})
  })

  it('pack mistakes are located: unknown pack, unknown rule, wrong parameter type', async () => {
    const text = `name: broken
extends: [default, nope]
params:
  low-bus-factor: {max_bus_factor: many}
  not-a-rule: {x: 1}
`
    expect(await problemsOf('broken-pack.yaml', text)).toEqual([
      "broken-pack.yaml:2:20: unknown pack 'nope'",
      "broken-pack.yaml:4:20: low-bus-factor: parameter 'max_bus_factor' must be number, got string",
      "broken-pack.yaml:5:3: params: no rule 'not-a-rule' in this pack",
    ])
  })

  it('schema problems of a rule inside a pack file are located under rules[i], unknown keys first', async () => {
    const text = `name: inline\nrules:\n${indented(VALID.replace('severity: low', 'severity: 3\nextra: 1'))}\n`
    expect(await problemsOf('inline-pack.yaml', text)).toEqual([
      "inline-pack.yaml:6:5: rules[0]: unknown key 'extra'",
      expect.stringMatching(/^inline-pack\.yaml:5:15: rules\[0\]\.severity: Invalid option: expected one of /),
    ])
  })
})

describe('user parameter overrides', () => {
  it('change parameters without copying the rule', async () => {
    const {rules} = await loadRules(['default'], {'single-org-majority': {max_share: 0.3}})
    const rule = rules.find((r) => r.id === 'single-org-majority')
    expect(rule?.params).toEqual({max_share: 0.3, min_attributed_commits: 10, min_coverage: 0.5})
    expect(rule?.defaults).toEqual({max_share: 0.5, min_attributed_commits: 10, min_coverage: 0.5})
  })

  it('reject unknown rules, unknown parameters and wrong types as usage errors', async () => {
    const {rules} = await loadRules(['default'])
    const attempt = (overrides: Record<string, Record<string, unknown>>) => {
      try {
        applyOverrides(rules, overrides as never)
        return 'accepted'
      } catch (error) {
        expect(error).toBeInstanceOf(StewardsError)
        expect((error as StewardsError).exitCode).toBe(ExitCode.usage)
        return (error as Error).message
      }
    }
    expect(attempt({'no-such-rule': {x: 1}})).toBe("rule parameter overrides: unknown rule 'no-such-rule'")
    expect(attempt({'low-bus-factor': {max: 1}})).toBe(
      "rule parameter overrides: low-bus-factor: unknown parameter 'max' (known: max_bus_factor)",
    )
    expect(attempt({'low-bus-factor': {max_bus_factor: 'two'}})).toBe(
      "rule parameter overrides: low-bus-factor: parameter 'max_bus_factor' must be number, got string",
    )
    expect(attempt({'single-org-majority': {max_share: 5}})).toBe(
      "rule parameter overrides: single-org-majority: parameter 'max_share' must be within [0, 1] (a share), got 5",
    )
    expect(attempt({'single-org-majority': {min_attributed_commits: -3}})).toBe(
      "rule parameter overrides: single-org-majority: parameter 'min_attributed_commits' must be a whole number >= 0 (a count), got -3",
    )
    expect(attempt({'inactive-or-archived': {max_days: 0.5}})).toBe(
      "rule parameter overrides: inactive-or-archived: parameter 'max_days' must be a whole number >= 0 (a count), got 0.5",
    )
    expect(
      attempt({
        'single-org-majority': {max_share: 1, min_attributed_commits: 0},
        'inactive-or-archived': {max_days: 0},
      }),
    ).toBe('accepted')
    expect(attempt({'no-security-policy': {x: true}})).toBe(
      "rule parameter overrides: no-security-policy: unknown parameter 'x' (the rule has none)",
    )
  })
})
