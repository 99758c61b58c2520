import {defineConfig} from 'vitest/config'

/**
 * Test files that start many processes (the built CLI, git, Chromium, tsx). Starting a process costs more the
 * larger the process that starts it, and a worker that has run many files is large: these files run each in a
 * fresh worker.
 */
const startProcesses = [
  'tests/e2e/**/*.test.ts',
  'tests/collect/shared-git.test.ts',
  'tests/collect/missing-parts.test.ts',
  'tests/entities/shipped.test.ts',
  'tests/report/html-browser.test.ts',
  // Not a process starter: its offline Go resolution loses 6 modules when it shares a worker with the rest of the
  // suite (passes alone; cause not found yet), so it runs in a fresh worker too.
  'tests/resolve/corpus.test.ts',
]

export default defineConfig({
  test: {
    // oclif writes through process.stdout; vitest's interception would swallow it.
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The in-process CLI runs as if NO_COLOR=1, like the child processes before it: set before oclif and its colour
    // library load, which decide once.
    // No proxy of the machine's: test traffic stays on loopback (tests/proxy.test.ts sets its own).
    // No compile cache of the built CLI written into the user's cache directory by the processes tests start
    // (src/core/cache/compile-cache.test.ts turns it on in a folder of its own).
    env: {
      NO_COLOR: '1',
      HTTP_PROXY: '',
      HTTPS_PROXY: '',
      http_proxy: '',
      https_proxy: '',
      NODE_DISABLE_COMPILE_CACHE: '1',
    },
    // The discover stage's zod schemas, loaded (tests/support/load-schemas.ts says why).
    setupFiles: ['tests/support/load-schemas.ts'],
    // Every temporary folder of the run under one, removed when the run ends (tests/support/temp-root.ts).
    globalSetup: ['tests/support/temp-root.ts'],
    // One worker per core: vitest's default (cores - 1) is a single worker on a 2-core machine.
    maxWorkers: '100%',
    // The default reporter prints the duration of tests slower than this; the second reporter names, after the
    // run, every test over the budget of 15 s.
    slowTestThreshold: 2_000,
    reporters: ['default', './tests/support/slow-tests-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'in-process',
          include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: startProcesses,
          // A worker runs many files and keeps its module graph: src/ is transformed and evaluated once per worker,
          // not once per file (which was most of the suite's time). The CLI tests run the commands in-process
          // (tests/support/cli.ts), so the commands must run many times in one process: they are re-entrant.
          isolate: false,
        },
      },
      {extends: true, test: {name: 'processes', include: startProcesses, isolate: true}},
    ],
  },
})
