import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('stewards inventory: Drone and Woodpecker CI files', () => {
  it('--json lists the images of real Drone pipelines and Woodpecker workflows, each file read once by its format', async () => {
    // drone-plugins/drone-meltwater-cache's and drone-plugins/drone-plugin-lib's .drone.yml, and workflows of
    // woodpecker-ci/woodpecker (each format's __fixtures__), under the names their tools read; a .drone.star program.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-drone-woodpecker-'))
    await mkdir(join(dir, 'lib'))
    await mkdir(join(dir, '.woodpecker'))
    const woodpecker = 'woodpecker/__fixtures__/woodpecker'
    for (const [from, to] of [
      ['drone/__fixtures__/drone-meltwater-cache/.drone.yml', '.drone.yml'],
      ['drone/__fixtures__/drone-plugin-lib/.drone.yml', 'lib/.drone.yml'],
      [`${woodpecker}/.woodpecker/links.yaml`, '.woodpecker/links.yaml'],
      [`${woodpecker}/.woodpecker/securityscan.yaml`, '.woodpecker/securityscan.yaml'],
      [`${woodpecker}/linter-schema/test-clone.yaml`, '.woodpecker/test-clone.yaml'],
      [`${woodpecker}/linter-schema/test-matrix.yaml`, '.woodpecker/test-matrix.yaml'],
    ])
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    await writeFile(join(dir, '.drone.star'), 'def main(ctx):\n  return []\n')
    const json = await inventoryJson(dir)
    // Each file read once, by its own format (none as a Kubernetes manifest).
    expect(json.files).toBe(7)
    expect(
      json.components.map(
        (c: {kind: string; ref: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`).join(',')} ${c.kind} ${c.ref}`,
      ),
    ).toEqual([
      '.drone.yml:240 image atmoz/sftp:alpine',
      '.drone.yml:234 image fsouza/fake-gcs-server:1.18.3',
      '.woodpecker/links.yaml:17 image docker.io/alpine:3.24',
      '.woodpecker/test-clone.yaml:12 image alpine',
      '.drone.yml:12 image docker:git',
      '.drone.yml:27,.drone.yml:35,.drone.yml:43 image golang:1.17.3-alpine3.13',
      'lib/.drone.yml:16,lib/.drone.yml:28,lib/.drone.yml:38,lib/.drone.yml:47 image golang:1.19',
      '.woodpecker/test-matrix.yaml:3 image golang:1.3',
      '.woodpecker/test-matrix.yaml:3 image golang:1.4',
      '.woodpecker/links.yaml:7 image docker.io/lycheeverse/lychee:0.24.2',
      '.drone.yml:67,.drone.yml:83,.drone.yml:100,.drone.yml:118,.drone.yml:133,.drone.yml:151,.drone.yml:169,.drone.yml:184,.drone.yml:192 image meltwater/drone-cache:v1.1.0-rc1',
      '.drone.yml:17 image minio/mc:RELEASE.2020-10-03T02-54-56Z',
      '.drone.yml:224 image minio/minio:RELEASE.2020-11-06T23-17-07Z',
      '.drone.yml:208 image plugins/docker',
      '.woodpecker/test-clone.yaml:3 image plugins/git:next',
      '.woodpecker/securityscan.yaml:13,.woodpecker/securityscan.yaml:20,.woodpecker/securityscan.yaml:28,.woodpecker/securityscan.yaml:36 image docker.io/woodpeckerci/plugin-trivy:1.6.0',
      '.drone.yml:246 image mcr.microsoft.com/azure-storage/azurite',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line?: number; reason: string}) =>
          `${s.file.slice(dir.length + 1)}:${s.line ?? '-'} ${s.reason}`,
      ),
    ).toEqual(['.drone.star:- unsupported'])
    // The meltwater file's service environment holds (example) access keys: never read.
    expect(JSON.stringify(json)).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })
})
