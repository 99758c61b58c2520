import {execFileSync} from 'node:child_process'
import {describe, expect, it} from 'vitest'
import {tieringFlags} from './tiering.js'

// The flags themselves are set in the CLI's own process (bin/run.js): V8's flags are the whole process's, and vitest's
// workers run other tests. Their effect is measured by `npm run bench` (bench/inventory.ts), not asserted here.
describe('tieringFlags', () => {
  it('chooses the flags by V8 major version: a budget on V8 11 (Node 20), invocation counts on V8 12 and 13 (22, 24)', () => {
    expect(tieringFlags('11.3.244.8-node.38', [])).toEqual([
      '--interrupt-budget=270336',
      '--max-inlined-bytecode-size-cumulative=460',
    ])
    expect(tieringFlags('12.4.254.21-node.57', [])).toEqual([
      '--invocation-count-for-turbofan=10000',
      '--max-inlined-bytecode-size-cumulative=230',
    ])
    expect(tieringFlags('13.6.233.17-node.53', [])).toEqual([
      '--invocation-count-for-turbofan=30000',
      '--invocation-count-for-maglev=1000',
      '--max-inlined-bytecode-size-cumulative=230',
    ])
  })

  it('leaves a V8 it was not measured on as it is (an unknown flag is an error V8 prints)', () => {
    for (const version of ['10.2.154.26-node.36', '14.1.0', '', 'x']) expect(tieringFlags(version, [])).toEqual([])
  })

  it('leaves V8 as it is when the user tiers it, spelled with - or _, on the command line or in NODE_OPTIONS', () => {
    for (const options of [
      ['--interrupt-budget=1000'],
      ['--interrupt_budget=1000'],
      ['--invocation-count-for-turbofan=5'],
      ['--max-inlined-bytecode-size=10'],
      ['--no-turbo-inlining'],
      ['--no-opt'],
      ['--jitless'],
      ['--maglev'],
      ['--no-maglev'],
      ['--always-sparkplug'],
      ['--enable-source-maps', '--inspect --max_inlined_bytecode_size_cumulative=100'],
    ])
      expect([options, tieringFlags('11.3.244.8-node.38', options)]).toEqual([options, []])
  })

  it('is not turned off by unrelated options', () => {
    for (const options of [
      [],
      [''],
      ['--max-old-space-size=4096'],
      ['--enable-source-maps --no-warnings'],
      ['--optimize-for-size-x'],
    ])
      expect(tieringFlags('12.4.254.21-node.57', options)).toHaveLength(2)
  })

  it('names only flags the running node knows (V8 prints an error for any other)', () => {
    const known = execFileSync(process.execPath, ['--v8-options'], {encoding: 'utf8'})
    const flags = tieringFlags(process.versions.v8, [])
    for (const flag of flags) expect(known).toContain(`  ${flag.slice(0, flag.indexOf('='))} `)
  })
})
