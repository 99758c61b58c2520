import {describe, expect, it} from 'vitest'
import {readYaml} from './yaml.js'
import {at, type YamlScalar} from './yaml-tree.js'

const read = (text: string) => readYaml(text, 'in.yaml')

describe('readYaml', () => {
  it('keeps scalars as source text with their kind and position', () => {
    const {documents, errors} = read('a: 1.10\nb: "1.10"\nc: ~\nd: true\ne:\n')
    expect(errors).toEqual([])
    const root = documents[0].root
    expect(at(root, 'a')).toEqual({type: 'scalar', kind: 'number', text: '1.10', line: 1, column: 4})
    expect(at(root, 'b')).toEqual({type: 'scalar', kind: 'string', text: '1.10', line: 2, column: 4})
    expect((at(root, 'c') as YamlScalar).kind).toBe('null')
    expect((at(root, 'd') as YamlScalar).kind).toBe('boolean')
    expect((at(root, 'e') as YamlScalar).kind).toBe('null')
  })

  it('applies merge keys as Kubernetes does: explicit keys win, earlier merged maps win', () => {
    const {documents, errors} = read('a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n')
    expect(errors).toEqual([])
    const c = at(documents[0].root, 'c')
    expect(['x', 'y', 'z'].map((k) => (at(c, k) as YamlScalar).text)).toEqual(['3', '1', '2'])
  })

  it('reports each broken document and still returns the others', () => {
    const {documents, errors} = read('a: 1\n---\nb: 1\nb: 2\n---\nc: [\n---\nd: 4\n')
    expect(documents.map((d) => d.index)).toEqual([0, 3])
    expect(documents[1].line).toBe(8)
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['yaml-duplicate-key', 4],
      ['yaml-syntax', 7],
    ])
    expect(errors[0].message).toBe('YAML duplicate key')
  })

  it('refuses unknown tags, unsafe keys and missing anchors, with their line', () => {
    const {errors} = read('a: !!python/object:os.system x\n---\n__proto__: {polluted: true}\n---\nb: *nowhere\n')
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['yaml-unsupported-tag', 1],
      ['yaml-unsafe-key', 3],
      ['yaml-syntax', 5],
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('accepts reused anchors in real files and refuses an alias bomb (without expanding it)', () => {
    const reuse = [
      'base: &base {image: app:1, pullPolicy: Always}',
      ...Array.from({length: 200}, (_, i) => `c${i}: *base`),
    ].join('\n')
    expect(read(reuse).errors).toEqual([])
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    const {documents, errors} = read(levels.join('\n'))
    expect(documents).toEqual([])
    expect(errors).toEqual([expect.objectContaining({file: 'in.yaml', line: 1, code: 'yaml-alias-budget'})])
  })

  it('stops after the document limit', () => {
    const text = Array.from({length: 12}, (_, i) => `n: ${i}`).join('\n---\n')
    const {documents, errors} = readYaml(text, 'many.yaml', {
      limits: {maxDocuments: 10, maxDepth: 64, minExpandedNodes: 1000, aliasFactor: 10},
    })
    expect(documents).toHaveLength(10)
    expect(errors).toEqual([
      {
        file: 'many.yaml',
        line: 21,
        column: 1,
        code: 'yaml-too-many-documents',
        message: expect.stringContaining('more than 10'),
      },
    ])
  })

  it('keeps only the top-level scalars of shallow kinds', () => {
    const {documents} = readYaml(
      'apiVersion: v1\nkind: Big\nspec: {a: 1}\n---\nkind: Small\nspec: {a: 1}\n',
      'x.yaml',
      {shallowKinds: new Set(['Big'])},
    )
    expect(documents.map((d) => [...(d.root?.type === 'map' ? d.root.entries.keys() : [])])).toEqual([
      ['apiVersion', 'kind'],
      ['kind', 'spec'],
    ])
  })

  it('refuses nesting deeper than the limit', () => {
    const {errors} = read(`${'['.repeat(300)}${']'.repeat(300)}`)
    expect(errors.map((e) => e.code)).toEqual(['yaml-too-deep'])
  })
})
