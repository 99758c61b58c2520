import {execFile} from 'node:child_process'
import {mkdtemp, readdir} from 'node:fs/promises'
import module from 'node:module'
import {homedir, tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {repoRoot} from '../../../tests/support/cli.js'
import {COMPILE_CACHE_FOLDER, compileCacheDir} from './compile-cache.js'

const run = promisify(execFile)
/**
 * Node 22.1 and later. The machines' Node 20 has none: there the process tests could not fail, and are skipped
 * (scripts/ci/package-smoke.sh checks the packed CLI's cache, its clearing and a relative home on Node 22 and 24).
 */
const hasCompileCache = typeof (module as {enableCompileCache?: unknown}).enableCompileCache === 'function'
if (!hasCompileCache)
  console.warn(`SKIPPED: Node ${process.version} has no compile cache; its process tests run on Node 22 and later`)

/** The built CLI (npm test builds dist/ first) started once with its own cache home; the files written there. */
async function startBuilt(
  extraEnv: Record<string, string> = {},
  args = ['--version'],
  cwd?: string,
): Promise<{home: string; files: string[]}> {
  const home = await mkdtemp(join(tmpdir(), 'compile-cache-'))
  const env: NodeJS.ProcessEnv = {...process.env}
  // The suite turns the cache off for every process it starts (vitest.config.ts); this test is about it.
  delete env.NODE_DISABLE_COMPILE_CACHE
  delete env.NODE_COMPILE_CACHE
  Object.assign(env, {XDG_CACHE_HOME: home}, extraEnv)
  const {stdout} = await run(process.execPath, [join(repoRoot, 'bin', 'run.js'), ...args], {env, cwd})
  expect(stdout).toMatch(args[0] === '--version' ? /^stewards\/\S+ / : /removed|^$/)
  const entries = await readdir(home, {recursive: true, withFileTypes: true}).catch(() => [])
  return {home, files: entries.filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name))}
}

describe('where the compile cache goes (decided on every Node)', () => {
  it("is stewards' cache directory; Node's own choice under NODE_COMPILE_CACHE; none for cache clear or a relative home", () => {
    expect(compileCacheDir(['inventory', '.'], {XDG_CACHE_HOME: '/var/cache/me'})).toBe(
      join('/var/cache/me', 'stewards', COMPILE_CACHE_FOLDER),
    )
    expect(compileCacheDir(['--version'], {NODE_COMPILE_CACHE: '/elsewhere'})).toBe('node')
    for (const argv of [
      ['cache', 'clear'],
      ['cache:clear', '--format', 'json'],
    ])
      expect(compileCacheDir(argv, {XDG_CACHE_HOME: '/var/cache/me'})).toBeUndefined()
    // `XDG_CACHE_HOME=~/.cache` left unexpanded is ignored (XDG): the home (os.homedir()) is used.
    expect(compileCacheDir(['scan'], {XDG_CACHE_HOME: '~/.cache'})).toBe(
      join(homedir(), '.cache', 'stewards', COMPILE_CACHE_FOLDER),
    )
  })
})

describe.runIf(hasCompileCache)("Node's compile cache of stewards' own code (Node 22 and later)", () => {
  it("is kept in stewards' cache directory", async () => {
    const {home, files} = await startBuilt()
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(file.startsWith(join(home, 'stewards', COMPILE_CACHE_FOLDER, 'v'))).toBe(true)
  })

  it('is not written again by the `cache clear` that removes it', async () => {
    for (const args of [
      ['cache', 'clear'],
      ['cache:clear', '--format', 'json'],
    ])
      expect((await startBuilt({}, args)).files).toEqual([])
  })

  it('is never read from or written to a folder relative to where stewards runs (the tree it may scan)', async () => {
    const scanned = await mkdtemp(join(tmpdir(), 'scanned-'))
    const home = await mkdtemp(join(tmpdir(), 'home-'))
    // `XDG_CACHE_HOME=~/.cache` left unexpanded: ignored, as the XDG specification says; the home's .cache is used.
    await startBuilt({XDG_CACHE_HOME: '~/.cache', HOME: home}, ['--version'], scanned)
    // A home that is no absolute path: no compile cache at all.
    await startBuilt({XDG_CACHE_HOME: 'cache', HOME: 'home'}, ['--version'], scanned)
    expect(await readdir(scanned)).toEqual([])
    expect(await readdir(home, {recursive: true})).toContain(join('.cache', 'stewards', COMPILE_CACHE_FOLDER))
  })

  it("is off with Node's own NODE_DISABLE_COMPILE_CACHE=1", async () => {
    expect((await startBuilt({NODE_DISABLE_COMPILE_CACHE: '1'})).files).toEqual([])
  })
})
