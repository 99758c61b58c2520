import {describe, expect, it} from 'vitest'
import {elide} from '../core/elide.js'
import {parseImageRef} from '../core/image-ref.js'
import {isBuiltImage} from './built-images.js'
import {emptyOutput} from './output.js'
import {applySetValues, parseSetArgument, type SetValue, setValueImages} from './set-values.js'
import {readYaml} from './yaml.js'
import {isMap, toPlain, type YamlScalar} from './yaml-tree.js'

/** `--set` pairs as Tilt's `flags=['--set=k=v', …]` writes them: all on line 3, one column each. */
function pairs(...written: string[]): SetValue[] {
  return written.map((pair, i) => {
    const eq = pair.indexOf('=')
    const value: YamlScalar = {type: 'scalar', kind: 'string', text: pair.slice(eq + 1), line: 3, column: 10 + i * 40}
    return {key: pair.slice(0, eq), value}
  })
}

function read(set: SetValue[], built: string[] = ['myapp']) {
  const out = emptyOutput()
  // As builtNames keeps them: as written and normalised (`docker.io/library/myapp`).
  const names = new Set(
    built.flatMap((image) => {
      const parsed = parseImageRef(image)
      return parsed.ok ? [image, parsed.image.name] : [image]
    }),
  )
  setValueImages(
    set,
    {line: 3, column: 1},
    {
      file: 'Tiltfile',
      out,
      label: "helm_resource('x')",
      isOwn: (ref) => isBuiltImage(ref, names),
    },
  )
  return {
    components: out.components.map((c) => `${c.locations[0].line}:${c.locations[0].column} ${c.ref}`),
    skipped: out.skipped.map((s) => `${s.file}:${s.line} ${s.reason} ${s.message}`),
    errors: out.errors,
  }
}

