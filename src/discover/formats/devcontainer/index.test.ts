// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files under test
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {resolveOffline} from '../../../../tests/support/registry-emulators/fixtures.js'
import {registeredResolver} from '../../../../tests/support/registered.js'
import {refsAt, scanTree} from '../../../../tests/discover/tree.js'
import {discoverDevcontainer, discoverer} from './index.js'

const FILE = '.devcontainer/devcontainer.json'
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '__fixtures__', name), 'utf8')
const discover = (text: string, file = FILE) => discoverDevcontainer(file, text)
/** `ref pulled-name@version line:column scope`. */
const listed = (text: string, file = FILE) =>
  discover(text, file).components.map(
    (c) => `${c.ref} ${c.name}@${c.version ?? c.digest} ${c.locations[0].line}:${c.locations[0].column} ${c.scope}`,
  )
const problems = (text: string) => {
  const out = discover(text)
  return [
    ...out.errors.map((e) => `${e.code} ${e.line}:${e.column} ${e.message}`),
    ...out.skipped.map((s) => `${s.reason} ${s.line} ${s.message}`),
  ]
}

describe('devcontainer', () => {
  it('claims the names the spec and VS Code look for, and no others', () => {
    expect(
      [
        '.devcontainer/devcontainer.json',
        '.devcontainer.json',
        '.devcontainer/python/devcontainer.json',
        'apps/web/.devcontainer/devcontainer.json',
        'apps/web/.devcontainer.json',
      ].map(discoverer.matches),
    ).toEqual([true, true, true, true, true])
    expect(
      [
        'devcontainer.json',
        '.devcontainer/a/b/devcontainer.json',
        'x.devcontainer.json',
        'node_modules/pkg/.devcontainer/devcontainer.json',
        '.devcontainer/devcontainer-feature.json',
      ].map(discoverer.matches),
    ).toEqual([false, false, false, false, false])
  })

  it('reads the real devcontainer.json of devcontainers/cli (block comment, build, one Feature; see __fixtures__/SOURCES.md)', () => {
    const text = fixture('cli.devcontainer.json')
    expect(listed(text)).toEqual([
      'ghcr.io/devcontainers/features/docker-in-docker:2 ghcr.io/devcontainers/features/docker-in-docker@2 23:3 dev',
    ])
    // build.dockerfile is "Dockerfile": the dockerfile format reads it by name, nothing to report.
    expect(problems(text)).toEqual([])
    expect(discover(text).components[0]).toMatchObject({
      kind: 'image',
      ecosystem: 'docker',
      purl: 'pkg:docker/devcontainers/features/docker-in-docker@2?repository_url=ghcr.io',
      origin: 'manifest',
    })
  })

  it('reads the real kubernetes-helm template of devcontainers/templates: image, OCI Features, a local Feature unlisted', () => {
    const text = fixture('kubernetes-helm.devcontainer.json')
    expect(listed(text)).toEqual([
      'mcr.microsoft.com/devcontainers/base:bullseye mcr.microsoft.com/devcontainers/base@bullseye 6:11 dev',
      'ghcr.io/devcontainers/features/docker-outside-of-docker:1 ghcr.io/devcontainers/features/docker-outside-of-docker@1 9:3 dev',
      'ghcr.io/devcontainers/features/kubectl-helm-minikube:1 ghcr.io/devcontainers/features/kubectl-helm-minikube@1 13:3 dev',
    ])
    // `${env:HOME}` in mounts is not read; "./local-features/copy-kube-config" is part of the tree.
    expect(problems(text)).toEqual([])
  })

  it('reads the real docker-existing-docker-compose template: both Compose files are named as the compose format reads them', () => {
    const out = discover(fixture('docker-existing-docker-compose.devcontainer.json'))
    expect(out).toEqual({components: [], skipped: [], errors: []})
  })

  it('maps shorthand Feature ids as the Dev Containers CLI does, and refuses the ones it refuses', () => {
    const text = `{
  "features": {
    "node": "lts",
    "golang": true,
    "maven": {},
    "fish": {},
    "Ghcr.io/Example-Org/Features/Tool:2": {},
    "ghcr.io/devcontainers-contrib/features/bat:1": {},
    "ghcr.io/example-org/features/pinned@sha256:${'a'.repeat(64)}": {},
    "ghcr.io/example-org/features/untagged": {},
    "example-org/features/old@v1.0.0": {},
    "./local-feature": {},
    "../shared/feature": {},
    "/abs/feature": {},
    "https://example.com/releases/download/v1/devcontainer-feature-hello.tgz": {},
    "https://example.com/hello.tar.gz": {},
    "ghcr.io/\${localEnv:ORG}/features/x:1": {},
    "ghcr.io/example-org/features/Bad Name": {},
    "ghcr.io/devcontainers/features/docker-in-docker:": {},
  }
}`
    expect(listed(text)).toEqual([
      'node ghcr.io/devcontainers/features/node@1 3:5 dev',
      'golang ghcr.io/devcontainers/features/go@1 4:5 dev',
      'maven ghcr.io/devcontainers/features/java@1 5:5 dev',
      'Ghcr.io/Example-Org/Features/Tool:2 ghcr.io/example-org/features/tool@2 7:5 dev',
      'ghcr.io/devcontainers-contrib/features/bat:1 ghcr.io/devcontainers-extra/features/bat@1 8:5 dev',
      `ghcr.io/example-org/features/pinned@sha256:${'a'.repeat(64)} ghcr.io/example-org/features/pinned@sha256:${'a'.repeat(64)} 9:5 dev`,
      'ghcr.io/example-org/features/untagged ghcr.io/example-org/features/untagged@latest 10:5 dev',
      'https://example.com/releases/download/v1/devcontainer-feature-hello.tgz hello@undefined 15:5 dev',
      // An empty tag is no tag: the CLI pulls latest (rubygems.org's devcontainer.json writes one).
      'ghcr.io/devcontainers/features/docker-in-docker: ghcr.io/devcontainers/features/docker-in-docker@latest 19:5 dev',
    ])
    expect(discover(text).components[7]).toMatchObject({
      kind: 'package',
      ecosystem: 'generic',
      purl: 'pkg:generic/hello?download_url=https%3A%2F%2Fexample.com%2Freleases%2Fdownload%2Fv1%2Fdevcontainer-feature-hello.tgz',
      origin: 'manifest',
    })
    expect(problems(text)).toEqual([
      'invalid-entry 6:5 Feature "fish": a legacy Feature id the Dev Containers CLI no longer reads (a local Feature is written "./name")',
      'invalid-entry 14:5 Feature "/abs/feature": an absolute path to a local Feature, which the Dev Containers CLI refuses',
      `invalid-entry 16:5 Feature "https://example.com/hello.tar.gz": a tarball URL must end in devcontainer-feature-<id>.tgz (the Dev Containers CLI's rule)`,
      'invalid-image-ref 18:5 Feature "ghcr.io/example-org/features/Bad Name": invalid OCI reference "ghcr.io/example-org/features/bad name": invalid repository name "example-org/features/bad name"',
      'unsupported 11 Feature "example-org/features/old@v1.0.0": an OWNER/REPO/FEATURE id is a deprecated Feature fetched from the GitHub releases of OWNER/REPO; not listed',
      `unset-variable 17 Feature "ghcr.io/\${localEnv:ORG}/features/x:1" holds a \${...} variable; its value is the opening machine's or the template's: not guessed`,
    ])
  })

  it('lists gradle as java only when java is not there already (it becomes java options, as in the CLI)', () => {
    expect(listed('{"features": {"ghcr.io/devcontainers/features/java:1": {}, "gradle": true}}')).toEqual([
      'ghcr.io/devcontainers/features/java:1 ghcr.io/devcontainers/features/java@1 1:15 dev',
    ])
    expect(listed('{"features": {"jupyterlab": true}}')).toEqual([
      'jupyterlab ghcr.io/devcontainers/features/python@1 1:15 dev',
    ])
  })

  it('reports variables in the image, and Compose files and Dockerfiles named as their formats would not read them', () => {
    const text = `{
  // a comment
  "image": "mcr.microsoft.com/devcontainers/base:\${localEnv:VARIANT:bookworm}",
  "dockerComposeFile": ["docker-compose.yml", "docker-compose.dev.yml", "../dev.yml", "\${localWorkspaceFolder}/x.yml"],
  "build": {"dockerfile": "dev.df", "context": ".."},
  "dockerFile": "Containerfile",
}`
    expect(listed(text)).toEqual([])
    expect(problems(text)).toEqual([
      `unset-variable 3 image "mcr.microsoft.com/devcontainers/base:\${localEnv:VARIANT:bookworm}" holds a \${...} variable; its value is the opening machine's or the template's: not guessed`,
      `unsupported 4 dockerComposeFile "../dev.yml": the compose format reads such files by name (compose.yaml, docker-compose*.yml and the like, or by content: a YAML file whose top-level keys and service keys are Compose's), not this one: its images are not listed`,
      `unset-variable 4 dockerComposeFile "\${localWorkspaceFolder}/x.yml" holds a \${...} variable; its value is the opening machine's or the template's: not guessed`,
      'unsupported 5 build.dockerfile "dev.df": the dockerfile format reads such files by name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile), not this one: its images are not listed',
    ])
    expect(discover('{"dockerComposeFile": "dev.yml"}').skipped.map((s) => [s.line, s.message.slice(0, 28)])).toEqual([
      [1, 'dockerComposeFile "dev.yml":'],
    ]) // A dev.yml whose content is a Compose file's is read by the compose format (JHipster-style names): no word.
    const tree: Record<string, string> = {
      '.devcontainer/dev.yml': 'name: dev\nservices:\n  app:\n    image: acme/app:1\n',
    }
    const context = {readText: (path: string) => tree[path] ?? null}
    expect(discoverDevcontainer(FILE, '{"dockerComposeFile": "dev.yml"}', context).skipped).toEqual([])
    expect(discoverDevcontainer(FILE, '{"dockerComposeFile": "other.yml"}', context).skipped?.length).toBe(1)
  })

  it('reports bad JSONC, wrong types, forbidden and duplicate keys at their line, and reads on', () => {
    expect(problems('{\n  "image": "a",\n  "features": {\n}')).toEqual([
      'invalid-json 4:2 invalid JSON: a closing brace (}) expected',
    ])
    expect(problems('["image"]')).toEqual(['invalid-entry 1:1 devcontainer.json must be a JSON object'])
    const text = `{
  "image": 7,
  "features": {"ghcr.io/example-org/features/a:1": 3, "__proto__": {}, "ghcr.io/example-org/features/b:1": {}},
  "dockerComposeFile": [1],
  "build": {"dockerfile": {}},
  "dockerFile": false,
  "customizations": {"x": 1, "x": 2}
}`
    expect(listed(text)).toEqual(['ghcr.io/example-org/features/b:1 ghcr.io/example-org/features/b@1 3:72 dev'])
    expect(problems(text)).toEqual([
      "forbidden-key 3:55 forbidden key '__proto__' ignored",
      'invalid-entry 2:12 image must be a string',
      'invalid-entry 3:16 Feature "ghcr.io/example-org/features/a:1": options must be an object (or a version string, or true)',
      'invalid-entry 4:25 dockerComposeFile[0] must be a string',
      'invalid-entry 6:3 dockerFile must be a string',
      'invalid-entry 5:13 build.dockerfile must be a string',
    ])
    expect(problems('{"features": []}')).toEqual([
      'invalid-entry 1:2 features must be an object (Feature reference → options)',
    ])
    expect(problems('{"image": "a:1", "image": "b:2"}')).toEqual([
      "duplicate-key 1:18 duplicate key 'image' (the last value is used)",
    ])
    expect(listed('{"image": "a:1", "image": "b:2"}')).toEqual(['b:2 docker.io/library/b@2 1:27 dev'])
    // Nesting in what is not read is pruned unread (the image after it is still placed); past 1,000 levels anywhere,
    // an error at the bracket that goes past, whatever stack the reader has left.
    const unread = `{"customizations": ${'['.repeat(900)}${']'.repeat(900)}, "image": "a:1"}`
    expect(problems(unread)).toEqual([])
    expect(listed(unread)).toEqual(['a:1 docker.io/library/a@1 1:1831 dev'])
    const hostile = `{"customizations": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "image": "a:1"}`
    expect(problems(hostile)).toEqual(['invalid-json 1:1019 invalid JSON: nested deeper than 1000 levels'])
    const deep = `{"build": {"dockerfile": ${'['.repeat(5000)}${']'.repeat(5000)}}, "image": "a:1"}`
    expect(problems(deep)).toEqual(['invalid-json 1:1024 invalid JSON: nested deeper than 1000 levels'])
  })

  it('runs in a scan beside the compose and dockerfile formats, which read the files it names', async () => {
    const inventory = await scanTree({
      '.devcontainer/devcontainer.json':
        '{"dockerComposeFile": "docker-compose.yml", "service": "app", "features": {"ghcr.io/devcontainers/features/node:1": {},}}',
      '.devcontainer/docker-compose.yml':
        'services:\n  app:\n    image: mcr.microsoft.com/devcontainers/base:bookworm\n',
      '.devcontainer/python/devcontainer.json': '{"build": {"dockerfile": "Dockerfile"}}',
      '.devcontainer/python/Dockerfile': 'FROM python:3.12\n',
      '.devcontainer.json': '{"image": "node:22"}',
    })
    expect(inventory.errors).toEqual([])
    expect(refsAt(inventory)).toEqual(
      [
        '.devcontainer/devcontainer.json ghcr.io/devcontainers/features/node:1'.split(' ').reverse().join(' ') +
          ':1:76',
        'mcr.microsoft.com/devcontainers/base:bookworm .devcontainer/docker-compose.yml:3:12',
        'node:22 .devcontainer.json:1:11',
        'python:3.12 .devcontainer/python/Dockerfile:1:6',
      ].sort(),
    )
  })

  it('reads the Dockerfile with build.args, as the Dev Containers CLI passes them, listing what they change', () => {
    // devcontainers/images' Dockerfiles: `ARG VARIANT=3-trixie` then `FROM python:${VARIANT}`; a configuration that
    // passes VARIANT builds another image than the default the dockerfile format lists.
    const files: Record<string, string> = {
      '.devcontainer/Dockerfile':
        '# [Choice] Python version\nARG VARIANT=3-trixie\nARG NODE=20\nFROM python:${VARIANT}\nFROM node:${NODE}\n',
    }
    const text = `{
  // comment
  "build": {
    "dockerfile": "Dockerfile",
    "context": "..",
    "args": {"VARIANT": "3.12-bookworm", "NODE": "\${localEnv:NODE_VERSION}", "UNUSED": "1"}
  }
}`
    const out = discoverDevcontainer(FILE, text, {readText: (f) => files[f] ?? null})
    expect(out.errors).toEqual([])
    expect(
      out.components.map((c) => [
        c.ref,
        `${c.name}:${c.version}`,
        c.scope,
        c.locations.map((l) => `${l.file}:${l.line}:${l.column}`),
      ]),
    ).toEqual([
      [
        'python:${VARIANT}',
        'docker.io/library/python:3.12-bookworm',
        'dev',
        ['.devcontainer/Dockerfile:4:6', '.devcontainer/devcontainer.json:6:5'],
      ],
    ])
    expect(out.skipped.map((x) => `${x.file}:${x.line} ${x.reason} ${x.message}`)).toEqual([
      '.devcontainer/Dockerfile:5 unset-variable build.args of .devcontainer/devcontainer.json: FROM "node:${NODE}": build argument NODE is passed by the build from its environment: not known here',
    ])
    // No Dockerfile in the tree, or no args: nothing more than before.
    expect(discoverDevcontainer(FILE, text, {readText: () => null}).components).toEqual([])
  })

  it('lists a Feature so the image resolvers find its repository: ghcr.io/OWNER/REPO/FEATURE → github.com/OWNER/REPO', async () => {
    const {components} = discover('{"features": {"ghcr.io/devcontainers/features/node:1": {}}}')
    const run = await resolveOffline(components, [registeredResolver('image-heuristic')])
    expect(run.groups.map((g) => [g.repo, g.confidence])).toEqual([['github.com/devcontainers/features', 'low']])
  })

  it("resolves the CLI's own Features and images through the curated map, citing the project's pages", async () => {
    const {components} = discover(
      '{"image": "mcr.microsoft.com/devcontainers/base:bullseye", "features": {"ghcr.io/devcontainers/features/node:1": {}}}',
    )
    const run = await resolveOffline(components, [
      registeredResolver('known-images'),
      registeredResolver('image-heuristic'),
    ])
    expect(run.groups.map((g) => [g.repo, g.confidence, g.provenance]).sort()).toEqual([
      ['github.com/devcontainers/features', 'high', 'known-images'],
      ['github.com/devcontainers/images', 'high', 'known-images'],
    ])
  })
})
