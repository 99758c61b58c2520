import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {StewardsError} from '../core/errors.js'
import {loadConfig, loadScanConfig} from './config.js'

/** A scanned tree with a settings file, a file inside it, and one outside it (plus a link leading out). */
function tree(config: string): {dir: string; file: string; outside: string} {
  const root = mkdtempSync(join(tmpdir(), 'stewards-trust-'))
  const dir = join(root, 'vendor')
  mkdirSync(join(dir, 'data'), {recursive: true})
  writeFileSync(join(dir, 'data', 'map.yaml'), 'mappings: []\n')
  const outside = join(root, 'secret.txt')
  writeFileSync(outside, 'password=hunter2\n')
  symlinkSync(outside, join(dir, 'data', 'link.yaml'))
  const file = join(dir, '.stewards.yaml')
  writeFileSync(file, config)
  return {dir, file, outside}
}

async function refusal(promise: Promise<unknown>): Promise<StewardsError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(StewardsError)
    return error as StewardsError
  }
  throw new Error('expected the settings file to be refused')
}

describe('a .stewards.yaml inside a scanned path (data from the tree)', () => {
  it.each([
    ['githubApiUrl: https://collector.example.net/api/v3', 'githubApiUrl', 'choose where the GitHub token is sent'],
    ['output: [json=report.json]', 'output', 'choose where reports are written'],
    ['cacheDir: cache', 'cacheDir', 'choose where the cache is written and read'],
    [
      'artifactHubUrl: https://collector.example.net',
      'artifactHubUrl',
      'choose where the names of its chart repositories are sent',
    ],
  ])('may not set %s', async (yaml, key, what) => {
    const {file} = tree(`failOn: high\n${yaml}\n`)
    const error = await refusal(loadConfig(file, 'scanned-path'))
    expect(error.exitCode).toBe(3)
    expect(error.message).toBe(`${file}:2: ${key}: a settings file inside a scanned path cannot ${what}`)
    expect(error.hint).toContain(`--config ${file}`)
  })

  it('reads files inside the tree only, links followed', async () => {
    const inside = tree('map: data/map.yaml\nrules: [strict, data/map.yaml]\nsnapshot: data/map.yaml\n')
    await expect(loadConfig(inside.file, 'scanned-path')).resolves.toMatchObject({
      rules: ['strict', expect.any(String)],
    })
    for (const [yaml, key, line] of [
      ['map: ../secret.txt', 'map', 2],
      ['map: data/link.yaml', 'map', 2],
      ['baseline: /etc/passwd', 'baseline', 2],
      ['affiliations:\n  - data/map.yaml\n  - ../secret.txt', 'affiliations', 4],
      ['rules: [default, ../../rules]', 'rules', 2],
      ['snapshot: ../secret.txt', 'snapshot', 2],
      ['paths: [..]', 'paths', 2],
      ['bots: [data/map.yaml, ../secret.txt]', 'bots', 2],
    ] as const) {
      const {file} = tree(`since: 2025-01-01\n${yaml}\n`)
      const error = await refusal(loadConfig(file, 'scanned-path'))
      expect(error.message).toMatch(
        new RegExp(
          `^${file}:${line}: ${key}: '.*' is outside .*vendor/; a settings file inside a scanned path reads only files inside it$`,
        ),
      )
      // The file it names is never read, let alone quoted.
      expect(error.message).not.toContain('hunter2')
    }
  })

  it('may not name a folder of rules or organisations holding a link out of the tree', async () => {
    for (const key of ['rules', 'entities'] as const) {
      const {dir, file, outside} = tree(`${key}: [orgs]\n`)
      mkdirSync(join(dir, 'orgs', 'deep'), {recursive: true})
      writeFileSync(join(dir, 'orgs', 'a.yaml'), 'organizations: []\n')
      await expect(loadConfig(file, 'scanned-path')).resolves.toBeDefined()
      symlinkSync(outside, join(dir, 'orgs', 'deep', 'b.yaml'))
      const error = await refusal(loadConfig(file, 'scanned-path'))
      expect(error.message).toMatch(
        new RegExp(`^${file}:1: ${key}: 'orgs' holds deep/b.yaml, a link outside .*vendor/; a settings file inside`),
      )
      expect(error.message).not.toContain('hunter2')
    }
  })

  it('lists a folder it names without entering links (two links to . made 2^40 entries and never ended)', async () => {
    for (const key of ['rules', 'entities'] as const) {
      const {dir, file} = tree(`${key}: [orgs]\n`)
      mkdirSync(join(dir, 'orgs'))
      writeFileSync(join(dir, 'orgs', 'a.yaml'), 'organizations: []\n')
      symlinkSync('.', join(dir, 'orgs', 'loop1'))
      symlinkSync('.', join(dir, 'orgs', 'loop2'))
      await expect(loadConfig(file, 'scanned-path')).resolves.toBeDefined()
    }
  })

  it('may lower maxFileSize and maxCommits to their defaults or below, never raise them', async () => {
    const allowed = tree('maxFileSize: 50MB\nmaxCommits: 50000\n')
    await expect(loadConfig(allowed.file, 'scanned-path')).resolves.toMatchObject({maxCommits: 50000})
    for (const [yaml, key] of [
      ['maxFileSize: 51MB', 'maxFileSize'],
      ['maxCommits: 50001', 'maxCommits'],
    ] as const) {
      const {file} = tree(`failOn: high\n${yaml}\n`)
      const error = await refusal(loadConfig(file, 'scanned-path'))
      expect(error.code).toBe('config-untrusted')
      expect(error.message).toMatch(new RegExp(`^${file}:2: ${key}: a settings file inside a scanned path may lower`))
      // The user's own file may raise them.
      await expect(loadConfig(file, 'given')).resolves.toBeDefined()
    }
  })

  it('may still tune the judgement', async () => {
    const {file} = tree('failOn: medium\nparams: {low-bus-factor: {max_bus_factor: 2}}\ninclude: ["**/*.yaml"]\n')
    await expect(loadConfig(file, 'scanned-path')).resolves.toEqual({
      failOn: 'medium',
      params: {'low-bus-factor': {max_bus_factor: 2}},
      include: ['**/*.yaml'],
    })
  })
})

