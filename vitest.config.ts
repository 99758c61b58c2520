import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // oclif writes through process.stdout; vitest's interception would swallow it.
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The in-process CLI runs as if NO_COLOR=1, like the child processes before it: set before oclif and its colour
    // library load, which decide once.
    env: {NO_COLOR: '1'},
    // One worker process runs many files and keeps its module graph: src/ is transformed and evaluated once per
    // worker, not once per file (which was most of the suite's time). The CLI tests run the commands in-process
    // (tests/support/cli.ts), so the commands must run many times in one process: they are re-entrant.
    isolate: false,
    // The default reporter prints the duration of tests slower than this; the second reporter names, after the
    // run, every test over the budget of 15 s.
    slowTestThreshold: 2_000,
    reporters: ['default', './tests/support/slow-tests-reporter.ts'],
  },
})
