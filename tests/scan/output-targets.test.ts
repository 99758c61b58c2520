/**
 * Where `scan --output` may write, end to end through the CLI: a character device is written into (never replaced),
 * a device that fails the write is exit 3, a FIFO is refused before any work, and a checked-out tree cannot send a
 * report elsewhere with a linked folder (`reports -> /elsewhere`). Device nodes are private copies made with mknod
 * under a temporary folder (root only; SKIPPED otherwise): never the machine's own /dev.
 */
import {execFileSync} from 'node:child_process'
import {cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {repoRoot, runCli} from '../support/cli.js'

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'stewards-output-'))
}

/** Private /dev/null and /dev/full nodes under a temporary folder, or undefined where mknod is not permitted. */
function privateDevices(): {nul: string; full: string} | undefined {
  const dir = scratch()
  const nul = join(dir, 'null')
  const full = join(dir, 'full')
  try {
    execFileSync('mknod', ['-m', '666', nul, 'c', '1', '3'], {stdio: 'ignore'})
    execFileSync('mknod', ['-m', '666', full, 'c', '1', '7'], {stdio: 'ignore'})
  } catch {
    console.warn('SKIPPED: mknod is not permitted here; the --output device cases do not run')
    return undefined
  }
  return {nul, full}
}

/** A copy of the demo whose `reports` folder is a link out of it, as a hostile repository would commit it. */
function hostileCheckout(): {tree: string; elsewhere: string} {
  const dir = scratch()
  const tree = join(dir, 'checkout')
  const elsewhere = join(dir, 'elsewhere')
  cpSync(join(repoRoot, 'fixtures', 'demo'), tree, {recursive: true})
  mkdirSync(elsewhere)
  symlinkSync(elsewhere, join(tree, 'reports'))
  return {tree, elsewhere}
}

describe('scan --output: devices and pipes', () => {
  it('a character device is written into and stays one; a device that fails the write (full) is exit 3', async () => {
    const devices = privateDevices()
    if (!devices) return
    const {nul, full} = devices
    const ok = await runCli(['scan', 'fixtures/demo', '--output', `json=${nul}`])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toContain(`stewards: wrote ${nul} (json)`)
    expect(lstatSync(nul).isCharacterDevice()).toBe(true)
    const failed = await runCli(['scan', 'fixtures/demo', '--output', `json=${nul}`, '--output', `csv=${full}`])
    expect(failed.code).toBe(3)
    expect(failed.stderr).toContain(`--output ${full}: cannot write (no space left on the disk)`)
    expect(failed.stderr).toContain('Hint: give a file path in a writable directory, or - for stdout')
    expect(failed.stderr).not.toContain('wrote')
    expect(lstatSync(full).isCharacterDevice()).toBe(true)
    expect(readdirSync(join(nul, '..')).sort()).toEqual(['full', 'null'])
  })

  it('a FIFO is refused before any work, with the reason (no reader: it would wait for ever)', async () => {
    const fifo = join(scratch(), 'report.fifo')
    execFileSync('mkfifo', [fifo])
    const r = await runCli(['scan', 'fixtures/demo', '--output', `sarif=${fifo}`])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(`--output ${fifo}: is a named pipe (FIFO): with no reader, writing would wait for ever`)
    expect(r.stderr).toContain('Hint: give a regular file, /dev/null, or - for stdout (and pipe it)')
    expect(r.stdout).toBe('')
    expect(lstatSync(fifo).isFIFO()).toBe(true)
  })
})

describe('scan --output: a linked folder in the scanned tree', () => {
  it('`scan . --output json=reports/x.json` in a checkout whose reports/ links out is refused before any work', async () => {
    const {tree, elsewhere} = hostileCheckout()
    const r = await runCli(['scan', '.', '--output', 'json=reports/stewards.json'], {cwd: tree})
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(
      '--output reports/stewards.json: reports is a symbolic link inside the working directory, and stewards never writes through one',
    )
    expect(r.stderr).toContain('Hint: give a path that goes through no link in the working directory or a scanned PATH')
    expect(r.stdout).toBe('')
    expect(readdirSync(elsewhere)).toEqual([])
  })

  it('the same link named by an absolute path inside the scanned PATH is refused too; a real folder is written', async () => {
    const {tree, elsewhere} = hostileCheckout()
    const through = await runCli(['scan', tree, '--output', `json=${join(tree, 'reports', 'x.json')}`])
    expect(through.code).toBe(3)
    expect(through.stderr).toContain(`${join(tree, 'reports')} is a symbolic link inside the scanned PATH ${tree}`)
    expect(readdirSync(elsewhere)).toEqual([])
    const real = join(tree, 'out', 'stewards.json')
    const ok = await runCli(['scan', tree, '--output', `json=${real}`])
    expect(ok.code).toBe(0)
    expect(JSON.parse(readFileSync(real, 'utf8')).projects).toHaveLength(5)
  })
})
