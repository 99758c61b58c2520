/**
 * One temporary folder per `vitest` run, removed when the run ends.
 *
 * Tests make their folders with `mkdtemp(join(tmpdir(), …))` and many leave them behind (a run left a few hundred
 * folders and bundles, gigabytes over a few weeks of runs). Rather than an `afterAll` in every file, the run points
 * `TMPDIR` (and Windows' `TEMP`/`TMP`, which `os.tmpdir()` reads there) at a folder of its own before any worker starts:
 * the workers, and the processes the tests start, inherit it, and the folder goes when the run ends, passed or failed.
 *
 * vitest runs a global setup once for the root and once for each project that extends it: the first makes the folder,
 * the others see it in `STEWARDS_TEST_TMP` and leave it be. Its name is short because Unix socket paths are limited to
 * about 107 bytes (Chromium's profile socket sits two folders below it).
 */
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export default function setup(): (() => void) | undefined {
  if (process.env.STEWARDS_TEST_TMP) return undefined
  const root = mkdtempSync(join(tmpdir(), 'st-'))
  process.env.STEWARDS_TEST_TMP = root
  for (const name of ['TMPDIR', 'TEMP', 'TMP']) process.env[name] = root
  return () => rmSync(root, {recursive: true, force: true, maxRetries: 3})
}
