import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {img, pkg, summarise, tempCacheDir} from '../../tests/support/registry-emulators/fixtures.js'
import {type RegistryEmulators, startRegistryEmulators} from '../../tests/support/registry-emulators/index.js'
import type {Component} from '../core/model.js'
import {formatResolutionTable, resolveComponents} from './index.js'

let emulators: RegistryEmulators
beforeAll(async () => {
  emulators = await startRegistryEmulators()
})
afterAll(() => emulators.close())

function inventory(): Component[] {
  return [
    pkg('npm', '@babel/core', '7.24.0', 'web/package-lock.json', 10),
    pkg('npm', '@babel/code-frame', '7.29.7', 'web/package-lock.json', 4),
    pkg('npm', '@babel/code-frame', '7.15.8', 'api/yarn.lock', 7),
    pkg('npm', 'workspace-member', '1.0.0', 'web/package-lock.json', 2),
    pkg('golang', 'github.com/Azure/go-ansiterm', 'v0.0.0-20250102033503-faa5f7b0171c', 'go.sum', 3),
    pkg('golang', 'github.com/azure/go-ansiterm/winterm', 'v0.0.0-20250102033503-faa5f7b0171c', 'other/go.sum', 9),
    img('ghcr.io/dexidp/dex', 'v2.45.1', undefined, 'k8s/dex.yaml', 20),
    img('docker.io/library/nginx', 'latest', undefined, 'k8s/web.yaml', 5),
    {
      kind: 'chart',
      ecosystem: 'helm',
      name: 'ingress-nginx',
      version: '4.12.0',
      ref: 'ingress-nginx',
      locations: [{file: 'charts/Chart.lock', line: 3, column: 5}],
    },
  ].map((c) => (c.name === 'workspace-member' ? {...c, local: true} : c)) as Component[]
}

