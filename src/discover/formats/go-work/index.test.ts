import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {registeredDiscoverer} from '../../../../tests/support/registered.js'
import {discoverer} from './index.js'

const goMod = registeredDiscoverer('go-mod')
const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/grafana/${path}`, import.meta.url), 'utf8')
const grafana = {
  'go.work': fixture('go.work'),
  'go.mod': fixture('go.mod'),
  'pkg/apimachinery/go.mod': fixture('pkg/apimachinery/go.mod'),
  'apps/playlist/go.mod': fixture('apps/playlist/go.mod'),
}
/** `name version local|purl file:line:column`, sorted. */
const rows = (inventory: Awaited<ReturnType<typeof scanTree>>) =>
  inventory.components
    .flatMap((c) =>
      c.locations.map((l) => `${c.name} ${c.version} ${c.local ? 'local' : c.purl} ${l.file}:${l.line}:${l.column}`),
    )
    .sort()

describe('go-work', () => {
  it('claims go.work files only', () => {
    expect(['go.work', 'a/b/go.work', 'go.work.sum', 'vendor/x/go.work', 'go.mod'].map(discoverer.matches)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it("makes the workspace's modules local in every go.mod it uses, lists its module replacements, and reports a folder without go.mod (grafana)", async () => {
    // The real reader pair (go-mod reads the go.mods, go-work the go.work), as a scan runs them.
    const inventory = await scanTree(grafana, {discoverers: [goMod, discoverer]})
    expect(inventory.errors).toEqual([])
    expect(rows(inventory)).toEqual([
      // grafana's own modules, required by pseudo-version but built from the tree: never looked up by name.
      'github.com/grafana/grafana/apps/playlist v0.0.0-20250220164708-c8d4ff28a450 local go.mod:11:2',
      'github.com/grafana/grafana/pkg/apimachinery v0.0.0-20250220154326-6e5de80ef295 local apps/playlist/go.mod:6:2',
      'github.com/grafana/grafana/pkg/apimachinery v0.0.0-20250220154326-6e5de80ef295 local go.mod:12:2',
      // In the `use` list, but its folder holds no go.mod here: its module path is not known, so it stays a package.
      'github.com/grafana/grafana/pkg/promlib v0.0.8 pkg:golang/github.com/grafana/grafana/pkg/promlib@v0.0.8 go.mod:17:2',
      // go.work's replacements, at the module they name.
      'github.com/grafana/prometheus-alertmanager v0.25.1-0.20250331083058-4563aec7a975 pkg:golang/github.com/grafana/prometheus-alertmanager@v0.25.1-0.20250331083058-4563aec7a975 go.work:13:47',
      'github.com/grafana/saml v0.4.15-0.20240917091248-ae3bbdad8a56 pkg:golang/github.com/grafana/saml@v0.4.15-0.20240917091248-ae3bbdad8a56 go.work:15:36',
      'k8s.io/api v0.32.1 pkg:golang/k8s.io/api@v0.32.1 go.mod:6:2',
      'k8s.io/apimachinery v0.32.1 pkg:golang/k8s.io/apimachinery@v0.32.1 apps/playlist/go.mod:7:2',
      'k8s.io/apimachinery v0.32.1 pkg:golang/k8s.io/apimachinery@v0.32.1 pkg/apimachinery/go.mod:5:9',
      'xorm.io/xorm v0.8.2 pkg:golang/xorm.io/xorm@v0.8.2 go.mod:7:2',
    ])
    expect(inventory.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`)).toEqual([
      'go.work:10 missing-resource use ./pkg/promlib: no go.mod in that folder, or the folder is outside the scanned tree (the go command refuses a workspace whose folder has none)',
    ])
  })

  it('leaves a module alone that the go.work does not use, and one that a nearer go.work governs', async () => {
    const inventory = await scanTree(
      {
        'go.work': 'go 1.22\n\nuse ./a\n',
        'a/go.mod': 'module example.com/acme/a\n\nrequire example.com/acme/b v1.0.0\n',
        // Not used: built on its own (the go command would refuse to run in it inside this workspace).
        'b/go.mod': 'module example.com/acme/b\n\nrequire example.com/acme/a v1.0.0\n',
        // Its own go.work, nearer than the root's: the root's use list does not reach it.
        'c/go.work': 'go 1.22\nuse .\n',
        'c/go.mod': 'module example.com/acme/c\n\nrequire example.com/acme/a v1.0.0\n',
      },
      {discoverers: [goMod, discoverer]},
    )
    expect(inventory.errors).toEqual([])
    expect(rows(inventory)).toEqual([
      'example.com/acme/a v1.0.0 pkg:golang/example.com/acme/a@v1.0.0 b/go.mod:3:9',
      'example.com/acme/a v1.0.0 pkg:golang/example.com/acme/a@v1.0.0 c/go.mod:3:9',
      'example.com/acme/b v1.0.0 pkg:golang/example.com/acme/b@v1.0.0 a/go.mod:3:9',
    ])
  })

  it("takes a use folder with a trailing slash as the same folder, and lists the workspace's modules local in go.sum and go.work.sum", async () => {
    const inventory = await scanTree(
      {
        'go.work': 'go 1.22\nuse (\n\t./\n\t./lib/\n)\n',
        'go.mod': 'module example.com/acme/app\nrequire example.com/acme/lib v0.1.0\n',
        'go.sum':
          'example.com/acme/lib v0.1.0 h1:aaaa=\nexample.com/acme/lib v0.1.0/go.mod h1:bbbb=\ngolang.org/x/text v0.14.0 h1:cccc=\n',
        'go.work.sum': 'example.com/acme/app v0.0.9 h1:dddd=\ngolang.org/x/net v0.20.0 h1:eeee=\n',
        'lib/go.mod': 'module example.com/acme/lib\n',
      },
      {discoverers: [goMod, discoverer, registeredDiscoverer('go-sum')]},
    )
    expect(inventory.errors).toEqual([])
    expect(rows(inventory)).toEqual([
      'example.com/acme/app v0.0.9 local go.work.sum:1:1',
      'example.com/acme/lib v0.1.0 local go.mod:2:9',
      'example.com/acme/lib v0.1.0 local go.sum:1:1',
      'golang.org/x/net v0.20.0 pkg:golang/golang.org/x/net@v0.20.0 go.work.sum:2:1',
      'golang.org/x/text v0.14.0 pkg:golang/golang.org/x/text@v0.14.0 go.sum:3:1',
    ])
  })

  it("takes a go.work replace with a folder as the tree's own module", async () => {
    const inventory = await scanTree(
      {
        'go.work': 'go 1.22\nuse ./app\nreplace example.com/acme/lib v1.2.0 => ./forks/lib\n',
        'app/go.mod': 'module example.com/acme/app\nrequire example.com/acme/lib v1.2.0\n',
      },
      {discoverers: [goMod, discoverer]},
    )
    expect(rows(inventory)).toEqual(['example.com/acme/lib v1.2.0 local app/go.mod:2:9'])
  })

  it('says when a workspace has more use folders than are read for their modules', () => {
    const uses = Array.from({length: 1001}, (_, i) => `use ./m${i}`).join('\n')
    const out = discoverer.discover({file: 'go.work', text: `go 1.22\n${uses}\n`}, {readText: () => null})
    expect(out.skipped?.map((s) => `${s.line} ${s.reason}`)).toEqual(['1002 unsupported'])
  })

  it('reports bad lines by line and still reads the rest; never throws on hostile text', () => {
    const out = discoverer.discover(
      {
        file: 'go.work',
        text: 'go 1.22\nmodule nope\nuse\nreplace broken\nuse (\n  "./a\n)\nreplace x => y v1\n',
      },
      {readText: () => null, exists: () => true},
    )
    expect(out.errors?.map((e) => `${e.line} ${e.message}`)).toEqual([
      '6 unterminated string',
      "2 unknown directive 'module'",
      "3 use: expected 'use ./folder'",
      "4 replace: expected 'module [version] => module version' or '=> ./local/path'",
    ])
    expect(out.components.map((c) => `${c.name}@${c.version} ${c.locations[0].line}`)).toEqual(['y@v1 8'])
    for (const text of ['use (\n', '\u202e'.repeat(1000), `use ${'./a'.repeat(100_000)}\n`, '\0\0\0'])
      expect(() => discoverer.discover({file: 'go.work', text}, {readText: () => null})).not.toThrow()
  })
})
