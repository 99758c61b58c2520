// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${{ }} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'azure-pipelines.yml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('azure-pipelines', () => {
  it('claims azure-pipelines.yml/.yaml at any depth and .azure-pipelines/*.yml', () => {
    expect(
      [
        'azure-pipelines.yml',
        'sub/dir/azure-pipelines.yaml',
        '.azure-pipelines/ci.yml',
        'a/.azure-pipelines/pr.yaml',
        '.azure-pipelines/steps/x.yml',
        'build/azure-pipelines/ci.yml',
        'my-azure-pipelines.yml',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, false, false, false])
  })

  it('lists a real container resource once, its job naming it by alias (engswee/flashpipe-demo)', () => {
    const text = readFileSync(
      join(import.meta.dirname, '__fixtures__', 'flashpipe-demo', 'azure-pipelines.yml'),
      'utf8',
    )
    const out = discover(text)
    expect(rows(out)).toEqual(['15:14 engswee/flashpipe:latest -> pkg:docker/engswee/flashpipe@latest'])
    expect(out.components[0]).toMatchObject({kind: 'image', origin: 'manifest'})
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
  })

  it('reads a container under a real ${{ if }} key, where written (microsoft/azure-pipelines-agent)', () => {
    const text = readFileSync(
      join(import.meta.dirname, '__fixtures__', 'azure-pipelines-agent', 'build-job.yml'),
      'utf8',
    )
    const out = discover(text, '.azure-pipelines/build-job.yml')
    expect(out.components).toEqual([])
    expect(out.errors).toEqual([])
    // Line 94, under `${{ if ne(parameters.container, '') }}:` (line 93): the container is the template's parameter.
    expect(skips(out)).toEqual([
      '94 unsupported jobs[0].container "${{ parameters.container }}" holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
    ])
  })

  it('reads what ${{ if }}, ${{ elseif }}, ${{ else }} and ${{ each }} keys insert, every branch, where written', () => {
    const out = discover(
      [
        'resources:',
        '  containers:',
        '    - ${{ if eq(parameters.linux, true) }}:',
        '      - container: py',
        '        image: python:3.12-slim',
        '    - container: tool',
        "      ${{ if eq(variables['Build.Reason'], 'PullRequest') }}:",
        '        image: acme/tool:pr',
        '      ${{ else }}:',
        '        image: acme/tool:1.0',
        '${{ if true }}:',
        '  container: ubuntu:22.04',
        'stages:',
        '  - ${{ each env in parameters.environments }}:',
        '    - stage: deploy_${{ env }}',
        '      jobs:',
        '        - job: ship',
        '          container: ${{ env }}/deploy:1',
        '  - stage: A',
        '    ${{ if true }}:',
        '      jobs:',
        '        - job: one',
        '          container: py',
        '          ${{ if eq(1, 1) }}:',
        '            services:',
        '              ${{ if eq(2, 2) }}:',
        '                db: postgres:16',
        '        - ${{ if false }}:',
        '          - job: two',
        "            ${{ if eq(variables['Build.SourceBranch'], 'refs/heads/main') }}:",
        '              container: node:20',
        "            ${{ elseif eq(variables['Build.SourceBranch'], 'refs/heads/dev') }}:",
        '              container: node:22',
        '            ${{ else }}:',
        '              container: {image: "node:18"}',
        '          - template: jobs/build.yml',
        '        - ${{ parameters.extraJob }}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '5:16 python:3.12-slim -> pkg:docker/library/python@3.12-slim',
      '8:16 acme/tool:pr -> pkg:docker/acme/tool@pr',
      '10:16 acme/tool:1.0 -> pkg:docker/acme/tool@1.0',
      '12:14 ubuntu:22.04 -> pkg:docker/library/ubuntu@22.04',
      '27:21 postgres:16 -> pkg:docker/library/postgres@16',
      '31:26 node:20 -> pkg:docker/library/node@20',
      '33:26 node:22 -> pkg:docker/library/node@22',
      '35:34 node:18 -> pkg:docker/library/node@18',
    ])
    expect(skips(out)).toEqual([
      '18 unsupported stages[0].jobs[0].container "${{ env }}/deploy:1" holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
      '36 unsupported 1 template reference (first: jobs/build.yml) not read (in another repository, an expression, or no such file under the scan root): the containers they declare are not listed',
    ])
  })

  it('bounds insertion keys nested deep or repeated through aliases', () => {
    // Each level inserts the one below twice (an alias): 2^10 paths to one container, listed once (the YAML reader refuses far larger expansions).
    const levels = ['l0: &l0 {container: alpine:3.20}']
    for (let i = 1; i <= 10; i++) levels.push(`l${i}: &l${i} {"\${{ if a }}": *l${i - 1}, "\${{ else }}": *l${i - 1}}`)
    const out = discover(['defs:', ...levels.map((l) => `  ${l}`), 'jobs:', '  - job: a', '    <<: *l10'].join('\n'))
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['2:23 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
    const nested = ['jobs:', '  - job: a']
    for (let i = 0; i < 40; i++) nested.push(`${'  '.repeat(i + 2)}\${{ if a${i} }}:`)
    nested.push(`${'  '.repeat(42)}container: alpine:3.20`)
    const deep = discover(nested.join('\n'))
    // Past 16 nested insertion keys, what they hold is not read: said once (jobs and services look there).
    expect(deep.components).toEqual([])
    expect(skips(deep)).toEqual([
      '20 unsupported ${{ }} insertion keys nested over 16 deep; what they hold is not read',
    ])
    const shallow = discover(
      nested
        .slice(0, 12)
        .concat(`${'  '.repeat(12)}container: alpine:3.20`)
        .join('\n'),
    )
    expect(rows(shallow)).toEqual(['13:36 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
  })

  it('lists pipeline, job, stage-job, deployment and service containers; aliases once; vmImage is no container', () => {
    const out = discover(
      [
        'pool: {vmImage: ubuntu-latest}',
        'resources:',
        '  containers:',
        '    - container: pg',
        '      image: postgres:16',
        '    - container: build',
        '      image: mcr.microsoft.com/dotnet/sdk:8.0',
        '      endpoint: acme-registry',
        '    - container: acr',
        '      type: ACR',
        '      azureSubscription: acme',
        'container: ubuntu:22.04',
        'services:',
        '  db: pg',
        '  cache: redis:7',
        'stages:',
        '  - stage: Build',
        '    jobs:',
        '      - job: compile',
        '        container: build',
        '        services: {mq: {image: rabbitmq:3.13}}',
        '      - deployment: ship',
        '        container: {image: "acme.azurecr.io/deploy:2", endpoint: acr}',
        '        pool: {vmImage: windows-2022}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '5:14 postgres:16 -> pkg:docker/library/postgres@16',
      '7:14 mcr.microsoft.com/dotnet/sdk:8.0 -> pkg:docker/dotnet/sdk@8.0?repository_url=mcr.microsoft.com',
      '12:12 ubuntu:22.04 -> pkg:docker/library/ubuntu@22.04',
      '15:10 redis:7 -> pkg:docker/library/redis@7',
      '21:32 rabbitmq:3.13 -> pkg:docker/library/rabbitmq@3.13',
      '23:28 acme.azurecr.io/deploy:2 -> pkg:docker/deploy@2?repository_url=acme.azurecr.io',
    ])
  })

  it('reports expressions and, once per file, templates', () => {
    const out = discover(
      [
        'resources:',
        '  containers:',
        '    - container: c',
        '      image: acme/tool:$(toolVersion)',
        'jobs:',
        '  - job: a',
        "    container: $[ variables['containerResource'] ]",
        '  - job: b',
        '    container: ${{ parameters.image }}',
        '    steps:',
        '      - template: steps/build.yml',
        '  - template: jobs/test.yml',
        'extends:',
        '  template: base.yml',
      ].join('\n'),
    )
    expect(out.components).toEqual([])
    expect(skips(out)).toEqual([
      '4 unsupported resources.containers[0].image "acme/tool:$(toolVersion)" holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
      '7 unsupported jobs[0].container "$[ variables[\'containerResource\'] ]" holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
      '9 unsupported jobs[1].container "${{ parameters.image }}" holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
      '11 unsupported 3 template references (first: steps/build.yml) not read (in another repository, an expression, or no such file under the scan root): the containers they declare are not listed',
    ])
  })

  it('reports wrong types at their line and reads the rest', () => {
    const out = discover(
      [
        'resources:',
        '  containers: {container: x, image: alpine:3.19}',
        'container: 42',
        'services: [redis]',
        'jobs:',
        '  - job: a',
        '    container: {options: --rm}',
        '  - job: b',
        '    container: "Not An Image"',
        '  - job: c',
        '    container: alpine:3.20',
        '    services: {s: [x]}',
      ].join('\n'),
    )
    expect(errors(out).filter((e) => !e.includes('invalid-image-ref'))).toEqual([
      '2:15 invalid-entry resources.containers must be a list, not a mapping',
      '3:12 invalid-entry container must be an image name, not a number (42)',
      '4:11 invalid-entry services must be a mapping, not a list',
      '7:16 invalid-entry jobs[0].container.image must be an image name, not nothing',
      '12:19 invalid-entry jobs[2].services.s must be an image name, not a list',
    ])
    expect(out.errors.filter((e) => e.code === 'invalid-image-ref').map((e) => e.line)).toEqual([9])
    expect(rows(out)).toEqual(['11:16 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
    expect(discover('- 1\n').errors[0]).toMatchObject({line: 1, code: 'invalid-entry'})
  })

  it('reads many jobs', () => {
    const jobs = Array.from({length: 1000}, (_, i) => `  - job: j${i}\n    container: "acme/j:${i}"`)
    expect(discover(['jobs:', ...jobs].join('\n')).components).toHaveLength(1000)
  })

  it('lists GitHub and Bitbucket repository resources at their ref; skips what the file does not name', () => {
    const out = discover(
      [
        'resources:',
        '  repositories:',
        '    - repository: self',
        '      type: git',
        '      ref: refs/heads/main',
        '    - repository: templates',
        '      type: github',
        '      endpoint: github-connection',
        '      name: example-org/pipeline-templates',
        '      ref: refs/tags/6.0',
        '    - repository: tools',
        '      type: bitbucket',
        '      name: example-team/tools',
        '    - ${{ if eq(parameters.extra, true) }}:',
        '      - repository: extra',
        '        type: github',
        '        name: example-org/extra',
        '        ref: 0123456789abcdef0123456789abcdef01234567',
        '    - repository: azrepo',
        '      type: git',
        '      name: Project/infra',
        '    - repository: ghes',
        '      type: githubenterprise',
        '      name: corp/app',
        '    - repository: pinned',
        '      type: github',
        '      name: example-org/app',
        '      ref: $(branch)',
        '    - repository: broken',
        '      type: github',
        '      name: no-owner',
        'extends:',
        '  template: pipeline.yml@templates',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '9:13 example-org/pipeline-templates@refs/tags/6.0 -> pkg:generic/github.com/example-org/pipeline-templates@refs%2Ftags%2F6.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fpipeline-templates%40refs%2Ftags%2F6.0',
      '13:13 example-team/tools -> pkg:generic/bitbucket.org/example-team/tools?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Fexample-team%2Ftools',
      '17:15 example-org/extra@0123456789abcdef0123456789abcdef01234567 -> pkg:generic/github.com/example-org/extra@0123456789abcdef0123456789abcdef01234567?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample-org%2Fextra%400123456789abcdef0123456789abcdef01234567',
    ])
    expect(out.components[0]).toMatchObject({
      kind: 'package',
      ecosystem: 'generic',
      version: 'refs/tags/6.0',
      direct: true,
      origin: 'manifest',
    })
    expect(skips(out)).toEqual([
      '13 unresolved-version resources.repositories[2] bitbucket "example-team/tools" names no ref: Azure Pipelines takes its default (refs/heads/main) when the pipeline runs; listed without a version',
      '21 unsupported resources.repositories[4] git "Project/infra": an Azure Repos repository of the pipeline\'s organization, which the file does not name; not listed',
      '24 unsupported resources.repositories[5] githubenterprise "corp/app": a GitHub Enterprise repository on the host its service connection names, not the file; not listed',
      '27 unsupported resources.repositories[6] github "example-org/app" at $(branch) holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
      '33 unsupported 1 template reference (first: pipeline.yml@templates) not read (in another repository, an expression, or no such file under the scan root): the containers they declare are not listed',
    ])
    expect(errors(out)).toEqual([
      '31:13 invalid-entry resources.repositories[7] github "no-owner" is not owner/repository',
    ])
    expect(JSON.stringify(out)).not.toContain('github-connection')
  })

  it('reads local template files, relative to the file that includes them, each once; reports the others', () => {
    const files: Record<string, string> = {
      'ci/templates/jobs.yml': [
        'parameters:',
        '  - name: image',
        '    default: node:20',
        'jobs:',
        '  - job: build',
        '    container: ${{ parameters.image }}',
        '  - job: lint',
        '    container: golangci/golangci-lint:v1.61',
        '  - job: test',
        '    container: linux',
        '  - template: ../steps/more.yml',
      ].join('\n'),
      'ci/steps/more.yml': 'jobs:\n  - job: db\n    services:\n      pg: postgres:16\n',
    }
    const out = discoverer.discover(
      {
        file: 'ci/azure-pipelines.yml',
        text: [
          'resources:',
          '  containers:',
          '    - container: linux',
          '      image: ubuntu:24.04',
          'stages:',
          '  - stage: a',
          '    jobs:',
          '      - template: templates/jobs.yml',
          '      - template: templates/jobs.yml',
          '      - template: /templates/root.yml',
          '      - template: jobs.yml@shared',
          '      - template: missing.yml',
        ].join('\n'),
      },
      {readText: (f) => files[f] ?? null},
    ) as Required<DiscoverOutput>
    expect(
      out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref}`),
    ).toEqual([
      'ci/azure-pipelines.yml:4:14 ubuntu:24.04',
      // `container: linux` (jobs.yml:10) is the pipeline's resource, by its alias: not listed again.
      'ci/templates/jobs.yml:8:16 golangci/golangci-lint:v1.61',
      'ci/steps/more.yml:4:11 postgres:16',
    ])
    expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'ci/azure-pipelines.yml:10 unsupported 3 template references (first: /templates/root.yml) not read (in another repository, an expression, or no such file under the scan root): the containers they declare are not listed',
      'ci/templates/jobs.yml:6 unsupported jobs[0].container "${{ parameters.image }}" holds a $(), ${{ }} or $[ ] expression, known only when the pipeline runs; not guessed',
    ])
    expect(out.errors).toEqual([])
  })

  it('takes a ref written as a number as its text, as Azure Pipelines reads it', () => {
    const out = discover(
      'resources:\n  repositories:\n    - repository: t\n      type: github\n      name: example-org/templates\n      ref: 6.0\n',
    )
    expect(out.errors).toEqual([])
    expect(out.components.map((c) => `${c.name}@${c.version}`)).toEqual(['github.com/example-org/templates@6.0'])
  })

  it('reads /-absolute and @self templates from the repository root (the scan root), and package resources from GitHub Packages', () => {
    const files: Record<string, string> = {
      'templates/root.yml': 'jobs:\n  - job: a\n    container: alpine:3.20\n',
      'templates/self.yml': 'jobs:\n  - job: b\n    services:\n      db: postgres:16\n',
    }
    const out = discoverer.discover(
      {
        file: 'ci/azure-pipelines.yml',
        text: [
          'resources:',
          '  packages:',
          '    - package: contoso',
          '      type: npm',
          '      connection: pat-contoso',
          '      name: yourname/contoso',
          '      version: 7.130.88',
          '    - package: lib',
          '      type: NuGet',
          '      connection: pat-contoso',
          '      name: Example-Org/Example.Lib',
          '    - package: other',
          '      type: maven',
          '      connection: c',
          '      name: o/p',
          '    - package: bad',
          '      type: npm',
          '      connection: c',
          '      name: no-owner',
          '  pipelines:',
          '    - pipeline: upstream',
          '      source: Upstream-CI',
          'jobs:',
          '  - template: /templates/root.yml',
          '  - template: templates/self.yml@self',
          '  - template: /missing.yml',
          '  - template: /../outside.yml',
        ].join('\n'),
      },
      // The scan's root is the highest folder the context lists.
      {readText: (f) => files[f] ?? null, listDir: (dir) => (dir === '.' || dir === 'ci' ? [] : null)},
    ) as Required<DiscoverOutput>
    expect(
      out.components.map(
        (c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.purl} ${c.ref}`,
      ),
    ).toEqual([
      'ci/azure-pipelines.yml:6:13 pkg:npm/%40yourname/contoso@7.130.88?repository_url=https%3A%2F%2Fnpm.pkg.github.com yourname/contoso@7.130.88',
      'ci/azure-pipelines.yml:11:13 pkg:nuget/Example.Lib?repository_url=https%3A%2F%2Fnuget.pkg.github.com%2FExample-Org%2Findex.json Example-Org/Example.Lib',
      'templates/root.yml:3:16 pkg:docker/library/alpine@3.20 alpine:3.20',
      'templates/self.yml:4:11 pkg:docker/library/postgres@16 postgres:16',
    ])
    expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'ci/azure-pipelines.yml:11 unresolved-version resources.packages[1] NuGet "Example-Org/Example.Lib" names no version: the newest (or its tag\'s) is taken when the pipeline runs; listed without a version',
      'ci/azure-pipelines.yml:15 unsupported resources.packages[2] maven "o/p": not a package type of Azure Pipelines\' package resources (NuGet, npm); not listed',
      'ci/azure-pipelines.yml:26 unsupported 2 template references (first: /missing.yml) not read (in another repository, an expression, or no such file under the scan root): the containers they declare are not listed',
    ])
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '19:13 invalid-entry resources.packages[3] npm "no-owner" is not owner/package',
    ])
  })
})
