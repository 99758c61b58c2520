import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'
import {yamlAliasBomb} from '../support/yaml-bomb.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-rules-cli-'))

const GOOD = `id: vendor-share
title: Vendor share
severity: medium
rationale: r
remediation: r
params: {limit: 0.5}
condition: m.top_company_share != null && m.top_company_share > p.limit
message: '{{ m.top_company }} {{ percent(m.top_company_share) }}'
tests:
  pass: [{name: low, metrics: {top_company_share: 0.2}}]
  fail: [{name: high, metrics: {top_company: Example Corp, top_company_share: 0.8}, message: Example Corp 80.0%}]
`

function write(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('stewards rules', () => {
  it('list prints the default pack; --json gives the rule metadata', async () => {
    const text = await runCli(['rules', 'list'])
    expect(text.code).toBe(0)
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+SEVERITY\s+PACK\s+TITLE$/)
    expect(text.stdout).toMatch(/^single-org-majority\s+high\s+default\s+One organisation holds most commits$/m)
    const json = await runCli(['rules', 'list', '--rules', 'strict', '--json'])
    expect(json.code).toBe(0)
    const rules = JSON.parse(json.stdout) as Array<{id: string; severity: string; params: Record<string, unknown>}>
    expect(rules.find((r) => r.id === 'listed-maintainer')?.severity).toBe('critical')
    expect(rules.find((r) => r.id === 'single-org-majority')?.params).toEqual({
      max_share: 0.4,
      min_attributed_commits: 10,
      min_coverage: 0.5,
    })
  })

  it('explain shows why, when, what to do and the parameters; an unknown id exits 3', async () => {
    const r = await runCli(['rules', 'explain', 'low-bus-factor'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('low-bus-factor (high): One person makes half of the commits (bus factor)')
    expect(r.stdout).toContain('Defined in rules/packs/default/low-bus-factor.yaml:1 (pack default)')
    expect(r.stdout).toContain('  max_bus_factor = 1 (a count: a whole number >= 0)')
    const strict = await runCli(['rules', 'explain', 'single-org-majority', '--rules', 'strict'])
    expect(strict.stdout).toContain('  max_share = 0.4 (rule default 0.5; a share: within [0, 1])')
    const unknown = await runCli(['rules', 'explain', 'bus-factor'])
    expect(unknown.code).toBe(3)
    expect(unknown.stderr).toContain("no rule 'bus-factor' in default")
    expect(unknown.stderr).toContain('did you mean low-bus-factor?')
  })

  it('validate accepts good files and runs their embedded tests', async () => {
    const r = await runCli(['rules', 'validate', write('good.yaml', GOOD), 'default'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^13 rule\(s\) valid; \d+ embedded test case\(s\) passed$/m)
  })

  it('validate rejects bad CEL, an unknown key, a wrong type, a YAML bomb and a failing test: file:line:column, exit 3, no stack trace', async () => {
    const files = [
      write('bad-cel.yaml', GOOD.replace('m.top_company_share > p.limit', 'm.top_company_share >> p.limit')),
      write('unknown-key.yaml', GOOD.replace('severity: medium', 'severity: medium\nseverty: high')),
      write('wrong-type.yaml', GOOD.replace('severity: medium', 'severity: [high]')),
      write('bomb.yaml', yamlAliasBomb()),
      write('failing.yaml', GOOD.replace('message: Example Corp 80.0%', 'message: Example Corp 81%')),
    ]
    const r = await runCli(['rules', 'validate', ...files])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    const lines = r.stderr
      .trim()
      .split('\n')
      .map((l) => l.replace(`${dir}/`, ''))
    expect(lines).toEqual([
      'bad-cel.yaml:7:63: CEL syntax: found > but expecting end of input',
      "unknown-key.yaml:4:1: unknown key 'severty'",
      expect.stringMatching(/^wrong-type\.yaml:3:11: severity: Invalid option: expected one of /),
      'bomb.yaml:2:8: YAML: aliases expand beyond the limit of 100 (a "billion laughs" bomb?)',
      'failing.yaml:11:1: vendor-share: fail case "high" message "Example Corp 80.0%", expected "Example Corp 81%"',
    ])
    expect(r.stderr).not.toMatch(/\n\s+at /)

    // The same problems for machines: one JSON document on stdout, still exit 3.
    const json = await runCli(['rules', 'validate', ...files, '--format', 'json'])
    expect(json.code).toBe(3)
    expect(json.stderr).toBe('')
    const result = JSON.parse(json.stdout)
    expect(result).toMatchObject({valid: false, rules: expect.any(Number), cases: expect.any(Number)})
    expect(
      result.problems.map(
        (p: {file: string; line: number; column: number}) => `${p.file.replace(`${dir}/`, '')}:${p.line}:${p.column}`,
      ),
    ).toEqual([
      'bad-cel.yaml:7:63',
      'unknown-key.yaml:4:1',
      'wrong-type.yaml:3:11',
      'bomb.yaml:2:8',
      'failing.yaml:11:1',
    ])
    expect(result.problems[4].message).toBe(
      'vendor-share: fail case "high" message "Example Corp 80.0%", expected "Example Corp 81%"',
    )
    const good = await runCli(['rules', 'validate', 'default', '--json'])
    expect(good.code).toBe(0)
    expect(JSON.parse(good.stdout)).toMatchObject({valid: true, rules: 12, problems: []})
  })

  it('validate of a folder without rule files exits 3 instead of "0 rule(s) valid"', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'))
    const r = await runCli(['rules', 'validate', empty])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toBe(`${empty}:1:1: no rule file (*.yaml, *.yml) in this folder`)
  })

  it('list with a broken --rules file exits 3 naming the file and line', async () => {
    const r = await runCli([
      'rules',
      'list',
      '--rules',
      write('broken.yaml', GOOD.replace('title: Vendor share', 'title: [1]')),
    ])
    expect(r.code).toBe(3)
    expect(r.stderr.split('\n')[0]).toBe(`${dir}/broken.yaml:2:8: title: a string is expected, not a list`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('scan with a broken --rules file exits 3 printing every problem as file:line:column: reason, then the hint', async () => {
    const bad = write(
      'scan-broken.yaml',
      GOOD.replace('title: Vendor share', 'title: [1]').replace('severity: medium', 'severity: medium\nseverty: high'),
    )
    const r = await runCli(['scan', 'fixtures/demo', '--rules', bad])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `${bad}:4:1: unknown key 'severty'`,
      `${bad}:2:8: title: a string is expected, not a list`,
      expect.stringMatching(/^Hint: check with `stewards rules validate FILE`/),
    ])
  })
})
