import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

describe('inventory: YAML files of the real-world review (pnpm 11 lockfiles, custom tags)', () => {
  it('--json reads a two-document pnpm-lock.yaml, a 5.4 one with /name@version keys and tagged YAML, exit 0', async () => {
    // dependabot-core's test fixtures (src/discover/formats/{pnpm-lock,k8s-manifest}/__fixtures__/dependabot-core),
    // under the names pnpm reads, and two YAML files no format claims (a VCR cassette with `!binary`, a Dependabot
    // config with `!ruby/object:DateTime`), which the Kubernetes fallback reads as kubectl would: no error.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-fix-yaml-'))
    for (const [from, to] of [
      ['pnpm-lock/__fixtures__/dependabot-core/multi_document/pnpm-lock.yaml', 'pnpm11/pnpm-lock.yaml'],
      ['pnpm-lock/__fixtures__/dependabot-core/only_dev_dependencies/pnpm-lock.yaml', 'pnpm7/pnpm-lock.yaml'],
      [
        'k8s-manifest/__fixtures__/dependabot-core/fetches_and_parses_module_release_tags_and_dates.yml',
        'spec/fixtures/vcr_cassettes/fetches_and_parses_module_release_tags_and_dates.yml',
      ],
      ['k8s-manifest/__fixtures__/dependabot-core/bad_ruby_object.yml', 'spec/fixtures/bad_ruby_object.yml'],
    ]) {
      await mkdir(join(dir, dirname(to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    }
    const json = await inventoryJson(dir)
    // Each file read once.
    expect(json.files).toBe(4)
    expect(
      json.components.map(
        (c: {
          purl: string
          scope?: string
          direct?: boolean
          locations: Array<{file: string; line: number; column: number}>
        }) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column} ${c.purl} ${c.scope} ${c.direct}`,
      ),
    ).toEqual([
      'pnpm11/pnpm-lock.yaml:18:3 pkg:npm/%40pnpm/exe@11.9.0 dev true',
      'pnpm7/pnpm-lock.yaml:13:3 pkg:npm/etag@1.8.0 dev true',
      'pnpm11/pnpm-lock.yaml:49:3 pkg:npm/etag@1.8.0 prod true',
      'pnpm11/pnpm-lock.yaml:22:3 pkg:npm/pnpm@11.9.0 dev true',
    ])
    expect(json.skipped).toEqual([])
  })
})
