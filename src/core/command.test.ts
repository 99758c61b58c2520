import {Flags} from '@oclif/core'
import {describe, expect, it} from 'vitest'
import {loadConfig} from '../../tests/support/cli.js'
import {BaseCommand} from './command.js'
import {ExitCode, StewardsError} from './errors.js'

/** A command whose run throws what the flag says: the base class must map each to its exit code. */
class Thrower extends BaseCommand {
  static flags = {kind: Flags.string({options: ['bug', 'usage', 'incomplete', 'type']}), count: Flags.integer()}
  async run(): Promise<void> {
    const {flags} = await this.parse(Thrower)
    if (flags.kind === 'bug') throw new Error('boom')
    if (flags.kind === 'type') throw new TypeError("Cannot read properties of undefined (reading 'x')")
    if (flags.kind === 'usage')
      throw new StewardsError('bad-flags', 'bad input', {exitCode: ExitCode.usage, hint: 'fix it'})
    if (flags.kind === 'incomplete')
      throw new StewardsError('collect-incomplete', 'partial data', {exitCode: ExitCode.incomplete})
  }
}

async function exitCodeOf(argv: string[]): Promise<number | undefined> {
  const stderr = process.stderr.write
  process.stderr.write = () => true
  try {
    // The package's configuration without oclif's own command discovery (which would load src/ through tsx).
    await Thrower.run(argv, await loadConfig())
    return 0
  } catch (error) {
    return (error as {oclif?: {exit?: number}}).oclif?.exit
  } finally {
    process.stderr.write = stderr
  }
}

describe('BaseCommand exit codes', () => {
  it('maps an uncaught exception to 4 (internal), never 1', async () => {
    expect(await exitCodeOf(['--kind', 'bug'])).toBe(ExitCode.internal)
    expect(await exitCodeOf(['--kind', 'type'])).toBe(ExitCode.internal)
  })

  it('keeps the exit code a StewardsError carries', async () => {
    expect(await exitCodeOf(['--kind', 'usage'])).toBe(ExitCode.usage)
    expect(await exitCodeOf(['--kind', 'incomplete'])).toBe(ExitCode.incomplete)
  })

  it('maps flag parse errors (oclif exit 2) to usage (3)', async () => {
    expect(await exitCodeOf(['--kind', 'nope'])).toBe(ExitCode.usage)
    expect(await exitCodeOf(['--count', 'x'])).toBe(ExitCode.usage)
    expect(await exitCodeOf(['--unknown'])).toBe(ExitCode.usage)
  })

  it('exits 0 when nothing is thrown', async () => {
    expect(await exitCodeOf([])).toBe(0)
  })
})
