// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

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

  it('lists the actions of parallel step groups (GA 2026-06-25): each step of a group, and a sequence in one', () => {
    const out = discover(`on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - parallel:
          - uses: actions/cache@v4
            with: {path: vendor, key: deps}
          - name: k6
            uses: grafana/setup-k6-action@v1
          - steps:
              - uses: actions/setup-node@v4
              - run: npm ci
      - uses: actions/upload-artifact@v4
        background: true
`)
    expect(out.errors).toEqual([])
    expect(summary(out).map((row) => row.split(' ').slice(0, 3).join(' '))).toEqual([
      '6:15 githubactions actions/checkout@v4',
      '8:19 githubactions actions/cache@v4',
      '11:19 githubactions grafana/setup-k6-action@v1',
      '13:23 githubactions actions/setup-node@v4',
      '15:15 githubactions actions/upload-artifact@v4',
    ])
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
        'jobs.a.steps[0].uses: "actions/checkout" is not owner/repo[/path]@ref, ./path, $/path or docker://image',
      ],
      [5, 'invalid-workflow', 'jobs.a.steps[1].uses must be a string'],
      [6, 'invalid-image-ref', 'jobs.a.container: invalid image reference "NOPE:1": repository name must be lowercase'],
    ])
  })

  it('reads uses as the runner splits it: empty pieces dropped, backslash a separator in steps (JabRef link-issue.yml)', () => {
    const real = discover(fixture('jabref/link-issue.yml'))
    expect(real.errors).toEqual([])
    expect(summary(real)).toEqual([
      '18:15 githubactions m7kvqbe1/github-action-move-issues@main pkg:githubactions/m7kvqbe1/github-action-move-issues@main',
      '29:15 githubactions m7kvqbe1/github-action-move-issues@main pkg:githubactions/m7kvqbe1/github-action-move-issues@main',
    ])
    expect(real.components.map((c) => c.ref)).toEqual([
      'm7kvqbe1/github-action-move-issues/@main',
      'm7kvqbe1/github-action-move-issues/@main',
    ])
    const out = discover(
      [
        'on: push',
        'jobs:',
        '  call:',
        '    uses: example/workflows//.github/workflows/release.yml@v2',
        '  a:',
        '    steps:',
        '      - uses: example//tool@v1',
        '      - uses: example\\tool\\sub\\@v2',
        '      - uses: /example/tool/sub//dir/@v3',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '4:11 githubactions example/workflows/.github/workflows/release.yml@v2 pkg:githubactions/example/workflows@v2#.github/workflows/release.yml',
      '7:15 githubactions example/tool@v1 pkg:githubactions/example/tool@v1',
      '8:15 githubactions example/tool/sub@v2 pkg:githubactions/example/tool@v2#sub',
      '9:15 githubactions example/tool/sub/dir@v3 pkg:githubactions/example/tool@v3#sub/dir',
    ])
  })

  it('still refuses what GitHub refuses in uses', () => {
    const out = discover(
      [
        'jobs:',
        '  call:',
        '    uses: example\\workflows\\.github\\workflows\\release.yml@v2',
        '  a:',
        '    steps:',
        '      - uses: example/tool@v1@v2',
        '      - uses: example//@v1',
        '      - uses: example/tool/@',
        '      - uses: $/',
        '',
      ].join('\n'),
    )
    expect(out.components).toEqual([])
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'invalid-workflow'],
      [6, 'invalid-workflow'],
      [7, 'invalid-workflow'],
      [8, 'invalid-workflow'],
      [9, 'invalid-workflow'],
    ])
  })

  it('leaves self-repository references ($/path) unlisted, as ./path (entur/gha-api lint.yml)', () => {
    const real = discover(fixture('entur-gha-api/lint.yml'))
    expect(real.errors).toEqual([])
    expect(summary(real)).toEqual(['11:15 githubactions actions/checkout@v7 pkg:githubactions/actions/checkout@v7'])
    const out = discover(
      'jobs:\n  call:\n    uses: $/.github/workflows/build.yml\n  a:\n    steps:\n      - uses: $//actions/setup\n',
    )
    expect([out.components, out.errors]).toEqual([[], []])
    const composite = discover('runs:\n  using: composite\n  steps:\n    - uses: $/actions/setup\n', 'action.yml')
    expect([composite.components, composite.errors]).toEqual([[], []])
  })

  it('reads an empty container as no container, and reports an empty service image as GitHub does', () => {
    const none = discover(
      [
        'jobs:',
        '  a:',
        '    container: ""',
        '  b:',
        "    container: {image: ''}",
        '  c:',
        '    container:',
        '      image: ""',
        '      options: --cpus 1',
        '',
      ].join('\n'),
    )
    expect([none.components, none.errors, none.skipped]).toEqual([[], [], []])
    const refused = discover(
      [
        'jobs:',
        '  a:',
        '    container: docker://',
        '    services:',
        '      db: ""',
        '      cache:',
        "        image: ''",
        '',
      ].join('\n'),
    )
    expect(refused.components).toEqual([])
    expect(refused.errors.map((e) => [e.line, e.column, e.code, e.message])).toEqual([
      [3, 16, 'invalid-workflow', 'jobs.a.container: the image is empty, which GitHub refuses here'],
      [5, 11, 'invalid-workflow', 'jobs.a.services.db: the image is empty, which GitHub refuses here'],
      [7, 16, 'invalid-workflow', 'jobs.a.services.cache: the image is empty, which GitHub refuses here'],
    ])
  })

  it('lists the container images a job takes from its matrix, where they are written (curl linux.yml)', () => {
    const real = discover(fixture('curl/linux.yml'))
    expect([real.errors, real.skipped]).toEqual([[], []])
    expect(real.components.map((c) => [c.locations[0].line, c.locations[0].column, c.name, c.version])).toEqual([
      [23, 24, 'docker.io/andy5995/slackware-build-essential', '15.0'],
      [27, 24, 'docker.io/library/alpine', '3.23'],
      [31, 24, 'docker.io/library/alpine', '3.20'],
    ])
  })

  it("takes matrix.x || 'image' as GitHub does: each job's image, the literal for the jobs without one (wagtail)", () => {
    const out = discover(
      [
        'jobs:',
        '  test:',
        '    services:',
        '      postgres:',
        "        image: ${{ matrix.postgres || 'postgres:14' }}",
        '    strategy:',
        '      matrix:',
        '        include:',
        '          - python: "3.12"',
        '            postgres: "postgres:15"',
        '          - python: "3.13"',
        '            postgres: "postgres:latest"',
        '          - python: "3.11"',
        '  nofallback:',
        '    container:',
        "      image: ${{ matrix.os || 'alpine:3.20' }}",
        '    strategy:',
        '      matrix:',
        '        os: ["debian:12", "debian:13"]',
        '',
      ].join('\n'),
    )
    expect([out.errors, out.skipped]).toEqual([[], []])
    expect(out.components.map((c) => `${c.locations[0].line} ${c.name}@${c.version}`)).toEqual([
      '10 docker.io/library/postgres@15',
      '12 docker.io/library/postgres@latest',
      '5 docker.io/library/postgres@14',
      '19 docker.io/library/debian@12',
      '19 docker.io/library/debian@13',
    ])
  })

  it('expands the matrix as GitHub does: exclude, include, and a skip when it cannot be known', () => {
    const job = (lines: string[]) => discover(['jobs:', '  a:', ...lines, ''].join('\n'))
    const expanded = job([
      '    container: ${{ matrix.os.image }}',
      '    services:',
      '      db:',
      '        image: ${{ matrix.db }}',
      '    strategy:',
      '      matrix:',
      '        os: [{image: "alpine:3.19"}, {image: "alpine:3.20"}]',
      '        db: ["postgres:15", "postgres:16", ""]',
      '        exclude:',
      '          - db: "postgres:15"',
      '        include:',
      '          - db: "postgres:16"',
      '            extra: 1',
      '          - os: {image: "debian:12"}',
      '            db: "mysql:8"',
      '          - db: "${{ inputs.db }}"',
    ])
    expect(expanded.errors).toEqual([])
    expect(expanded.components.map((c) => `${c.locations[0].line} ${c.name}@${c.version}`)).toEqual([
      '9 docker.io/library/alpine@3.19',
      '9 docker.io/library/alpine@3.20',
      '16 docker.io/library/debian@12',
      '10 docker.io/library/postgres@16',
      '17 docker.io/library/mysql@8',
    ])
    expect(expanded.skipped.map((s) => [s.line, s.message])).toEqual([
      [
        18,
        'jobs.a.services.db (${{ matrix.db }}) "${{ inputs.db }}" holds a ${{ }} expression, known only when the workflow runs',
      ],
    ])
    const unknown = job([
      '    container: ${{ matrix.image }}',
      '    strategy:',
      '      matrix: ${{ fromJSON(inputs.matrix) }}',
    ])
    expect(unknown.skipped.map((s) => [s.line, s.message])).toEqual([
      [
        3,
        'jobs.a.container "${{ matrix.image }}" takes its value from the job\'s strategy.matrix, which is not expanded here: it is an expression, or over 256 jobs, 1024 include or exclude entries, or 1000000 value comparisons',
      ],
    ])
    const axes = Array.from({length: 9}, (_, i) => `        a${i}: [1, 2]`)
    const tooLarge = job(['    container: ${{ matrix.image }}', '    strategy:', '      matrix:', ...axes])
    expect([tooLarge.components, tooLarge.skipped.map((s) => s.line)]).toEqual([[], [3]])
    const values = Array.from({length: 256}, (_, i) => `          - [0, 0, 0, 0, 0, ${i}]`)
    const includes = Array.from({length: 1024}, (_, i) => `          - {x: [0, 0, 0, 0, 0, ${i % 256}], w${i}: 1}`)
    const costly = job([
      '    container: ${{ matrix.image }}',
      '    strategy:',
      '      matrix:',
      '        x:',
      ...values,
    ])
    expect(costly.skipped).toEqual([])
    const tooCostly = job([
      '    container: ${{ matrix.image }}',
      '    strategy:',
      '      matrix:',
      '        x:',
      ...values,
      '        include:',
      ...includes,
    ])
    expect([tooCostly.components, tooCostly.skipped.map((s) => s.line)]).toEqual([[], [3]])
  })

  it('lists the images a template of matrix values gives, at the template (typeorm tests-linux.yml)', () => {
    const real = discover(fixture('typeorm/tests-linux.yml'))
    expect([real.errors, real.skipped]).toEqual([[], []])
    expect(real.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`)).toEqual([
      '15:16 ghcr.io/typeorm/docker:postgres-14.22-postgis-3.6.2-pgvector-0.8.2',
      '15:16 ghcr.io/typeorm/docker:postgres-17.9-postgis-3.6.2-pgvector-0.8.2',
    ])
    const out = discover(
      [
        'jobs:',
        '  a:',
        '    container: python:${{ matrix.Python }}-${{ matrix.os.name }}${{ matrix.none }}',
        '    services:',
        '      db:',
        '        image: postgres:${{ matrix.pg }}',
        '    strategy:',
        '      matrix:',
        '        python: [3.10, 3.9, 1.0]',
        '        os: [{name: slim}]',
        '        pg: [16, 1234567890123456, .inf]',
        '  b:',
        '    container: python:${{ matrix.v }}-${{ github.sha }}',
        '    strategy: {matrix: {v: [3]}}',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.locations[0].line} ${c.ref}`)).toEqual([
      '3 python:3.1-slim',
      '3 python:3.9-slim',
      '3 python:1-slim',
    ])
    expect(out.skipped.map((s) => s.line)).toEqual([6, 13])
  })

  it('expands include as GitHub documents it (the fruit, animal, color, shape example)', () => {
    const out = discover(
      [
        'jobs:',
        '  a:',
        '    container: x/${{ matrix.fruit }}${{ matrix.animal }}${{ matrix.color }}${{ matrix.shape }}',
        '    strategy:',
        '      matrix:',
        '        fruit: [apple, pear]',
        '        animal: [cat, dog]',
        '        include:',
        '          - color: green',
        '          - color: pink',
        '            animal: cat',
        '          - fruit: apple',
        '            shape: circle',
        '          - fruit: banana',
        '          - fruit: banana',
        '            animal: cat',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.ref)).toEqual([
      'x/applecatpinkcircle',
      'x/appledoggreencircle',
      'x/pearcatpink',
      'x/peardoggreen',
      'x/banana',
      'x/bananacat',
    ])
  })

  it('locates a uses taken through an alias at the alias: each use is a location of its own', () => {
    const out = discover(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: &co actions/checkout@v4\n      - uses: *co\n',
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => c.locations.map((l) => `${l.line}:${l.column}`))).toEqual([['6:19'], ['7:15']])
  })

  it('bounds a matrix whose include entry has many keys, expanded once for all the services of its job', () => {
    // 128 combinations, an include entry of 40,000 keys, 20 services: it took 111 s and 1 GB, each service expanding
    // the matrix again and the include loop never looking at its budget. 10,000 keys (128 x 10,000 > 1,000,000) are
    // past the budget too; the time is bench/hostile.ts's.
    const axes = Array.from({length: 7}, (_, i) => `        a${i + 1}: [x, y]\n`).join('')
    const entry = `{${Array.from({length: 10_000}, (_, i) => `k${i}: 1`).join(', ')}}`
    const services = Array.from({length: 20}, (_, i) => `      s${i}:\n        image: \${{ matrix.img }}\n`).join('')
    const text = `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        a0: [x]\n${axes}        img: [nginx]\n        include:\n          - ${entry}\n    services:\n${services}    steps:\n      - run: echo\n`
    const out = discover(text)
    expect(out.components).toEqual([])
    expect(out.errors).toEqual([])
    // Each service skipped at its image's line (line 20 onward, two lines each), none read as nginx.
    expect(out.skipped.map((s) => [s.line, s.reason])).toEqual(
      Array.from({length: 20}, (_, i) => [20 + 2 * i, 'unsupported']),
    )
    expect(out.skipped[0].message).toBe(
      `jobs.j.services.s0 "\${{ matrix.img }}" takes its value from the job's strategy.matrix, which is not expanded here: it is an expression, or over 256 jobs, 1024 include or exclude entries, or 1000000 value comparisons`,
    )
  })

  it('reads Forgejo and Gitea workflows (their folders, recursively) with each forge documented default for a bare uses', () => {
    expect(
      [
        '.forgejo/workflows/ci.yml',
        '.forgejo/workflows/release/publish.yaml',
        'sub/.gitea/workflows/ci.yml',
        '.gitea/workflows/a/b/c.yml',
        '.forgejo/workflows-composite/setup/action.yaml',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, true])
    expect(['.forgejo/issue_template.yml', '.gitea/workflows/notes.md'].map(discoverer.matches)).toEqual([false, false])
    // Gitea: a bare uses is fetched from github.com by default (go-gitea/gitea's own .gitea/workflows/compliance.yml).
    const gitea = discover(fixture('gitea/compliance.yml'), '.gitea/workflows/compliance.yml')
    expect(summary(gitea)).toEqual([
      '9:15 githubactions actions/checkout@v4 pkg:githubactions/actions/checkout@v4',
      '10:15 githubactions actions/setup-go@v5 pkg:githubactions/actions/setup-go@v5',
      '22:15 githubactions actions/checkout@v4 pkg:githubactions/actions/checkout@v4',
      '23:15 githubactions pnpm/action-setup@v4 pkg:githubactions/pnpm/action-setup@v4',
      '24:15 githubactions actions/setup-node@v4 pkg:githubactions/actions/setup-node@v4',
    ])
    // A full URL names its host: another forge's repository at the ref (0xMax42/http-kernel).
    const url = discover(
      fixture('http-kernel/sync-release-to-github.yml'),
      '.gitea/workflows/sync-release-to-github.yml',
    )
    expect(summary(url)).toEqual([
      '13:15 githubactions actions/checkout@v4 pkg:githubactions/actions/checkout@v4',
      '18:15 generic git.0xmax42.io/actions/releases-sync@main pkg:generic/git.0xmax42.io/actions/releases-sync@main?vcs_url=git%2Bhttps%3A%2F%2Fgit.0xmax42.io%2Factions%2Freleases-sync%40main',
    ])
    expect(url.errors).toEqual([])
    // Forgejo: a bare uses is fetched from https://data.forgejo.org by default; https://github.com/… is a GitHub action.
    const forgejo = discover(
      [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: docker',
        '    container:',
        '      image: data.forgejo.org/oci/node:24-bookworm',
        '    services:',
        '      db:',
        '        image: data.forgejo.org/oci/bitnami/postgresql:16',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - uses: https://data.forgejo.org/actions/cache/save@v5',
        '      - uses: https://github.com/example-org/run-action/sub@v3',
        '      - uses: http://git.example.com:3000/team/tool@0123abc',
        '      - uses: ./.forgejo/workflows-composite/setup-env',
        '      - uses: docker://alpine:3.20',
        '      - uses: https://git.example.com/only-owner@v1',
        '  call:',
        '    uses: example/workflows/.forgejo/workflows/release.yml@v2',
        '  call-url:',
        '    uses: https://git.example.com/example/workflows/.forgejo/workflows/release.yml@v2',
        '',
      ].join('\n'),
      '.forgejo/workflows/test.yml',
    )
    expect(summary(forgejo)).toEqual([
      '11:15 generic data.forgejo.org/actions/checkout@v4 pkg:generic/data.forgejo.org/actions/checkout@v4?vcs_url=git%2Bhttps%3A%2F%2Fdata.forgejo.org%2Factions%2Fcheckout%40v4',
      '12:15 generic data.forgejo.org/actions/cache@v5 pkg:generic/data.forgejo.org/actions/cache@v5?vcs_url=git%2Bhttps%3A%2F%2Fdata.forgejo.org%2Factions%2Fcache%40v5',
      '13:15 githubactions example-org/run-action/sub@v3 pkg:githubactions/example-org/run-action@v3#sub',
      '14:15 generic git.example.com/team/tool@0123abc pkg:generic/git.example.com/team/tool@0123abc?vcs_url=git%2Bhttp%3A%2F%2Fgit.example.com%3A3000%2Fteam%2Ftool%400123abc',
      '16:15 docker docker.io/library/alpine@3.20 pkg:docker/library/alpine@3.20',
      '6:14 docker data.forgejo.org/oci/node@24-bookworm pkg:docker/oci/node@24-bookworm?repository_url=data.forgejo.org',
      '9:16 docker data.forgejo.org/oci/bitnami/postgresql@16 pkg:docker/oci/bitnami/postgresql@16?repository_url=data.forgejo.org',
      '21:11 generic git.example.com/example/workflows@v2 pkg:generic/git.example.com/example/workflows@v2?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.com%2Fexample%2Fworkflows%40v2',
    ])
    expect(forgejo.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '19 unsupported jobs.call.uses "example/workflows/.forgejo/workflows/release.yml@v2" is a reusable workflow of a repository on the Forgejo instance that runs it, which the file does not name; not listed',
    ])
    expect(forgejo.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '17:15 invalid-workflow jobs.test.steps[6].uses: "https://git.example.com/only-owner@v1" is not https://host/owner/repo[/path]@ref, owner/repo[/path]@ref, ./path or docker://image',
    ])
    // An action.yml under .forgejo/ is a composite action of the Forgejo workflows: Forgejo's default too.
    const composite = discover(
      'runs:\n  using: composite\n  steps:\n    - uses: actions/setup-go@v5\n',
      '.forgejo/workflows-composite/setup-env/action.yaml',
    )
    expect(summary(composite)).toEqual([
      '4:13 generic data.forgejo.org/actions/setup-go@v5 pkg:generic/data.forgejo.org/actions/setup-go@v5?vcs_url=git%2Bhttps%3A%2F%2Fdata.forgejo.org%2Factions%2Fsetup-go%40v5',
    ])
    // On GitHub a full URL is no uses GitHub reads: an error, as before.
    expect(
      discover('on: push\njobs:\n  a:\n    steps:\n      - uses: https://github.com/o/r@v1\n').errors,
    ).toHaveLength(1)
  })
})
