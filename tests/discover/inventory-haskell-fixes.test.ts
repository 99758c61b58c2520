import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {inventoryJson} from '../support/inventory.js'

interface Row {
  purl?: string
  locations: Array<{file: string; line: number; column: number}>
}

describe('inventory: Haskell freezes and stack.yaml (real-world review fixes)', () => {
  it('--json: boot packages counted, a freeze with CHaP listed and said once, a location: extra-dep skipped', async () => {
    // GaloisInc/saw-script's cabal.project.freeze (extract) and Stack's integration test 1884-url-to-tarball
    // stack.yaml (src/discover/formats/haskell-lock/__fixtures__), under their real names; a short freeze written here
    // in the shape of CardanoSolutions/kupo's (MPL-2.0, not copied): the Cardano Haskell packages repository beside
    // Hackage.
    const fixtures = 'src/discover/formats/haskell-lock/__fixtures__'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-haskell-'))
    for (const [from, to] of [
      ['saw-script.cabal.project.freeze', 'saw/cabal.project.freeze'],
      ['url-to-tarball.stack.yaml', 'tarball/stack.yaml'],
    ]) {
      await mkdir(join(dir, dirname(to)), {recursive: true})
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    }
    await mkdir(join(dir, 'chap'))
    await writeFile(
      join(dir, 'chap', 'cabal.project.freeze'),
      [
        'active-repositories: hackage.haskell.org:merge, cardano-haskell-packages:merge',
        'constraints: any.Cabal ==3.2.1.0,',
        '             any.base ==4.14.3.0,',
        '             any.cardano-binary ==1.5.0,',
        '             cardano-binary -development,',
        '             any.rts ==1.0.1,',
        '             any.zlib ==0.6.3.0',
        'index-state: cardano-haskell-packages 2022-10-25T17:33:07Z, hackage.haskell.org 2023-07-21T10:12:20Z',
        '',
      ].join('\n'),
    )
    const json = await inventoryJson(dir)
    // Each file read once, by haskell-lock (the stack.yaml not as a Kubernetes manifest).
    expect(json.files).toBe(3)
    const where = (file: string, line: number, column?: number) =>
      `${file.slice(dir.length + 1)}:${line}${column === undefined ? '' : `:${column}`}`
    expect(
      (json.components as Row[])
        .map((c) => `${where(c.locations[0].file, c.locations[0].line, c.locations[0].column)} ${c.purl}`)
        .sort(),
    ).toEqual([
      'chap/cabal.project.freeze:2:18 pkg:hackage/Cabal@3.2.1.0',
      'chap/cabal.project.freeze:4:18 pkg:hackage/cardano-binary@1.5.0',
      'chap/cabal.project.freeze:7:18 pkg:hackage/zlib@0.6.3.0',
      'saw/cabal.project.freeze:10:18 pkg:hackage/ghci@8.6.5',
      'saw/cabal.project.freeze:15:18 pkg:hackage/zlib-bindings@0.1.1.5',
      'saw/cabal.project.freeze:1:18 pkg:hackage/Cabal@2.4.0.1',
      'saw/cabal.project.freeze:2:18 pkg:hackage/FloatingHex@0.4',
      'saw/cabal.project.freeze:5:18 pkg:hackage/ghc-boot@8.6.5',
      'saw/cabal.project.freeze:6:18 pkg:hackage/ghc-boot-th@8.6.5',
      'saw/cabal.project.freeze:7:18 pkg:hackage/ghc-heap@8.6.5',
      'saw/cabal.project.freeze:8:18 pkg:hackage/ghc-paths@0.1.0.12',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string; message: string}) =>
          `${where(s.file, s.line)} ${s.reason} ${s.message}`,
      ),
    ).toEqual([
      'chap/cabal.project.freeze:1 unsupported active-repositories names cardano-haskell-packages besides hackage.haskell.org, and the freeze file does not say which package comes from which: the 3 pinned packages are listed as Hackage packages, including any that cardano-haskell-packages provides',
      'chap/cabal.project.freeze:3 unsupported 2 GHC boot packages (base, rts: they ship with GHC, and cabal-install takes the installed one, never a download): not listed',
      'saw/cabal.project.freeze:3 unsupported 6 GHC boot packages (base, ghc, ghc-prim, integer-gmp, rts, template-haskell: they ship with GHC, and cabal-install takes the installed one, never a download): not listed',
      "tarball/stack.yaml:1 remote-resource snapshot ghc-9.10.3: its packages (the project's dependencies it provides) are not listed here, only the extra-deps; the snapshot is not expanded",
      "tarball/stack.yaml:4 unsupported an archive extra-dep (location: https://hackage.haskell.org/package/acme-missiles-0.3/acme-missiles-0.3.tar.gz): the package's name is in the archive, not here",
    ])
  })
})
