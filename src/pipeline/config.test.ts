import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadScanConfig, loadConfig} from './config.js'

describe('loadConfig (.stewards.yaml)', () => {
  it('reads the settings, with paths relative to the file (as the working directory sees them)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-config-'))
    mkdirSync(join(dir, 'sub'))
    const file = join(dir, 'sub', '.stewards.yaml')
    writeFileSync(
      file,
      'failOn: high\nmap: repos.yaml\naffiliations: [../gitdm.txt]\noutput: [sarif=out/x.sarif]\nparams: {low-bus-factor: {max_bus_factor: 2}}\n',
    )
    const config = await loadConfig(file)
    expect(config).toEqual({
      failOn: 'high',
      map: relative(process.cwd(), join(dir, 'sub', 'repos.yaml')),
      affiliations: [relative(process.cwd(), join(dir, 'gitdm.txt'))],
      output: [`sarif=${relative(process.cwd(), join(dir, 'sub', 'out', 'x.sarif'))}`],
      params: {'low-bus-factor': {max_bus_factor: 2}},
    })
  })

  it('reads waivers as a file relative to it, or inline with the line of each; an inline waiver without an end is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-config-'))
    const file = join(dir, '.stewards.yaml')
    writeFileSync(file, 'waivers: risk/waivers.yaml\n')
    expect(await loadConfig(file)).toEqual({waivers: relative(process.cwd(), join(dir, 'risk', 'waivers.yaml'))})
    const waiver = '  - rule: low-bus-factor\n    repository: example-org/widget\n    reason: r\n    approvedBy: a\n'
    writeFileSync(file, `failOn: high\nwaivers:\n${waiver}    expires: 2099-01-01\n`)
    expect((await loadConfig(file)).waivers).toEqual([
      {
        rule: 'low-bus-factor',
        repository: 'example-org/widget',
        reason: 'r',
        approvedBy: 'a',
        expires: '2099-01-01',
        file,
        line: 3,
      },
    ])
    writeFileSync(file, `waivers:\n${waiver}`)
    await expect(loadConfig(file)).rejects.toMatchObject({
      code: 'config-invalid',
      message: `${file}:2:5: waivers[0]: missing required key 'expires'`,
    })
  })

  it('names the file and line of an unknown key, a wrong type or a YAML error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-config-'))
    const write = (text: string) => {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`)
      writeFileSync(file, text)
      return file
    }
    const unknown = write('since: 2025-01-01\n\nfail_on: high\n')
    await expect(loadConfig(unknown)).rejects.toThrow(new RegExp(`^${unknown}:3:1: .*fail_on`))
    const wrongType = write('offline: yes please\n')
    await expect(loadConfig(wrongType)).rejects.toThrow(new RegExp(`^${wrongType}:1:10: offline`))
    const duplicate = write('offline: true\noffline: false\n')
    await expect(loadConfig(duplicate)).rejects.toThrow(new RegExp(`^${duplicate}:2:1: `))
    await expect(loadConfig(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read the configuration file/)
  })

  it('names the file, line and column of a duration, date or size it cannot read, never quoting it, with the hint, exit 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-config-'))
    const cases: Array<[string, string, string]> = [
      ['failOn: high\nmaxAge: xyz\n', '2:9: maxAge: not a duration', 'use e.g. 30m, 24h, 7d or milliseconds'],
      ['profileMaxAge: 3w\n', '1:16: profileMaxAge: not a duration', 'use e.g. 30m, 24h, 7d or milliseconds'],
      [
        '# dates\nsince: 2025-01-01\nuntil: 2025-02-30\n',
        '3:8: until: not a date',
        'use YYYY-MM-DD or an ISO 8601 timestamp',
      ],
      ['maxFileSize: bogus\n', '1:14: maxFileSize: not a size', 'use bytes or a unit, e.g. 50MB'],
      // The text is never quoted: a token written under the wrong key is still a token.
      ['maxAge: Zq9secretVALUExx77\n', '1:9: maxAge: not a duration', 'use e.g. 30m, 24h, 7d or milliseconds'],
    ]
    for (const [text, message, hint] of cases) {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`)
      writeFileSync(file, text)
      const error = await loadConfig(file).then(
        () => undefined,
        (thrown: unknown) => thrown as {message: string; hint?: string; exitCode?: number},
      )
      expect(error?.message).toBe(`${file}:${message}`)
      expect(error?.hint).toBe(hint)
      expect(error?.exitCode).toBe(3)
    }
    // Values it reads are kept as written (each command parses them as its flags).
    const good = join(dir, 'good.yaml')
    writeFileSync(good, 'maxAge: 24h\nsince: 2025-01-01\nmaxFileSize: 10MB\n')
    expect(await loadConfig(good)).toEqual({maxAge: '24h', since: '2025-01-01', maxFileSize: '10MB'})
    // A size written as a YAML number is bytes, as `--max-file-size 1048576` is.
    writeFileSync(good, 'maxFileSize: 1048576\n')
    expect(await loadConfig(good)).toEqual({maxFileSize: '1048576'})
  })
})

