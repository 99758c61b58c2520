import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {isMap, isNode, isScalar, isSeq, type Node} from 'yaml'
import {describe, expect, it} from 'vitest'
import {shippedPath} from './package-root.js'
import {parseText, parseYamlTree, preparseYamlText, type YamlPath, type YamlTree} from './yaml-file.js'
import {
  answeredFromTable,
  PREPARSED_FILE,
  type PreparsedTable,
  preparsedTree,
  textHash,
  treeOf,
} from './yaml-preparsed.js'

const rules = shippedPath('rules')
const shipped = readdirSync(rules, {recursive: true, encoding: 'utf8'})
  .filter((name) => /\.ya?ml$/i.test(name))
  .sort()
  .map((name) => ({name, text: readFileSync(join(rules, name), 'utf8')}))

/** Every path a rule, an entity or a problem could ask about: each node's, each key's, and some that do not exist. */
function questions(root: unknown): Array<{path: YamlPath; key?: string}> {
  const out: Array<{path: YamlPath; key?: string}> = [{path: []}, {path: ['no-such-key', 0]}]
  const visit = (node: Node | null | undefined, path: YamlPath) => {
    if (!isNode(node)) return
    out.push({path}, {path: [...path, 'no-such-key']}, {path: [...path, 99_999]}, {path, key: 'no-such-key'})
    if (isMap(node))
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue
        const name = String(pair.key.value)
        out.push({path, key: name}, {path: [...path, name]})
        // zod paths hold strings; a numeric key may also come as a number.
        if (/^\d+$/.test(name)) out.push({path: [...path, Number(name)]})
        visit(pair.value as Node, [...path, name])
      }
    if (isSeq(node))
      node.items.forEach((item, i) => {
        // A sequence is stepped into by a number only: the text of one finds nothing.
        out.push({path: [...path, i], key: 'id'}, {path: [...path, String(i)]})
        visit(item as Node, [...path, i])
      })
  }
  visit(root as Node, [])
  return out
}

function answers(tree: YamlTree, asked: Array<{path: YamlPath; key?: string}>) {
  return asked.map(({path, key}) => ({path, key, at: tree.positionAt(path, key), line: tree.lineAt(path)}))
}

describe('the shipped YAML parsed at build time', () => {
  it('has the value and the positions the yaml library gives, for every node, key and missing path', () => {
    expect(shipped.length).toBeGreaterThan(100)
    for (const {name, text} of shipped) {
      const parsed = parseText(text, name).tree!
      const entry = preparseYamlText(text)!
      expect([name, entry === undefined]).toEqual([name, false])
      const table = treeOf(entry, name, () => parsed)
      expect(table.value).toEqual(parsed.value)
      const real = (parsed.nodeAt([]) as Node | undefined) ?? null
      const asked = questions(real)
      expect(answers(table, asked)).toEqual(answers(parsed, asked))
    }
  })

  it('gives the first of two keys the same as text, as the library walks them (1 and "1", true and "true")', () => {
    for (const [text, key] of [
      ['1: {a: 1}\n"1": {b: 2}\n', '1'],
      ['true: {a: 1}\n"true": {b: 2}\n', 'true'],
      ['~: {a: 1}\n"null": {b: 2}\n', 'null'],
    ]) {
      const parsed = parseText(text, 'x.yaml').tree!
      const table = treeOf(preparseYamlText(text)!, 'x.yaml', () => parsed)
      // The second pair's `b` is not where the library looks: it stays in the first pair's mapping.
      const asked = [...questions(parsed.nodeAt([])), {path: [key, 'b']}, {path: [key], key: 'b'}]
      expect(answers(table, asked)).toEqual(answers(parsed, asked))
    }
  })

  it('parses a shipped file when a syntax node is asked for (a problem inside a rule expression), once', () => {
    const rule = shipped.find(
      ({name}) => name.startsWith('packs/default/') && name.endsWith('.yaml') && !name.endsWith('pack.yaml'),
    )!
    const real = parseText(rule.text, rule.name).tree!
    let parses = 0
    const tree = treeOf(preparseYamlText(rule.text)!, rule.name, () => {
      parses++
      return parseText(rule.text, rule.name).tree
    })
    expect(parses).toBe(0)
    const path = ['condition']
    expect(real.nodeAt(path)?.range).toBeDefined()
    expect(tree.nodeAt(path)?.range).toEqual(real.nodeAt(path)?.range)
    expect(tree.nodeAt(['message'])?.range).toEqual(real.nodeAt(['message'])?.range)
    expect(parses).toBe(1)
  })

  it('gives each use its own copy of the value', () => {
    const entry = preparseYamlText('a:\n  - 1\n')!
    const first = treeOf(entry, 'x.yaml', () => undefined).value as {a: number[]}
    first.a.push(2)
    expect(treeOf(entry, 'x.yaml', () => undefined).value).toEqual({a: [1]})
  })

  it('leaves out a file with problems, or a value JSON would change', () => {
    expect(preparseYamlText('a: 1\na: 2\n')).toBeUndefined()
    expect(preparseYamlText('a: [1\n')).toBeUndefined()
    expect(preparseYamlText('a: .inf\n')).toBeUndefined()
    expect(preparseYamlText('a: -0\n')).toBeUndefined()
  })

  const built = shippedPath(...PREPARSED_FILE)
  // Skipped only outside CI, when dist/ has not been built (npm test builds first).
  it.runIf(existsSync(built) || Boolean(process.env.CI))(
    'is in the build (dist/) for every shipped file, and used for them',
    () => {
      const table = JSON.parse(readFileSync(built, 'utf8')) as PreparsedTable
      for (const {name, text} of shipped) {
        expect([name, table.entries[textHash(text)]]).toEqual([name, preparseYamlText(text)])
        // The lookup parseYamlTree makes first finds it, for the file as shownPath shows it; the same text in a
        // user's file is not looked up.
        expect([name, preparsedTree(text, `rules/${name}`, () => undefined) !== undefined]).toEqual([name, true])
        expect(preparsedTree(text, join('/home/me', name), () => undefined)).toBeUndefined()
        // parseYamlTree answers from it; the same text in a user's file is parsed.
        const before = answeredFromTable()
        expect(parseYamlTree(text, `rules/${name}`).tree?.value).toEqual(parseText(text, name).tree?.value)
        expect([name, answeredFromTable()]).toEqual([name, before + 1])
        parseYamlTree(text, join('/home/me', name))
        expect([name, answeredFromTable()]).toEqual([name, before + 1])
      }
      // A text the table does not hold is parsed, problems and all.
      expect(parseYamlTree('a: 1\na: 2\n', 'user.yaml').problems).toHaveLength(1)
    },
  )
})
