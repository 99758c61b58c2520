/**
 * A URL a file gives all its packages (a Gemfile `source`, a pip `--index-url`, a helmfile repository) is kept at
 * most 2,048 characters in each package's purl and `repository` (core/purl-string.ts): a 100 KB URL over a thousand
 * packages made 100 MB of purls. The file is reported (`value-too-long`, at its first such package), the run is
 * incomplete, and a cut URL still marks the packages as served from elsewhere than the public registry.
 */
import {rm} from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {MAX_QUALIFIER_LENGTH} from '../../src/core/purl-string.js'
import type {Component, Inventory} from '../../src/core/model.js'
import {runCli} from '../support/cli.js'
import {makeTree} from './tree.js'

const LONG = 100_000
const gemSource = `https://gems.example.com/${'a'.repeat(LONG)}`
const pipIndex = `https://pypi.example.com/simple/${'b'.repeat(LONG)}`
const chartRepo = `https://charts.example.com/${'c'.repeat(LONG)}`

let dir: string
let inventory: Inventory
let code: number
let stderr: string

beforeAll(async () => {
  dir = await makeTree({
    'gems/Gemfile': `source "${gemSource}"\n${Array.from({length: 300}, (_, i) => `gem "g${i}", "1.0.${i}"\n`).join('')}`,
    'py/requirements.txt': `--index-url ${pipIndex}\n${Array.from({length: 300}, (_, i) => `pkg${i}==1.0.${i}\n`).join('')}`,
    'charts/helmfile.yaml': `repositories:\n  - name: big\n    url: ${chartRepo}\nreleases:\n${Array.from(
      {length: 100},
      (_, i) => `  - name: r${i}\n    chart: big/chart${i}\n    version: 1.0.${i}\n`,
    ).join('')}`,
    'short/Gemfile': 'source "https://gems.example.com/private"\ngem "ok", "2.0.0"\n',
  })
  const r = await runCli(['inventory', dir, '--json'])
  code = r.code
  stderr = r.stderr
  inventory = JSON.parse(r.stdout.replaceAll(`${dir}/`, ''))
})

afterAll(() => rm(dir, {recursive: true, force: true}))

const inFile = (file: string) => inventory.components.filter((c: Component) => c.locations[0].file === file)

describe('URLs longer than any registry', () => {
  it('reports each file once, at its first package, and the run is incomplete', () => {
    expect(code).toBe(2)
    expect(stderr).toContain('incomplete')
    const errors = inventory.errors.filter((e) => e.code === 'value-too-long')
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['charts/helmfile.yaml', 6],
      ['gems/Gemfile', 2],
      ['py/requirements.txt', 2],
    ])
    expect(errors[1].message).toBe(
      `300 packages (the first "g0") would carry a repository_url over 2,048 characters, longer than any registry's URL: kept cut at 2,048, marked with …`,
    )
    expect(errors[0].message).toContain('a repository_url and repository over 2,048 characters')
  })

  it('keeps each purl within the cap, the URL cut and marked, still not the public registry', () => {
    const gems = inFile('gems/Gemfile')
    expect(gems).toHaveLength(300)
    for (const gem of gems) {
      const url = new URL(gem.purl ?? '').searchParams.get('repository_url') ?? ''
      expect(url).toBe(`${gemSource.slice(0, MAX_QUALIFIER_LENGTH)}…`)
    }
    const pkgs = inFile('py/requirements.txt')
    expect(pkgs).toHaveLength(300)
    expect(pkgs[0].purl).toMatch(
      /^pkg:pypi\/pkg0@1\.0\.0\?repository_url=https%3A%2F%2Fpypi\.example\.com%2Fsimple%2Fb+%E2%80%A6$/,
    )
    const charts = inFile('charts/helmfile.yaml')
    expect(charts).toHaveLength(100)
    expect(charts[0].repository).toBe(`${chartRepo.slice(0, MAX_QUALIFIER_LENGTH)}…`)
    // The whole output stays near the size of what it lists, not 700 × 100 KB.
    expect(JSON.stringify(inventory).length).toBeLessThan(700 * 5_000)
  })

  it('leaves a URL of ordinary length whole, with no error for its file', () => {
    const [ok] = inFile('short/Gemfile')
    expect(ok.purl).toBe('pkg:gem/ok@2.0.0?repository_url=https%3A%2F%2Fgems.example.com%2Fprivate%2F')
    expect(inventory.errors.filter((e) => e.file.startsWith('short/'))).toEqual([])
  })
})
