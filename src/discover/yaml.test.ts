import {describe, expect, it} from 'vitest'
import {DEFAULT_YAML_LIMITS, readYaml} from './yaml.js'
import {at, type YamlMap, type YamlScalar} from './yaml-tree.js'

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

  it('splices a merged list into a list when asked (mergeSequences, as Woodpecker reads YAML); refuses it otherwise', () => {
    const text = 'paths: &p [a, b]\nwhen:\n  path:\n    - <<: *p\n    - c\n    - <<: {x: 1}\n'
    const merged = readYaml(text, 'w.yaml', {mergeSequences: true})
    expect(merged.errors).toEqual([])
    const items = at(merged.documents[0].root, 'when', 'path')
    expect(items?.type === 'seq' && items.items.map((i) => (i.type === 'scalar' ? i.text : i.type))).toEqual([
      'a',
      'b',
      'c',
      // A merge of a mapping is the mapping's merge, as YAML has it.
      'map',
    ])
    expect(readYaml(text, 'w.yaml').errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
      '4:11 YAML merge key (<<) needs a mapping or a list of mappings',
    ])
  })

  it('reports each broken document and still returns the others; a duplicate key keeps its last value', () => {
    const {documents, errors} = read('a: 1\n---\nb: 1\nb: 2\n---\nc: [\n---\nd: 4\n')
    expect(documents.map((d) => d.index)).toEqual([0, 1, 3])
    expect(at(documents[1].root, 'b')).toMatchObject({text: '2', line: 4})
    expect(documents[2].line).toBe(8)
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['yaml-duplicate-key', 4],
      ['yaml-syntax', 7],
    ])
    expect(errors[0].message).toBe("YAML duplicate key 'b' (the last value is used)")
  })

  it('refuses unknown tags and missing anchors, with their line; reports __proto__ keys and keeps the rest', () => {
    const {documents, errors} = read(
      'a: !!python/object:os.system x\n---\n__proto__: {polluted: true}\nimage: app:1\n---\nb: *nowhere\n',
    )
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['yaml-unsupported-tag', 1],
      ['forbidden-key', 3],
      ['yaml-syntax', 6],
    ])
    expect(errors[1].message).toBe("forbidden key '__proto__' ignored")
    expect(documents.map((d) => d.index)).toEqual([1])
    expect(at(documents[0].root, 'image')).toMatchObject({text: 'app:1', line: 4})
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

  it('composes without stack traces (an Error per problem), and gives the process its own limit back', () => {
    // The limit is watched through an accessor: set to 0 while the library composes, then back to what it was.
    const original = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')!
    let value = Error.stackTraceLimit
    const set: number[] = []
    Object.defineProperty(Error, 'stackTraceLimit', {
      configurable: true,
      get: () => value,
      set: (next: number) => {
        set.push(next)
        value = next
      },
    })
    try {
      const {errors} = read('a: 1\na: 2\n---\nb: [\n')
      expect(errors.map((e) => e.code)).toEqual(['yaml-duplicate-key', 'yaml-syntax'])
    } finally {
      Object.defineProperty(Error, 'stackTraceLimit', original)
    }
    expect(set).toContain(0)
    expect(set.at(-1)).toBe(original.value)
  })

  it('resolves each alias to the last anchor of its name before it, in one walk of the document', () => {
    const {documents, errors} = read('a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: [&y 3, *y]\nf: *y\n')
    expect(errors).toEqual([])
    expect(['b', 'd', 'f'].map((key) => (at(documents[0].root, key) as {text: string}).text)).toEqual(['1', '2', '3'])
    // A scalar is located where its alias uses it; a collection where it is written (it is shared, not copied).
    expect(['a', 'b', 'd', 'f'].map((key) => at(documents[0].root, key))).toMatchObject([
      {line: 1, column: 7},
      {line: 2, column: 4},
      {line: 4, column: 4},
      {line: 6, column: 4},
    ])
    const shared = read('a: &m {image: x:1}\nb: *m\n').documents[0].root
    expect(at(shared, 'b')).toBe(at(shared, 'a'))
    // 50,000 aliases of one anchor: each alias walked the document from its start (minutes; the test's timeout).
    const many = read(`a: &a x\nl:\n${'- *a\n'.repeat(50_000)}`)
    expect(many.errors).toEqual([])
    expect(many.documents).toHaveLength(1)
  })

  it('locates a mapping taken through an alias at the alias when asked (locateAliasedMaps), its entries shared', () => {
    const text = 'a: &m {image: x:1}\nb: *m\nc: [*m]\nd: &l [1]\ne: *l\n'
    const before = read(text).documents[0].root
    expect(at(before, 'b')).toBe(at(before, 'a'))
    const root = readYaml(text, 'in.yaml', {locateAliasedMaps: true}).documents[0].root
    expect([at(root, 'a'), at(root, 'b'), at(root, 'c', 0)]).toMatchObject([
      {line: 1, column: 7},
      {line: 2, column: 4},
      {line: 3, column: 5},
    ])
    expect(at(root, 'b')).not.toBe(at(root, 'a'))
    expect((at(root, 'b') as YamlMap).entries).toBe((at(root, 'a') as YamlMap).entries)
    expect(at(root, 'b', 'image')).toBe(at(root, 'a', 'image'))
    // a list stays shared, where it is written
    expect(at(root, 'e')).toBe(at(root, 'd'))
  })

  it('measures mappings located at their aliases once: reuse is read, a mapping alias bomb refused at once', () => {
    const options = {locateAliasedMaps: true}
    // Each alias a mapping of its own, at its line, sharing the entries (the time is bench/hostile.ts's).
    const reuse = ['base: &base {image: app:1}', ...Array.from({length: 5_000}, (_, i) => `c${i}: *base`)].join('\n')
    const reused = readYaml(reuse, 'in.yaml', options)
    expect(reused.errors).toEqual([])
    const root = reused.documents[0].root as YamlMap
    expect(root.entries.size).toBe(5_001)
    expect(at(root, 'c4999')).toMatchObject({type: 'map', line: 5001, column: 8})
    expect(at(root, 'c4999', 'image')).toMatchObject({text: 'app:1'})
    const levels = ['a: &a {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol}']
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} {${Array.from({length: 9}, (_, k) => `k${k}: *${prev}`).join(', ')}}`)
    }
    const {documents, errors} = readYaml(levels.join('\n'), 'in.yaml', options)
    expect(documents).toEqual([])
    expect(errors).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'yaml-alias-budget',
        message: 'YAML aliases expand this document beyond 100000 nodes (an alias bomb?); the document is not read',
      }),
    ])
  })

  it('keeps a !!binary scalar as written when asked (keepBinary), tagged; otherwise as before', () => {
    const text = 'a: !!binary ZXhh\nb: !!binary |\n  ZX\n  hh\nc: !!str ZXhh\n'
    const kept = readYaml(text, 'in.yaml', {keepBinary: true}).documents[0].root
    expect(['a', 'b', 'c'].map((key) => at(kept, key))).toEqual([
      {type: 'scalar', kind: 'other', text: 'ZXhh', tag: '!!binary', line: 1, column: 13},
      {type: 'scalar', kind: 'other', text: 'ZX\nhh\n', tag: '!!binary', line: 2, column: 13},
      {type: 'scalar', kind: 'string', text: 'ZXhh', line: 5, column: 10},
    ])
    const plain = read(text).documents[0].root
    expect(['a', 'b'].map((key) => at(plain, key))).toMatchObject([
      {kind: 'other', text: 'ZXhh'},
      {kind: 'other', text: 'exa'},
    ])
    expect(at(plain, 'a')).not.toHaveProperty('tag')
  })

  it('reads a !!binary key as the text it encodes, as Go readers do, in every style; a key Go refuses is an error', () => {
    // aW1hZ2U= is `image`: read as its base64, the key hid what Kubernetes and Compose take it for.
    const text = [
      '!!binary aW1hZ2U=: a',
      '!!binary "bmFtZQ==": b',
      '? !!binary |',
      '  a2lu',
      '  ZA==',
      ': c',
      '!!binary aW1hZ2U: d',
      '!!binary //79: e',
      'other: f',
      '',
    ].join('\n')
    const {documents, errors} = read(text)
    const root = documents[0].root as YamlMap
    expect([...root.entries.keys()]).toEqual(['image', 'name', 'kind', 'other'])
    expect(['image', 'name', 'kind'].map((key) => (at(root, key) as YamlScalar).text)).toEqual(['a', 'b', 'c'])
    expect(errors.map((e) => [e.line, e.code, e.message])).toEqual([
      [7, 'yaml-syntax', '!!binary key is not base64: its value is not read'],
      [8, 'yaml-syntax', '!!binary key decodes to bytes that are not UTF-8 text: its value is not read'],
    ])
  })

  it('reads every document of a long stream, one at a time, with its own line', () => {
    // more than the 5,000 documents an earlier version stopped at
    const text = Array.from({length: 6_000}, (_, i) => `n: ${i}`).join('\n---\n')
    const {documents, errors} = read(text)
    expect(errors).toEqual([])
    expect(documents).toHaveLength(6_000)
    expect(documents.at(-1)).toMatchObject({index: 5_999, line: 11_999})
    expect(at(documents.at(-1)!.root, 'n')).toMatchObject({text: '5999', line: 11_999, column: 4})
  })

  it('skims the documents a caller asks for: checked by js-yaml, a plain value, no tree', () => {
    const text =
      'kind: Big\nspec: {a: 1}\n---\nkind: Big\nspec: {a: 1, a: 2}\n---\nkind: Small\n---\nkind: Big\nx: &x 1\n'
    const {documents, errors} = readYaml(text, 'x.yaml', {skim: (source) => source.includes('Big')})
    expect(documents.map((d) => [d.index, d.line, d.root === null, d.plain])).toEqual([
      [0, 1, true, {kind: 'Big', spec: {a: 1}}],
      // js-yaml refuses it: read again with positions, its problem told by the yaml library
      [1, 4, false, undefined],
      [2, 7, false, undefined],
      // anchors are never skimmed: their aliases are measured on the tree
      [3, 9, false, undefined],
    ])
    expect(errors).toEqual([
      {
        file: 'x.yaml',
        line: 5,
        column: 14,
        code: 'yaml-duplicate-key',
        message: "YAML duplicate key 'a' (the last value is used)",
      },
    ])
    const again = readYaml(text, 'x.yaml', {
      skim: () => true,
      needsTree: (plain) => (plain as {kind: string}).kind === 'Small',
    })
    expect(again.documents.map((d) => d.root === null)).toEqual([true, false, false, false])
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

  it('reads at most maxDocuments documents of a file, and says the rest is not read', () => {
    const limits = {...DEFAULT_YAML_LIMITS, maxDocuments: 3}
    const {documents, errors} = readYaml('a: 1\n---\n---\nb: 2\n---\nc: 3\n', 'in.yaml', {limits})
    expect(documents.map((document) => document.index)).toEqual([0, 1, 2])
    expect(errors).toEqual([
      {
        file: 'in.yaml',
        line: 6,
        code: 'yaml-too-many-documents',
        message: 'more than 3 YAML documents in one file; the rest of the file is not read',
      },
    ])
  })

  it('stops at 100,000 documents: a stream of millions of `---` lines is not held in memory', () => {
    const {documents, errors} = read('---\n'.repeat(100_001))
    expect(documents).toHaveLength(100_000)
    expect(errors.map((e) => [e.code, e.line])).toEqual([['yaml-too-many-documents', 100_001]])
  })

  it('builds no tree for a document over maxTreeBytes (about 30 bytes of memory each): it is reported, the others are read', () => {
    const limits = {...DEFAULT_YAML_LIMITS, maxTreeBytes: 40}
    const text = 'a: 1\n---\nsteps:\n  - uses: actions/checkout@v4\n    with: {fetch-depth: 0}\n---\nb: 2\n'
    const {documents, errors} = readYaml(text, 'ci.yml', {limits})
    expect(documents.map((d) => [d.index, d.line])).toEqual([
      [0, 1],
      [2, 7],
    ])
    expect(errors).toEqual([
      {
        file: 'ci.yml',
        line: 2,
        code: 'yaml-document-too-large',
        message:
          'a YAML document of 68 characters is over the 40-character limit of a document read with positions (about 30 bytes of memory for each), and is not read',
      },
    ])
    // Under the default limit the same stream is read whole.
    expect(readYaml(text, 'ci.yml').documents).toHaveLength(3)
  })

  it('does not give a document over maxLibraryBytes to the `yaml` library: js-yaml tells its problem, at its place', () => {
    const limits = {...DEFAULT_YAML_LIMITS, maxLibraryBytes: 40}
    const text =
      'data:\n  key1: value\n  key2: value\n  key1: again\n---\nx: &a [1]\ny: *a\nz: 1234567890123456789012\n---\nok: {a: 1}\nbad: [\n'
    const {documents, errors} = readYaml(text, 'in.yaml', {limits})
    expect(documents).toEqual([])
    expect(errors).toEqual([
      {
        file: 'in.yaml',
        line: 4,
        column: 3,
        code: 'yaml-duplicate-key',
        message:
          'YAML duplicate key; the document (48 characters) is over the 40-character limit of a document with a problem, and is not read',
      },
      expect.objectContaining({line: 5, code: 'yaml-document-too-large'}),
      expect.objectContaining({line: 12, code: 'yaml-syntax'}),
    ])
    // The same documents under the limit: read by the library, the duplicate key's last value kept.
    const small = readYaml(text, 'in.yaml')
    expect(small.documents).toHaveLength(2)
    expect(small.errors.map((e) => [e.code, e.line])).toEqual([
      ['yaml-duplicate-key', 4],
      ['yaml-syntax', 12],
    ])
  })

  it('refuses a document nested as a bomb before the `yaml` library builds it', () => {
    const {documents, errors} = read(`a: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n---\nb: 1\n`)
    expect(errors).toEqual([
      {file: 'in.yaml', line: 1, code: 'yaml-too-deep', message: 'YAML nested deeper than 256 levels'},
    ])
    expect(documents.map((document) => document.index)).toEqual([1])
  })

  it('measures the nesting of a document with standard tags without refusing them (`!!int` is not unknown)', () => {
    const lines = Array.from({length: 1_100}, (_, i) => `  k${i}: {a: 1}`).join('\n')
    const {documents, errors} = read(`base: &b {x: 1}\nuse: *b\nport: !!int 8080\nmap:\n${lines}\n`)
    expect(errors).toEqual([])
    expect(documents).toHaveLength(1)
  })

  it('reads local tags a caller accepts (`!reference`) as untagged nodes with `tag`, by both parsers', () => {
    const localTags = new Set(['!reference'])
    const text = 'job:\n  image: !reference [.base, image]\n  name: !reference x\n  map: !reference {a: 1}\n'
    const fast = readYaml(text, 'in.yaml', {localTags})
    expect(fast.errors).toEqual([])
    expect(at(fast.documents[0].root, 'job', 'image')).toMatchObject({type: 'seq', tag: '!reference', line: 2})
    expect(at(fast.documents[0].root, 'job', 'image', 1)).toMatchObject({text: 'image', column: 29})
    expect(at(fast.documents[0].root, 'job', 'name')).toMatchObject({kind: 'string', text: 'x', tag: '!reference'})
    expect(at(fast.documents[0].root, 'job', 'map')).toMatchObject({type: 'map', tag: '!reference'})
    expect(readYaml(text, 'in.yaml', {localTags, parser: 'yaml'})).toEqual(fast)
    // With anchors (the library reads it), and past the flow-collection count that makes the depth probe run.
    const long = `a: &a {x: 1}\nb: *a\n${text}${Array.from({length: 1_100}, (_, i) => `k${i}: [1]`).join('\n')}\n`
    const library = readYaml(long, 'in.yaml', {localTags})
    expect(library.errors).toEqual([])
    expect(at(library.documents[0].root, 'job', 'image')).toMatchObject({type: 'seq', tag: '!reference', line: 4})
    // Without the option, or another tag: refused as before.
    expect(read(text).errors.map((e) => [e.code, e.line])).toEqual([
      ['yaml-unsupported-tag', 2],
      ['yaml-unsupported-tag', 3],
      ['yaml-unsupported-tag', 4],
    ])
    expect(readYaml('a: !custom x\n', 'in.yaml', {localTags}).errors[0].code).toBe('yaml-unsupported-tag')
  })

  it('keeps unknown tags quietly when asked, as go-yaml reads them: a scalar its text, a collection itself', () => {
    const text =
      'a: !Ref Bucket\nb: !Sub [x, {y: 1}]\nc: !vault |\n  $ANSIBLE_VAULT;1.1\nd: !<!binary> aGk=\ne: !foo 1.10\nf: !foo\ng: !!python/str 5\n'
    const quiet = readYaml(text, 'in.yaml', {keepUnknownTags: 'quietly'})
    expect(quiet.errors).toEqual([])
    const root = quiet.documents[0].root
    expect(at(root, 'a')).toEqual({type: 'scalar', kind: 'string', text: 'Bucket', line: 1, column: 9})
    expect(at(root, 'b', 1, 'y')).toMatchObject({kind: 'number', text: '1', line: 2})
    expect(at(root, 'c')).toMatchObject({kind: 'string', text: '$ANSIBLE_VAULT;1.1\n'})
    expect(at(root, 'd')).toMatchObject({kind: 'string', text: 'aGk='})
    expect(at(root, 'e')).toMatchObject({kind: 'string', text: '1.10'})
    expect(at(root, 'f')).toMatchObject({kind: 'string', text: ''})
    expect(at(root, 'g')).toMatchObject({kind: 'string', text: '5'})
    // js-yaml's trees (local tags only) are the `yaml` library's.
    const local = text.split('g:')[0]
    const fast = readYaml(local, 'in.yaml', {keepUnknownTags: 'quietly'})
    expect(fast).toEqual(readYaml(local, 'in.yaml', {keepUnknownTags: 'quietly', parser: 'yaml'}))
    // Skimmed, as plain values.
    const skimmed = readYaml(local, 'in.yaml', {keepUnknownTags: 'quietly', skim: () => true})
    expect(skimmed.documents[0].plain).toEqual({
      a: 'Bucket',
      b: ['x', {y: 1}],
      c: '$ANSIBLE_VAULT;1.1\n',
      d: 'aGk=',
      e: '1.10',
      f: '',
    })
    // Past the flow-collection count that makes the depth probe run (js-yaml): not refused there either, quietly or
    // not (Compose keeps them too, and reports them).
    const long = `${text}${Array.from({length: 1_100}, (_, i) => `k${i}: [1]`).join('\n')}\n`
    expect(readYaml(long, 'in.yaml', {keepUnknownTags: 'quietly'}).errors).toEqual([])
    expect(readYaml(long, 'in.yaml', {keepUnknownTags: true}).errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'YAML Unresolved tag: !Ref'],
      [2, 'YAML Unresolved tag: !Sub'],
      [3, 'YAML Unresolved tag: !vault'],
      [5, 'YAML Unresolved tag: !binary'],
      [6, 'YAML Unresolved tag: !foo'],
      [7, 'YAML Unresolved tag: !foo'],
      [8, 'YAML Unresolved tag: tag:yaml.org,2002:python/str'],
    ])
    // Without the option: refused as before.
    expect(read(text).documents).toEqual([])
  })
})
