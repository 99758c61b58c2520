/**
 * `npm run bench`: speed and memory targets live here, never in tests. Each module exports `run()`; add yours
 * with one line below. Results go to stdout.
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as collect from './collect.js'
import * as collectScale from './collect-scale.js'
import * as hostile from './hostile.js'
import * as inventory from './inventory.js'
import * as kubernetes from './kubernetes.js'
import * as lockfiles from './lockfiles.js'
import * as resolve from './resolve.js'
import * as sbom from './sbom.js'
import * as scale from './scale.js'

interface BenchModule {
  name: string
  run(): Promise<void>
}

const benches: BenchModule[] = [inventory, kubernetes, lockfiles, hostile, sbom, resolve, collect, collectScale, scale]

// Every bench's temporary folders under one of this run's, removed at the end (as tests/support/temp-root.ts does
// for the tests): the processes the benches start inherit it.
const root = mkdtempSync(join(tmpdir(), 'stewards-bench-'))
for (const name of ['TMPDIR', 'TEMP', 'TMP']) process.env[name] = root
try {
  for (const bench of benches) {
    console.log(`## ${bench.name}`)
    await bench.run()
  }
} finally {
  rmSync(root, {recursive: true, force: true, maxRetries: 3})
}