describe("a settings file's problems, in stewards' words with a hint (never zod's)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-config-words-'))
  const problem = async (text: string) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`)
    writeFileSync(file, text)
    const error = await loadConfig(file).then(
      () => undefined,
      (thrown: unknown) => thrown as {code?: string; message: string; hint?: string; exitCode?: number},
    )
    expect(error?.code).toBe('config-invalid')
    expect(error?.exitCode).toBe(3)
    return [error?.message.slice(file.length), error?.hint]
  }
  const KEYS = 'keys are the scan flags in camelCase (failOn, cacheDir, includeDev...); see the README'
  const WAIVER =
    'each waiver has rule, repository (OWNER/REPO), reason, approvedBy and expires (YYYY-MM-DD), and may have component (README "Waivers")'

  it('too big, too small: the value and the bound, the range in the hint', async () => {
    expect(await problem('concurrency: 1000\n')).toEqual([
      ':1:14: concurrency: 1000 is more than 64, the most it may be',
      'a whole number from 1 to 64, e.g. concurrency: 4',
    ])
    expect(await problem('maxCommits: 0\n')).toEqual([
      ':1:13: maxCommits: 0 is less than 1, the least it may be',
      'a whole number from 1, e.g. maxCommits: 50000',
    ])
    expect(await problem('failOn: high\nstaleAfter: 500\n')).toEqual([
      ':2:13: staleAfter: 500 is more than 100, the most it may be',
      'a whole number from 1 to 100, e.g. staleAfter: 5',
    ])
  })

  it('a wrong type: what is expected and what was written, an example in the hint', async () => {
    expect(await problem('concurrency: 1.5\n')).toEqual([
      ':1:14: concurrency: a whole number is expected, not 1.5',
      'e.g. concurrency: 4',
    ])
    // A number of bytes is a size too (as --max-file-size 100 is); one no size can be is refused in its own words.
    expect(await problem('maxFileSize: 1.5\n')).toEqual([
      ':1:14: maxFileSize: a string or a whole number is expected, not 1.5',
      'e.g. maxFileSize: 50MB',
    ])
    expect(await problem('maxFileSize: -5\n')).toEqual([
      ':1:14: maxFileSize: -5 is less than 0, the least it may be',
      'e.g. maxFileSize: 50MB',
    ])
    expect(await problem('maxFileSize: true\n')).toEqual([
      ':1:14: maxFileSize: a string or a number is expected, not a boolean',
      'e.g. maxFileSize: 50MB',
    ])
    expect(await problem('exclude: test/**\n')).toEqual([
      ':1:10: exclude: a list is expected, not a string',
      "e.g. exclude: ['test/**']",
    ])
    expect(await problem('githubApiUrl: 5\n')).toEqual([
      ':1:15: githubApiUrl: a string or a list is expected, not 5',
      'e.g. githubApiUrl: https://ghe.example.com/api/v3',
    ])
    expect(await problem('githubApiUrl: [https://ghe.example.com/api/v3, 5]\n')).toEqual([
      ':1:48: githubApiUrl[1]: a string is expected, not a number',
      'e.g. githubApiUrl: https://ghe.example.com/api/v3',
    ])
    expect(await problem('waivers: 5\n')).toEqual([
      ':1:10: waivers: a waivers file or a list of waivers is expected, not a number',
      'e.g. waivers: .stewards-waivers.yaml',
    ])
    expect(await problem('params: {low-bus-factor: 2}\n')).toEqual([
      ':1:26: params.low-bus-factor: an object is expected, not a number',
      'params are {RULE: {NAME: VALUE}}, e.g. params: {single-org-majority: {max_share: 0.6}}',
    ])
    expect(await problem('- failOn: high\n')).toEqual([
      ':1:1: the settings are a list, not keys with values',
      `one key a line, e.g. failOn: high; ${KEYS}`,
    ])
  })

  it('a value outside a list of choices: the choices, and the nearest one (text is never quoted: it may be a token)', async () => {
    expect(await problem('failOn: hgh\n')).toEqual([
      ':1:9: failOn: not one of info, low, medium, high, critical, none',
      'did you mean high? e.g. failOn: high',
    ])
    expect(await problem('onRateLimit: sleep\n')).toEqual([
      ':1:14: onRateLimit: not one of wait, stop',
      'e.g. onRateLimit: wait',
    ])
    expect(await problem('csvSheet: project\n')).toEqual([
      ':1:11: csvSheet: not one of findings, projects, components',
      'did you mean projects? e.g. csvSheet: projects',
    ])
  })

  it('a report format or an --output entry: at its line, the text not quoted', async () => {
    expect(await problem('format: sarf\n')).toEqual([
      ':1:9: format: not one of table, json, sarif, markdown, html, csv, cyclonedx',
      'did you mean sarif? e.g. format: sarif',
    ])
    expect(await problem('output:\n  - sarif=ok.sarif\n  - report.html\n')).toEqual([
      ':3:5: output[1]: not FORMAT=FILE',
      'e.g. output: [sarif=stewards.sarif]',
    ])
    expect(await problem('output: [pdf=report.pdf]\n')).toEqual([
      ':1:10: output[0]: not a report format before =: one of table, json, sarif, markdown, html, csv, cyclonedx',
      'e.g. output: [sarif=stewards.sarif]',
    ])
  })

  it('an unknown key: the nearest known one (a flag written as a flag too), no token in files', async () => {
    expect(await problem('exclud: [test/**]\n')).toEqual([
      ":1:1: unknown key 'exclud'",
      `did you mean exclude? ${KEYS}`,
    ])
    expect(await problem('max-file-size: 10MB\n')).toEqual([
      ":1:1: unknown key 'max-file-size'",
      `did you mean maxFileSize? ${KEYS}`,
    ])
    expect(await problem('colour: true\n')).toEqual([":1:1: unknown key 'colour'", KEYS])
    expect(await problem('token: x\n')).toEqual([
      ":1:1: unknown key 'token'",
      `secrets do not belong in files: set GITHUB_TOKEN (or GH_TOKEN) in the environment; ${KEYS}`,
    ])
  })

  it("an inline waiver's problems: its own words kept, an unknown key no longer an internal error", async () => {
    const waiver =
      '  - {rule: low-bus-factor, repository: example-org/widget, reason: r, approvedBy: a, expires: 2099-01-01'
    expect(await problem(`waivers:\n${waiver}, approved: b}\n`)).toEqual([
      ":2:107: waivers[0]: unknown key 'approved'",
      `did you mean approvedBy? ${WAIVER}`,
    ])
    expect(await problem(`waivers:\n${waiver.replace('low-bus-factor', 'Low_Bus')}}\n`)).toEqual([
      ':2:12: waivers[0].rule: a rule id (lower case, digits and hyphens: single-org-majority)',
      WAIVER,
    ])
    expect(await problem(`waivers:\n${waiver}, component: ''}\n`)).toEqual([
      ':2:118: waivers[0].component: may not be empty',
      WAIVER,
    ])
  })
})

describe('loadScanConfig: the one lookup of .stewards.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-find-config-'))
  mkdirSync(join(dir, 'stack'))
  writeFileSync(join(dir, 'stack', '.stewards.yaml'), 'failOn: high\n')
  const other = join(dir, 'other.yaml')
  writeFileSync(other, 'failOn: low\n')

  it('reads --config first, else .stewards.yaml in the first PATH when it is a directory', async () => {
    expect(await loadScanConfig(other, [join(dir, 'stack')])).toEqual({failOn: 'low'})
    expect(await loadScanConfig(undefined, [join(dir, 'stack'), dir])).toEqual({failOn: 'high'})
  })

  it('else the working directory (this checkout has none: no settings), never a later PATH', async () => {
    expect(existsSync(join(process.cwd(), '.stewards.yaml'))).toBe(false)
    expect(await loadScanConfig(undefined, [dir, join(dir, 'stack')])).toEqual({})
    expect(await loadScanConfig(undefined, [join(dir, 'stack', '.stewards.yaml')])).toEqual({})
    expect(await loadScanConfig(undefined)).toEqual({})
  })

  it('refuses a --config that cannot be read (exit 3)', async () => {
    await expect(loadScanConfig(join(dir, 'nope.yaml'))).rejects.toMatchObject({code: 'file-unreadable', exitCode: 3})
  })
})
