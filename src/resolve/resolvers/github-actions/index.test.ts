import {describe, expect, it} from 'vitest'
import {pkg, resolveOffline, summarise} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolver} from './index.js'

describe('github-actions (no registry)', () => {
  it('maps owner/repo[/path] to the repository and its directory, offline, with the uses: line as evidence', async () => {
    const run = await resolveOffline(
      [
        pkg('githubactions', 'actions/checkout', 'v4'),
        pkg('githubactions', 'actions/cache/restore', 'v4'),
        pkg('githubactions', 'example/workflows/.github/workflows/release.yml', 'v2'),
        pkg('githubactions', '../etc/passwd', 'v1'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'actions/checkout@v4': 'github.com/actions/checkout high github-actions',
      'actions/cache/restore@v4': 'github.com/actions/cache (restore) high github-actions',
      'example/workflows/.github/workflows/release.yml@v2':
        'github.com/example/workflows (.github/workflows/release.yml) high github-actions',
      '../etc/passwd@v1': 'unresolved: invalid-name',
    })
    expect(run.incomplete).toBe(false)
    const checkout = run.groups.find((g) => g.repo === 'github.com/actions/checkout')!
    expect(checkout.resolutions![0].evidence).toBe('uses: actions/checkout@v4')
  })
})
