import {mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {
  img,
  pkg,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'

const emulators = useRegistryEmulators()

async function mapFile(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'map-')), 'map.yaml')
  await writeFile(file, text)
  return file
}

describe('override (--map)', () => {
  it('wins over every other resolver, for purl and image patterns', async () => {
    const file = await mapFile(
      [
        'mappings:',
        '  - match: "pkg:npm/@babel/*"',
        '    repo: https://github.com/example-org/babel-fork/tree/main/packages',
        '  - match: "registry.example.com/acme/*"',
        '    repo: git@github.com:example-org/platform.git',
        '    note: internal images',
        '  - match: "pkg:golang/go.example.com/**"',
        '    repo: gitlab.com/example-group/go',
        '',
      ].join('\n'),
    )
    const run = await resolveComponents(
      [
        pkg('npm', '@babel/core', '7.24.0'),
        pkg('npm', 'react', '18.2.0'),
        img('registry.example.com/acme/api', '2.0'),
        pkg('golang', 'go.example.com/tools/lint/v2', 'v2.0.0'),
      ],
      {cacheDir: await tempCacheDir(), endpoints: emulators.endpoints, retries: 0, mapFile: file, prefer: 'native'},
    )
    expect(summarise(run)).toEqual({
      '@babel/core@7.24.0': 'github.com/example-org/babel-fork (packages) high override',
      'react@18.2.0': 'github.com/facebook/react (packages/react) medium npm-registry',
      'registry.example.com/acme/api@2.0': 'github.com/example-org/platform high override',
      'go.example.com/tools/lint/v2@v2.0.0': 'gitlab.com/example-group/go high override',
    })
    expect(run.groups.find((g) => g.repo === 'github.com/example-org/platform')!.resolutions![0].evidence).toBe(
      `map ${file}:4 (registry.example.com/acme/*)`,
    )
  })

  it('rejects a bad map file with file and line', async () => {
    const badKey = await mapFile(
      'mappings:\n  - match: a\n    repo: github.com/o/n\n  - match: b\n    repository: github.com/o/n\n',
    )
    await expect(
      resolveComponents([pkg('npm', 'a', '1.0.0')], {offline: true, cacheDir: await tempCacheDir(), mapFile: badKey}),
    ).rejects.toThrow(`${badKey}:5:5: mappings[1]: unknown key 'repository'`)
    const badRepo = await mapFile('mappings:\n  - match: a\n    repo: not a url\n')
    await expect(
      resolveComponents([pkg('npm', 'a', '1.0.0')], {offline: true, cacheDir: await tempCacheDir(), mapFile: badRepo}),
    ).rejects.toThrow(`${badRepo}:2: repo 'not a url' is not a repository URL or host/owner/name`)
    const badYaml = await mapFile('mappings:\n  - match: [\n')
    await expect(
      resolveComponents([pkg('npm', 'a', '1.0.0')], {offline: true, cacheDir: await tempCacheDir(), mapFile: badYaml}),
    ).rejects.toThrow(`${badYaml}:`)
    await expect(
      resolveComponents([pkg('npm', 'a', '1.0.0')], {
        offline: true,
        cacheDir: await tempCacheDir(),
        mapFile: '/nonexistent/map.yaml',
      }),
    ).rejects.toThrow('/nonexistent/map.yaml: cannot read the map file (no such file or directory)')
  })
})
