/** QA: a wrong `--affiliations` file is a usage error (exit 3) naming the file and line, never silently ignored. */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'stewards-affiliations-'))
const flat = (text: string) => text.replace(/\s*\n ›\s+/g, ' ')

describe('--affiliations FILE that is not a gitdm file', () => {
  it('stops scan with exit 3 before any work: a binary file (the node executable)', async () => {
    const run = await runCli(['scan', 'fixtures/demo', '--offline', '--affiliations', process.execPath])
    expect(run.code).toBe(3)
    const stderr = flat(run.stderr)
    expect(stderr).toContain(`${process.execPath}:`)
    expect(stderr).toContain(': not a gitdm affiliations file: binary content (NUL byte)')
    expect(run.stdout).toBe('')
    expect(run.stderr).not.toContain('    at ')
  })

  it('stops people with exit 3 for a file in another format, naming its first bad line', async () => {
    const json = join(dir, 'affiliations.json')
    writeFileSync(json, '{"alice": "Example Corp"}\n')
    const commits = join(dir, 'commits.json')
    writeFileSync(commits, '[]')
    const run = await runCli([
      'people',
      'example/widgets',
      '--commits',
      commits,
      '--affiliations',
      json,
      '--no-shipped',
    ])
    expect([run.code, flat(run.stderr)]).toEqual([
      3,
      expect.stringContaining(`${json}:1: not a gitdm affiliations file`),
    ])
  })
})
