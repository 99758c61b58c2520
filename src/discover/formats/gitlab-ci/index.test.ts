// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'

function discover(text: string, files: Record<string, string> = {}, file = 'app/.gitlab-ci.yml') {
  return discoverer.discover({file, text}, {readText: (f) => files[f] ?? null}) as Required<DiscoverOutput>
}

const summary = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) => `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')

describe('gitlab-ci', () => {
  it('claims .gitlab-ci.yml and .gitlab-ci.yaml anywhere, nothing else; the manifest format leaves them alone', async () => {
    expect(
      ['.gitlab-ci.yml', 'a/b/.gitlab-ci.yaml', 'gitlab-ci.yml', 'ci/build.gitlab-ci.yml', '.gitlab-ci.yml.bak'].map(
        discoverer.matches,
      ),
    ).toEqual([true, true, false, false, false])
    const inventory = await scanTree({'.gitlab-ci.yaml': 'image: alpine:3.20\nbuild:\n  script: [make]\n'})
    expect(refsAt(inventory)).toEqual(['alpine:3.20 .gitlab-ci.yaml:1:8'])
    expect(inventory.errors).toEqual([])
  })

  it('lists the real images of a real pipeline (aphp/Cohort360-Back-end)', async () => {
    const text = fixture('cohort360/.gitlab-ci.yml')
    const out = discover(text, {}, '.gitlab-ci.yml')
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(summary(out)).toEqual([
      '.gitlab-ci.yml:1:8 harbor.eds.aphp.fr/cohort360/python-test:3.11.1 -> pkg:docker/cohort360/python-test@3.11.1?repository_url=harbor.eds.aphp.fr',
      '.gitlab-ci.yml:26:7 postgres -> pkg:docker/library/postgres@latest',
      '.gitlab-ci.yml:49:11 sonarsource/sonar-scanner-cli:latest -> pkg:docker/sonarsource/sonar-scanner-cli@latest',
      '.gitlab-ci.yml:68:10 harbor.eds.aphp.fr/cohort360/kaniko:debug -> pkg:docker/cohort360/kaniko@debug?repository_url=harbor.eds.aphp.fr',
    ])
    expect(out.components.every((c) => c.kind === 'image' && c.origin === 'manifest')).toBe(true)
    // Through the engine: the same four, and nothing else reads the file.
    const inventory = await scanTree({'.gitlab-ci.yml': text})
    expect(inventory.components).toHaveLength(4)
    expect(inventory.errors).toEqual([])
  })

  it('follows the local includes of a real pipeline and substitutes its variables (gitlab-org/gitlab-runner)', async () => {
    const names = ['.gitlab-ci.yml', '.gitlab/ci/_common.gitlab-ci.yml', '.gitlab/ci/docs.gitlab-ci.yml']
    const inventory = await scanTree(Object.fromEntries(names.map((name) => [name, fixture(`gitlab-runner/${name}`)])))
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) =>
          `${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.name}:${c.version}`,
      ),
    ).toEqual([
      '.gitlab/ci/_common.gitlab-ci.yml:77:7 docker:${DOCKER_VERSION}-dind -> docker.io/library/docker:29.7.2-dind',
      '.gitlab/ci/docs.gitlab-ci.yml:7:10 ruby:${RUBY_VERSION}-alpine -> docker.io/library/ruby:4.0.6-alpine',
      // default.image: $CI_IMAGE is the file's own variable, "${RUNNER_IMAGES_REGISTRY}/ci:${RUNNER_IMAGES_VERSION}".
      '.gitlab/ci/_common.gitlab-ci.yml:55:10 $CI_IMAGE -> registry.gitlab.com/gitlab-org/ci-cd/runner-tools/base-images/ci:0.0.48',
    ])
    const skipped = inventory.skipped.map((s) => `${s.line} ${s.reason}`)
    // 17 local includes, two of them in the fixture; a component and another project's file.
    expect(skipped.filter((s) => s.endsWith('missing-resource'))).toHaveLength(15)
    expect(skipped.filter((s) => s.endsWith('remote-resource'))).toEqual(['39 remote-resource', '44 remote-resource'])
    expect(skipped).toHaveLength(17)
  })

  it('lists top-level, default, job and hidden-job images and services, strings or {name}', () => {
    const out = discover(
      [
        'image: ruby:3.3',
        'services:',
        '  - postgres:16',
        'default:',
        '  image: {name: example/default:1, entrypoint: [""]}',
        '  services:',
        '    - name: redis:7',
        '      alias: cache',
        'stages: [build]',
        'variables:',
        '  GIT_DEPTH: "0"',
        '.template:',
        '  image: example/template:2',
        'build:',
        '  stage: build',
        '  image:',
        '    name: example/arm:3',
        '    pull_policy: if-not-present',
        '    docker:',
        '      platform: linux/arm64',
        '  services:',
        '    - docker:27-dind',
        '    - name: example/svc@sha256:0123456789012345678901234567890123456789012345678901234567890123',
        'pages:',
        '  image: example/pages:4',
        '  script: [make]',
        'notajob: 3',
        'cache: {paths: [x]}',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      'app/.gitlab-ci.yml:1:8 ruby:3.3 -> pkg:docker/library/ruby@3.3',
      'app/.gitlab-ci.yml:3:5 postgres:16 -> pkg:docker/library/postgres@16',
      'app/.gitlab-ci.yml:5:17 example/default:1 -> pkg:docker/example/default@1',
      'app/.gitlab-ci.yml:7:13 redis:7 -> pkg:docker/library/redis@7',
      'app/.gitlab-ci.yml:13:10 example/template:2 -> pkg:docker/example/template@2',
      'app/.gitlab-ci.yml:17:11 example/arm:3 -> pkg:docker/example/arm@3?platform=linux%2Farm64',
      'app/.gitlab-ci.yml:22:7 docker:27-dind -> pkg:docker/library/docker@27-dind',
      'app/.gitlab-ci.yml:23:13 example/svc@sha256:0123456789012345678901234567890123456789012345678901234567890123 -> pkg:docker/example/svc@sha256:0123456789012345678901234567890123456789012345678901234567890123',
      'app/.gitlab-ci.yml:25:10 example/pages:4 -> pkg:docker/example/pages@4',
    ])
  })

  it('substitutes the file’s variables (job, extended job, top level, nested); predefined ones are reported', () => {
    const out = discover(
      [
        'variables:',
        '  REGISTRY: registry.example.com/team',
        '  PY: "3.12"',
        '  BASE: ${REGISTRY}/python:$PY',
        '  RAW: {value: "$REGISTRY/raw", expand: false}',
        '.tools:',
        '  variables:',
        '    TOOL_TAG: "1.4"',
        'lint:',
        '  extends: .tools',
        '  variables:',
        '    PY: "3.11"',
        '  image: $REGISTRY/lint:${TOOL_TAG}-py$PY',
        'test:',
        '  image: $BASE',
        '  services:',
        '    - name: ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/postgres:16',
        'deploy:',
        '  image: $CI_REGISTRY_IMAGE/deploy:$CI_COMMIT_SHA',
        'raw:',
        '  image: $RAW',
        'cycle:',
        '  variables: {A: $B, B: $A}',
        '  image: example/$A',
        'bad:',
        '  image: example/${',
        'worse:',
        '  variables: {V: "${"}',
        '  image: example/$V',
        '',
      ].join('\n'),
    )
    expect(summary(out)).toEqual([
      'app/.gitlab-ci.yml:13:10 $REGISTRY/lint:${TOOL_TAG}-py$PY -> pkg:docker/team/lint@1.4-py3.11?repository_url=registry.example.com',
      'app/.gitlab-ci.yml:15:10 $BASE -> pkg:docker/team/python@3.12?repository_url=registry.example.com',
    ])
    expect(skips(out)).toEqual([
      'app/.gitlab-ci.yml:17 unset-variable test.services[0] "${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/postgres:16": CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs)',
      'app/.gitlab-ci.yml:19 unset-variable deploy.image "$CI_REGISTRY_IMAGE/deploy:$CI_COMMIT_SHA": CI_COMMIT_SHA, CI_REGISTRY_IMAGE not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs)',
      'app/.gitlab-ci.yml:24 unset-variable cycle.image "example/$A": a cycle of variables A -> B -> A',
    ])
    // `expand: false` keeps `$REGISTRY/raw` as written: not a reference.
    expect(out.errors.map((e) => [e.line, e.code])).toEqual([
      [21, 'invalid-image-ref'],
      [26, 'invalid-variable'],
      [29, 'invalid-variable'],
    ])
    expect(out.errors[2].message).toMatch(/^worse\.image "example\/\$V": variable V: unclosed/)
  })

  it('tells why a variable is not resolved: a cycle, nesting past 8 levels, a !reference; never guessed', () => {
    const chain = (prefix: string, length: number) =>
      Array.from({length}, (_, i) => `  ${prefix}${i + 1}: ${i + 1 < length ? `$${prefix}${i + 2}` : '"1.0"'}`)
    const out = discover(
      [
        'variables:',
        ...chain('N', 10),
        ...chain('M', 9),
        '  X: $Y',
        '  Y: $X',
        '  V: !reference [.vars, variables, V]',
        '.vars:',
        '  variables: {V: "2.0"}',
        'deep:',
        '  image: example/deep:$N1',
        'nine:',
        '  image: example/nine:$M1',
        'cycle:',
        '  image: example/cycle:$X',
        'ref:',
        '  image: example/ref:$V',
        'mixed:',
        '  image: example/mixed:$X-$NOPE',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    // Nine levels are read; the tenth is past the bound.
    expect(summary(out)).toEqual(['app/.gitlab-ci.yml:29:10 example/nine:$M1 -> pkg:docker/example/nine@1.0'])
    expect(skips(out)).toEqual([
      'app/.gitlab-ci.yml:27 unset-variable deep.image "example/deep:$N1": variables nested deeper than 8 levels (N1 -> N2 -> N3 -> N4 -> N5 -> N6 -> N7 -> N8 -> N9 -> N10)',
      'app/.gitlab-ci.yml:31 unset-variable cycle.image "example/cycle:$X": a cycle of variables X -> Y -> X',
      'app/.gitlab-ci.yml:33 unset-variable ref.image "example/ref:$V": V is given by !reference, not followed',
      'app/.gitlab-ci.yml:35 unset-variable mixed.image "example/mixed:$X-$NOPE": NOPE not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs); a cycle of variables X -> Y -> X',
    ])
  })

  it('does not read ${VAR:-default} as a default: GitLab expands only $VAR and ${VAR}', () => {
    const out = discover(
      [
        'variables:',
        '  TAG: "3.20"',
        '  SHELLISH: ${NOPE:-3.19}',
        'a:',
        '  image: "alpine:${NOPE:-3.1}"',
        'b:',
        '  image: "alpine:${TAG:-3.1}"',
        'c:',
        '  image: alpine:$SHELLISH',
        'd:',
        '  image: alpine:${TAG}',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual(['app/.gitlab-ci.yml:11:10 alpine:${TAG} -> pkg:docker/library/alpine@3.20'])
    const shell = 'GitLab expands only $VAR and ${VAR}, not shell forms such as ${VAR:-default}; not guessed'
    expect(skips(out)).toEqual([
      `app/.gitlab-ci.yml:5 unsupported a.image "alpine:\${NOPE:-3.1}": ${shell}`,
      `app/.gitlab-ci.yml:7 unsupported b.image "alpine:\${TAG:-3.1}": ${shell}`,
      'app/.gitlab-ci.yml:9 unsupported c.image "alpine:$SHELLISH": SHELLISH "${NOPE:-3.19}" uses a shell form GitLab does not expand (only $VAR and ${VAR})',
    ])
  })

  it('reports keys that are not names (a list, a mapping, a !reference) at their line instead of dropping them', () => {
    const out = discover(
      [
        'a:',
        '  image: example/a:1',
        '? [complex, key]',
        ': {image: "example/c:1"}',
        '!reference [a]: {image: "example/k:1"}',
        'b:',
        '  variables:',
        '    ? {x: 1}',
        '    : y',
        '  image: example/b:1',
        '',
      ].join('\n'),
    )
    expect(summary(out).map((s) => s.split(' ->')[0])).toEqual([
      'app/.gitlab-ci.yml:2:10 example/a:1',
      'app/.gitlab-ci.yml:10:10 example/b:1',
    ])
    expect(out.errors.map((e) => [e.file, e.line, e.code])).toEqual([
      ['app/.gitlab-ci.yml', 3, 'invalid-gitlab-ci'],
      ['app/.gitlab-ci.yml', 5, 'invalid-gitlab-ci'],
      ['app/.gitlab-ci.yml', 8, 'invalid-gitlab-ci'],
    ])
    expect(out.errors[0].message).toBe(
      'a key that is not a name (a list, a mapping or a !reference) is not read: GitLab CI keys are names',
    )
  })

  it('refuses circular extends and unknown jobs at the extends, taking nothing through a cycle', () => {
    const out = discover(
      [
        '.t1:',
        '  extends: .t2',
        '  variables: {T1: "1"}',
        '  image: example/t1:$T2',
        '.t2:',
        '  extends: [.t1]',
        '  variables: {T2: "2"}',
        '  image: example/t2:$T2',
        'h:',
        '  extends: [.t1, h, zz]',
        '  image: example/h:1',
        'k:',
        '  extends: [.base, .t1]',
        '  image: example/k:$T1-$B',
        '.base:',
        '  variables: {B: "3"}',
        'odd:',
        '  extends: [3]',
        '? [not, a, name]',
        ': {extends: .t1}',
        '',
      ].join('\n'),
    )
    expect(summary(out).map((s) => s.split(' ->')[0])).toEqual([
      'app/.gitlab-ci.yml:8:10 example/t2:$T2',
      'app/.gitlab-ci.yml:11:10 example/h:1',
    ])
    expect(out.components[0].version).toBe('2')
    expect(out.errors.map((e) => `${e.line}:${e.column ?? '-'} ${e.code} ${e.message}`)).toEqual([
      '19:- invalid-gitlab-ci a key that is not a name (a list, a mapping or a !reference) is not read: GitLab CI keys are names',
      '10:21 invalid-gitlab-ci h extends zz, which is no job of the pipeline (GitLab rejects it)',
      '18:13 invalid-gitlab-ci odd.extends must name jobs',
      '2:12 invalid-gitlab-ci .t1: circular extends (a cycle through .t1, .t2), which GitLab rejects; nothing is taken through it',
      '6:12 invalid-gitlab-ci .t2: circular extends (a cycle through .t1, .t2), which GitLab rejects; nothing is taken through it',
      '10:12 invalid-gitlab-ci h: circular extends (h extends itself), which GitLab rejects; nothing is taken through it',
    ])
    expect(skips(out)).toEqual([
      'app/.gitlab-ci.yml:4 unset-variable .t1.image "example/t1:$T2": T2 not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs); .t1 extends .t2 through a circular extends, not followed; a hidden job may take them from the jobs that extend it',
      'app/.gitlab-ci.yml:14 unset-variable k.image "example/k:$T1-$B": T1 not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs); k extends .t1 through a circular extends, not followed',
    ])

    // A job not in the files read may be in an include that is not fetched: not an error then.
    const partial = discover(
      'include:\n  - remote: https://example.com/ci.yml\nj:\n  extends: .remote\n  image: example/j:1\n',
    )
    expect(partial.errors).toEqual([])
    expect(summary(partial).map((s) => s.split(' ->')[0])).toEqual(['app/.gitlab-ci.yml:5:10 example/j:1'])
  })

  it('follows extends 11 jobs up, as GitLab does, and refuses a longer chain at the job that starts it', () => {
    // .l0 extends .l1 ... extends .lN; .lN sets the variable the image of .l0 needs.
    const chain = (ancestors: number) =>
      [
        ...Array.from({length: ancestors}, (_, i) => `.l${i}:\n  extends: .l${i + 1}`),
        `.l${ancestors}:\n  variables: {TAG: "${ancestors}"}`,
        'job:\n  extends: .l0\n  image: example/deep:$TAG',
        '',
      ].join('\n')
    const eleven = discover(chain(10))
    expect(eleven.errors).toEqual([])
    expect(summary(eleven)).toEqual(['app/.gitlab-ci.yml:25:10 example/deep:$TAG -> pkg:docker/example/deep@10'])
    const twelve = discover(chain(11))
    expect(twelve.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '26:12 invalid-gitlab-ci job extends jobs 12 levels deep (.l0 > .l1 > .l2 > .l3 > .l4 > .l5 > .l6 > .l7 > .l8 > .l9 > .l10 > .l11), past the 11 GitLab follows: it rejects the pipeline (nesting too deep in extends), and variables past the 11th are not read',
    ])
    // The variable is set 12 levels up: not read, and said so.
    expect(skips(twelve)).toEqual([
      'app/.gitlab-ci.yml:27 unset-variable job.image "example/deep:$TAG": TAG not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs)',
    ])
    // The longest of several chains counts, however the jobs share them.
    const diamond = discover(`${chain(11)}side:\n  extends: [.l11, .l5]\n  image: example/side:1\n`)
    expect(diamond.errors.map((e) => e.message.split(' (')[0])).toEqual(['job extends jobs 12 levels deep'])
    // Every job that starts a chain past the limit is refused: .l0 to .l17 (29 to 12 levels), and job (30).
    const thirty = discover(chain(29)).errors.map((e) => e.message.split(' (')[0])
    expect(thirty).toEqual([
      ...Array.from({length: 18}, (_, i) => `.l${i} extends jobs ${29 - i} levels deep`),
      'job extends jobs 30 levels deep',
    ])
    // A chain as long as a hostile file makes it, and an extends naming every job: no recursion, no spread.
    const hostile = discover(
      `${chain(10_000)}wide:\n  extends: [${Array.from({length: 10_000}, (_, i) => `.l${i}`).join(', ')}]\n`,
    )
    expect(hostile.errors.length).toBe(10_000 - 10 + 1)
  })

  it('reads !reference without failing; an image given by one is skipped, its target listed where declared', () => {
    const out = discover(
      [
        '.images:',
        '  node: node:22',
        '.base:',
        '  image: node:20',
        '  script: [npm test]',
        'test:',
        '  image: !reference [.base, image]',
        '  services: !reference [.base, services]',
        '  script:',
        '    - !reference [.base, script]',
        'more:',
        '  services:',
        '    - !reference [.svc, services]',
        '    - mysql:8',
        '',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(summary(out).map((s) => s.split(' ->')[0])).toEqual([
      'app/.gitlab-ci.yml:4:10 node:20',
      'app/.gitlab-ci.yml:14:7 mysql:8',
    ])
    expect(skips(out)).toEqual([
      'app/.gitlab-ci.yml:7 unsupported test.image is !reference [.base, image]: the image is listed where it is declared',
      'app/.gitlab-ci.yml:8 unsupported test.services is !reference [.base, services]: the image is listed where it is declared',
      'app/.gitlab-ci.yml:13 unsupported more.services[0] is !reference [.svc, services]: the image is listed where it is declared',
    ])
  })

  it('refuses a key with a !reference tag (no job name), through both YAML readers', () => {
    const text = ['!reference b:', '  image: example/b:1', 'c:', '  image: example/c:1', ''].join('\n')
    // An anchor and an alias send the document to the `yaml` library instead of the fast reader.
    const library = `${text}d: &d\n  image: example/d:1\ne: *d\n`
    for (const out of [discover(text), discover(library)]) {
      expect(out.errors.map((e) => `${e.line} ${e.code} ${e.message}`)).toEqual([
        '1 invalid-gitlab-ci a key that is not a name (a list, a mapping or a !reference) is not read: GitLab CI keys are names',
      ])
      expect(summary(out).map((s) => s.split(' ->')[0])).toContain('app/.gitlab-ci.yml:4:10 example/c:1')
      expect(summary(out).join('\n')).not.toContain('example/b')
    }
  })

  it('reads local includes once, relative to the project, with their variables; others are not fetched', () => {
    const files = {
      'app/ci/build.yml': [
        'include: /ci/common.yml',
        'variables:',
        '  NODE: "22"',
        'build:',
        '  image: node:$NODE',
        '  script: !reference [.x, script]',
        '',
      ].join('\n'),
      'app/ci/common.yml': 'include: [ci/build.yml]\n.common:\n  image: example/common:1\n',
    }
    const out = discover(
      [
        'include:',
        '  - local: ci/build.yml',
        '  - /ci/common.yml',
        '  - ci/missing.yml',
        '  - remote: https://example.com/ci.yml',
        '  - https://example.org/other.yml',
        '  - project: example/ci',
        '    ref: v1',
        '    file: [/a.yml, /b.yml]',
        '  - template: Auto-DevOps.gitlab-ci.yml',
        '  - component: $CI_SERVER_FQDN/example/comp@1.0',
        '  - local: ci/*.yml',
        '  - local: ci/$ENV.yml',
        '  - 3',
        'image: busybox:1.36',
        '',
      ].join('\n'),
      files,
    )
    expect(summary(out).map((s) => s.split(' ->')[0])).toEqual([
      'app/.gitlab-ci.yml:15:8 busybox:1.36',
      'app/ci/build.yml:5:10 node:$NODE',
      'app/ci/common.yml:3:10 example/common:1',
    ])
    expect(out.components[1].version).toBe('22')
    expect(skips(out)).toEqual([
      'app/.gitlab-ci.yml:5 remote-resource include:remote https://example.com/ci.yml: a remote file, not fetched',
      'app/.gitlab-ci.yml:6 remote-resource include https://example.org/other.yml is a remote file: not fetched',
      'app/.gitlab-ci.yml:7 remote-resource include:project example/ci (/a.yml, /b.yml): in another project, not fetched',
      "app/.gitlab-ci.yml:10 remote-resource include:template Auto-DevOps.gitlab-ci.yml: one of GitLab's templates, not fetched",
      'app/.gitlab-ci.yml:11 remote-resource include:component $CI_SERVER_FQDN/example/comp@1.0: a CI/CD component, not fetched',
      'app/.gitlab-ci.yml:12 unsupported include ci/*.yml: wildcard paths are not expanded',
      'app/.gitlab-ci.yml:13 unset-variable include ci/$ENV.yml: a path with variables is known only when the pipeline runs',
      // Found missing when the includes are read, after the entries of the file are sorted out.
      'app/.gitlab-ci.yml:4 missing-resource include ci/missing.yml was not found under the scan root',
    ])
    expect(out.errors.map((e) => [e.file, e.line, e.code])).toEqual([['app/.gitlab-ci.yml', 14, 'invalid-gitlab-ci']])
  })

  it('bounds includes: a chain past GitLab’s limit is an error, each file read once', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 200; i++) files[`c${i}.yml`] = `include: c${i + 1}.yml\nj${i}:\n  image: example/j:${i}\n`
    let reads = 0
    const out = discoverer.discover(
      {file: '.gitlab-ci.yml', text: 'include: c0.yml\n'},
      {
        readText: (f) => {
          reads++
          return files[f] ?? null
        },
      },
    ) as Required<DiscoverOutput>
    expect(reads).toBe(150)
    expect(out.components).toHaveLength(150)
    expect(out.errors.map((e) => [e.file, e.line, e.code])).toEqual([['c149.yml', 1, 'invalid-gitlab-ci']])

    // Listed flat in one file: the first 150 are read and listed, one error for the rest.
    const flat = `include:\n${Array.from({length: 200}, (_, i) => `  - c${i}.yml`).join('\n')}\n`
    const wide = discoverer.discover({file: '.gitlab-ci.yml', text: flat}, {readText: (f) => files[f] ?? null})
    expect(wide.components).toHaveLength(150)
    expect(wide.errors?.map((e) => [e.file, e.line, e.code])).toEqual([['.gitlab-ci.yml', 152, 'invalid-gitlab-ci']])
  })

  it('bounds the work of extends and variables: a hostile pipeline ends in an error, not a hang', () => {
    const parents = Array.from({length: 1000}, (_, i) => `.t${i}`)
    const lines = parents.map((p) => `${p}:\n  variables: {X: "1"}`)
    for (let i = 0; i < 210; i++) lines.push(`j${i}:\n  extends: [${parents.join(', ')}]\n  image: example/j:$X`)
    const out = discover(`${lines.join('\n')}\n`)
    expect(out.components.length).toBeGreaterThan(150)
    expect(out.components.length).toBeLessThan(210)
    // Each image past the budget is an error at its place, and the pipeline one more.
    const codes = out.errors.map((e) => e.code)
    expect(codes.length).toBe(210 - out.components.length + 1)
    expect(new Set(codes.slice(0, -1))).toEqual(new Set(['invalid-variable']))
    expect(out.errors.at(-1)).toMatchObject({file: 'app/.gitlab-ci.yml', code: 'invalid-gitlab-ci'})
    expect(out.errors.at(-1)?.message).toMatch(/more than 200000 variables and extended jobs/)
    // The same words for each image as for the pipeline.
    expect(out.errors[0].message).toMatch(/: more than 200000 variables and extended jobs in one pipeline$/)
  })

  it('reports bad shapes at their place and keeps reading; a component header document is passed over', () => {
    const out = discover(
      [
        'spec:',
        '  inputs:',
        '    tag: {default: latest}',
        '---',
        'a:',
        '  image: 3',
        'b:',
        '  image: {entrypoint: [sh]}',
        'c:',
        '  services: postgres',
        'd:',
        '  image: "example/d:$[[ inputs.tag ]]"',
        'e:',
        '  image: "Not A Ref"',
        'f:',
        '  image: example/f:1',
        '---',
        '- not a mapping',
        '',
      ].join('\n'),
    )
    expect(summary(out).map((s) => s.split(' ->')[0])).toEqual(['app/.gitlab-ci.yml:16:10 example/f:1'])
    // The documents are read first, then their images.
    expect(out.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [18, 1, 'invalid-gitlab-ci'],
      [6, 10, 'invalid-gitlab-ci'],
      [8, 10, 'invalid-gitlab-ci'],
      [10, 13, 'invalid-gitlab-ci'],
      [14, 10, 'invalid-image-ref'],
    ])
    expect(skips(out)).toEqual([
      'app/.gitlab-ci.yml:12 unsupported d.image "example/d:$[[ inputs.tag ]]" holds a $[[ inputs ]] expression, known only when the file is included',
    ])
  })

  it('through the engine, files it includes (.gitlab/, *.gitlab-ci.yml) are not read as Kubernetes manifests', async () => {
    const test = 'test:\n  image: python:3.13\n  script:\n    - !reference [.setup, script]\n'
    const inventory = await scanTree({
      '.gitlab-ci.yml': 'include:\n  - local: .gitlab/ci/test.yml\n  - local: ci/lint.gitlab-ci.yml\n',
      '.gitlab/ci/test.yml': test,
      'ci/lint.gitlab-ci.yml': test.replace('test:', 'lint:').replace('3.13', '3.12'),
    })
    expect(refsAt(inventory)).toEqual([
      'python:3.12 ci/lint.gitlab-ci.yml:2:10',
      'python:3.13 .gitlab/ci/test.yml:2:10',
    ])
    expect(inventory.errors).toEqual([])
  })

  it("takes a hidden job's image that is no reference for a placeholder (skipped), and says a template's variables may come from the jobs that extend it", async () => {
    // The shape of a real pipeline (06kellyjac/docker_markdownlint-cli): a hidden job holding only an anchor.
    const inventory = await scanTree({
      '.gitlab-ci.yml': [
        '.env_entrypoint:',
        '  image:',
        '    name: _ # Placeholder to keep YAML schema happy',
        '    entrypoint: &env_entrypoint ["/bin/sh", "-c"]',
        '.build:',
        '  image: example.org/builder:$NAME',
        'lint:',
        '  image:',
        '    name: example.org/lint:1',
        '    entrypoint: *env_entrypoint',
        '',
      ].join('\n'),
    })
    expect(inventory.errors).toEqual([])
    expect(inventory.components.map((c) => c.ref)).toEqual(['example.org/lint:1'])
    expect(inventory.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)).toEqual([
      '3 unsupported .env_entrypoint.image "_" is no image reference (invalid repository name "library/_"); a hidden job is run only by the jobs that extend it',
      '6 unset-variable .build.image "example.org/builder:$NAME": NAME not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs); a hidden job may take them from the jobs that extend it',
    ])
  })
})

describe('gitlab-ci child pipelines (trigger: include)', () => {
  const parent = [
    'variables:',
    '  PG: "16"',
    '  DYN: $CI_REGISTRY_IMAGE/tools',
    'build:',
    '  image: alpine:3.20',
    'child:',
    '  variables:',
    '    NODE: "20"',
    '  trigger:',
    '    include:',
    '      - local: ci/child.yml',
    '      - artifact: generated.yml',
    '        job: generate',
    '    strategy: depend',
    'own:',
    '  inherit: {variables: [PG]}',
    '  trigger:',
    '    include: /ci/child.yml',
    'bare:',
    '  trigger:',
    '    include: ci/child2.yml',
    '    forward: {yaml_variables: false}',
    'missing:',
    '  trigger: {include: ci/nope.yml}',
    'subproject:',
    '  trigger: {include: api/.gitlab-ci.yml}',
    'downstream:',
    '  trigger: group/deploy',
    'downstream2:',
    '  trigger: {project: group/other, branch: main}',
  ].join('\n')
  const files = {
    'ci/child.yml': [
      'include: ci/child-inc.yml',
      'variables:',
      '  NODE: "18"',
      'test:',
      '  image: node:$NODE',
      '  services: [postgres:$PG]',
      'tools:',
      '  image: $DYN',
    ].join('\n'),
    'ci/child-inc.yml': 'lint:\n  image: ruby:3.3\n',
    'ci/child2.yml': 'test2:\n  image: python:3.12-$PG\n',
    'api/.gitlab-ci.yml': 'api:\n  image: golang:1.23\n',
  }

  it('reads the files a trigger job includes as a pipeline of its own, with the variables the job forwards', () => {
    const out = discover(parent, files, '.gitlab-ci.yml')
    expect(out.errors).toEqual([])
    expect(summary(out)).toEqual([
      '.gitlab-ci.yml:5:10 alpine:3.20 -> pkg:docker/library/alpine@3.20',
      // `child` forwards its NODE ("20"), which wins over the child's own; `own` inherits PG only: the child's "18".
      'ci/child.yml:5:10 node:$NODE -> pkg:docker/library/node@20',
      'ci/child.yml:6:14 postgres:$PG -> pkg:docker/library/postgres@16',
      'ci/child-inc.yml:2:10 ruby:3.3 -> pkg:docker/library/ruby@3.3',
      'ci/child.yml:5:10 node:$NODE -> pkg:docker/library/node@18',
    ])
    expect(skips(out)).toEqual([
      '.gitlab-ci.yml:12 unsupported child.trigger.include artifact generated.yml: a child pipeline a job generates when the pipeline runs, not read',
      // `child` forwards DYN, whose value uses a variable; `own` does not forward it, and the child defines none.
      'ci/child.yml:8 unset-variable tools.image "$DYN": DYN is forwarded by the parent pipeline\'s trigger job child with a value that uses variables, not followed',
      'ci/child.yml:8 unset-variable tools.image "$DYN": DYN not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs)',
      // `forward: yaml_variables: false`: nothing forwarded.
      'ci/child2.yml:2 unset-variable test2.image "python:3.12-$PG": PG not defined in the file\'s variables (predefined, project and group variables are set when the pipeline runs)',
      '.gitlab-ci.yml:24 missing-resource missing.trigger.include ci/nope.yml (a child pipeline) was not found under the scan root',
      ".gitlab-ci.yml:28 remote-resource downstream.trigger group/deploy: another project's pipeline, not read",
      ".gitlab-ci.yml:30 remote-resource downstream2.trigger.project group/other: another project's pipeline, not read",
    ])
  })

  it('follows child pipelines two levels deep, as GitLab runs them, and reads the same files with the same variables once', () => {
    const out = discover(
      'a:\n  trigger: {include: c1.yml}\nb:\n  trigger: {include: c1.yml}\n',
      {
        'c1.yml': 'j1:\n  image: alpine:1\nt1:\n  trigger: {include: c2.yml}\n',
        'c2.yml': 'j2:\n  image: alpine:2\nt2:\n  trigger: {include: c3.yml}\n',
        'c3.yml': 'j3:\n  image: alpine:3\n',
      },
      '.gitlab-ci.yml',
    )
    expect(summary(out)).toEqual([
      'c1.yml:2:10 alpine:1 -> pkg:docker/library/alpine@1',
      'c2.yml:2:10 alpine:2 -> pkg:docker/library/alpine@2',
    ])
    expect(skips(out)).toEqual([
      'c2.yml:4 unsupported t2.trigger.include: a child pipeline nested more than 2 levels deep, which GitLab does not run; not read',
    ])
    expect(out.errors).toEqual([])
  })

  it('reads the child pipelines of 200 trigger jobs at most: a hostile file stays bounded', () => {
    const jobs = Array.from({length: 250}, (_, i) => `t${i}:\n  variables: {N: "${i}"}\n  trigger: {include: c.yml}`)
    const out = discover(`${jobs.join('\n')}\n`, {'c.yml': 'j:\n  image: alpine:$N\n'}, '.gitlab-ci.yml')
    expect(out.components).toHaveLength(200)
    expect(out.components[199].purl).toBe('pkg:docker/library/alpine@199')
    expect(skips(out)).toEqual([
      '.gitlab-ci.yml:603 unsupported more than 200 trigger jobs with child pipelines; the rest are not read',
    ])
  })

  it('reports a trigger include of no known kind', () => {
    const out = discover('a:\n  trigger:\n    include:\n      - {file: x.yml}\n', {}, '.gitlab-ci.yml')
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)).toEqual([
      '4:9 invalid-gitlab-ci a.trigger.include must be a path, or local:, artifact:, project:, template:, remote: or component:',
    ])
  })
})

describe('gitlab-ci on hosted runners on macOS', () => {
  it('does not list the macOS VM image of a job on a saas-macos runner (own, extended or default tags)', () => {
    const out = discover(
      [
        'default:',
        '  tags: [saas-linux-small-amd64]',
        'linux:',
        '  image: python:3.13',
        'macos:',
        '  image: macos-15-xcode-16',
        '  tags: [saas-macos-medium-m1]',
        '.mac:',
        '  tags: [saas-macos-large-m2pro]',
        'ios:',
        '  extends: .mac',
        '  image: macos-14-xcode-15',
        'ios-linux:',
        '  extends: .mac',
        '  tags: [docker]',
        '  image: alpine:3.20',
      ].join('\n'),
      {},
      '.gitlab-ci.yml',
    )
    expect(summary(out)).toEqual([
      '.gitlab-ci.yml:4:10 python:3.13 -> pkg:docker/library/python@3.13',
      '.gitlab-ci.yml:16:10 alpine:3.20 -> pkg:docker/library/alpine@3.20',
    ])
    expect(out.skipped).toEqual([])
    expect(out.errors).toEqual([])
    const macDefault = discover(
      'default:\n  tags: [saas-macos-medium-m1]\n  image: macos-15-xcode-16\nbuild:\n  script: [make]\n',
      {},
      '.gitlab-ci.yml',
    )
    expect(macDefault.components).toEqual([])
  })
})
