import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

describe('stewards inventory: Google Cloud Build', () => {
  it('--json lists the builder images of real Cloud Build configs, YAML and JSON, and reports what only the build knows', async () => {
    // GoogleCloudPlatform/cloud-build-samples' golang-sample, basic-config (JSON) and sql-proxy configs, and
    // terraform-google-modules/terraform-google-module-template's build/lint.cloudbuild.yaml (the format's
    // __fixtures__), under the names Cloud Build is given them by.
    const fixtures = 'src/discover/formats/cloudbuild/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-cloudbuild-'))
    await mkdir(join(dir, 'build'))
    await mkdir(join(dir, 'sql-proxy'))
    for (const [from, to] of [
      ['cloud-build-samples/golang-sample/cloudbuild.yaml', 'cloudbuild.yaml'],
      ['cloud-build-samples/basic-config/cloudbuild.json', 'cloudbuild.json'],
      ['cloud-build-samples/sql-proxy/cloudbuild.yaml', 'sql-proxy/cloudbuild.yaml'],
      ['terraform-google-module-template/build/lint.cloudbuild.yaml', 'build/lint.cloudbuild.yaml'],
    ])
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.errors).toEqual([])
    // Each file read once, by the cloudbuild format (none as a Kubernetes manifest or Kubernetes JSON).
    expect(json.files).toBe(4)
    expect(
      json.components.map(
        (c: {
          kind: string
          ref: string
          version: string
          locations: Array<{file: string; line: number; column: number}>
        }) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.kind} ${c.ref} ${c.version} (+${c.locations.length - 1})`,
      ),
    ).toEqual([
      'cloudbuild.yaml:18:11 image golang:1.26-trixie 1.26-trixie (+0)',
      // The same builder in three files, merged: every step that runs it is a location.
      'cloudbuild.json:4:18 image gcr.io/cloud-builders/docker latest (+6)',
      'cloudbuild.yaml:42:11 image gcr.io/cloud-builders/gcloud latest (+0)',
      // The file's substitution defaults applied; the ref is the name as written.
      'build/lint.cloudbuild.yaml:16:9 image gcr.io/cloud-foundation-cicd/$_DOCKER_IMAGE_DEVELOPER_TOOLS:$_DOCKER_TAG_VERSION_DEVELOPER_TOOLS 1 (+0)',
      'cloudbuild.json:20:18 image gcr.io/google.com/cloudsdktool/cloud-sdk latest (+0)',
    ])
    const docker = json.components[1] as {name: string; locations: Array<{file: string; line: number}>}
    expect(docker.name).toBe('gcr.io/cloud-builders/docker')
    expect(docker.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`)).toEqual([
      'cloudbuild.json:4',
      'cloudbuild.json:13',
      'cloudbuild.yaml:29',
      'cloudbuild.yaml:36',
      'sql-proxy/cloudbuild.yaml:18',
      'sql-proxy/cloudbuild.yaml:22',
      'sql-proxy/cloudbuild.yaml:27',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
      ),
    ).toEqual(['sql-proxy/cloudbuild.yaml:41 unsupported', 'sql-proxy/cloudbuild.yaml:62 unsupported'])
    expect(json.skipped[0].message).toContain('$_IMAGE_NAME, whose default')
  })

  it('reads the other names users give configs only when they hold one; a manifest in cloudbuild/ stays a manifest', async () => {
    const golang = await readFile(
      'src/discover/formats/cloudbuild/__fixtures__/cloud-build-samples/golang-sample/cloudbuild.yaml',
      'utf8',
    )
    const dir = await mkdtemp(join(tmpdir(), 'stewards-cloudbuild-names-'))
    await mkdir(join(dir, 'cloudbuild'))
    await writeFile(join(dir, 'cloudbuild', 'test.yaml'), golang)
    await writeFile(join(dir, 'cloudbuild-prod.yaml'), golang)
    // A Cloud Build trigger (its steps under build:) is no config: not read.
    await writeFile(join(dir, 'cloudbuild-trigger.yaml'), 'name: t\nbuild:\n  steps:\n  - name: node:20\n')
    await writeFile(
      join(dir, 'cloudbuild', 'pod.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: registry.example.com/app:1.0\n',
    )
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.errors).toEqual([])
    expect(json.skipped).toEqual([])
    expect(json.files).toBe(3)
    expect(
      json.components.flatMap((c: {ref: string; locations: Array<{file: string; line: number}>}) =>
        c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line} ${c.ref}`),
      ),
    ).toEqual([
      'cloudbuild-prod.yaml:18 golang:1.26-trixie',
      'cloudbuild/test.yaml:18 golang:1.26-trixie',
      'cloudbuild-prod.yaml:29 gcr.io/cloud-builders/docker',
      'cloudbuild-prod.yaml:36 gcr.io/cloud-builders/docker',
      'cloudbuild/test.yaml:29 gcr.io/cloud-builders/docker',
      'cloudbuild/test.yaml:36 gcr.io/cloud-builders/docker',
      'cloudbuild-prod.yaml:42 gcr.io/cloud-builders/gcloud',
      'cloudbuild/test.yaml:42 gcr.io/cloud-builders/gcloud',
      'cloudbuild/pod.yaml:7 registry.example.com/app:1.0',
    ])
  })
})
