/**
 * Issue #11 §2: files in the scanned tree cannot steer the tool. A `.stewards.yaml` inside a scanned PATH may not
 * send the token elsewhere, write reports, or read files outside the tree; the same file named with `--config`,
 * or found in the working directory, is the user's own. Reports are never written through a link.
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {repoRoot, runCliAsync} from '../support/cli.js'
import {makeFifo} from '../support/fifo.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'

const TOKEN = 'ghp_settingsTrust0123456789abcdefABCD'
const WINDOW = ['--since', '2025-01-01', '--until', '2026-01-01']
const work = mkdtempSync(join(tmpdir(), 'stewards-settings-'))
let emulator: GithubEmulator

/** A vendor tree whose `.stewards.yaml` says `settings` (one image, mapped to an upstream the emulator serves). */
function vendorTree(name: string, settings: string): string {
  const dir = join(work, name)
  mkdirSync(dir, {recursive: true})
  writeFileSync(
    join(dir, 'pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: "ghcr.io/example-lumen/lumen-web:2.0.4"}\n',
  )
  writeFileSync(join(dir, 'map.yaml'), 'mappings:\n  - {match: "**", repo: github.com/example-lumen/lumen-web}\n')
  writeFileSync(join(dir, '.stewards.yaml'), `map: map.yaml\n${settings}`)
  return dir
}

beforeAll(async () => {
  const roots = join(work, 'upstreams')
  cpSync(
    join(repoRoot, 'fixtures', 'demo', 'upstreams', 'example-lumen__lumen-web'),
    join(roots, 'example-lumen__lumen-web'),
    {recursive: true},
  )
  emulator = await startGithubEmulator({roots: [roots], token: TOKEN})
})
afterAll(() => emulator?.close())

describe('settings from the scanned tree', {timeout: 600_000}, () => {
  it('may not choose where the token goes; the same file named with --config may', async () => {
    const vendor = vendorTree('vendor', `githubApiUrl: ${emulator.url}\ncacheDir: ../cache-a\n`)
    const env = {GITHUB_TOKEN: TOKEN}
    const fromTree = await runCliAsync(['scan', vendor, ...WINDOW], {env})
    expect(fromTree.code).toBe(3)
    expect(fromTree.stderr).toBe(
      `Error: ${vendor}/.stewards.yaml:2: githubApiUrl: a settings file inside a scanned path cannot choose where the GitHub token is sent\n` +
        `Hint: give it as a flag, in --config FILE or in .stewards.yaml of the working directory; --config ${vendor}/.stewards.yaml trusts this file as your own\n`,
    )
    expect(`${fromTree.stdout}${fromTree.stderr}`).not.toContain(TOKEN)
    expect(emulator.requests).toEqual([])
    // Trusted when named: the emulator is asked, with the token, and the upstream is collected. (The working
    // directory's file is trusted the same way: src/pipeline/config-trust.test.ts.)
    const named = await runCliAsync(
      ['scan', vendor, '--config', join(vendor, '.stewards.yaml'), ...WINDOW, '--format', 'json'],
      {env},
    )
    expect(named.stderr).not.toContain('Error')
    expect(JSON.parse(named.stdout).projects[0]).toMatchObject({
      repo: 'github.com/example-lumen/lumen-web',
      status: 'ok',
    })
    expect(emulator.requests.length).toBeGreaterThan(0)
    expect(emulator.requests.every((q) => q.authorization?.endsWith(TOKEN))).toBe(true)
    expect(existsSync(join(work, 'cache-a'))).toBe(true)
  })

  it('may not write reports, nor read outside the tree (links followed)', async () => {
    writeFileSync(join(work, 'outside.yaml'), 'mappings: []\n')
    const output = vendorTree('v-output', 'output: [json=report.json]\n')
    const outside = vendorTree('v-outside', 'overrides: ../outside.yaml\n')
    const linked = vendorTree('v-linked', 'affiliations: [gitdm.txt]\n')
    symlinkSync(join(work, 'outside.yaml'), join(linked, 'gitdm.txt'))
    const runs = await Promise.all([output, outside, linked].map((dir) => runCliAsync(['scan', dir, '--offline'])))
    expect(runs.map((r) => r.code)).toEqual([3, 3, 3])
    expect(runs[0].stderr).toContain(
      '.stewards.yaml:2: output: a settings file inside a scanned path cannot choose where reports are written',
    )
    expect(runs[1].stderr).toContain("overrides: '../outside.yaml' is outside")
    expect(runs[2].stderr).toContain("affiliations: 'gitdm.txt' is outside")
    expect(existsSync(join(output, 'report.json'))).toBe(false)
  })

  it('is not read when it links outside the tree, nor any file or folder of rules it names that does', async () => {
    // Before, a tree's .stewards.yaml linked to ~/.kube/config or a token file was parsed, and its keys and values
    // were quoted on stderr (`unknown key 'ghp_…'`, `--since 'ghp_…' is not a date`). The tree's waivers file in the
    // same place was already refused unread: both now go through one check (config-trust.ts refuseLinkOut).
    const secret = join(work, 'kubeconfig')
    writeFileSync(secret, 'apiVersion: v1\nghp_OUTSIDE0123456789: x\nsince: ghp_OUTSIDE0123456789\n')
    const settings = vendorTree('v-settings-link', '')
    rmSync(join(settings, '.stewards.yaml'))
    symlinkSync(secret, join(settings, '.stewards.yaml'))
    const ruleDir = vendorTree('v-rules-link', 'rules: [default, my-rules]\n')
    mkdirSync(join(ruleDir, 'my-rules'))
    symlinkSync(secret, join(ruleDir, 'my-rules', 'stolen.yaml'))
    const runs = await Promise.all([settings, ruleDir].map((dir) => runCliAsync(['scan', dir, '--offline'])))
    expect(runs.map((r) => r.code)).toEqual([3, 3])
    expect(runs[0].stderr).toBe(
      `Error: ${settings}/.stewards.yaml: a settings file inside a scanned path links outside it; it is not read\n` +
        `Hint: give it with --config ${settings}/.stewards.yaml to trust it as your own\n`,
    )
    expect(runs[1].stderr).toContain(
      `.stewards.yaml:2: rules: 'my-rules' holds stolen.yaml, a link outside ${ruleDir}/; a settings file inside a scanned path reads only files inside it`,
    )
    for (const run of runs) expect(run.stderr).not.toMatch(/OUTSIDE|apiVersion/)
    // Named with --config, the same file is the user's own and is read (its unknown key is then the user's to see).
    const given = await runCliAsync(['scan', settings, '--offline', '--config', join(settings, '.stewards.yaml')])
    expect(given.code).toBe(3)
    expect(given.stderr).toContain('apiVersion')
  })

  it('may lower the limits that bound memory and requests, never raise them', async () => {
    // Before, `maxFileSize: 1TB` in a tree let a 145 MB lockfile in (118 s, 1.1 GB).
    const raise = vendorTree('v-raise', 'maxFileSize: 1TB\nmaxCommits: 1000000\n')
    const commits = vendorTree('v-raise-commits', 'maxCommits: 1000000\n')
    const lower = vendorTree('v-lower', 'maxFileSize: 1KB\n')
    writeFileSync(join(lower, 'Dockerfile'), `FROM alpine:3\n# ${'x'.repeat(2000)}\n`)
    const runs = await Promise.all([raise, commits, lower].map((dir) => runCliAsync(['scan', dir, '--offline'])))
    expect(runs[0].code).toBe(3)
    expect(runs[0].stderr).toBe(
      `Error: ${raise}/.stewards.yaml:2: maxFileSize: a settings file inside a scanned path may lower maxFileSize, not raise it past 50MB\n` +
        `Hint: give --max-file-size SIZE on the command line, or --config ${raise}/.stewards.yaml to trust this file as your own\n`,
    )
    expect(runs[1].code).toBe(3)
    expect(runs[1].stderr).toContain(
      '.stewards.yaml:2: maxCommits: a settings file inside a scanned path may lower maxCommits, not raise it past 50,000',
    )
    // Lowered: honoured (the Dockerfile is over 1KB, not read, and the run is incomplete).
    expect(runs[2].code).toBe(2)
    // (The report wraps its lines, where depends on the temporary folder's length: compare the words.)
    expect(runs[2].stdout.replace(/\s+/g, ' ')).toMatch(/Dockerfile: \d+ bytes, over the 1024-byte limit/)
    // The user's own settings may raise them.
    const mine = await runCliAsync(['scan', raise, '--offline', '--config', join(raise, '.stewards.yaml')])
    expect(mine.stderr).not.toContain('may lower')
  })

  it('may bring a rule and make its parameters long, but one evaluation spends a bounded cost', async () => {
    // Before, this rule (macros nested 2 deep, within the limits) over a 2,000-item list from the tree's params cost
    // 4 million steps a project (15 s for 5 projects; a 1 MiB settings file holds 150,000 numbers: hours).
    const xs = Array.from({length: 2_000}, (_, i) => i).join(', ')
    const dir = vendorTree('v-cel-cost', `rules: [default, slow.yaml]\nparams:\n  slow-rule:\n    xs: [${xs}]\n`)
    writeFileSync(
      join(dir, 'slow.yaml'),
      [
        'id: slow-rule',
        'title: Slow rule',
        'severity: low',
        'rationale: test',
        'remediation: test',
        'applies_to: [partial, unavailable]',
        'params: {xs: [1, 2, 3]}',
        'condition: p.xs.exists(a, p.xs.exists(b, a + b == -1)) || p.xs.size() == 1',
        'message: slow',
        'tests:',
        '  pass: [{name: p, metrics: {}, project: {status: partial}}]',
        '  fail: [{name: f, metrics: {}, project: {status: partial}, params: {xs: [1]}, message: slow}]',
        '',
      ].join('\n'),
    )
    const run = await runCliAsync(['scan', dir, '--offline', '--format', 'json'])
    expect(run.code).toBe(2)
    const report = JSON.parse(run.stdout) as {errors: {code: string; message: string}[]}
    expect(report.errors.filter((e) => e.code === 'rule-evaluation').map((e) => e.message)).toEqual([
      'github.com/example-lumen/lumen-web: slow-rule on github.com/example-lumen/lumen-web: evaluation exceeds its budget of 1,000,000 cost units (comprehensions over long lists or maps; see rules/README.md)',
    ])
  })

  it('may bring bot rules and company renames, but their patterns run in linear time', {timeout: 60_000}, async () => {
    // Before, `^(.*.*)*x$` from a tree's bots file ran on JavaScript's backtracking RegExp against each author's
    // e-mail and name: the demo's scan never ended. Patterns now run on RE2 (src/core/linear-regex.ts).
    const dir = join(work, 'v-patterns')
    cpSync(join(repoRoot, 'fixtures', 'demo'), dir, {recursive: true})
    writeFileSync(join(dir, 'bots.yaml'), "bots:\n  - {id: slow, email: {pattern: '^(.*.*)*x$'}, why: test}\n")
    writeFileSync(join(dir, 'companies.yaml'), "acquisitions:\n  - ['^(.*.*)*x$', 'X']\n")
    writeFileSync(
      join(dir, '.stewards.yaml'),
      `${readFileSync(join(dir, '.stewards.yaml'), 'utf8')}bots: [bots.yaml]\ncompanies: companies.yaml\n`,
    )
    const run = await runCliAsync(['scan', dir])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[0]).toBe(
      '4 of 5 projects need review (worst finding: 3 high, 1 medium); 1 clean; 1 component without an',
    )
  })

  it.skipIf(process.platform === 'win32')(
    'may not make the run wait: a FIFO in place of one of its files is refused at once',
    {timeout: 30_000},
    async () => {
      // Before, the map, waivers or snapshot file named by the tree was read through the thread pool: a FIFO made
      // the scan wait forever for a writer. A tree's settings name files and folders only; a settings file that is
      // a FIFO nothing writes to is refused when read.
      const runs = await Promise.all(
        (['map', 'snapshot', 'waivers', 'settings'] as const).map((key) => {
          const dir = vendorTree(`v-fifo-${key}`, key === 'snapshot' || key === 'waivers' ? `${key}: pipe.yaml\n` : '')
          const fifo = {map: 'map.yaml', snapshot: 'pipe.yaml', waivers: 'pipe.yaml', settings: '.stewards.yaml'}[key]
          rmSync(join(dir, fifo), {force: true})
          makeFifo(join(dir, fifo))
          return runCliAsync(['scan', dir, '--offline'])
        }),
      )
      expect(runs.map((r) => r.code)).toEqual([3, 3, 3, 3])
      const [map, snapshot, waivers, settings] = runs
      expect(map.stderr).toContain(
        ".stewards.yaml:1: map: 'map.yaml' is a FIFO, socket or device; a settings file inside a scanned path names only files and folders",
      )
      expect(snapshot.stderr).toContain(".stewards.yaml:2: snapshot: 'pipe.yaml' is a FIFO, socket or device")
      expect(waivers.stderr).toContain(".stewards.yaml:2: waivers: 'pipe.yaml' is a FIFO, socket or device")
      expect(settings.stderr).toContain(
        '.stewards.yaml: cannot read the configuration file (it is a FIFO nothing writes to)',
      )
    },
  )

  it('may not exhaust memory: settings, waivers and map files over their size limit are refused before parsing', async () => {
    // Before, a 44 MB settings file in a scanned tree ran the YAML parser past 4 GB and two minutes.
    const padding = (bytes: number) => `# ${'x'.repeat(bytes)}\n`
    const settings = vendorTree('v-large-settings', padding(1024 * 1024))
    const waivers = vendorTree('v-large-waivers', 'waivers: big.yaml\n')
    writeFileSync(join(waivers, 'big.yaml'), padding(1024 * 1024))
    const map = vendorTree('v-large-map', '')
    writeFileSync(join(map, 'map.yaml'), padding(4 * 1024 * 1024))
    const runs = await Promise.all([settings, waivers, map].map((dir) => runCliAsync(['scan', dir, '--offline'])))
    expect(runs.map((r) => r.code)).toEqual([3, 3, 3])
    expect(runs[0].stderr).toContain('the configuration file is larger than 1048576 bytes (1048593)')
    expect(runs[1].stderr).toContain('the waivers file is larger than 1048576 bytes (1048579)')
    expect(runs[2].stderr).toContain('the map file is larger than 4194304 bytes (4194307)')
    for (const run of runs) expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1)
  })
})

describe('report files', {timeout: 600_000}, () => {
  it('are never written through a link, and a report path in the user’s settings stays in its directory', async () => {
    const victim = join(work, 'victim.txt')
    writeFileSync(victim, 'precious\n')
    const link = join(work, 'report.sarif')
    symlinkSync(victim, link)
    const settings = join(work, 'mine', 'stewards.yaml')
    mkdirSync(join(work, 'mine'))
    writeFileSync(settings, 'output: [json=../escaped.json]\n')
    const [linkRun, settingsRun] = await Promise.all([
      runCliAsync(['scan', 'fixtures/demo', '--output', `sarif=${link}`]),
      runCliAsync(['scan', 'fixtures/demo', '--config', settings, '--offline']),
    ])
    expect(linkRun.code).toBe(3)
    expect(linkRun.stderr).toContain(`--output ${link}: is a symbolic link, and stewards never writes through one`)
    expect(readFileSync(victim, 'utf8')).toBe('precious\n')
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(settingsRun.code).toBe(3)
    expect(settingsRun.stderr).toContain(`${settings}:1: output: '../escaped.json' is outside`)
    expect(existsSync(join(work, 'escaped.json'))).toBe(false)
  })
})
