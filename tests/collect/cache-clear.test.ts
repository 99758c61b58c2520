import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DiskCache} from '../../src/core/cache/disk-cache.js'
import {runCli} from '../support/cli.js'

/** Namespaces the collect and resolve stages write (src/resolve/resolvers/*, src/collect/octokit). */
const NAMESPACES = [
  'crates-io',
  'deps-dev',
  'github',
  'go-vanity',
  'npm',
  'oci',
  'packagist',
  'pypi',
  'resolve-github',
  'rubygems',
]

async function filledCache(dir: string, namespaces: string[] = NAMESPACES): Promise<void> {
  const cache = new DiskCache(dir)
  for (const namespace of namespaces) {
    for (const key of ['GET /a', 'GET /b'])
      await cache.put(namespace, {key, storedAt: 1, status: 200, headers: {}, body: '{}'})
  }
}

describe('stewards cache clear', () => {
  it('removes every namespace of --cache-dir, prints each, and leaves other files and the default cache alone', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stewards-clear-'))
    const cacheDir = join(root, 'cache')
    const xdg = join(root, 'xdg')
    await filledCache(cacheDir)
    await filledCache(join(xdg, 'stewards'), ['github', 'pypi'])
    // Named like a namespace but not written by stewards; a stray file; a sibling outside the cache.
    await mkdir(join(cacheDir, 'notes'))
    await writeFile(join(cacheDir, 'notes', 'todo.txt'), 'keep me')
    await writeFile(join(cacheDir, 'README'), 'keep me')
    await writeFile(join(root, 'outside.json'), '{}')

    const r = await runCli(['cache', 'clear', '--cache-dir', cacheDir], {env: {XDG_CACHE_HOME: xdg}})
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n')).toEqual(NAMESPACES.map((n) => `removed ${join(cacheDir, n)} (2 entries)`))
    expect(r.stderr).toContain(`kept ${join(cacheDir, 'notes')}: it holds files stewards does not write`)
    expect((await readdir(cacheDir)).sort()).toEqual(['README', 'notes'])
    expect(await readdir(join(cacheDir, 'notes'))).toEqual(['todo.txt'])
    expect(existsSync(join(root, 'outside.json'))).toBe(true)
    expect((await readdir(join(xdg, 'stewards'))).sort()).toEqual(['github', 'pypi'])

    // Without --cache-dir: the default ($XDG_CACHE_HOME/stewards).
    const byDefault = await runCli(['cache', 'clear'], {env: {XDG_CACHE_HOME: xdg}})
    expect(byDefault.code).toBe(0)
    expect(byDefault.stdout.trim().split('\n')).toEqual(
      ['github', 'pypi'].map((n) => `removed ${join(xdg, 'stewards', n)} (2 entries)`),
    )
    expect(await readdir(join(xdg, 'stewards'))).toEqual([])
  })

  it('--format json: the folders removed and kept, for machines', async () => {
    const root = await mkdtemp(join(tmpdir(), 'stewards-clear-'))
    const cacheDir = join(root, 'cache')
    await filledCache(cacheDir, ['github', 'npm'])
    await mkdir(join(cacheDir, 'notes'))
    await writeFile(join(cacheDir, 'notes', 'todo.txt'), 'keep me')
    const r = await runCli(['cache', 'clear', '--cache-dir', cacheDir, '--format', 'json'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({
      directory: cacheDir,
      removed: ['github', 'npm'].map((namespace) => ({namespace, path: join(cacheDir, namespace), entries: 2})),
      kept: [{namespace: 'notes', path: join(cacheDir, 'notes')}],
    })
  })

  it('refuses the home directory as a cache directory, deleting nothing', async () => {
    const home = await mkdtemp(join(tmpdir(), 'stewards-home-'))
    await filledCache(home, ['github'])
    const r = await runCli(['cache', 'clear', '--cache-dir', home], {env: {HOME: home}})
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(`refusing to clear ${home}: it is the home directory`)
    expect(r.stdout).toBe('')
    expect(await new DiskCache(home).namespaces()).toEqual(['github'])
  })
})
