// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {isJsonManifestCandidate, isManifestCandidate} from '../../file-names.js'
import type {SniffFile} from '../../sniff.js'
import type {DiscoverOutput} from '../../types.js'
import {sniffing} from '../../sniff.js'
import {discoverer} from './index.js'

function discover(text: string, file = 'cloudbuild.yaml') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '__fixtures__', path), 'utf8')
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref} -> ${c.purl}`)
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)
const named = (name: string): SniffFile => ({name, chunks: () => []})

describe('cloudbuild', () => {
  it("claims Cloud Build's own names, the names users give configs, and the files of cloudbuild/ folders", () => {
    const files = [
      'cloudbuild.yaml',
      'a/cloudbuild.yml',
      'cloudbuild.json',
      'build/lint.cloudbuild.yaml',
      'ops/deploy.cloudbuild.json',
      'cloudbuild-prod.yaml',
      'cloudbuild_test.yml',
      'cloudbuild.gated.yaml',
      'cloudbuild/rotate-credentials-cloudbuild.yaml',
      'cloudbuild/admin.yaml',
      '.cloudbuild/deploy.json',
      // not
      'cloudbuild.yaml.bak',
      'mycloudbuild.yaml',
      'cloudbuild/k8s/deployment.yaml',
      'cloudbuild.txt',
      '.github/workflows/cloudbuild.yml',
      '.circleci/cloudbuild.yml',
    ]
    expect(files.filter(discoverer.matches)).toEqual(files.slice(0, 11))
  })

  it('reads its own names whatever they hold, other names only when the head has top-level steps with a name', () => {
    const config = 'steps:\n- name: node:20\n'
    // Its own names by name alone: no head is read, whatever it would hold.
    const kept = (name: string) => sniffing([discoverer], () => new Error('not read'), undefined, named(name))
    expect(kept('a/cloudbuild.yaml')).toEqual([discoverer])
    expect(kept('ops/deploy.cloudbuild.json')).toEqual([discoverer])
    expect(kept('cloudbuild-prod.yaml')).toEqual([])
    expect(discoverer.sniff?.(config, undefined, named('cloudbuild-prod.yaml'))).toBe(true)
    expect(discoverer.sniff?.('steps: [{name: node:20}]', undefined, named('cloudbuild/x.yaml'))).toBe(true)
    expect(discoverer.sniff?.('{"steps": [{"name": "node:20"}]}', undefined, named('x-cloudbuild.json'))).toBe(true)
    // Not a config: a Kubernetes manifest in cloudbuild/, a trigger (its steps under build:), steps nested deeper.
    expect(discoverer.sniff?.('apiVersion: v1\nkind: Pod\n', undefined, named('cloudbuild/pod.yaml'))).toBe(false)
    expect(
      discoverer.sniff?.('name: t\nbuild:\n  steps:\n  - name: node:20\n', undefined, named('cloudbuild-trigger.yaml')),
    ).toBe(false)
    expect(discoverer.sniff?.('{"build": {"steps": [{"name": "x"}]}}', undefined, named('cloudbuild/t.json'))).toBe(
      false,
    )
  })

  it('tells a config on standard input from other files with steps (Drone, Woodpecker, Azure, Buildkite)', () => {
    expect(discoverer.identify?.(fixture('cloud-build-samples/golang-sample/cloudbuild.yaml'))).toBe(true)
    expect(discoverer.identify?.(fixture('cloud-build-samples/basic-config/cloudbuild.json'))).toBe(true)
    expect(discoverer.identify?.('steps:\n- name: node:20\n  entrypoint: npm\n')).toBe(true)
    for (const other of [
      'kind: pipeline\ntype: docker\nname: default\nsteps:\n- name: test\n  image: golang:1.22\n  commands: [go test]\n',
      'steps:\n  - name: build\n    image: golang\n    commands: [go build]\n',
      'pool:\n  vmImage: ubuntu-latest\nsteps:\n- script: echo hi\n  name: greet\n',
      'steps:\n  - label: ":docker: build"\n    name: ":docker: build"\n    command: make\n',
    ])
      expect(discoverer.identify?.(other)).toBe(false)
  })

  it('are not Kubernetes manifests (a folder name alone does not say so: cloudbuild/ may hold manifests)', () => {
    expect(isManifestCandidate('cloudbuild.yaml')).toBe(false)
    expect(isManifestCandidate('build/int.cloudbuild.yaml')).toBe(false)
    expect(isManifestCandidate('cloudbuild-prod.yml')).toBe(false)
    expect(isManifestCandidate('deploy-cloudbuild.yaml')).toBe(false)
    expect(isManifestCandidate('cloudbuild/deployment.yaml')).toBe(true)
    expect(isJsonManifestCandidate('cloudbuild.json')).toBe(false)
    expect(isJsonManifestCandidate('ops/x.cloudbuild.json')).toBe(false)
  })

  it("lists each step's builder image of a real config; images and artifacts are not listed (cloud-build-samples golang-sample)", () => {
    const out = discover(fixture('cloud-build-samples/golang-sample/cloudbuild.yaml'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    // `images:` (line 58) and `artifacts:` (line 50) are what the build pushes: not listed.
    expect(rows(out)).toEqual([
      '18:11 golang:1.26-trixie -> pkg:docker/library/golang@1.26-trixie',
      '29:11 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
      '36:11 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
      '42:11 gcr.io/cloud-builders/gcloud -> pkg:docker/cloud-builders/gcloud@latest?repository_url=gcr.io',
    ])
    expect(out.components.every((c) => c.kind === 'image' && c.origin === 'manifest' && c.scope === undefined)).toBe(
      true,
    )
  })

  it('reads a real JSON config with the line and column of each name (cloud-build-samples basic-config)', () => {
    const out = discover(fixture('cloud-build-samples/basic-config/cloudbuild.json'), 'cloudbuild.json')
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '4:18 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
      '13:18 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
      '20:18 gcr.io/google.com/cloudsdktool/cloud-sdk -> pkg:docker/google.com/cloudsdktool/cloud-sdk@latest?repository_url=gcr.io',
    ])
  })

  it("applies the file's own substitution defaults, the ref as written (terraform-google-module-template lint)", () => {
    const out = discover(
      fixture('terraform-google-module-template/build/lint.cloudbuild.yaml'),
      'build/lint.cloudbuild.yaml',
    )
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '16:9 gcr.io/cloud-foundation-cicd/$_DOCKER_IMAGE_DEVELOPER_TOOLS:$_DOCKER_TAG_VERSION_DEVELOPER_TOOLS -> pkg:docker/cloud-foundation-cicd/cft/developer-tools-krm@1?repository_url=gcr.io',
    ])
    expect(out.components[0]).toMatchObject({
      name: 'gcr.io/cloud-foundation-cicd/cft/developer-tools-krm',
      version: '1',
    })
  })

  it('reports images that need what only the build knows, and never reads secrets (cloud-build-samples sql-proxy)', () => {
    const text = fixture('cloud-build-samples/sql-proxy/cloudbuild.yaml')
    const out = discover(text)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '18:11 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
      '22:11 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
      '27:11 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
    ])
    const why =
      'holds $_IMAGE_NAME, whose default "${_AR_REPO_REGION}-docker.pkg.dev/${PROJECT_ID}/${_AR_REPO_NAME}/sample-sql-proxy" holds substitutions itself (dynamic substitutions, evaluated when the build runs): not guessed'
    expect(skips(out)).toEqual([
      `41 unsupported steps[3].name "\${_IMAGE_NAME}-proxy" ${why}`,
      `62 unsupported steps[4].name "\${_IMAGE_NAME}-proxy" ${why}`,
    ])
    expect(JSON.stringify(out)).not.toContain('DATABASE_PASS')
    expect(JSON.stringify(out)).not.toContain('database_password')
  })

  it('substitutes $_NAME and ${_NAME} from the defaults, $$ as $, and reports built-ins, unknown and bash-style forms', () => {
    const out = discover(
      [
        'steps:',
        '- name: node:$_NODE',
        '- name: "${_REGISTRY}/tools/${_TOOL}:${_TAG}"',
        '- name: gcr.io/$PROJECT_ID/builder:$SHORT_SHA',
        '- name: node:$_NO_DEFAULT',
        '- name: python:${_PY:-3.12}',
        '- name: ubuntu:$tag',
        '- name: us-docker.pkg.dev/$PROJECT_ID/${_REPO}/x:$_PR_NUMBER',
        '- name: alpine:$_NESTED',
        '- name: alpine:${_TAG}',
        '- name: alpine:$$X',
        'substitutions:',
        "  _NODE: '20'",
        '  _REGISTRY: registry.example.com',
        '  _TOOL: lint',
        '  _TAG: 1.2',
        '  _REPO: tools',
        '  _PR_NUMBER: "7"',
        '  _NESTED: ${_TAG}-slim',
        'images: [gcr.io/$PROJECT_ID/app]',
      ].join('\n'),
    )
    expect(rows(out)).toEqual([
      '2:9 node:$_NODE -> pkg:docker/library/node@20',
      '3:9 ${_REGISTRY}/tools/${_TOOL}:${_TAG} -> pkg:docker/tools/lint@1.2?repository_url=registry.example.com',
      '10:9 alpine:${_TAG} -> pkg:docker/library/alpine@1.2',
    ])
    expect(skips(out)).toEqual([
      '4 unsupported steps[2].name "gcr.io/$PROJECT_ID/builder:$SHORT_SHA" holds $PROJECT_ID, a built-in substitution Cloud Build sets when the build runs; $SHORT_SHA, a built-in substitution Cloud Build sets when the build runs: not guessed',
      '5 unsupported steps[3].name "node:$_NO_DEFAULT" holds $_NO_DEFAULT, a user-defined substitution with no default in this file (set by the build\'s trigger or gcloud builds submit --substitutions): not guessed',
      '6 unsupported steps[4].name "python:${_PY:-3.12}" holds "${_PY:-3.12}", a bash-style expression Cloud Build evaluates when the build runs (dynamic substitutions): not guessed',
      '7 unsupported steps[5].name "ubuntu:$tag" holds $tag, which is no Cloud Build substitution (built-in ones are listed in its documentation, user-defined ones are _UPPER_CASE): not guessed',
      // A GitHub pull request's built-in: the file's value for it is not taken.
      '8 unsupported steps[6].name "us-docker.pkg.dev/$PROJECT_ID/${_REPO}/x:$_PR_NUMBER" holds $PROJECT_ID, a built-in substitution Cloud Build sets when the build runs; $_PR_NUMBER, a built-in substitution Cloud Build sets when the build runs: not guessed',
      '9 unsupported steps[7].name "alpine:$_NESTED" holds $_NESTED, whose default "${_TAG}-slim" holds substitutions itself (dynamic substitutions, evaluated when the build runs): not guessed',
    ])
    // `$$X` is the literal `alpine:$X`: no image reference.
    expect(errors(out)).toEqual([
      "11:9 invalid-image-ref steps[9].name \"alpine:$$X\" with the file's substitutions is \"alpine:$X\", no image reference: invalid tag \"$X\" (letters, digits, '_', '.', '-'; at most 128)",
    ])
  })

  it('reports wrong types at their line and column, and reads the rest', () => {
    const out = discover(
      [
        'steps:',
        '- name: [a]',
        '- entrypoint: bash',
        '- 42',
        '- name: ""',
        '- name: 3',
        '- name: "Not An Image"',
        '- name: alpine:$_LIST',
        '- name: alpine:3.20',
        'substitutions:',
        '  _LIST: [a, b]',
      ].join('\n'),
    )
    expect(errors(out)).toEqual([
      '2:9 invalid-entry steps[0].name must be an image name (a string), not a list',
      '3:3 invalid-entry steps[1] has no name (the image the step runs in)',
      '4:3 invalid-entry steps[2] must be a step (a mapping), not a number (42)',
      '5:9 invalid-entry steps[3].name must be an image name (a string), not an empty string',
      '6:9 invalid-entry steps[4].name must be an image name (a string), not a number (3)',
      expect.stringMatching(/^7:9 invalid-image-ref invalid image reference "Not An Image"/),
      '11:10 invalid-entry steps[6].name: substitutions._LIST must be a string, not a list',
    ])
    expect(rows(out)).toEqual(['9:9 alpine:3.20 -> pkg:docker/library/alpine@3.20'])
  })

  it('reports a config without steps, steps that are not a list, substitutions that are not a mapping', () => {
    expect(errors(discover('images: [x]\n'))).toEqual([
      '1:1 invalid-entry a Cloud Build config has no steps (`steps:`, the list of what it runs)',
    ])
    expect(errors(discover('steps:\n  name: node:20\nsubstitutions: [a]\n'))).toEqual([
      '3:16 invalid-entry substitutions must be a mapping of names to values, not a list',
      '2:3 invalid-entry steps must be a list of steps, not a mapping',
    ])
    expect(errors(discover('steps:\n'))).toEqual(['1:7 invalid-entry steps must be a list of steps, not null'])
    expect(errors(discover('- name: node:20\n'))).toEqual([
      '1:1 invalid-entry a Cloud Build config file must be a mapping',
    ])
  })

  it('reads JSON with the line of each problem; invalid JSON is one error', () => {
    const out = discover(
      '{\n  "steps": [\n    {"name": 7},\n    "x",\n    {"name": "node:20"}\n  ]\n}\n',
      'cloudbuild.json',
    )
    expect(errors(out)).toEqual([
      '3:14 invalid-entry steps[0].name must be an image name (a string), not a number (7)',
      '4:5 invalid-entry steps[1] must be a step (a mapping), not a string',
    ])
    expect(rows(out)).toEqual(['5:14 node:20 -> pkg:docker/library/node@20'])
    expect(errors(discover('[1]', 'cloudbuild.json'))).toEqual([
      '1:1 invalid-entry a Cloud Build config file must be a JSON object',
    ])
    expect(discover('{"steps": [', 'cloudbuild.json').errors.map((e) => e.code)).toEqual(['json-syntax'])
  })

  it('never reads or echoes secrets, and lists a step reused through an alias once', () => {
    const out = discover(
      [
        'steps:',
        '- &build',
        '  name: gcr.io/cloud-builders/docker',
        '  secretEnv: [TOKEN]',
        '  env: [PASSWORD=hunter2-secret]',
        '- *build',
        'availableSecrets:',
        '  secretManager:',
        '  - versionName: projects/acme/secrets/s3cret-name/versions/latest',
        '    env: TOKEN',
        'secrets:',
        '- kmsKeyName: projects/acme/locations/global/keyRings/kr/cryptoKeys/k',
        '  secretEnv: {TOKEN: Q2lRQVJFQUxMWVNFQ1JFVA==}',
        'options: {pool: {name: projects/acme/locations/x/workerPools/p}}',
      ].join('\n'),
    )
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '3:9 gcr.io/cloud-builders/docker -> pkg:docker/cloud-builders/docker@latest?repository_url=gcr.io',
    ])
    const all = JSON.stringify(out)
    for (const secret of ['hunter2', 's3cret', 'Q2lRQV', 'kmsKeyName', 'workerPools']) expect(all).not.toContain(secret)
  })

  it('stays bounded on a long name full of substitutions', () => {
    const long = `alpine:${'$_A'.repeat(50_000)}`
    const out = discover(`steps:\n- name: "${long}"\nsubstitutions:\n  _A: abcdefghij\n`)
    expect(out.components).toEqual([])
    expect(errors(out)).toEqual([
      "2:9 invalid-entry steps[0].name: longer than 4096 characters with the file's substitutions",
    ])
    const unknown = discover(`steps:\n- name: "x:${'${a b}'.repeat(20_000)}"\n`)
    expect(unknown.skipped).toHaveLength(1)
    expect(unknown.skipped[0].message.length).toBeLessThan(1000)
    // Many substitutions: ten named, the others counted.
    const many = discover(`steps:\n- name: "x:${Array.from({length: 50_000}, (_, i) => `$V${i}`).join('')}"\n`)
    expect(many.skipped).toHaveLength(1)
    expect(many.skipped[0].message).toContain('; 49990 more: not guessed')
    expect(many.skipped[0].message.length).toBeLessThan(2000)
  })
})
