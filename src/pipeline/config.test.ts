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

  it('names the file and line of a duration, date or size it cannot read (in the words of the flag), with the hint, exit 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-config-'))
    const cases: Array<[string, string, string]> = [
      ['failOn: high\nmaxAge: xyz\n', "2: maxAge 'xyz' is not a duration", 'use e.g. 30m, 24h, 7d or milliseconds'],
      ['profileMaxAge: 3w\n', "1: profileMaxAge '3w' is not a duration", 'use e.g. 30m, 24h, 7d or milliseconds'],
      [
        '# dates\nsince: 2025-01-01\nuntil: 2025-02-30\n',
        "3: until '2025-02-30' is not a date",
        'use YYYY-MM-DD or an ISO 8601 timestamp',
      ],
      ['maxFileSize: bogus\n', '1: maxFileSize: "bogus" is not a size', 'use bytes or a unit, e.g. 50MB'],
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
