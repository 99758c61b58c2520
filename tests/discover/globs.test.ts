import {rm} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {describe, expect, it} from 'vitest'
import {StewardsError} from '../../src/core/errors.js'
import type {Inventory} from '../../src/core/model.js'
import {type DiscoverOptions, discoverPaths} from '../../src/discover/index.js'
import {repoRoot} from '../support/cli.js'
import {makeTree} from './tree.js'

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: ${image}}]\n`

function filesOf(inventory: Inventory): string[] {
  return [...new Set(inventory.components.flatMap((c) => c.locations.map((l) => l.file)))].sort()
}

async function discover(
  paths: string[],
  options: DiscoverOptions,
): Promise<{inventory: Inventory; warnings: string[]}> {
  const warnings: string[] = []
  const inventory = await discoverPaths(paths, {...options, warn: (message) => warnings.push(message)})
  return {inventory, warnings}
}

describe('--include/--exclude globs', () => {
  // Relative PATHs need a working directory that holds them: the repository's own fixture tree.
  const fixtures = 'fixtures/discover'
  const all = ['chart/Chart.lock', 'chart/Chart.yaml', 'chart/values.yaml', 'json/pods.json', 'k8s/workloads.yaml']

  it('match the path relative to PATH, as printed, and (for an absolute PATH) relative to the working directory', async () => {
    expect(process.cwd()).toBe(repoRoot)
    const cases: Array<[string, string]> = [
      [fixtures, 'k8s/**'],
      [fixtures, 'fixtures/discover/k8s/**'],
      [`./${fixtures}/`, 'fixtures/discover/k8s/**'],
      [resolve(fixtures), 'fixtures/discover/k8s/**'],
      [resolve(fixtures), `${resolve(fixtures)}/k8s/**`],
      [fixtures, 'k8s'],
    ]
    for (const [path, glob] of cases) {
      const {inventory, warnings} = await discover([path], {exclude: [glob, 'kustomize']})
      const shown = filesOf(inventory).map((file) =>
        file.slice(file.indexOf('fixtures/discover/') + 'fixtures/discover/'.length),
      )
      expect(shown, `${path} --exclude ${glob}`).toEqual(all.filter((file) => !file.startsWith('k8s/')))
      expect(warnings, `${path} --exclude ${glob}`).toEqual([])
    }
    const {inventory} = await discover([fixtures], {include: ['fixtures/discover/chart/*.yaml']})
    expect(filesOf(inventory)).toEqual(['fixtures/discover/chart/Chart.yaml', 'fixtures/discover/chart/values.yaml'])
  })

  it('warn once per glob that matched nothing under any PATH, never for one that matched under some PATH', async () => {
    const a = await makeTree({
      'k8s/a.yaml': pod('registry.example.com/a:1'),
      'other/b.yaml': pod('registry.example.com/b:1'),
    })
    const b = await makeTree({'k8s/c.yaml': pod('registry.example.com/c:1')})
    try {
      const {inventory, warnings} = await discover([a, b], {
        exclude: ['other/**', 'nothing/**', '*.tmp'],
        include: ['*.yaml', '*.yml'],
      })
      expect(filesOf(inventory)).toEqual([join(a, 'k8s/a.yaml'), join(b, 'k8s/c.yaml')].sort())
      expect(warnings).toEqual([
        `--exclude 'nothing/**' matched nothing under ${a}, ${b} (globs match paths relative to each PATH or to the working directory)`,
        `--exclude '*.tmp' matched nothing under ${a}, ${b} (globs match paths relative to each PATH or to the working directory)`,
        `--include '*.yml' matched nothing under ${a}, ${b} (globs match paths relative to each PATH or to the working directory)`,
      ])
    } finally {
      await rm(a, {recursive: true, force: true})
      await rm(b, {recursive: true, force: true})
    }
  })

  it('reject a glob that is not valid before reading anything: picomatch would match it literally or never', async () => {
    for (const glob of ['[', 'k8s/[a-', '*.{json', '+(a', 'a\\', '', ' ']) {
      const error = await discoverPaths(['no/such/path'], {exclude: [glob]}).catch((e: unknown) => e)
      expect(error, JSON.stringify(glob)).toBeInstanceOf(StewardsError)
      expect(error, JSON.stringify(glob)).toMatchObject({
        code: 'bad-glob',
        exitCode: 3,
        message: expect.stringContaining(`--exclude "${glob}" is not a valid glob`),
      })
    }
    // Escaped, the same characters are literal and valid.
    const {warnings} = await discover([fixtures], {exclude: ['\\[', '*.\\{json']})
    expect(warnings).toHaveLength(2)
  })

  it('match a glob of many `*` in bounded time, and refuse one that picomatch alone could match (it backtracks)', async () => {
    // picomatch's expression for this glob never ended on the 200-character name: through the walk, this test would
    // not end within the test timeout.
    const dir = await makeTree({
      [`${'a'.repeat(200)}/Dockerfile`]: 'FROM alpine:3.19\n',
      'b/Dockerfile': 'FROM busybox:1.36\n',
    })
    try {
      const {inventory} = await discover([dir], {exclude: [`${'*a'.repeat(12)}*b`]})
      expect(inventory.components.map((c) => c.ref).sort()).toEqual(['alpine:3.19', 'busybox:1.36'])
      const excluded = await discover([dir], {exclude: ['*a*a*a*']})
      expect(excluded.inventory.components.map((c) => c.ref)).toEqual(['busybox:1.36'])
      for (const glob of ['!(b)!(b)!(b)c', '[ab]*a*a*a']) {
        const error = await discoverPaths([dir], {exclude: [glob]}).catch((e: unknown) => e)
        expect(error, glob).toMatchObject({
          code: 'bad-glob',
          message: expect.stringContaining('runs of * or extglob groups'),
        })
      }
    } finally {
      await rm(dir, {recursive: true, force: true})
    }
  })
})