describe('setValueImages', () => {
  it('drops only the own image, not the other images and skips set on the same line', () => {
    expect(read(pairs('image=myapp:dev', 'side.image.repository=quay.io/evil/thing'))).toEqual({
      components: [],
      skipped: [
        "Tiltfile:3 unresolved-version image quay.io/evil/thing has no tag or digest here and helm_resource('x'): the appVersion of the chart, which it would take, is not in this file",
      ],
      errors: [],
    })
    expect(read(pairs('image.repository=myapp', 'side.image=quay.io/evil/thing:1.0'))).toEqual({
      components: ['3:50 quay.io/evil/thing:1.0'],
      skipped: [],
      errors: [],
    })
  })

  it('reports no missing tag for an untagged own image, with or without a registry key', () => {
    expect(read(pairs('image.repository=myapp'))).toEqual({components: [], skipped: [], errors: []})
    expect(read(pairs('image.registry=ghcr.io', 'image.repository=org/app'), ['ghcr.io/org/app'])).toEqual({
      components: [],
      skipped: [],
      errors: [],
    })
    expect(read(pairs('cache.repository=myapp', 'cache.tag='))).toEqual({components: [], skipped: [], errors: []})
  })

  it('reads list indexes and escapes of keys as Helm does, and reports a key it does not read', () => {
    const long = `a.${'b'.repeat(4100)}`
    expect(
      read(
        pairs(
          'sidecars[0].image=quay.io/x/side:1',
          'containers[1].image.repository=quay.io/x/c',
          'containers[1].image.tag=2',
          'grid[0][1].image=quay.io/x/grid:3',
          'kubernetes\\.io/os.image=quay.io/x/esc:4',
          'images[x].image=quay.io/x/bad:1',
          'a[5000].image=quay.io/x/big:1',
          'a..image=quay.io/x/empty:1',
          '[0].image=quay.io/x/noname:1',
          'a[0]b.image=quay.io/x/run:1',
          'trail\\=x',
          `${long}=x`,
        ),
      ),
    ).toEqual({
      components: ['3:10 quay.io/x/side:1', '3:50 quay.io/x/c:2', '3:130 quay.io/x/grid:3', '3:170 quay.io/x/esc:4'],
      skipped: [
        'Tiltfile:3 unsupported helm_resource(\'x\'): value key "images[x].image" has a list index that is not a number: not read',
        'Tiltfile:3 unsupported helm_resource(\'x\'): value key "a[5000].image" has a list index over 1000: not read',
        'Tiltfile:3 unsupported helm_resource(\'x\'): value key "a..image" has an empty key: not read',
        'Tiltfile:3 unsupported helm_resource(\'x\'): value key "[0].image" has a list index with no key before it: not read',
        'Tiltfile:3 unsupported helm_resource(\'x\'): value key "a[0]b.image" has a key run into a list index: not read',
        'Tiltfile:3 unsupported helm_resource(\'x\'): value key "trail\\" ends with an escape: not read',
        `Tiltfile:3 unsupported helm_resource('x'): value key "${elide(long, 200)}" is longer than 4096 characters: not read`,
      ],
      errors: [],
    })
  })

  it('reads a long key of brackets and escapes in one pass (a regression shows as the timeout)', () => {
    const {skipped, components} = read(
      pairs(`a${'[0]'.repeat(1000)}=x`, `${'\\.'.repeat(2000)}=x`, `a${'['.repeat(4000)}=x`),
    )
    expect(components).toEqual([])
    expect(skipped.map((s) => s.replace(/"[^"]*"/, 'KEY'))).toEqual([
      // 1,000 indexes; 2,000 escaped dots are one key of dots (applied: no image); 4,000 `[` no index.
      `Tiltfile:3 unsupported helm_resource('x'): value key KEY is more than 64 keys deep: not read`,
      `Tiltfile:3 unsupported helm_resource('x'): value key KEY has a list index that is not a number: not read`,
    ])
  })

  it("takes a hub before a built name as another registry's image, not the project's own", () => {
    const {components, skipped} = read(pairs('hub=quay.io/other', 'image=myapp', 'tag=1.0'))
    expect(components).toEqual(['3:50 quay.io/other/myapp:1.0'])
    expect(skipped).toEqual([])
    expect(read(pairs('image=myapp', 'tag=1.0')).components).toEqual([])
  })

  it('pads lists to at most 10,000 items for one chart, the keys past it reported (75,000 keys ran out of memory)', () => {
    const keys = Array.from({length: 30}, (_, i) => `k${i}[999]=x`)
    const {skipped} = read(pairs(...keys, 'image=registry.example.com/proxy:1.0'))
    expect(skipped).toHaveLength(20)
    expect(skipped[0]).toBe(
      `Tiltfile:3 unsupported helm_resource('x'): value key "k10[999]" sets list items past the 10,000 read of one chart's values: not read`,
    )
    expect(read(pairs(...keys.slice(0, 10), 'image=registry.example.com/proxy:1.0')).components).toEqual([
      '3:410 registry.example.com/proxy:1.0',
    ])
  })

  it('splits a --set argument as Helm does: at unescaped commas and the first unescaped =, the value unescaped', () => {
    const read = parseSetArgument('a\\.b=x\\,y, c = null ,=nokey,bare,d=e=f', {line: 4, column: 7})
    expect(read.map(({key, value}) => [key, value.type === 'scalar' ? `${value.kind} ${value.text}` : ''])).toEqual([
      ['a\\.b', 'string x,y'],
      ['c', 'string  null '],
      ['d', 'string e=f'],
    ])
    expect(parseSetArgument('x=null', {line: 4, column: 7})).toEqual([
      {key: 'x', value: {type: 'scalar', kind: 'null', text: 'null', line: 4, column: 7}},
    ])
  })

  it('sets pairs over a base it does not change, and hands back the keys it does not apply with why', () => {
    const root = readYaml('image: {repository: acme/web, tag: "1"}\nlist: [a, b]\n', 'values.yaml').documents[0].root
    if (!isMap(root)) throw new Error('not a mapping')
    const refused: string[] = []
    const values = applySetValues(root, pairs('image.tag=2', 'list[1]=c', 'a..b=x'), {line: 1, column: 1}, (p, why) =>
      refused.push(`${p.key} ${why}`),
    )
    expect(values && toPlain(values)).toEqual({image: {repository: 'acme/web', tag: '2'}, list: ['a', 'c']})
    expect(toPlain(root)).toEqual({image: {repository: 'acme/web', tag: '1'}, list: ['a', 'b']})
    expect(refused).toEqual(['a..b has an empty key'])
    expect(applySetValues(undefined, pairs('[0]=x'), {line: 1, column: 1}, () => {})).toBeUndefined()
  })
})
