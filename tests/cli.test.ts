import {describe, expect, it} from 'vitest'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {runCli} from './support/cli.js'

describe('exit-code contract', () => {
  it('an unknown command is a usage error (3) with a hint', async () => {
    const r = await runCli(['no-such-command'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain("unknown command 'no-such-command'")
    expect(r.stderr).toContain('Hint:')
  })

  it('a mistyped command or flag: one line, and a hint naming what was meant (exit 3)', async () => {
    const command = await runCli(['scna', 'fixtures/demo'])
    expect(command.code).toBe(3)
    expect(command.stderr).toBe(
      "Error: unknown command 'scna'\nHint: did you mean `stewards scan`? (`stewards --help` lists the commands)\n",
    )
    const sub = await runCli(['rules', 'lst'])
    expect(sub.code).toBe(3)
    expect(sub.stderr).toBe(
      "Error: unknown command 'rules lst'\nHint: did you mean `stewards rules list`? (`stewards rules --help` lists the commands)\n",
    )
    const flag = await runCli(['scan', 'fixtures/demo', '--fial-on', 'high'])
    expect(flag.code).toBe(3)
    expect(flag.stderr).toBe(
      'Error: Nonexistent flag: --fial-on\nHint: did you mean --fail-on? (see `stewards scan --help`)\n',
    )
    const negated = await runCli(['rules', 'explain', 'low-bus-factor', '--jsno'])
    expect(negated.code).toBe(3)
    expect(negated.stderr).toContain('Hint: did you mean --json? (see `stewards rules explain --help`)')
    const nothing = await runCli(['scan', 'fixtures/demo', '--zzzzzzzz'])
    expect(nothing.code).toBe(3)
    expect(nothing.stderr).toBe('Error: Nonexistent flag: --zzzzzzzz\nHint: see `stewards scan --help`\n')
  })

  it('a file that cannot be read is named with the reason in words, never an errno code (exit 3)', async () => {
    const missing = join(tmpdir(), 'stewards-cli-no-such-file.yaml')
    const runs = [
      await runCli(['scan', 'fixtures/demo', '--map', missing]),
      await runCli(['evaluate', tmpdir()]),
      await runCli(['collect', '--repos', missing]),
      await runCli(['people', 'example/widget', '--commits', missing]),
    ]
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(3)
      expect(r.stderr).toMatch(/^Error: .*: cannot read .*\((no such file or directory|it is a directory)\)\nHint: /)
      expect(r.stderr).not.toMatch(/\bE[A-Z]{3,}\b/)
    }
    expect(runs[0].stderr).toContain(`${missing}: cannot read the map file (no such file or directory)`)
    expect(runs[1].stderr).toContain(`${tmpdir()}: cannot read the report (it is a directory)`)
  })
})