describe('resolveComponents', () => {
  it('groups components under one repository each, keeping every location, and says why the rest is unresolved', async () => {
    const run = await resolveComponents(inventory(), {
      cacheDir: await tempCacheDir(),
      endpoints: emulators.endpoints,
      retries: 0,
      prefer: 'native',
    })
    expect(summarise(run)).toEqual({
      '@babel/core@7.24.0': 'github.com/babel/babel (packages/babel-core) medium npm-registry',
      '@babel/code-frame@7.15.8': 'github.com/babel/babel (packages/babel-code-frame) medium npm-registry',
      '@babel/code-frame@7.29.7': 'github.com/babel/babel (packages/babel-code-frame) medium npm-registry',
      'github.com/Azure/go-ansiterm@v0.0.0-20250102033503-faa5f7b0171c': 'github.com/Azure/go-ansiterm high go-module',
      'github.com/azure/go-ansiterm/winterm@v0.0.0-20250102033503-faa5f7b0171c':
        'github.com/Azure/go-ansiterm (winterm) high go-module',
      'ghcr.io/dexidp/dex@v2.45.1': 'github.com/dexidp/dex medium oci-label',
      'docker.io/library/nginx@latest': 'unresolved: no-label',
      'workspace-member@1.0.0': 'unresolved: local',
      'ingress-nginx@4.12.0': 'unresolved: no-repository',
    })
    const babel = run.groups.find((g) => g.repo === 'github.com/babel/babel')!
    expect(babel.locations).toEqual([
      {file: 'api/yarn.lock', line: 7, column: 1},
      {file: 'web/package-lock.json', line: 4, column: 1},
      {file: 'web/package-lock.json', line: 10, column: 1},
    ])
    expect(run.groups.map((g) => g.repo)).toEqual([
      'github.com/Azure/go-ansiterm',
      'github.com/babel/babel',
      'github.com/dexidp/dex',
    ])
    const nginx = run.unresolved.find((u) => u.component.name === 'docker.io/library/nginx')!
    expect(nginx.attempts).toEqual([
      {
        resolver: 'oci-label',
        reason: 'no-label',
        detail: 'docker.io/library/nginx@latest: no org.opencontainers.image.source label or annotation',
      },
      {
        resolver: 'known-images',
        reason: 'no-label',
        detail: 'docker.io/library/nginx: not in rules/resolve/known-images.yaml',
      },
      {
        resolver: 'image-heuristic',
        reason: 'no-label',
        detail: 'docker.io/library/nginx: no source label, not in the curated map, no safe guess',
      },
    ])
    expect(run.unresolved.find((u) => u.component.ecosystem === 'helm')!.detail).toBe(
      'chart ingress-nginx names no repository',
    )
    expect(run.incomplete).toBe(false)
    expect(run.stats.byReason).toEqual({local: 1, 'no-label': 1, 'no-repository': 1})
  })

  it('asks deps.dev first by default and the native registry when preferred', async () => {
    const input = [pkg('npm', '@babel/core', '7.24.0')]
    const byDefault = await resolveComponents(input, {
      cacheDir: await tempCacheDir(),
      endpoints: emulators.endpoints,
      retries: 0,
    })
    const native = await resolveComponents(input, {
      cacheDir: await tempCacheDir(),
      endpoints: emulators.endpoints,
      retries: 0,
      prefer: 'native',
    })
    expect(summarise(byDefault)).toEqual({'@babel/core@7.24.0': 'github.com/babel/babel medium deps.dev'})
    expect(summarise(native)).toEqual({
      '@babel/core@7.24.0': 'github.com/babel/babel (packages/babel-core) medium npm-registry',
    })
  })

  it('is deterministic: same input, same bytes, whatever the input order', async () => {
    const cacheDir = await tempCacheDir()
    const a = await resolveComponents(inventory(), {cacheDir, endpoints: emulators.endpoints, retries: 0})
    const b = await resolveComponents(inventory().reverse(), {cacheDir, offline: true})
    expect(JSON.stringify({...b, stats: {...b.stats, requests: null}})).toBe(
      JSON.stringify({...a, stats: {...a.stats, requests: null}}),
    )
  })

  it("serves cached answers for the default 7 days, and asks again once they are older than the user's maxAge", async () => {
    const cacheDir = await tempCacheDir()
    const options = {cacheDir, endpoints: emulators.endpoints, retries: 0}
    const first = await resolveComponents(inventory(), options)
    const fresh = await resolveComponents(inventory(), options)
    const expired = await resolveComponents(inventory(), {...options, maxAge: 0})
    expect(first.stats.requests.total).toBeGreaterThan(0)
    expect(fresh.stats.requests.total).toBe(0)
    expect(expired.stats.requests.total).toBeGreaterThan(0)
    expect(summarise(expired)).toEqual(summarise(first))
  })

  it('prints a resolution-rate table per ecosystem and source', async () => {
    const run = await resolveComponents(inventory(), {
      cacheDir: await tempCacheDir(),
      endpoints: emulators.endpoints,
      retries: 0,
      prefer: 'native',
    })
    expect(formatResolutionTable(run.stats)).toBe(
      [
        'ecosystem  total  resolved    rate  go-module  npm-registry  oci-label  unresolved',
        '---------  -----  --------  ------  ---------  ------------  ---------  ----------',
        'docker         2         1   50.0%          0             0          1           1',
        'golang         2         2  100.0%          2             0          0           0',
        'helm           1         0    0.0%          0             0          0           1',
        'npm            4         3   75.0%          0             3          0           1',
        'all            9         6   66.7%          2             3          1           3',
        '',
        'unresolved by reason: local 1, no-label 1, no-repository 1',
        '',
      ].join('\n'),
    )
  })

  it('offline with a cold cache: every package says why, and the run is incomplete', async () => {
    const run = await resolveComponents([pkg('npm', 'left-pad', '1.3.0'), pkg('pypi', 'requests', '2.25.0')], {
      cacheDir: await tempCacheDir(),
      offline: true,
    })
    expect(run.unresolved.map((u) => [u.component.name, u.reason, u.attempts!.map((a) => a.resolver)])).toEqual([
      ['left-pad', 'offline-cache-miss', ['deps-dev', 'npm-registry']],
      ['requests', 'offline-cache-miss', ['deps-dev', 'pypi']],
    ])
    expect(run.incomplete).toBe(true)
  })
})
