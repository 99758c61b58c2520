// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = '.github/workflows/ci.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const summary = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ecosystem} ${c.name}@${c.version} ${c.purl}`,
  )

describe('github-actions', () => {
  it('claims workflows and action metadata, not other YAML', () => {
    expect(
      ['.github/workflows/ci.yml', 'a/.github/workflows/x.yaml', 'action.yml', '.github/actions/setup/action.yaml'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, true, true])
    expect(['.github/dependabot.yml', '.github/workflows/sub/x.yml', 'actions.yml'].map(discoverer.matches)).toEqual([
      false,
      false,
      false,
    ])
  })

  it('lists actions, reusable workflows, docker:// steps, containers and services', () => {
    const out = discover(
      [
        'on: push',
        'jobs:',
        '  call:',
        '    uses: example/workflows/.github/workflows/release.yml@v2',
        '  local:',
        '    uses: ./.github/workflows/local.yml',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    container:',
        '      image: node:20',
        '    services:',
        '      db:',
        '        image: postgres:16',
        '      cache: redis:7',
        '    steps:',
        '      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1',
        '      - uses: actions/cache/restore@v4',
        '      - uses: ./.github/actions/setup',
        '      - uses: docker://alpine:3.20',
        '      - run: echo',
        '  test:',
        '    container: ghcr.io/example/runner:1',
        '    steps:',
        '      - uses: ${{ matrix.action }}',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '4:11 githubactions example/workflows/.github/workflows/release.yml@v2 pkg:githubactions/example/workflows@v2#.github/workflows/release.yml',
      '16:15 githubactions actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 pkg:githubactions/actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1',
      '17:15 githubactions actions/cache/restore@v4 pkg:githubactions/actions/cache@v4#restore',
      '19:15 docker docker.io/library/alpine@3.20 pkg:docker/library/alpine@3.20',
      '10:14 docker docker.io/library/node@20 pkg:docker/library/node@20',
      '13:16 docker docker.io/library/postgres@16 pkg:docker/library/postgres@16',
      '14:14 docker docker.io/library/redis@7 pkg:docker/library/redis@7',
      '22:16 docker ghcr.io/example/runner@1 pkg:docker/example/runner@1?repository_url=ghcr.io',
    ])
    expect(out.skipped.map((s) => [s.line, s.reason])).toEqual([[24, 'unsupported']])
  })

  it('reads composite and Docker actions', () => {
    const composite = discover(
      'name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-go@v5\n    - run: make\n',
      'action.yml',
    )
    expect(summary(composite)).toEqual(['5:13 githubactions actions/setup-go@v5 pkg:githubactions/actions/setup-go@v5'])
    const docker = discover("runs:\n  using: docker\n  image: 'docker://ghcr.io/example/tool:2'\n", 'action.yaml')
    expect(summary(docker)).toEqual([
      '3:10 docker ghcr.io/example/tool@2 pkg:docker/example/tool@2?repository_url=ghcr.io',
    ])
    expect(discover('runs:\n  using: docker\n  image: Dockerfile\n', 'action.yml').components).toEqual([])
  })

  it('reports malformed uses and images at their line', () => {
    const out = discover(
      'jobs:\n  a:\n    steps:\n      - uses: actions/checkout\n      - uses: [x]\n    container: NOPE:1\n',
    )
    expect(out.errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [
        4,
        'invalid-workflow',
        'jobs.a.steps[0].uses: "actions/checkout" is not owner/repo[/path]@ref, ./path or docker://image',
      ],
      [5, 'invalid-workflow', 'jobs.a.steps[1].uses must be a string'],
      [6, 'invalid-image-ref', 'jobs.a.container: invalid image reference "NOPE:1": repository name must be lowercase'],
    ])
  })
})
