import {describe, expect, it} from 'vitest'
import {valuesImages} from './helm-value-images.js'
import {emptyOutput} from './output.js'
import type {DiscoverContext} from './types.js'
import {
  addChartValues,
  addValuesFile,
  MAX_LAYERED_NODES,
  MAX_VALUES_FILES,
  placeIn,
  valuesStack,
} from './values-layers.js'

function context(tree: Record<string, string>): DiscoverContext {
  return {readText: (f) => tree[f] ?? null, exists: (f) => f in tree}
}

/** The images of the layered values, `ref file:line:column`. */
function images(tree: Record<string, string>, files: string[], chart?: string) {
  const out = emptyOutput()
  const stack = valuesStack('helmfile.yaml', context(tree), out)
  if (chart) addChartValues(stack, chart)
  for (const [i, file] of files.entries()) addValuesFile(stack, file, '.', {line: i + 1, column: 1}, 'release web')
  if (stack.merged)
    valuesImages(stack.merged, {
      file: 'helmfile.yaml',
      out,
      appVersion: undefined,
      noAppVersion: 'none',
      place: placeIn(stack),
    })
  return {
    refs: out.components.map((c) => `${c.ref} ${c.locations[0].file}:${c.locations[0].line}:${c.locations[0].column}`),
    skipped: out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`),
    errors: out.errors,
  }
}

describe('values-layers', () => {
  it('merges files in order as helm does: later wins, maps key by key, null removes a key', () => {
    const tree = {
      'chart/values.yaml':
        'image:\n  repository: example/web\n  tag: 1.0.0\nside:\n  image: {repository: example/side, tag: "1"}\n',
      'a.yaml': 'image:\n  tag: 2.0.0\nside: null\n',
      'b.yaml': 'image:\n  registry: registry.example.com\n',
    }
    // The registry of b.yaml is the latest part: the image is told there.
    expect(images(tree, ['a.yaml', 'b.yaml'], 'chart')).toEqual({
      refs: ['registry.example.com/example/web:2.0.0 b.yaml:2:13'],
      skipped: [],
      errors: [],
    })
    // A file named twice counts where it is last; the chart's values.yaml alone is helm-values' to tell.
    expect(images(tree, ['b.yaml', 'a.yaml', 'b.yaml'], 'chart').refs).toEqual([
      'registry.example.com/example/web:2.0.0 b.yaml:2:13',
    ])
    expect(images(tree, [], 'chart').refs).toEqual([])
  })

  it(`reads at most ${MAX_VALUES_FILES} values files of one release, and says so once`, () => {
    const tree = {'a.yaml': 'image: {repository: example/web, tag: 1.0.0}\n'}
    const many = images(
      tree,
      Array.from({length: MAX_VALUES_FILES + 5}, () => 'a.yaml'),
    )
    expect(many.refs).toEqual(['example/web:1.0.0 a.yaml:1:21'])
    expect(many.skipped).toEqual([
      `101 unsupported release web: values file "a.yaml" and those after it are past the ${MAX_VALUES_FILES} read of one release: the images it sets are not read`,
    ])
  })

  it('a null removes what an earlier file set (a file of another name than helm-values reads, so the layering tells it)', () => {
    const tree = {
      'base.yaml': 'side:\n  image: {repository: example/side, tag: "1"}\n',
      'drop.yaml': 'side: null\n',
      'keep.yaml': 'other: 1\n',
    }
    expect(images(tree, ['base.yaml', 'keep.yaml']).refs).toEqual(['example/side:1 base.yaml:2:23'])
    expect(images(tree, ['base.yaml', 'drop.yaml']).refs).toEqual([])
  })

  it(`the ${MAX_VALUES_FILES} read of one release stops before a file past it, whatever that file sets`, () => {
    const tree = {'a.yaml': 'other: 1\n', 'last.yaml': 'image: {repository: example/web, tag: 1.0.0}\n'}
    const files = [...Array.from({length: MAX_VALUES_FILES}, (_, i) => `a.yaml${'/.'.repeat(i % 2)}`), 'last.yaml']
    expect(images(tree, files).refs).toEqual([])
    expect(images(tree, files.slice(1)).refs).toEqual(['example/web:1.0.0 last.yaml:1:21'])
  })

  it(`stops layering a file's releases once they pass ${MAX_LAYERED_NODES.toLocaleString('en-US')} values, and says so once`, () => {
    const big = Array.from({length: 2_000}, (_, i) => `b${i}:\n  image: {repository: example/b${i}, tag: "1"}`).join(
      '\n',
    )
    const ctx = context({'big.yaml': `${big}\n`})
    const out = emptyOutput()
    let layered = 0
    for (let release = 0; release < 200; release++) {
      const stack = valuesStack('helmfile.yaml', ctx, out)
      addValuesFile(stack, 'big.yaml', '.', {line: release + 1, column: 1}, `release r${release}`)
      if (stack.merged) layered++
    }
    // 2,000 blocks of 4 nodes, 1 more for the root: 8,001 nodes a release.
    expect(layered).toBe(Math.floor(MAX_LAYERED_NODES / 8_001))
    expect(out.skipped.map((s) => s.message)).toEqual([
      `the values its releases layer pass ${MAX_LAYERED_NODES.toLocaleString('en-US')} nodes: the values files of this release and those after it are not read for images`,
    ])
  })

  it("a null between the user's files is a value a later file replaces, over the chart's defaults (Helm's coalesce)", () => {
    const tree = {
      'chart/values.yaml': 'sidecar:\n  image: {repository: example/side, tag: 1.0.0}\n',
      'prod.yaml': 'sidecar: null\n',
      're.yaml': 'sidecar:\n  image: {tag: 3.0.0}\n',
    }
    // The null removes the chart's sidecar; the later file's sidecar is coalesced over the chart's again.
    expect(images(tree, ['prod.yaml'], 'chart').refs).toEqual([])
    expect(images(tree, ['prod.yaml', 're.yaml'], 'chart').refs).toEqual(['example/side:3.0.0 re.yaml:2:16'])
  })
})
