import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {Component, Finding, ProjectReport, ScanResult, Waiver} from '../core/model.js'
import {checkYamlFile} from '../core/yaml-file.js'
import {
  applyWaivers,
  judgingDay,
  placeWaivers,
  recordedWaivers,
  WaiversFile,
  waiverRepoKey,
  waiversJsonSchema,
} from './waivers.js'

function component(name: string, purl?: string): Component {
  return {
    name,
    ref: name,
    ...(purl ? {purl} : {}),
    locations: [{file: 'deploy/app.yaml', line: 3, column: 5}],
  } as Component
}

function finding(ruleId: string, repo: string, severity: Finding['severity'] = 'high'): Finding {
  return {ruleId, repo, severity, message: `${ruleId} on ${repo}`, evidence: {metrics: {}}, locations: []}
}

function project(repo: string, findings: Finding[], components = [component(`${repo}-image`)]): ProjectReport {
  return {repo, findings, components, score: 50} as unknown as ProjectReport
}

/** A judged result: the top-level findings are the projects' own objects, as judge makes them. */
function result(projects: ProjectReport[]): ScanResult {
  return {
    projects,
    findings: projects.flatMap((p) => p.findings),
    summary: {components: 2, projects: projects.length, findingsBySeverity: {}, portfolioScore: 50, incomplete: false},
  } as unknown as ScanResult
}

function waiver(over: Partial<Waiver> = {}): Waiver {
  return {
    rule: 'single-org-majority',
    repository: 'example-org/widget',
    reason: 'vendor contract covers support',
    approvedBy: 'Security board',
    expires: '2027-06-30',
    file: '.stewards-waivers.yaml',
    line: 2,
    ...over,
  }
}

const scan = () =>
  result([
    project('github.com/example-org/widget', [
      finding('single-org-majority', 'github.com/example-org/widget'),
      finding('low-bus-factor', 'github.com/example-org/widget', 'medium'),
    ]),
    project('github.com/example-org/gadget', [finding('single-org-majority', 'github.com/example-org/gadget')]),
  ])

describe('applyWaivers', () => {
  it('marks the findings an unexpired waiver covers, keeps every finding, and records each waiver with its status', () => {
    const waivers = [
      waiver(),
      waiver({rule: 'low-bus-factor', expires: '2026-01-31', line: 8}),
      waiver({rule: 'no-security-policy', line: 14}),
    ]
    const judged = applyWaivers(scan(), waivers, '2026-02-01')
    expect(judged.findings).toHaveLength(3)
    const [majority, bus, other] = judged.findings
    expect(majority.waiver).toEqual({
      reason: 'vendor contract covers support',
      approvedBy: 'Security board',
      expires: '2027-06-30',
      file: '.stewards-waivers.yaml',
      line: 2,
    })
    // Expired the day before: it no longer applies.
    expect(bus.waiver).toBeUndefined()
    // Another repository: not covered.
    expect(other.waiver).toBeUndefined()
    // The project's own list carries the same marks.
    expect(judged.projects[0].findings.map((f) => Boolean(f.waiver))).toEqual([true, false])
    expect(judged.summary.waived).toBe(1)
    expect(judged.waivers?.judgedOn).toBe('2026-02-01')
    expect(judged.waivers?.entries.map((w) => [w.rule, w.status, w.findings])).toEqual([
      ['single-org-majority', 'active', 1],
      ['low-bus-factor', 'expired', 0],
      ['no-security-policy', 'stale', 0],
    ])
    // Scores and counts stay as the rules made them: a waiver accepts a risk, it does not remove it.
    expect(judged.projects[0].score).toBe(50)
  })

  it('applies a waiver through its last day, not after', () => {
    const on = (today: string) => applyWaivers(scan(), [waiver({expires: '2026-03-31'})], today).waivers?.entries[0]
    expect(on('2026-03-31')?.status).toBe('active')
    expect(on('2026-04-01')?.status).toBe('expired')
  })

  it('matches repositories as reports name them, case-insensitively, with or without the host', () => {
    for (const repository of [
      'example-org/widget',
      'github.com/Example-Org/Widget',
      'https://github.com/example-org/widget',
    ]) {
      const judged = applyWaivers(scan(), [waiver({repository})], '2026-01-01')
      expect(judged.summary.waived, repository).toBe(1)
    }
    expect(waiverRepoKey('ghe.example.com/team/tool')).toBe('ghe.example.com/team/tool')
    expect(waiverRepoKey('not a repo')).toBeUndefined()
    expect(waiverRepoKey('a/b/c/d')).toBeUndefined()
  })

  it('narrows to a component: only while that component alone pulls the repository in', () => {
    const one = [component('@example/widget', 'pkg:npm/%40example/widget@1.2.3')]
    const two = [...one, component('ghcr.io/example-org/widget')]
    const judge = (components: Component[], wanted: string) =>
      applyWaivers(
        result([
          project(
            'github.com/example-org/widget',
            [finding('single-org-majority', 'github.com/example-org/widget')],
            components,
          ),
        ]),
        [waiver({component: wanted})],
        '2026-01-01',
      )
    // By name, by purl, by purl without version.
    for (const wanted of ['@example/widget', 'pkg:npm/%40example/widget@1.2.3', 'pkg:npm/%40example/widget'])
      expect(judge(one, wanted).summary.waived, wanted).toBe(1)
    expect(judge(one, 'pkg:npm/%40example/other').waivers?.entries[0].status).toBe('stale')
    // Another component pulls the same repository in: that use was never accepted.
    expect(judge(two, '@example/widget').summary.waived).toBe(0)
  })

  it('judges a report read back (top-level findings as copies) and replaces the marks it had', () => {
    const copy = JSON.parse(JSON.stringify(applyWaivers(scan(), [waiver()], '2026-01-01'))) as ScanResult
    const again = applyWaivers(copy, recordedWaivers(copy.waivers?.entries ?? []), '2026-01-01')
    expect(again.waivers?.entries[0].findings).toBe(1)
    expect(again.findings.filter((f) => f.waiver)).toHaveLength(1)
    // Judged later, the waiver has expired: the old mark is gone.
    const later = applyWaivers(copy, recordedWaivers(copy.waivers?.entries ?? []), '2028-01-01')
    expect(later.findings.some((f) => f.waiver)).toBe(false)
    expect(later.projects.flatMap((p) => p.findings).some((f) => f.waiver)).toBe(false)
    expect(later.summary.waived).toBe(0)
  })

  it('leaves a result without waivers as it was', () => {
    const before = scan()
    expect(applyWaivers(before, [], '2026-01-01')).toBe(before)
  })

  it('reads the day from the clock in UTC', () => {
    expect(judgingDay(new Date('2026-12-31T23:30:00-02:00'))).toBe('2027-01-01')
  })
})

