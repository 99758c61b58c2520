import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const repoRoot = join(import.meta.dirname, '..', '..')

/** A cache of this test process's own: the CLI never reads or fills the user's ~/.cache/stewards in tests. */
const testCache = mkdtempSync(join(tmpdir(), 'stewards-test-cache-'))
export const sharedDir = join(repoRoot, '..', 'shared')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI from src/ (through tsx, no build needed) as a user would, in a child process. */
export function runCli(
  args: string[],
  options: {cwd?: string; env?: Record<string, string>; input?: string} = {},
): CliResult {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(repoRoot, 'tests', 'support', 'run-src.js'), ...args],
    {
      cwd: options.cwd ?? repoRoot,
      env: {...process.env, NO_COLOR: '1', XDG_CACHE_HOME: testCache, ...options.env},
      input: options.input,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    },
  )
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

/** Like runCli, but asynchronous: a local emulator can answer from this process while the CLI runs. */
export function runCliAsync(
  args: string[],
  options: {cwd?: string; env?: Record<string, string>} = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tests', 'support', 'run-src.js'), ...args],
      {
        cwd: options.cwd ?? repoRoot,
        env: {...process.env, NO_COLOR: '1', GITHUB_TOKEN: '', GH_TOKEN: '', XDG_CACHE_HOME: testCache, ...options.env},
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
  })
}
