import {describe, expect, it} from 'vitest'
import {hasTopLevelKey, MAX_JSON_DEPTH, readJsonTree} from './json-tree.js'
import {at, toPlain} from './yaml-tree.js'

const read = (text: string) => readJsonTree(text, 'in.json')

describe('readJsonTree', () => {
  it('builds the YAML tree shape with 1-based positions; numbers keep their source text', () => {
    const {root, errors} = read('{\n  "a": 1.10,\n  "b": "1.10",\n  "c": [true, null],\n  "d": {"e": "é"}\n}')
    expect(errors).toEqual([])
    expect(at(root, 'a')).toEqual({type: 'scalar', kind: 'number', text: '1.10', line: 2, column: 8})
    expect(at(root, 'b')).toEqual({type: 'scalar', kind: 'string', text: '1.10', line: 3, column: 8})
    expect(at(root, 'c', 0)).toEqual({type: 'scalar', kind: 'boolean', text: 'true', line: 4, column: 9})
    expect(at(root, 'c', 1)).toMatchObject({kind: 'null', line: 4, column: 15})
    expect(at(root, 'd')).toMatchObject({type: 'map', line: 5, column: 8})
    expect(at(root, 'd', 'e')).toMatchObject({kind: 'string', text: 'é', line: 5, column: 14})
  })

  it('reports invalid JSON, comments and hostile nesting with no tree, duplicate and forbidden keys beside it', () => {
    expect(read('{\n  "a": [1,\n}')).toEqual({
      root: undefined,
      errors: [expect.objectContaining({code: 'json-syntax', line: 3, column: 1})],
    })
    expect(read('// note\n{"a": 1}').errors.map((e) => e.code)).toEqual(['json-syntax'])
    expect(read('{"a": 1, "b": 2,}').errors.map((e) => e.code)).toEqual(['json-syntax'])
    // a duplicate key is an error; the last value is kept, and so is the rest of the document
    const duplicate = read('{"a": 1,\n "a": 2, "b": 3}')
    expect(duplicate.errors).toEqual([
      {file: 'in.json', line: 2, column: 2, code: 'json-duplicate-key', message: 'JSON duplicate key "a"'},
    ])
    expect(toPlain(duplicate.root!)).toEqual({a: '2', b: '3'})
    const proto = read('{"__proto__": {"polluted": true},\n "image": "app:1"}')
    expect(proto.errors).toEqual([
      {file: 'in.json', line: 1, column: 2, code: 'forbidden-key', message: "forbidden key '__proto__' ignored"},
    ])
    expect(toPlain(proto.root!)).toEqual({image: 'app:1'})
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`
    expect(read(deep).errors).toEqual([
      {
        file: 'in.json',
        line: 1,
        column: MAX_JSON_DEPTH + 1,
        code: 'json-too-deep',
        message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
      },
    ])
  })
})

describe('hasTopLevelKey', () => {
  it('finds a key of the top-level object only, wherever it stands among them', () => {
    expect(hasTopLevelKey('{"apiVersion": "v1"', 'apiVersion')).toBe(true)
    expect(hasTopLevelKey('\n  {"kind": "Pod", "metadata": {"name": "x"}, "apiVersion": "v1"}', 'apiVersion')).toBe(
      true,
    )
    // cut in the middle, as a 64 KiB head is
    expect(hasTopLevelKey('{"metadata": {"labels": {"a": "b"}}, "apiVersion": "v', 'apiVersion')).toBe(true)
    // written with escapes, as a file hiding from a cheap text search would write it
    expect(hasTopLevelKey('{"\\u0061piVersion": "v1", "kind": "Pod"}', 'apiVersion')).toBe(true)
    expect(hasTopLevelKey('{"api\\u0056ersion": "v1"}', 'apiVersion')).toBe(true)
    expect(hasTopLevelKey('{"Symfony\\\\u00": 1, "api\\u0056ersion": "v1"}', 'apiVersion')).toBe(true)
    // Backslashes that escape no letter of the key (PHP namespaces in composer.lock) are no sign of it.
    expect(hasTopLevelKey('{"autoload": {"psr-4": {"Symfony\\\\Component\\\\": "src/"}}}', 'apiVersion')).toBe(false)
  })

  it('ignores nested keys, arrays, scalars, strings that mention the key, and keys after the head', () => {
    expect(hasTopLevelKey('{"properties": {"apiVersion": {"type": "string"}}}', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey('[{"apiVersion": "v1", "kind": "Pod"}]', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey('"apiVersion"', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey('{"description": "set \\"apiVersion\\": v1"}', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey('{"a": 1} {"apiVersion": "v1"}', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey('{"data": [1, 2, 3', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey('', 'apiVersion')).toBe(false)
    expect(hasTopLevelKey(`{"a": ${'['.repeat(100_000)}`, 'apiVersion')).toBe(false)
  })
})