describe('the waivers file', () => {
  const check = (text: string) => checkYamlFile(text, 'w.yaml', WaiversFile)

  it('reads waivers with the line each is written at; an empty file waives nothing', () => {
    const text = [
      'waivers:',
      '  - rule: single-org-majority',
      '    repository: example-org/widget',
      '    reason: vendor contract',
      '    approvedBy: Security board',
      '    expires: 2027-06-30',
      '  - rule: low-bus-factor',
      '    repository: github.com/example-org/gadget',
      '    component: pkg:npm/gadget',
      '    reason: in-house fork planned',
      '    approvedBy: CISO',
      "    expires: '2026-12-31'",
    ].join('\n')
    const {data, problems, lineAt} = check(text)
    expect(problems).toEqual([])
    const placed = placeWaivers(data?.waivers ?? [], 'w.yaml', lineAt)
    expect(placed.map((w) => [w.rule, w.expires, w.line])).toEqual([
      ['single-org-majority', '2027-06-30', 2],
      ['low-bus-factor', '2026-12-31', 7],
    ])
    expect(check('').data).toEqual({waivers: []})
  })

  it('refuses a waiver without an end, a date that is not one, and unknown keys, naming the line', () => {
    const base = [
      'waivers:',
      '  - rule: single-org-majority',
      '    repository: example-org/widget',
      '    reason: r',
      '    approvedBy: a',
    ]
    const missing = check(base.join('\n')).problems[0]
    expect(missing).toMatchObject({line: 2, message: "waivers[0]: missing required key 'expires'"})
    const bad = check([...base, '    expires: 2026-02-30'].join('\n')).problems[0]
    expect(bad.line).toBe(6)
    expect(bad.message).toMatch(/^waivers\[0\]\.expires: not a date/)
    const typo = check([...base, '    expires: 2026-02-20', '    approved-by: x'].join('\n')).problems[0]
    expect(typo).toMatchObject({line: 7, message: "waivers[0]: unknown key 'approved-by'"})
    const repo = check(
      [...base.slice(0, 2), '    repository: just-a-name', ...base.slice(3), '    expires: 2026-02-20'].join('\n'),
    )
    expect(repo.problems[0]).toMatchObject({line: 3})
    expect(
      check([...base.slice(0, 3), '    reason: "  "', base[4], '    expires: 2026-02-20'].join('\n')).problems[0]
        .message,
    ).toMatch(/reason: say why/)
  })
})

describe('docs/waivers.schema.json', () => {
  it('is generated from the schema stewards reads (STEWARDS_UPDATE_DOCS=1 rewrites it)', () => {
    const path = join(import.meta.dirname, '..', '..', 'docs', 'waivers.schema.json')
    const wanted = waiversJsonSchema()
    if (process.env.STEWARDS_UPDATE_DOCS === '1') writeFileSync(path, wanted)
    expect(readFileSync(path, 'utf8'), 'run STEWARDS_UPDATE_DOCS=1 npx vitest run src/evaluate/waivers.test.ts').toBe(
      wanted,
    )
    const schema = JSON.parse(wanted)
    expect(schema.properties.waivers.items.required).toEqual(['rule', 'repository', 'reason', 'approvedBy', 'expires'])
    expect(schema.properties.waivers.items.properties.expires.format).toBe('date')
  })
})
