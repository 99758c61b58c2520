/**
 * Names every test that took longer than the suite's budget per test, after the run: a warning, never a failure
 * (speed is not asserted, and a loaded machine is slower). Budget: 15 s per test; a file that needs more work
 * shares it through beforeAll, an emulator per file, or a fixture built once.
 */
import {relative} from 'node:path'
import type {Reporter, TestCase} from 'vitest/node'

export const TEST_BUDGET_MS = 15_000

export default class SlowTestsReporter implements Reporter {
  private readonly slow: Array<{name: string; ms: number}> = []

  onTestCaseResult(test: TestCase): void {
    const ms = test.diagnostic()?.duration ?? 0
    if (ms > TEST_BUDGET_MS) {
      this.slow.push({name: `${relative(process.cwd(), test.module.moduleId)} > ${test.fullName}`, ms})
    }
  }

  onTestRunEnd(): void {
    if (this.slow.length === 0) return
    const lines = this.slow.sort((a, b) => b.ms - a.ms).map((t) => `  ${(t.ms / 1000).toFixed(1)} s  ${t.name}`)
    process.stderr.write(
      `\nwarning: ${this.slow.length} test(s) over the budget of ${TEST_BUDGET_MS / 1000} s per test (tests/support/slow-tests-reporter.ts):\n${lines.join('\n')}\n`,
    )
  }
}
