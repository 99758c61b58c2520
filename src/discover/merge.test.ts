import {describe, expect, it} from 'vitest'
import type {Component} from '../core/model.js'
import {mergeComponents} from './merge.js'

const component = (name: string, extra: Partial<Component> = {}, file = 'a.lock', line = 1): Component => ({
  kind: 'package',
  ecosystem: 'npm',
  name,
  version: '1.0.0',
  ref: `${name}@1.0.0`,
  locations: [{file, line, column: 1}],
  ...extra,
})

describe('mergeComponents', () => {
  it('sorts by name, version, digest, kind, ecosystem, ref and origin, in code-point order', () => {
    const names = ['b', 'a', 'B', 'é', 'a\u{1F600}', 'a\uFFFF', 'ab']
    const sorted = mergeComponents(names.map((name) => component(name))).map((c) => c.name)
    // U+1F600 is written with surrogates (U+D83D...), which sort before U+FFFF in UTF-16 but after it by code point.
    expect(sorted).toEqual(['B', 'a', 'ab', 'a\uFFFF', 'a\u{1F600}', 'b', 'é'])
    const withoutAstral = mergeComponents(names.slice(0, 4).map((name) => component(name))).map((c) => c.name)
    expect(withoutAstral).toEqual(['B', 'a', 'b', 'é'])
    const fields = mergeComponents([
      component('x', {origin: 'lockfile'}),
      component('x', {version: '0.9.0', ref: 'x@0.9.0'}),
      component('x', {kind: 'image', ecosystem: 'docker'}),
      component('x', {digest: 'sha256:0'}),
      component('x'),
    ])
    expect(fields.map((c) => [c.version, c.digest ?? '', c.kind, c.origin ?? ''])).toEqual([
      ['0.9.0', '', 'package', ''],
      ['1.0.0', '', 'image', ''],
      ['1.0.0', '', 'package', ''],
      ['1.0.0', '', 'package', 'lockfile'],
      ['1.0.0', 'sha256:0', 'package', ''],
    ])
  })

  it.each(['name', 'version', 'digest', 'ref', 'origin'] as const)(
    'orders by code point when only %s holds a character beyond U+FFFF',
    (field) => {
      const astral = component('x', {[field]: 'a\u{1F600}'})
      const bmp = component('x', {[field]: 'a\uFFFF'})
      expect(mergeComponents([astral, bmp]).map((c) => c[field])).toEqual(['a\uFFFF', 'a\u{1F600}'])
    },
  )

  it('merges identical components into one, with every location in file and line order', () => {
    const merged = mergeComponents([
      component('x', {}, 'b.lock', 4),
      component('x', {}, 'a.lock', 9),
      component('x', {}, 'a.lock', 2),
      component('x', {}, 'b.lock', 4),
    ])
    expect(merged).toHaveLength(1)
    expect(merged[0].locations).toEqual([
      {file: 'a.lock', line: 2, column: 1},
      {file: 'a.lock', line: 9, column: 1},
      {file: 'b.lock', line: 4, column: 1},
    ])
  })

  it('keeps components apart that differ only outside the sorted fields, ordered by their whole identity', () => {
    const merged = mergeComponents([
      component('x', {scope: 'prod'}, 'b.lock'),
      component('x', {scope: 'dev'}, 'a.lock'),
      component('x', {scope: 'dev'}, 'c.lock'),
      component('x', {purl: 'pkg:npm/x@1.0.0'}),
    ])
    // The identity is a JSON array: a field left out is `null`, which sorts after any string (`"` < `n`).
    expect(merged.map((c) => [c.scope ?? '', c.purl ?? '', c.locations.map((l) => l.file).join()])).toEqual([
      ['dev', '', 'a.lock,c.lock'],
      ['prod', '', 'b.lock'],
      ['', 'pkg:npm/x@1.0.0', 'a.lock'],
    ])
  })

  it('keeps apart components that differ in any one field of their identity', () => {
    const variants: Array<[string, Partial<Component>]> = [
      ['scope', {scope: 'dev'}],
      ['local', {local: true}],
      ['direct', {direct: false}],
      ['origin', {origin: 'lockfile'}],
      ['purl', {purl: 'pkg:npm/x@1.0.0'}],
      ['cpe', {cpe: 'cpe:2.3:a:x:x:1.0.0'}],
      ['repository', {repository: 'https://example.com/x'}],
      ['statedRepository.url', {statedRepository: {url: 'https://example.com/x', field: 'repository'}}],
      ['digest', {digest: 'sha256:0'}],
      ['ref', {ref: 'x@v1'}],
    ]
    for (const [field, extra] of variants) {
      const merged = mergeComponents([component('x', {}, 'a.lock'), component('x', extra, 'b.lock')])
      expect([field, merged.length]).toEqual([field, 2])
    }
    const fields = mergeComponents([
      component('x', {statedRepository: {url: 'https://example.com/x', field: 'repository'}}, 'a.lock'),
      component('x', {statedRepository: {url: 'https://example.com/x', field: 'homepage'}}, 'b.lock'),
    ])
    expect(fields).toHaveLength(2)
  })

  it('orders kind before ecosystem before ref, each on its own', () => {
    const order = (list: Component[]) => mergeComponents(list).map((c) => `${c.kind}/${c.ecosystem}/${c.ref}`)
    expect(order([component('x', {ecosystem: 'pypi'}), component('x', {kind: 'chart'})])).toEqual([
      'chart/npm/x@1.0.0',
      'package/pypi/x@1.0.0',
    ])
    expect(order([component('x', {ref: 'b'}), component('x', {ecosystem: 'cargo', ref: 'z'})])).toEqual([
      'package/cargo/z',
      'package/npm/b',
    ])
    expect(order([component('x', {ref: 'b'}), component('x', {ref: 'a'})])).toEqual(['package/npm/a', 'package/npm/b'])
  })
})
