import {describe, expect, it} from 'vitest'
import {CONSUMED, type JsonObject, type JsonValue, readJson, readLockfileJson} from './json-reader.js'

describe('readJson', () => {
  it('builds null-prototype objects and gives each object the position of its key', () => {
    const document = readJson('{\n  "a": {"b": [1, {"c": true}]},\n  "d": null\n}')
    const root = document.root as JsonObject
    expect(Object.getPrototypeOf(root)).toBeNull()
    expect(JSON.stringify(root)).toBe('{"a":{"b":[1,{"c":true}]},"d":null}')
    const a = root.a as JsonObject
    expect(document.positionOf(a)).toEqual({line: 2, column: 3})
    expect(document.positionOf((a.b as JsonObject[])[1])).toEqual({line: 2, column: 18})
    expect(document.topLevelKeys.get('d')).toEqual({line: 3, column: 3})
  })

  it('prunes skipped subtrees and hands consumed objects to the caller', () => {
    const taken: string[] = []
    const document = readJson('{"keep": {"x": 1, "drop": {"y": 2}}, "list": [{"z": 1}], "take": {"t": {"u": 1}}}', {
      skip: (path) => path.at(-1) === 'drop',
      consume(path, value, position) {
        if (path.length !== 2 || path[0] !== 'take') return false
        taken.push(`${path.join('/')} ${JSON.stringify(value)} ${position.column}`)
        return true
      },
    })
    expect(JSON.stringify(document.root)).toBe('{"keep":{"x":1},"list":[{"z":1}],"take":{}}')
    expect(taken).toEqual(['take/t {"u":1} 67'])
  })

  it('hands array items to consumeItem, which keeps CONSUMED in the place of those it takes, after a restart too', () => {
    const text = '{"list": [{"a": 1}, 7, {"b": {"c": 2}}], "deeper": {"list": [{"d": 1}]}}'
    for (const suffix of ['', ' // a comment the fast reader gives up on']) {
      const taken: string[] = []
      const document = readJson(`${text}${suffix}`, {
        consumeItem(path, value, position, positionOf) {
          const b = value.b as JsonObject | undefined
          taken.push(
            `${path.join('/')} ${JSON.stringify(value)} ${position.column}${b ? ` b@${positionOf(b).column}` : ''}`,
          )
          return path.length === 1
        },
        restart: () => taken.splice(0),
      })
      expect(document.error?.message ?? null, suffix).toBe(
        suffix ? 'invalid JSON: a comment, which JSON does not allow' : null,
      )
      const root = document.root as JsonObject
      expect((root.list as JsonValue[])[0]).toBe(CONSUMED)
      expect(JSON.stringify(root)).toBe('{"list":[{},7,{}],"deeper":{"list":[{"d":1}]}}')
      expect(taken).toEqual(['list {"a":1} 11', 'list {"b":{"c":2}} 24 b@25', 'deeper/list {"d":1} 62'])
    }
  })

  it('drops __proto__ keys and reports them', () => {
    const document = readJson('{"__proto__": {"polluted": 1}, "ok": {"__proto__": 2}}')
    expect(({} as {polluted?: number}).polluted).toBeUndefined()
    expect(JSON.stringify(document.root)).toBe('{"ok":{}}')
    expect(document.forbiddenKeys.map((key) => key.column)).toEqual([2, 39])
  })

  it('is strict: comments, trailing commas, trailing garbage and empty input are errors with positions', () => {
    expect(readJson('{"a": 1, // no\n}').error).toEqual({
      line: 1,
      column: 10,
      message: 'invalid JSON: a comment, which JSON does not allow',
    })
    expect(readJson('{"a": 1,}').error?.message).toBe('invalid JSON: a property name (a double-quoted string) expected')
    expect(readJson('{}\n]').error).toEqual({
      line: 2,
      column: 1,
      message: 'invalid JSON: more text after the JSON value',
    })
    expect(readJson('').error?.message).toMatch(/^invalid JSON/)
  })

  it('reads JSONC when asked (bun.lock): comments and trailing commas, arrays at the position of their key', () => {
    const text = '{\n  // a comment\n  "a": {"b": ["x", {"c": 1,},],},\n  /* another */ "d": [],\n}\n'
    const document = readJson(text, {jsonc: true})
    expect(document.error).toBeUndefined()
    const root = document.root as JsonObject
    expect(JSON.stringify(root)).toBe('{"a":{"b":["x",{"c":1}]},"d":[]}')
    expect(document.positionOf((root.a as JsonObject).b as JsonValue[])).toEqual({line: 3, column: 9})
    expect(document.positionOf(root.d as JsonValue[])).toEqual({line: 4, column: 17})
    // Still JSON otherwise: a syntax error is an error at its place.
    expect(readJson('{\n  "a": [1 2],\n}', {jsonc: true}).error).toEqual({
      line: 2,
      column: 11,
      message: 'invalid JSON: a comma expected between items',
    })
  })
})

describe('readJson on nesting', () => {
  it('stops past 1,000 levels at the container that goes past, the same place on every run', () => {
    const text = `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`
    for (let run = 0; run < 3; run++)
      expect(readJson(text).error).toEqual({
        line: 1,
        column: 1006,
        message: 'invalid JSON: nested deeper than 1000 levels',
      })
  })

  it('counts the nesting of what a caller skips unread too, and not brackets in strings or comments', () => {
    // Skipped unread, jsonc-parser still recursed through it: how deep it got depended on the stack left.
    const skipped = `{"skip": ${'['.repeat(5000)}${']'.repeat(5000)}, "keep": 1}`
    const options = {skip: (path: readonly string[]) => path[0] === 'skip', jsonc: true}
    expect(readJson(skipped, options).error).toEqual({
      line: 1,
      column: 1009,
      message: 'invalid JSON: nested deeper than 1000 levels',
    })
    const quoted = `// ${'['.repeat(2000)}\n{"a": "${'['.repeat(2000)}", /* ${'{'.repeat(2000)} */ "b": [[1]]}`
    const read = readJson(quoted, {jsonc: true})
    expect(read.error).toBeUndefined()
    expect(read.root).toEqual({a: '['.repeat(2000), b: [[1]]})
  })
})

describe('readLockfileJson', () => {
  it('turns syntax errors and non-object roots into errors naming the file, and forbidden keys into errors beside the data', () => {
    expect(readLockfileJson('x.lock', '{"a": 1,}')).toEqual({
      ok: false,
      errors: [
        {
          file: 'x.lock',
          code: 'invalid-json',
          message: 'invalid JSON: a property name (a double-quoted string) expected',
          line: 1,
          column: 9,
        },
      ],
    })
    expect(readLockfileJson('x.lock', '[1]')).toEqual({
      ok: false,
      errors: [{file: 'x.lock', code: 'invalid-lockfile', message: 'expected a JSON object', line: 1, column: 1}],
    })
    const read = readLockfileJson(
      'x.lock',
      '{\n  "__proto__": {"polluted": true},\n  "skipped": {"big": 1},\n  "kept": 1\n}',
      {skip: (path) => path[0] === 'skipped'},
    )
    if (!read.ok) throw new Error('expected a document')
    expect(JSON.stringify(read.root)).toBe('{"kept":1}')
    expect(read.errors).toEqual([
      {file: 'x.lock', code: 'forbidden-key', message: "forbidden key '__proto__' ignored", line: 2, column: 3},
    ])
    expect(read.document.topLevelKeys.get('kept')).toEqual({line: 4, column: 3})
  })
})
