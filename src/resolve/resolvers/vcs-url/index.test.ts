import {describe, expect, it} from 'vitest'
import {pkg, summarise, tempCacheDir} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'
import {registeredResolver} from '../../../../tests/support/registered.js'
import {resolver} from './index.js'

const withVcs = (ecosystem: 'pypi' | 'cargo', name: string, version: string | undefined, vcs: string) => ({
  ...pkg(ecosystem, name, version),
  purl: `pkg:${ecosystem}/${name}${version ? `@${version}` : ''}?vcs_url=${encodeURIComponent(vcs)}`,
})

describe('vcs-url (no registry)', () => {
  it('maps vcs_url on a known forge to its repository before any registry, offline', async () => {
    const run = await resolveComponents(
      [
        withVcs('pypi', 'forked', undefined, 'git+https://github.com/example/forked.git@0123abc#egg=forked'),
        withVcs('cargo', 'serde', '1.0.200', 'git+https://gitlab.com/example-group/serde?branch=main#0123abc'),
        withVcs('pypi', 'internal', undefined, 'git+https://git.example.com/team/internal.git'),
      ],
      {cacheDir: await tempCacheDir(), offline: true},
      [registeredResolver('deps-dev'), resolver],
    )
    expect(summarise(run)).toEqual({
      forked: 'github.com/example/forked high vcs-url',
      'serde@1.0.200': 'gitlab.com/example-group/serde high vcs-url',
      // Not a known forge: deps.dev is asked next (it needs a version); the more telling reason is kept.
      internal: 'unresolved: no-repository',
    })
    expect(run.unresolved[0].attempts?.map((a) => a.resolver)).toEqual(['vcs-url', 'deps-dev'])
  })

  it("maps a Helm chart installed from git (helmfile's git:: charts) to its repository, before chart repositories", async () => {
    const chart = {
      kind: 'chart' as const,
      ecosystem: 'helm' as const,
      name: 'acme-web',
      ref: 'git::https://github.com/example/acme-charts.git@charts/acme-web?ref=v1.2.0',
      purl: `pkg:helm/acme-web?vcs_url=${encodeURIComponent('git+https://github.com/example/acme-charts.git@v1.2.0')}`,
      locations: [{file: 'helmfile.yaml', line: 3, column: 12}],
    }
    const run = await resolveComponents([chart], {cacheDir: await tempCacheDir(), offline: true}, [
      registeredResolver('helm-repository'),
      resolver,
    ])
    expect(summarise(run)).toEqual({'acme-web': 'github.com/example/acme-charts high vcs-url'})
  })
})
