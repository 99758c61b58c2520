import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

interface Row {
  ecosystem: string
  ref: string
  version?: string
  scope?: string
  purl?: string
  locations: Array<{file: string; line: number; column?: number}>
}

describe('inventory: Bazel modules (real-world review)', () => {
  it('--json reads variables real BCR modules compute versions with, and a clean checkout of Conan’s Bazel 7 example', async () => {
    // BCR's aspect_rules_lint 1.10.1, lanelet2 1.2.2 and llvm 0.6.0, and conan-io/examples2's
    // bazeltoolchain/7_x/string_formatter (src/discover/formats/bazel-module/__fixtures__), under the names Bazel reads.
    const fixtures = 'src/discover/formats/bazel-module/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-bazel-'))
    for (const [from, to] of [
      ['aspect_rules_lint/MODULE.bazel', 'lint/MODULE.bazel'],
      ['lanelet2/MODULE.bazel', 'lanelet2/MODULE.bazel'],
      ['llvm/MODULE.bazel', 'llvm/MODULE.bazel'],
      ['conan-string-formatter/MODULE.bazel', 'string_formatter/MODULE.bazel'],
      ['conan-string-formatter/conanfile.txt', 'string_formatter/conanfile.txt'],
    ]) {
      await mkdir(join(dir, dirname(to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    }
    // Exit 0, no error: conan/conan_deps.MODULE.bazel (which `conan install` writes) is reported, not an error.
    const json = await inventoryJson(dir)
    expect(json.files).toBe(5)
    const at = (c: Row) =>
      `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line}:${c.locations[0].column}`
    const rows = (json.components as Row[]).map((c) => `${at(c)} ${c.purl} ${c.scope}`)
    expect(rows.filter((row) => row.startsWith('string_formatter/'))).toEqual([
      'string_formatter/conanfile.txt:2:1 pkg:conan/fmt@10.1.1 prod',
    ])
    // Every bazel_dep of the three modules: 17 + 23 + 18.
    expect(rows.filter((row) => row.startsWith('lint/'))).toHaveLength(17)
    expect(rows.filter((row) => row.startsWith('lanelet2/'))).toHaveLength(23)
    expect(rows.filter((row) => row.startsWith('llvm/'))).toHaveLength(18)
    expect(
      rows
        .filter((row) => /^lint\/MODULE.bazel:(5[0-9]|6[0-9]):|boost\.units|boost\.config|stubs|xpkgutil/.test(row))
        .sort(),
    ).toEqual([
      'lanelet2/MODULE.bazel:22:18 pkg:bazel/boost.units@1.83.0 prod',
      'lanelet2/MODULE.bazel:8:18 pkg:bazel/boost.config@1.83.0.bcr.1 prod',
      'lint/MODULE.bazel:54:12 pkg:bazel/toolchains_protoc@0.4.1 dev',
      'lint/MODULE.bazel:59:12 pkg:bazel/gazelle@0.43.0 dev',
      'lint/MODULE.bazel:64:12 pkg:bazel/rules_go@0.54.0 dev',
      'llvm/MODULE.bazel:121:18 pkg:bazel/glibc-stubs-generator?download_url=https%3A%2F%2Fgithub.com%2Fcerisier%2Fglibc-stubs-generator%2Farchive%2F33276300351d5a3cbedd308f4d21669b8e8ef83d.tar.gz dev',
      'llvm/MODULE.bazel:131:18 pkg:bazel/libstdcxx-stubs-generator?download_url=https%3A%2F%2Fgithub.com%2Fcerisier%2Flibstdcxx-stubs-generator%2Farchive%2Fed896a140ef8466140c3bcfd066e710a80a41ebe.tar.gz dev',
      'llvm/MODULE.bazel:141:18 pkg:bazel/xpkgutil?download_url=https%3A%2F%2Fgithub.com%2Fcerisier%2Fpkgutil%2Farchive%2Ff04b36f28972e469ad993dff6f9dc00e68531931.tar.gz dev',
    ])
    expect(
      (json.skipped as Array<{file: string; line?: number; reason: string; message: string}>).map(
        (s) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason} ${s.message}`,
      ),
    ).toEqual([
      'string_formatter/MODULE.bazel:1 missing-resource include("//conan:conan_deps.MODULE.bazel"): ' +
        `${dir}/string_formatter/conan/conan_deps.MODULE.bazel is not in the tree: \`conan install\` writes it ` +
        "(Conan's BazelDeps generator) from conanfile.txt, read on its own (conan format): its bazel_deps are not listed",
    ])
  })
})
