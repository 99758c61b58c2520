import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

describe('stewards inventory: Gitpod and devfiles', () => {
  it('--json lists the images of real Gitpod configurations and devfiles, dev, and what they leave to other formats', async () => {
    // gitpod-io/workspace-images' and gitpod-io/dazzle's .gitpod.yml, devfile/registry's .devfile.yaml (with the
    // manifest it names) and its java-openliberty stack, and odo's image-names-as-selectors test devfile (each format's
    // __fixtures__), under the names their tools read.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-gitpod-devfile-'))
    for (const [from, to] of [
      ['gitpod/__fixtures__/workspace-images/.gitpod.yml', '.gitpod.yml'],
      ['gitpod/__fixtures__/dazzle/.gitpod.yml', 'dazzle/.gitpod.yml'],
      ['devfile/__fixtures__/devfile-registry/.devfile.yaml', 'registry/.devfile.yaml'],
      [
        'devfile/__fixtures__/devfile-registry/.ci/deploy/resources/deployment.yaml',
        'registry/.ci/deploy/resources/deployment.yaml',
      ],
      ['devfile/__fixtures__/java-openliberty/devfile.yaml', 'liberty/devfile.yaml'],
      ['devfile/__fixtures__/odo/devfile-image-names-as-selectors.yaml', 'odo/devfile.yaml'],
    ]) {
      await mkdir(dirname(join(dir, to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    }
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.errors).toEqual([])
    // Each file read once, by its own format; only the manifest the devfile names is read as a Kubernetes manifest.
    expect(json.files).toBe(6)
    const at = (location: {file: string; line: number}) => `${location.file.slice(dir.length + 1)}:${location.line}`
    expect(
      json.components
        .map(
          (c: {kind: string; ref: string; scope: string; locations: Array<{file: string; line: number}>}) =>
            `${c.locations.map(at).join(' ')} ${c.kind} ${c.scope} ${c.ref}`,
        )
        .sort(),
    ).toEqual([
      '.gitpod.yml:1 image dev gitpod/workspace-full',
      'liberty/devfile.yaml:50 image dev icr.io/appcafe/open-liberty-devfile-stack:{{liberty-version}}',
      // One image written twice: one component, both places.
      'odo/devfile.yaml:131 odo/devfile.yaml:157 image dev {{ CONTAINER_IMAGE_RELATIVE_NOT_MATCHING_AND_NOT_USED_IN_IMAGE_COMP }}',
      'odo/devfile.yaml:95 image dev registry.access.redhat.com/ubi8/nodejs-16:latest',
      'registry/.devfile.yaml:46 image dev registry.access.redhat.com/ubi8/go-toolset:1.24.4-1754328509',
    ])
    expect(
      json.skipped.map((s: {file: string; line: number; reason: string}) => `${at(s)} ${s.reason}`).sort(),
    ).toEqual([
      'odo/devfile.yaml:124 unsupported',
      'odo/devfile.yaml:126 unsupported',
      'odo/devfile.yaml:129 unsupported',
      'odo/devfile.yaml:150 unsupported',
      'odo/devfile.yaml:152 unsupported',
      'odo/devfile.yaml:155 unsupported',
      'registry/.ci/deploy/resources/deployment.yaml:undefined helm-template',
      'registry/.devfile.yaml:50 unsupported',
    ])
  })
})
