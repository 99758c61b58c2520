import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'

describe('inventory: Clojure projects', () => {
  it('--json lists the libraries of a real deps.edn, bb.edn and project.clj', async () => {
    // seancorfield/next-jdbc's deps.edn, babashka's .build/bb.edn and ring-core's project.clj
    // (src/discover/formats/clojure-deps/__fixtures__), under the names their tools read.
    const formats = 'src/discover/formats/clojure-deps/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-clojure-'))
    await mkdir(join(dir, 'build'))
    await mkdir(join(dir, 'ring-core'))
    for (const [from, to] of [
      ['next-jdbc/deps.edn', 'deps.edn'],
      ['babashka/build/bb.edn', 'build/bb.edn'],
      ['ring/ring-core/project.clj', 'ring-core/project.clj'],
    ])
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.stderr).not.toContain('internal error')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.errors).toEqual([])
    // Each file read once, by clojure-deps.
    expect(json.files).toBe(3)
    const rows = json.components.map(
      (c: {ref: string; scope: string; purl?: string; locations: Array<{file: string; line: number}>}) =>
        `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line} ${c.scope} ${c.ref}`,
    )
    // 31 + 1 + 12 libraries: org.clojure/clojure 1.10.3, optional in deps.edn's :1.10 alias and ring-core's :1.10
    // profile, is one component with both places.
    expect(rows).toHaveLength(43)
    const clojure = json.components.find((c: {purl?: string}) => c.purl === 'pkg:maven/org.clojure/clojure@1.10.3') as {
      scope: string
      locations: Array<{file: string; line: number}>
    }
    expect(clojure.scope).toBe('optional')
    expect(clojure.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`)).toEqual([
      'deps.edn:14',
      'ring-core/project.clj:18',
    ])
    expect(rows).toEqual(
      expect.arrayContaining([
        'deps.edn:3 prod org.clojure/clojure@1.11.2',
        'deps.edn:9 dev io.github.clojure/tools.build@0.10.0',
        'deps.edn:21 dev io.github.cognitect-labs/test-runner@v0.5.1',
        'build/bb.edn:2 prod borkdude/gh-release-artifact@4a9a74f0e50e897c45df8cc70684360eb30fce80',
        'ring-core/project.clj:11 prod commons-io@2.21.0',
        'ring-core/project.clj:17 dev clj-time@0.15.2',
      ]),
    )
    const purls = json.components.map((c: {purl?: string}) => c.purl)
    expect(purls).toContain('pkg:maven/commons-io/commons-io@2.21.0')
    expect(purls).toContain(
      'pkg:generic/github.com/cognitect-labs/test-runner@dfb30dd?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fcognitect-labs%2Ftest-runner.git%40dfb30dd',
    )
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
      ),
    ).toEqual(['deps.edn:1 unsupported'])
  })
})
