/**
 * runScan with a snapshot (`--snapshot`, the demo's cache bundle): the file is read, parsed and verified once, before
 * any stage runs, and every stage replays that one reading.
 */
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../../tests/support/cli.js'
import {collectOptionsFrom} from '../collect/index.js'
import {StewardsError} from '../core/errors.js'
import {runScan, type ScanOptions} from './scan.js'

const demo = join(repoRoot, 'fixtures', 'demo')

async function scanWith(snapshot: string, onStage?: ScanOptions['onStage']) {
  return runScan({
    paths: [demo],
    collect: await collectOptionsFrom({snapshot, since: '2025-01-01', until: '2026-01-01'}, {}, {}),
    rules: [],
    map: join(demo, 'repos.yaml'),
    entities: [join(demo, 'entities')],
    affiliations: [join(demo, 'affiliations.txt')],
    version: '0.0.0-test',
    onStage,
  })
}

describe('a scan replaying a snapshot', () => {
  it('reads it once for every stage: the file may go once the scan has started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-scan-snapshot-'))
    const snapshot = join(dir, 'snapshot.json')
    copyFileSync(join(demo, 'snapshot.json'), snapshot)
    const kept = await scanWith(snapshot)
    expect(kept.summary.projects).toBe(5)
    expect(kept.projects.every((p) => p.status === 'ok')).toBe(true)
    // Before, the resolve and collect stages each read the file again: collect then refused the missing snapshot.
    const removed = await scanWith(snapshot, (stage) => {
      if (stage === 'discover') rmSync(snapshot, {force: true})
    })
    expect(JSON.stringify(removed)).toBe(JSON.stringify(kept))
  })

  it('refuses an unreadable snapshot before any stage runs', async () => {
    const stages: string[] = []
    const error = await scanWith(join(tmpdir(), 'stewards-no-such-snapshot.json'), (stage) => stages.push(stage)).then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(StewardsError)
    expect((error as StewardsError).code).toBe('file-unreadable')
    expect(stages).toEqual([])
  })
})