describe('the user’s own settings file (--config, or the working directory)', () => {
  it('honours every key, reads anywhere, and keeps report paths inside its directory', async () => {
    for (const origin of ['given', 'working-directory'] as const) {
      const {file} = tree(
        'githubApiUrl: https://ghe.example.com/api/v3\ncacheDir: ../cache\nmap: ../secret.txt\noutput: [json=out/r.json, "csv=-"]\nartifactHubUrl: https://hub.example.com\n',
      )
      await expect(loadConfig(file, origin)).resolves.toMatchObject({
        githubApiUrl: 'https://ghe.example.com/api/v3',
        artifactHubUrl: 'https://hub.example.com',
      })
      const outside = tree('output:\n  - json=out/r.json\n  - sarif=../r.sarif\n')
      const error = await refusal(loadConfig(outside.file, origin))
      expect(error.message).toMatch(
        new RegExp(
          `^${outside.file}:3: output: '../r.sarif' is outside .*vendor/, the directory this settings file governs$`,
        ),
      )
    }
  })
})

describe('which file, and how far it is trusted (loadScanConfig)', () => {
  it('the first PATH’s file is the tree’s, unless it is the working directory’s; --config is always the user’s', async () => {
    const {dir, file} = tree('githubApiUrl: https://ghe.example.com/api/v3\n')
    const cwd = process.cwd()
    try {
      process.chdir(join(dir, '..'))
      await expect(loadScanConfig(undefined, ['vendor'])).rejects.toThrow(
        /cannot choose where the GitHub token is sent/,
      )
      await expect(loadScanConfig(file, ['vendor'])).resolves.toMatchObject({
        githubApiUrl: 'https://ghe.example.com/api/v3',
      })
      process.chdir(dir)
      await expect(loadScanConfig(undefined, ['.'])).resolves.toMatchObject({
        githubApiUrl: 'https://ghe.example.com/api/v3',
      })
      await expect(loadScanConfig(undefined, [])).resolves.toMatchObject({
        githubApiUrl: 'https://ghe.example.com/api/v3',
      })
      // A PATH without a settings file: the working directory's is used, as the user's.
      await expect(loadScanConfig(undefined, ['data'])).resolves.toMatchObject({
        githubApiUrl: 'https://ghe.example.com/api/v3',
      })
    } finally {
      process.chdir(cwd)
    }
  })
})
