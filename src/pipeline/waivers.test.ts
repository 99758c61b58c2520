import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {ScanResult, Waiver, WaiverRecord} from '../core/model.js'
import {listWaivers, loadWaivers, WAIVERS_FILE, waiverNotices, waiverTable} from './waivers.js'

const entry = (rule: string, expires = '2099-01-01') =>
  `  - rule: ${rule}\n    repository: example-org/widget\n    reason: r\n    approvedBy: a\n    expires: ${expires}\n`

function waiver(over: Partial<Waiver> = {}): Waiver {
  return {
    rule: 'low-bus-factor',
    repository: 'example-org/widget',
    reason: 'r',
    approvedBy: 'a',
    expires: '2099-01-01',
    file: 'w.yaml',
    line: 2,
    ...over,
  }
}

describe('loadWaivers: the one lookup of waivers', () => {
  const root = mkdtempSync(join(tmpdir(), 'stewards-waivers-load-'))
  const tree = join(root, 'tree')
  mkdirSync(tree)
  writeFileSync(join(tree, WAIVERS_FILE), `waivers:\n${entry('in-tree')}`)
  writeFileSync(join(root, 'mine.yaml'), `waivers:\n${entry('mine')}`)

  it('takes --waivers, else waivers: of the settings, else the file in the first PATH', async () => {
    const rules = async (...args: Parameters<typeof loadWaivers>) =>
      (await loadWaivers(...args))?.waivers.map((w) => w.rule)
    expect(await rules(join(root, 'mine.yaml'), {waivers: [waiver({rule: 'inline'})]}, [tree])).toEqual(['mine'])
    expect(await rules(undefined, {waivers: join(root, 'mine.yaml')}, [tree])).toEqual(['mine'])
    expect(await rules(undefined, {waivers: [waiver({rule: 'inline'})]}, [tree])).toEqual(['inline'])
    expect(await rules(undefined, {}, [tree])).toEqual(['in-tree'])
    // evaluate: no default file, the report's own waivers.
    expect(await loadWaivers(undefined, {}, [tree], false)).toBeUndefined()
  })

  it('refuses a waivers file in a scanned PATH that links outside it, without reading it', async () => {
    const linked = join(root, 'linked')
    mkdirSync(linked)
    symlinkSync(join(root, 'mine.yaml'), join(linked, WAIVERS_FILE))
    await expect(loadWaivers(undefined, {}, [linked])).rejects.toMatchObject({
      code: 'config-untrusted',
      exitCode: 3,
      message: `${join(linked, WAIVERS_FILE)}: a waivers file inside a scanned path links outside it; it is not read`,
    })
    // Named by the user, the same file is theirs.
    expect((await loadWaivers(join(linked, WAIVERS_FILE), {}, [linked]))?.waivers).toHaveLength(1)
  })

  it('says whether the file came from inside a scanned PATH', async () => {
    expect((await loadWaivers(undefined, {}, [tree]))?.inScannedTree).toBe(true)
    expect((await loadWaivers(join(root, 'mine.yaml'), {}, [tree]))?.inScannedTree).toBe(false)
  })
})

describe('what a run says about its waivers', () => {
  const record = (status: WaiverRecord['status'], line: number): WaiverRecord => ({
    ...waiver({line}),
    status,
    findings: status === 'active' ? 2 : 0,
  })

  it('one summary line, then each expired and stale waiver at its line, at most ten of each', () => {
    const entries = [
      record('active', 2),
      ...Array.from({length: 12}, (_, i) => record('expired', 10 + i)),
      record('stale', 40),
    ]
    const result = {
      summary: {waived: 2},
      waivers: {judgedOn: '2026-12-04', entries},
      rules: [{id: 'single-org-majority'}],
    } as unknown as ScanResult
    const lines = waiverNotices(result, {file: 'w.yaml', inScannedTree: false, waivers: []})
    expect(lines[0]).toBe('2 finding(s) waived by w.yaml: 1 active, 12 expired, 1 stale; judged on 2026-12-04')
    expect(lines[1]).toBe(
      'w.yaml:10: warning: waiver of low-bus-factor on example-org/widget expired on 2099-01-01 (approved by a): it no longer applies [waiver-expired]',
    )
    expect(lines[11]).toBe('2 more expired waiver(s): see the report')
    expect(lines[12]).toBe(
      'w.yaml:40: waiver of low-bus-factor on example-org/widget matches no finding (no rule low-bus-factor was evaluated) [waiver-stale]',
    )
    expect(lines).toHaveLength(13)
    expect(waiverNotices({summary: {}} as ScanResult)).toEqual([])
  })

  it('lists without a report by expiry only', () => {
    const listed = listWaivers(
      [waiver(), waiver({expires: '2020-01-01', line: 8})],
      undefined,
      new Date('2026-12-04T12:00:00Z'),
    )
    expect(listed.entries.map((w) => w.status)).toEqual(['active', 'expired'])
    const table = waiverTable('w.yaml', listed)
    expect(table[0]).toBe(
      'w.yaml: 2 waiver(s), judged on 2026-12-04 without a report: stale needs --report (1 active, 1 expired, 0 stale)',
    )
    expect(table[3]).toBe('active   2099-01-01  low-bus-factor  example-org/widget  a            w.yaml:2')
  })
})
