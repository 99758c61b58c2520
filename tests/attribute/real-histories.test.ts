/**
 * Issue 19 on real histories of ordinary dependencies (extracts in `__fixtures__/real/`, source and licence in its
 * README), through the local-git path's records: automation under human-looking identities is excluded and
 * reported, the few unattributed authors who would raise coverage most are listed with a snippet that, filled in,
 * is read back, and a domain claim from local git is unverified (no signature GitHub checked, no profile).
 * Expected counts come from the raw files (counted here by address), not from stewards.
 */
import {readFileSync} from 'node:fs'
import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {attributeProject, evidenceWanted, loadAttributionContext} from '../../src/attribute/index.js'
import {readCommitsFile} from '../../src/attribute/index.js'
import {summarizeCommits} from '../../src/attribute/summary.js'
import type {CollectedProject} from '../../src/core/model.js'
import {loadEntities} from '../../src/entities/load.js'
import {runCliAsync} from '../support/cli.js'

const real = join(import.meta.dirname, '__fixtures__', 'real')

interface RawCommit {
  sha: string
  author: {name: string; email: string}
}

function raw(name: string): RawCommit[] {
  return JSON.parse(readFileSync(join(real, `${name}.commits.json`), 'utf8'))
}

/** Commits per `name <email>` of the raw file, for the identities asked. */
function identities(name: string, keep: (c: RawCommit) => boolean): Record<string, number> {
  const out: Record<string, number> = {}
  for (const c of raw(name).filter(keep)) {
    const key = `${c.author.name} <${c.author.email}>`
    out[key] = (out[key] ?? 0) + 1
  }
  return out
}

