/**
 * `DEBUG=*` must not print a token given with `--token` (oclif's debug log prints argv and the parsed flags). Run
 * as a user would, in a process of its own: the `debug` package reads DEBUG when it loads. From source through
 * bin/dev.js, and through bin/run.js when dist/ is built (npm test builds it first).
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

const dev = ['--import', 'tsx', '--no-warnings', join(repoRoot, 'bin', 'dev.js')]
const built = join(repoRoot, 'dist', 'core', 'debug-log.js')

describe('DEBUG=* and --token', {timeout: 300_000}, () => {
  it.each([
    ['--token TOKEN', ['--token', TOKEN]],
    ['--token=TOKEN', [`--token=${TOKEN}`]],
  ])('bin/dev.js: %s is not in the debug log', async (_name, flag) => {
    // The demo replays its snapshot: the token is never sent anywhere.
    const r = await run(dev, ['scan', 'fixtures/demo', ...flag])
    expect(r.code).toBe(0)
    // oclif did log argv, with the token's place redacted.
    expect(r.stderr).toContain('oclif:main process.argv')
    expect(r.stderr).toMatch(/'--token', *\n? *'\*\*\*'|'--token=\*\*\*'/)
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN)
  })

  it.runIf(existsSync(built))('bin/run.js (built): the token is not in the debug log', async () => {
    const r = await run([join(repoRoot, 'bin', 'run.js')], ['scan', 'fixtures/demo', '--token', TOKEN])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('oclif:main process.argv')
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN)
  })

  it.runIf(existsSync(built))(
    'bin/run.js (built): `help` with a token it does not take logs and prints none',
    async () => {
      const r = await run([join(repoRoot, 'bin', 'run.js')], ['help', 'inventory', `--token=${TOKEN}`], false)
      // help has no --token: a usage error, whose message names the flag with its value redacted.
      expect(r.code).toBe(3)
      expect(r.stderr).toContain('oclif:main process.argv')
      expect(r.stderr).toContain('Error: Nonexistent flag: --token=***')
      expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN)
    },
  )
})
