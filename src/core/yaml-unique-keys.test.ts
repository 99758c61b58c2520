import {Composer, LineCounter, Parser, parseAllDocuments, parseDocument} from 'yaml'
import {describe, expect, it} from 'vitest'
import {readYaml} from '../discover/yaml.js'
import {addDuplicateKeyErrors, duplicateKeyOffsets} from './yaml-unique-keys.js'

/** The library's own check (uniqueKeys: true) against ours (uniqueKeys: false, then addDuplicateKeyErrors). */
function both(text: string, merge = false) {
  const library = parseAllDocuments(text, {uniqueKeys: true, prettyErrors: false, merge})
  const ours = [...new Composer({uniqueKeys: false, prettyErrors: false, merge}).compose(new Parser().parse(text))]
  for (const doc of ours) addDuplicateKeyErrors(doc)
  const errors = (docs: typeof ours) =>
    docs.map((doc) => doc.errors.map(({code, message, pos}) => ({code, message, pos})))
  return {library: errors(Array.isArray(library) ? library : [library]), ours: errors(ours)}
}

describe('addDuplicateKeyErrors', () => {
  it.each([
    ['block mapping', 'a: 1\nb: 2\na: 3\nb: 4\n'],
    ['nested mappings, each checked on its own', 'a:\n  x: 1\n  x: 2\nb:\n  x: 1\na: 0\n'],
    ['flow mappings and a flow sequence of pairs', '{a: 1, b: 2, a: 3}\n---\n[a: 1, a: 2]\n---\nx: {k: 1, k: 2}\n'],
    ['keys equal by their resolved value', '1: a\n0x1: b\n~: c\nnull: d\ntrue: e\nTrue: f\n"1": g\n'],
    ['tagged and quoted keys', '!!str 1: a\n"1": b\n1: c\n\'x\': d\nx: e\n'],
    ['NaN is never equal to itself', '.nan: a\n.NaN: b\n'],
    ['complex keys: duplicates inside the key come first', '? {k: 1, k: 2}\n: a\n? {k: 1}\n: b\n[1]: c\n[1]: d\n'],
    ['aliases as keys, anchors on keys', 'a: &x k\n*x : 1\n&y k: 2\n'],
    ['a duplicate among syntax errors', 'a: 1\nb: [1, 2\na: 2\nc: }\n'],
    ['sequences of mappings', '- a: 1\n  a: 2\n- a: 1\n- {b: 1, b: 1}\n'],
  ])('reports what the library reports, in its order: %s', (_name, text) => {
    const {library, ours} = both(text)
    expect(ours).toEqual(library)
  })

  it('takes two merge keys as the library does (never equal), and merged keys are not duplicates', () => {
    const text = 'base: &b {x: 1}\nother: &o {y: 1}\nm:\n  <<: *b\n  <<: *o\n  x: 2\n  x: 3\n'
    const {library, ours} = both(text, true)
    expect(ours).toEqual(library)
    expect(ours[0].map((error) => error.pos[0])).toEqual([text.lastIndexOf('x: 3')])
  })

  it('reports an empty key written twice at the end of its `?` line (the library: at the `:` after it)', () => {
    const text = '? \n: a\n? \n: b\n'
    const {library, ours} = both(text)
    expect(library[0].map((error) => error.pos[0])).toEqual([text.lastIndexOf(':')])
    expect(ours[0].map((error) => error.pos[0])).toEqual([text.lastIndexOf('?') + 2])
  })

  it('finds duplicates nested deep in sequences', () => {
    const depth = 500
    const text = `${'['.repeat(depth)}{a: 1, a: 2}${']'.repeat(depth)}\n`
    const doc = parseDocument(text, {uniqueKeys: false})
    expect(duplicateKeyOffsets(doc.contents)).toEqual([text.indexOf('a: 2')])
  })

  it('gives the line and column of each error when given a LineCounter', () => {
    const lineCounter = new LineCounter()
    const doc = parseDocument('a: 1\nb:\n  c: 1\n  c: 2\n', {lineCounter, uniqueKeys: false})
    addDuplicateKeyErrors(doc, lineCounter)
    expect(doc.errors.map((error) => error.linePos?.[0])).toEqual([{line: 4, col: 3}])
  })

  it('reads a mapping of 150,000 keys with a duplicate in linear time (the library’s own check took minutes)', () => {
    // An anchor keeps the document away from js-yaml's fast path, so the `yaml` library reads it, through readYaml:
    // the library's own check (minutes) or a quadratic one of ours (`includes` over the keys seen: 37 s) would not end
    // within this test's 30 s; the linear check takes about 4 s (the library's parse), 15 s on a loaded machine.
    const keys = Array.from({length: 150_000}, (_, i) => `  k${i}: v\n`).join('')
    const text = `kind: ConfigMap\nmeta: &m {}\ndata:\n${keys}  k7: again\n`
    const result = readYaml(text, 'cm.yaml')
    expect(result.errors).toEqual([
      {
        file: 'cm.yaml',
        line: 150_004,
        column: 3,
        code: 'yaml-duplicate-key',
        message: "YAML duplicate key 'k7' (the last value is used)",
      },
    ])
    expect(result.documents).toHaveLength(1)
  }, 30_000)
})
