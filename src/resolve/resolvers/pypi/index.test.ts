import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('pypi (written from the JSON API format)', () => {
  it('prefers source-like project_urls, then home_page, then other forge links; never documentation sites', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('pypi', 'requests', '2.25.0'),
        pkg('pypi', 'Python_Dateutil', '2.9.0.post0'),
        pkg('pypi', 'colorama', '0.4.6'),
        pkg('pypi', 'example-changelog-only', '1.0'),
        pkg('pypi', 'example-no-repo', '1.0'),
        pkg('pypi', 'absent', '1.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'requests@2.25.0': 'github.com/psf/requests medium pypi',
      'Python_Dateutil@2.9.0.post0': 'github.com/dateutil/dateutil medium pypi',
      'colorama@0.4.6': 'github.com/tartley/colorama medium pypi',
      'example-changelog-only@1.0': 'github.com/example-org/changelog-only low pypi',
      'example-no-repo@1.0': 'unresolved: no-repository',
      'absent@1.0': 'unresolved: not-found',
    })
    expect(run.groups.find((g) => g.repo === 'github.com/psf/requests')!.resolutions![0].evidence).toBe(
      'pypi requests project_urls.Source',
    )
    // PEP 503 normalisation before the request.
    expect(emulators.servers.pypi.requests.map((r) => r.url)).toContain('/pypi/python-dateutil/json')
    expect(run.unresolved.find((u) => u.component.name === 'example-no-repo')!.detail).toBe(
      'pypi example-no-repo: no repository URL (saw home_page=https://docs.example.com/no-repo, project_urls.Homepage=https://www.example.com)',
    )
  })

  it('takes the Homepage project URL as the home page (PEP 621), and a home page under the repository as its directory', async () => {
    // Project-URL lines of the real wheels' METADATA: tomli 2.4.1 (no Home-page; `Homepage` on GitHub, low before)
    // and google-api-core 2.40.0 (`Repository` is the monorepo, `Homepage` its package directory, lost before).
    const run = await resolveOnline(
      emulators,
      [pkg('pypi', 'tomli', '2.4.1'), pkg('pypi', 'google-api-core', '2.40.0')],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'tomli@2.4.1': 'github.com/hukkin/tomli medium pypi',
      'google-api-core@2.40.0': 'github.com/googleapis/google-cloud-python (packages/google-api-core) medium pypi',
    })
    expect(run.groups.map((g) => g.resolutions![0].evidence).sort()).toEqual([
      'pypi google-api-core project_urls.Repository',
      'pypi tomli project_urls.Homepage',
    ])
  })

  it('takes a source-labelled project URL on any git host, without its web pages, and never a docs site', async () => {
    // The real wheels' Project-URL lines (openpyxl 3.1.5, stevedore 5.9.1, ruamel.yaml 0.19.1): all three were
    // unresolved (no-repository) before, as Heptapod, opendev.org and SourceForge are not among the known forges.
    // example-docs-only (fictional) has no source-labelled URL, only documentation sites on hosts that are no forge
    // (its home page, Documentation, Changelog, Homepage): none of them is taken as a repository.
    const run = await resolveOnline(
      emulators,
      [
        pkg('pypi', 'openpyxl', '3.1.5'),
        pkg('pypi', 'stevedore', '5.9.1'),
        pkg('pypi', 'ruamel.yaml', '0.19.1'),
        pkg('pypi', 'example-docs-only', '1.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'openpyxl@3.1.5': 'foss.heptapod.net/openpyxl/openpyxl medium pypi',
      'stevedore@5.9.1': 'opendev.org/openstack/stevedore medium pypi',
      'ruamel.yaml@0.19.1': 'sourceforge.net/p/ruamel-yaml/code medium pypi',
      'example-docs-only@1.0': 'unresolved: no-repository',
    })
    expect(run.unresolved.find((u) => u.component.name === 'example-docs-only')!.detail).toBe(
      'pypi example-docs-only: no repository URL (saw home_page=https://example-docs-only.readthedocs.io, project_urls.Homepage=https://docs.example.com/docs-only/, project_urls.Documentation=https://example-docs-only.readthedocs.io/en/stable/, project_urls.Changelog=https://docs.example.com/docs-only/changes.html)',
    )
    expect(run.groups.map((g) => g.resolutions![0].evidence).sort()).toEqual([
      'pypi openpyxl project_urls.Source',
      'pypi ruamel-yaml project_urls.Source',
      'pypi stevedore project_urls.Repository',
    ])
  })

  it('never asks PyPI about a project of another index or a URL, unless that index is a mirror', async () => {
    const from = (name: string, version: string, qualifier: string) => ({
      ...pkg('pypi', name, version),
      purl: `pkg:pypi/${name}@${version}?${qualifier}`,
    })
    const components = [
      from('requests', '2.25.0', 'repository_url=https%3A%2F%2Fpypi.internal.example%2Fsimple'),
      from('colorama', '0.4.6', 'download_url=https%3A%2F%2Fdownloads.example.com%2Fcolorama-0.4.6.tar.gz'),
      from('python-dateutil', '2.9.0.post0', 'repository_url=https%3A%2F%2Fpypi.org%2Fsimple'),
    ]
    const asked = () => emulators.servers.pypi.requests.map((r) => r.url)
    const before = asked().length
    const run = await resolveOnline(emulators, components, [resolver])
    expect(summarise(run)).toEqual({
      'requests@2.25.0': 'unresolved: unsupported',
      'colorama@0.4.6': 'unresolved: unsupported',
      'python-dateutil@2.9.0.post0': 'github.com/dateutil/dateutil medium pypi',
    })
    expect(asked().slice(before)).toEqual(['/pypi/python-dateutil/json'])
    const mirrored = await resolveOnline(emulators, components, [resolver], {
      registryMirrors: ['https://pypi.internal.example'],
    })
    expect(summarise(mirrored)['requests@2.25.0']).toBe('github.com/psf/requests medium pypi')
  })
})
