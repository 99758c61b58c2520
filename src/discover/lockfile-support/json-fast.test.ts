import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readJsonFast} from './json-fast.js'
import {
  CONSUMED,
  isJsonObject,
  type JsonDocument,
  type JsonObject,
  type JsonValue,
  type ReadJsonOptions,
  readJsonWithVisitor,
} from './json-reader.js'

const corpus = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus')
const corpusPresent = existsSync(corpus)
if (!corpusPresent)
  console.warn(`SKIPPED: ${corpus} is absent; the shared-corpus comparison of the fast JSON reader does not run`)

/** Everything a caller can observe of a read: the tree, every object's position, problems, consumed objects. */
function observe(read: (options: ReadJsonOptions) => Omit<JsonDocument, 'error'> | undefined, jsonc = false) {
  const calls: string[] = []
  const document = read({
    jsonc,
    skip(path) {
      if (path.length <= 2) calls.push(`skip ${path.join('/')}`)
      return path.at(-1) === 'hashes' || path.at(-1) === 'integrity'
    },
    consume(path, value, position) {
      calls.push(`consume ${path.join('/')} ${JSON.stringify(value)} ${position.line}:${position.column}`)
      return path.length === 2 && path[0] === 'packages'
    },
    consumeItem(path, value, position, positionOf) {
      // The objects inside an item are placed when it is offered.
      const inside = Object.values(value).filter((v): v is JsonObject => isJsonObject(v))
      const places = inside.map((v) => `${positionOf(v).line}:${positionOf(v).column}`).join(',')
      calls.push(`item ${path.join('/')} ${JSON.stringify(value)} ${position.line}:${position.column} [${places}]`)
      return path.length === 1 && path[0] === 'components'
    },
  })
  if (document === undefined) return undefined
  const positions: string[] = []
  const walk = (value: JsonValue | undefined): void => {
    // JSONC readers place arrays too (bun.lock's entries are arrays).
    if (Array.isArray(value)) {
      if (jsonc) positions.push(`[${document.positionOf(value).line}:${document.positionOf(value).column}]`)
      value.forEach(walk)
    } else if (typeof value === 'object' && value !== null) {
      const {line, column} = document.positionOf(value as JsonObject)
      positions.push(`${line}:${column}${Object.getPrototypeOf(value) === null ? '' : ' (with a prototype)'}`)
      Object.values(value).forEach(walk)
    }
  }
  walk(document.root)
  return {
    tree: JSON.stringify(document.root),
    positions: positions.join(' '),
    calls: calls.join('\n'),
    forbidden: document.forbiddenKeys,
    duplicates: document.duplicateKeys,
    top: [...document.topLevelKeys],
  }
}

function same(text: string, jsonc = false): void {
  const fast = observe((options) => readJsonFast(text, options), jsonc)
  expect(fast, 'the fast reader read it').toBeDefined()
  expect(fast).toEqual(observe((options) => readJsonWithVisitor(text, options), jsonc))
}

describe('readJsonFast', () => {
  it('reads what the visitor reads: tree, positions, pruning, consumed objects, problems', () => {
    same('{\n  "a": {"b": [1, {"c": true}]},\n  "d": null\n}')
    same('{"packages": {"": {"name": "x"}, "node_modules/a": {"version": "1.0.0", "integrity": {"x": [1]}}}}')
    same(
      '{"hashes": [{"alg": "x"}], "list": [{"hashes": "h", "n": -1.5e3}], "s": "\\u00e9\\"\\\\\\/\\n\\ud83d\\ude00"}',
    )
    same('{"__proto__": {"polluted": 1}, "ok": {"__proto__": 2, "k": 1, "k": 2}, "ok": 3}')
    same('{"integrity": 1, "integrity": 2, "x": {"integrity": {"y": 1}, "integrity": 3}}')
    same('\r\n{"a":\r\n {"b": {}},\r "c": [[], {}],\n"d": "é"}  \n')
    same('[{"a": 1}, [], {"b": {"c": {}}}, "x", 0, -0, 1e-7, true, false, null]')
    same('"just a string"')
    same(`{"deep": ${'['.repeat(150)}${']'.repeat(150)}}`)
    // Array items offered to consumeItem: those of `components` taken (CONSUMED keeps their places), others kept.
    same('{"components": [{"a": {"b": 1}}, "x", {"c": [{"d": {}}], "hashes": [{"e": 1}]}, 2],\n "other": [{"f": {}}]}')
  })

  it("drops a taken item's objects from the positions it keeps, and keeps its place in the array", () => {
    let inner: JsonObject | undefined
    const read = readJsonFast('{"components": [{"a": {"b": 1}}, "x", {"c": 2}]}', {
      consumeItem(path, value) {
        inner ??= value.a as JsonObject
        return path[0] === 'components'
      },
    })
    if (read === undefined) throw new Error('the fast reader gave up')
    const list = (read.root as JsonObject).components as JsonValue[]
    expect(list).toEqual([CONSUMED, 'x', CONSUMED])
    expect(list[0]).toBe(CONSUMED)
    // Its position left the Map with the item (the default position now), so nothing holds the item's objects.
    expect(read.positionOf(inner as JsonObject)).toEqual({line: 1, column: 1})
  })

  it("reads JSONC's trailing commas as the visitor does when asked, arrays placed, and gives up on comments", () => {
    same('{\n  "a": [1, 2,],\n  "b": {"c": [[], {},], "d": 1,},\n}\n', true)
    same(
      '{"lockfileVersion": 1, "packages": {"x": ["x@1.0.0", "", {"dependencies": {"y": "^1",},}, "sha512-z",],},}',
      true,
    )
    same('[\r\n  [1,\r\n  ],\r\n  {"integrity": [1,],},\r\n]', true)
    same('{"k": 1, "k": 2,}', true)
    // A real bun.lock (the format's fixture; source and licence in its SOURCES.md).
    same(readFileSync(join(import.meta.dirname, '..', 'formats', 'bun-lock', '__fixtures__', 'bun.lock'), 'utf8'), true)
    for (const text of [
      '{"a": 1,,}',
      '[,]',
      '{,}',
      '{"a": 1} ,',
      '{"a": 1, // x\n}',
      '{"a": [1, /* x */]}',
      '{"a": 1,',
    ])
      expect(readJsonFast(text, {jsonc: true}), text).toBeUndefined()
    // Strict JSON still refuses them.
    expect(readJsonFast('{"a": [1,],}')).toBeUndefined()
  })

  it('gives up on anything but plain valid JSON, so the visitor reports it', () => {
    for (const text of [
      '',
      '{"a": 1,}',
      '{"a": 1} x',
      '\uFEFF{"a": 1}',
      '{"a":\u00a01}',
      '{"a": 01}',
      '{"a": 1.}',
      '{"a": "tab\there"}',
      '{"a": "\\x"}',
      '{"a": tru}',
      '{"a": 1 // comment\n}',
      `${'['.repeat(500)}${']'.repeat(500)}`,
    ])
      expect(readJsonFast(text), text.slice(0, 40)).toBeUndefined()
  })

  it.skipIf(!corpusPresent)('reads the JSON lockfiles and SBOMs of the shared corpus as the visitor does', () => {
    const files: string[] = []
    const list = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) list(path)
        else if (name.endsWith('.json')) files.push(path)
      }
    }
    list(corpus)
    expect(files.length).toBeGreaterThan(5)
    for (const file of files) same(readFileSync(file, 'utf8'))
  })
})
