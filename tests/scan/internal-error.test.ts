/**
 * Exit 4 is for our own bugs, never 1 (findings) nor oclif's default: a whole `scan` runs in-process and a dependency
 * it writes through fails the way a bug would (the output stream throws a TypeError when the report is written).
 * No hook in production code: the fault comes from outside it.
 */
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import Scan from '../../src/commands/scan.js'
import {ExitCode} from '../../src/core/errors.js'
import {repoRoot} from '../support/cli.js'

type Write = typeof process.stdout.write

describe('an internal error', () => {
  it('exits 4 with "internal error" on stderr when a dependency throws inside a scan', async () => {
    const out = mkdtempSync(join(tmpdir(), 'stewards-internal-'))
    const [stdout, stderr] = [process.stdout.write, process.stderr.write]
    let errors = ''
    let reportWrites = 0
    // Writes of the report throw; the empty write that drains the stream before exiting still completes.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      if (chunk.length > 0) {
        reportWrites++
        throw new TypeError("Cannot read properties of undefined (reading 'write')")
      }
      callback?.()
      return true
    }) as Write
    process.stderr.write = ((chunk: string | Uint8Array) => {
      errors += String(chunk)
      return true
    }) as Write
    let exit: number | undefined
    try {
      await Scan.run(['fixtures/demo', '--output', `json=${join(out, 'report.json')}`], join(repoRoot, 'package.json'))
      exit = ExitCode.clean
    } catch (error) {
      exit = (error as {oclif?: {exit?: number}}).oclif?.exit
    } finally {
      process.stdout.write = stdout
      process.stderr.write = stderr
    }
    expect(reportWrites).toBe(1)
    expect(exit).toBe(ExitCode.internal)
    expect(errors).toContain("internal error: TypeError: Cannot read properties of undefined (reading 'write')")
  }, 240_000)
})
