import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {fastTree} from './yaml-fast.js'
import {readYaml} from './yaml.js'
import {splitDocuments} from './yaml-split.js'

/** Trees as JSON (mappings as objects), to compare whole trees. */
const json = (value: unknown) => JSON.stringify(value, (_key, v) => (v instanceof Map ? Object.fromEntries(v) : v))

/** The tree of each document from js-yaml, next to the one the `yaml` library gives (`parser: 'yaml'`). */
function both(text: string): Array<{fast: string | undefined; library: string}> {
  return [...splitDocuments(text)].map((part) => {
    const source = text.slice(part.start, part.end)
    const library = readYaml(source, 'x.yaml', {parser: 'yaml'})
    const fast = fastTree(source, 0, 256)
    return {fast: fast && json(fast.root), library: json(library.documents[0]?.root ?? null)}
  })
}

describe('fastTree', () => {
  it('gives the tree the yaml library gives: positions, kinds, source text of plain scalars', () => {
    const text = [
      'a: 1.10',
      'b: "1.10"',
      "c: 'x'",
      'd:',
      'e: ~',
      'f: [1, two, {g: 0o17}, .inf, -.5e3, 0x1F, True, NULL]',
      'h:   # comment',
      '  # more',
      '  nested: plain text  # trailing',
      'i: |',
      '  block',
      'j: >-',
      '  folded',
      '  text',
      'k: !!str 12',
      'l:',
      '- one',
      '- - two',
      '  - three',
      '- key: value',
      '  other:',
      '"quoted key": 1',
      '~: null key',
      '1: number key',
      'm: multi',
      '  line plain',
      'n: {x: [a, b], "y": c}',
      '',
    ].join('\n')
    for (const {fast, library} of both(text)) expect(fast).toBe(library)
  })

  it('keeps the lines of a document after `---`, with CRLF line ends and tabs after values', () => {
    const text = '# head\n---\r\napiVersion: v1\r\nkind: Pod\r\nspec:\r\n  containers:\r\n  - image: app:1\t\r\n'
    for (const {fast, library} of both(text)) expect(fast).toBe(library)
  })

  it('reads a document written in flow style, as `kubectl` examples are (trailing commas, comments)', () => {
    for (const text of [
      '{a: 1, b: x}\n',
      '---\n{\n  apiVersion: "v1",\n  kind: "Pod",\n  spec: {\n    # init\n    containers: [{\n      image: "app:1",\n    }],\n  },\n}\n',
      '[1, {a: b}, [c,],]\n',
      'key:\n  {a: 1}\n',
      '- {a: 1}\n- [b]\n',
    ])
      for (const {fast, library} of both(text)) {
        expect(fast, text).toBeDefined()
        expect(fast, text).toBe(library)
      }
  })

  it('places an empty document where the yaml library places it', () => {
    for (const text of ['---\n', '--- \n', '---', '--- # c\n', '# head\n\n---\n# only\n'])
      for (const {fast, library} of both(text)) expect(fast, JSON.stringify(text)).toBe(library)
  })

  it('notes mapping keys that are collections and leaves them out', () => {
    const result = fastTree('? [a, b]\n: 1\nc: 2\n', 4, 256)
    expect(result?.complexKeyLines).toEqual([5])
    expect(json(result?.root)).toBe(
      '{"type":"map","line":5,"column":1,"entries":{"c":{"type":"scalar","line":7,"column":4,"kind":"number","text":"2"}}}',
    )
  })

  it('leaves to the yaml library what it does not read the same way', () => {
    for (const text of [
      'a: &x 1\nb: *x\n', // anchors and aliases
      '<<: {a: 1}\nb: 2\n', // merge keys
      'a: {b}\n', // a flow key without a value
      'plan: [get: repo, task: unit]\n', // a flow sequence of pairs (Concourse's plans), which js-yaml composes no node for
      'a: 1\na: 2\n', // duplicate keys
      'a: !!python/object x\n', // unknown tags
      'a: [\n', // syntax
      `${'['.repeat(300)}${']'.repeat(300)}\n`, // deeper than the limit
    ])
      expect(fastTree(text, 0, 256), text).toBeUndefined()
  })

  const corpus = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'k8s')
  if (!existsSync(corpus))
    console.warn(`SKIPPED: ${corpus} is absent; the comparison of fastTree and the yaml library on it does not run`)
  it.skipIf(!existsSync(corpus))(
    'gives the same trees as the yaml library for every document of ../shared/corpus/k8s',
    () => {
      const files = readdirSync(corpus, {recursive: true, withFileTypes: true}).filter((entry) => entry.isFile())
      let compared = 0
      for (const entry of files) {
        for (const {fast, library} of both(readFileSync(join(entry.parentPath, entry.name), 'utf8'))) {
          if (fast === undefined) continue
          expect(fast, entry.name).toBe(library)
          compared++
        }
      }
      expect(compared).toBeGreaterThan(250)
    },
  )
})
