/**
 * Mutated real inputs: every fixture file of the discover formats (src/discover/formats/*\/__fixtures__), cut short,
 * with a line dropped or doubled, a character put in or taken out, or a value of another kind, read as the format
 * reads it. Whatever the file now says, each format answers with components, skips or errors naming the file; none
 * throws (a format that throws is reported as `discoverer-failed`, with JavaScript's words and no line). Seeded, so a
 * failure is the same on every run; a mutation fuzz of many more (all fixtures, the corpus, ten seeds) found none.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import {dirname, join, relative} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {discoverPaths} from '../../src/discover/index.js'
import {repoRoot} from '../support/cli.js'
import {seeded} from '../support/random.js'
import {makeTree} from './tree.js'

const next = seeded(20261206)
const pick = <T>(items: readonly T[]): T => items[next(items.length)]
const INSERTS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ':',
  '\n',
  ' ',
  '-',
  'null',
  '0',
  '@',
  '#',
  '\t',
  '\u202e',
  '\u0000',
  ',',
  '=',
  '<',
  '>',
  '&a',
  '*a',
  '!!',
  '\\',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a placeholder, put into files
  '${x}',
  '%',
  '|',
  '1e999',
  '-1',
  'true',
  '[]',
  '{}',
  '\n  ',
  '\n- ',
]
const VALUES = ['{}', '[]', 'null', '1', 'true', '"x"', '[1]', '{"a":1}', '', '-']

function mutate(text: string): string {
  const at = next(text.length + 1)
  const lines = text.split('\n')
  const line = next(lines.length)
  switch (next(7)) {
    case 0:
      return text.slice(0, at)
    case 1:
      lines.splice(line, 1)
      return lines.join('\n')
    case 2:
      lines.splice(line, 0, lines[line])
      return lines.join('\n')
    case 3:
      return text.slice(0, at) + pick(INSERTS) + text.slice(at)
    case 4:
      return text.slice(0, at) + pick(INSERTS) + text.slice(at + 1 + next(8))
    case 5: {
      const scalars = [...text.matchAll(/"[^"\n]{1,40}"|\b\d+(?:\.\d+)*\b|\btrue\b|\bfalse\b/g)]
      if (scalars.length === 0) return text
      const scalar = pick(scalars)
      return text.slice(0, scalar.index) + pick(VALUES) + text.slice(scalar.index + scalar[0].length)
    }
    default:
      lines[line] = next(2) === 0 ? `  ${lines[line]}` : lines[line].replace(/^\s+/, '')
      return lines.join('\n')
  }
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) filesUnder(path, out)
    else if (entry.isFile() && statSync(path).size < 200_000) out.push(path)
  }
  return out
}

const formats = join(repoRoot, 'src', 'discover', 'formats')
const fixtures = readdirSync(formats)
  .map((format) => join(formats, format, '__fixtures__'))
  .filter((dir) => {
    try {
      return statSync(dir).isDirectory()
    } catch {
      return false
    }
  })
  .flatMap((dir) => filesUnder(dir).map((file) => ({dir, file})))

let tree: string | undefined
afterAll(() => (tree ? rm(tree, {recursive: true, force: true}) : undefined))

describe('mutated fixtures', () => {
  it('every format answers each with components, skips or errors naming the file: none throws', async () => {
    expect(fixtures.length).toBeGreaterThan(200)
    tree = await makeTree({})
    // Each mutation in a folder of its own, under its name in the fixture folder (formats claim files by path).
    const paths: string[] = []
    for (const [i, {dir, file}] of fixtures.entries()) {
      let text = readFileSync(file, 'utf8')
      for (let times = 1 + next(3); times > 0; times--) text = mutate(text)
      const path = join(tree, String(i), relative(dir, file))
      await mkdir(dirname(path), {recursive: true})
      await writeFile(path, text)
      paths.push(join(tree, String(i)))
    }
    const inventory = await discoverPaths(paths)
    expect(inventory.files).toBeGreaterThan(fixtures.length / 2)
    // Mutations break files: errors are expected, each naming its file, none from a format that threw.
    expect(inventory.errors.length).toBeGreaterThan(20)
    expect(inventory.errors.filter((e) => !e.file.startsWith(tree!))).toEqual([])
    const thrown = inventory.errors.filter(
      (e) =>
        e.code === 'discoverer-failed' ||
        /Cannot read prop|is not a function|is not iterable|Maximum call stack/.test(e.message),
    )
    expect(thrown).toEqual([])
  })
})