async function project(name: string, repo: string): Promise<CollectedProject> {
  const {commits, problems} = await readCommitsFile(join(real, `${name}.commits.json`))
  expect(problems).toEqual([])
  return {
    repo,
    source: 'git',
    status: 'ok',
    missing: ['facts', 'profiles'],
    window: {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'},
    commits,
    governance: [],
    profiles: {},
  }
}

/** The bot conventions of ../shared/affiliation/EXPECTED.json alone: the shipped rules added since, switched off. */
async function conventionOnly(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stewards-bots-'))
  const file = join(dir, 'bots.yaml')
  const added = [
    'github-actions-identity',
    'github-action-identity',
    'github-noreply-author',
    'github-actions-bot-name',
    'jenkins-host',
    'imgbot',
    'semantic-release-bot',
  ]
  await writeFile(file, `disable: [${added.join(', ')}]\n`)
  return file
}

describe('real histories: automation excluded, evidence wanted, local-git domains unverified', async () => {
  const entities = await loadEntities()
  const context = await loadAttributionContext({entities})
  const before = await loadAttributionContext({entities, botFiles: [await conventionOnly()]})

  it('eslint 2024: release automation committing as "GitHub Actions Bot" and "Jenkins" is not people', async () => {
    const eslint = await project('eslint__eslint', 'github.com/eslint/eslint')
    const automation = identities(
      'eslint__eslint',
      (c) => c.author.email === 'eslint@googlegroups.com' || /^jenkins@[^.]+$/.test(c.author.email),
    )
    const apps = identities('eslint__eslint', (c) => c.author.name.includes('[bot]'))
    const result = attributeProject(eslint, [], context)
    expect(result.bots).toEqual({...automation, ...apps})
    expect(Object.values(automation).reduce((a, b) => a + b, 0)).toBe(127)
    expect(result.botRules?.['Jenkins <jenkins@eslint-03>']).toMatch(/^jenkins-host: /)
    expect(result.botRules?.['GitHub Actions Bot <eslint@googlegroups.com>']).toMatch(/^github-actions-bot-name: /)
    // Under the earlier conventions the release commits counted as two people's work.
    const old = summarizeCommits(attributeProject(eslint, [], before))
    const now = summarizeCommits(result)
    expect([old.bot_commits, now.bot_commits]).toEqual([22, 149])
    expect(old.human_commits - now.human_commits).toBe(127)
    expect(old.distinct_authors - now.distinct_authors).toBe(2)
  })

  it('fastapi, October 2024: github-actions@github.com commits are automation', async () => {
    const fastapi = await project('fastapi__fastapi', 'github.com/fastapi/fastapi')
    const result = attributeProject(fastapi, [], context)
    const actions = raw('fastapi__fastapi').filter((c) => c.author.email === 'github-actions@github.com').length
    expect(actions).toBeGreaterThan(100)
    expect(result.bots['github-actions <github-actions@github.com>']).toBe(actions)
    expect(result.commits.some((c) => !c.bot && c.authorEmail === 'github-actions@github.com')).toBe(false)
  })

  it('eslint 2024: five people make most unattributed commits; the snippet, filled in, attributes them', async () => {
    const eslint = await project('eslint__eslint', 'github.com/eslint/eslint')
    const result = attributeProject(eslint, [], context)
    const wanted = evidenceWanted(result)
    expect(wanted).toBeDefined()
    // From the raw file: human commits per address, largest first.
    const humans = raw('eslint__eslint').filter(
      (c) =>
        !c.author.name.includes('[bot]') &&
        c.author.email !== 'eslint@googlegroups.com' &&
        !/^jenkins@[^.]+$/.test(c.author.email),
    )
    const perAddress = new Map<string, number>()
    for (const c of humans)
      perAddress.set(c.author.email.toLowerCase(), (perAddress.get(c.author.email.toLowerCase()) ?? 0) + 1)
    const top = [...perAddress].sort((a, b) => b[1] - a[1]).slice(0, 5)
    expect(wanted?.people.map((p) => p.commits)).toEqual(top.map(([, n]) => n))
    expect(wanted?.people[0].emails).toEqual([top[0][0]])
    expect(wanted?.humanCommits).toBe(humans.length)
    const sum = top.reduce((s, [, n]) => s + n, 0)
    expect(wanted?.share).toBe(Math.round((sum / humans.length) * 10_000) / 10_000)

    // An analyst fills the snippet in (here: every one Independent, with a note) and passes it as overrides.
    const dir = await mkdtemp(join(tmpdir(), 'stewards-wanted-'))
    const file = join(dir, 'affiliations.yaml')
    await writeFile(
      file,
      (wanted?.snippet ?? '')
        .replaceAll('organization: ""', 'organization: Independent')
        .replaceAll('note: ""', 'note: "https://example.com/evidence"'),
    )
    const filled = await loadAttributionContext({entities, overrides: file})
    const after = summarizeCommits(attributeProject(eslint, [], filled))
    expect(after.attributed_commits).toBe(summarizeCommits(result).attributed_commits + sum)
    expect(after.attributed_commits / after.human_commits).toBeCloseTo(wanted?.coverageAfter ?? 0, 3)
  })

  it('express 2024: a company domain from local git attributes, marked unverified (nothing can vouch there)', async () => {
    const express = await project('expressjs__express', 'github.com/expressjs/express')
    const result = attributeProject(express, [], context)
    const netflix = raw('expressjs__express').filter((c) => c.author.email.endsWith('@netflix.com')).length
    const attributed = result.commits.filter((c) => c.attribution.organization === 'Netflix')
    expect(attributed).toHaveLength(netflix)
    expect(netflix).toBeGreaterThan(0)
    for (const c of attributed) expect(c.attribution.claim?.verification).toEqual({status: 'unverified'})
  })

  it('people --commits --wanted prints the list and the snippet', async () => {
    const r = await runCliAsync([
      'people',
      'eslint/eslint',
      '--commits',
      join(real, 'eslint__eslint.commits.json'),
      '--wanted',
    ])
    // The extract holds no governance files: maintainers are unknown, and said so (never zero).
    expect(r.stderr).toBe(
      'stewards: no maintainers found for eslint/eslint (unknown, not zero); looked in: repository eslint/eslint\n',
    )
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Evidence wanted: 5 of \d+ unattributed authors make \d+\.\d% of human commits/m)
    expect(r.stdout).toContain('affiliations:\n  - email: "')
  })
})
