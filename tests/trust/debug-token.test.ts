/**
 * `DEBUG=*` must not print a token given with `--token` (oclif's debug log prints argv and the parsed flags). Run
 * as a user would, in a process of its own: the `debug` package reads DEBUG when it loads. Through the built
 * bin/run.js (npm test builds dist/ first): a start through tsx (bin/dev.js, the same src/core/debug-log.ts) took
 * seconds each.
 */
import {spawn} from 'node:child_process'
import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {type CliResult, repoRoot} from '../support/cli.js'

const TOKEN = 'ghp_debugCanary0123456789abcdefABCDEFgh'

function run(entry: string[], args: string[], output = true): Promise<CliResult> {
  const out = mkdtempSync(join(tmpdir(), 'stewards-debug-'))
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [...entry, ...args, ...(output ? ['--output', `json=${join(out, 'r.json')}`] : [])],
      {
        cwd: repoRoot,
        env: {...process.env, DEBUG: '*', NO_COLOR: '1', GITHUB_TOKEN: '', GH_TOKEN: '', XDG_CACHE_HOME: out},
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}

const built = join(repoRoot, 'dist', 'core', 'debug-log.js')

describe.runIf(existsSync(built))('DEBUG=* and --token', {timeout: 300_000}, () => {
  const bin = [join(repoRoot, 'bin', 'run.js')]

  it.each([
    ['--token TOKEN', ['--token', TOKEN]],
    ['--token=TOKEN', [`--token=${TOKEN}`]],
  ])('bin/run.js (built): %s is not in the debug log', async (_name, flag) => {
    // The demo replays its snapshot: the token is never sent anywhere.
    const r = await run(bin, ['scan', 'fixtures/demo', ...flag])
    expect(r.code).toBe(0)
    // oclif did log argv, with the token's place redacted.
    expect(r.stderr).toContain('oclif:main process.argv')
    expect(r.stderr).toMatch(/'--token', *\n? *'\*\*\*'|'--token=\*\*\*'/)
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN)
  })

  it('bin/run.js (built): `help` with a token it does not take logs and prints none', async () => {
    const r = await run(bin, ['help', 'inventory', `--token=${TOKEN}`], false)
    // help has no --token: a usage error, whose message names the flag with its value redacted.
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('oclif:main process.argv')
    expect(r.stderr).toContain('Error: Nonexistent flag: --token=***')
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN)
  })
})
