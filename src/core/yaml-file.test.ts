import {describe, expect, it} from 'vitest'
import {z} from 'zod'
import {ExitCode, StewardsError} from './errors.js'
import {checkYamlFile, parseYamlFile, parseYamlTree, where} from './yaml-file.js'
import {yamlAliasBomb} from '../../tests/support/yaml-bomb.js'

const Entry = z.strictObject({name: z.string(), port: z.number().int().optional()})
const File = z.strictObject({entries: z.array(Entry)})

function thrown(run: () => unknown): StewardsError {
  try {
    run()
  } catch (error) {
    if (error instanceof StewardsError) return error
    throw error
  }
  throw new Error('expected a StewardsError')
}

describe('parseYamlTree', () => {
  it('keeps the position of every node, of keys, and the deepest existing node of a missing path', () => {
    const {tree, problems} = parseYamlTree(
      'entries:\n  - name: a\n    port: 80\n  - {name: b}\n1: numeric key\n',
      'f.yaml',
    )
    expect(problems).toEqual([])
    expect(tree!.value).toEqual({entries: [{name: 'a', port: 80}, {name: 'b'}], 1: 'numeric key'})
    expect(tree!.positionAt(['entries', 0, 'port'])).toEqual({line: 3, column: 11})
    expect(tree!.positionAt(['entries', 0], 'port')).toEqual({line: 3, column: 5})
    expect(tree!.lineAt(['entries', 1, 'name'])).toBe(4)
    expect(tree!.lineAt(['entries', 1, 'missing', 'deeper'])).toBe(4)
    expect(tree!.lineAt(['entries', 7])).toBe(2)
    expect(tree!.lineAt(['1'])).toBe(5)
    expect(tree!.nodeAt(['entries', 1, 'missing'])).toBeUndefined()
    expect(tree!.nodeAt(['entries', 0, 'name'])?.toJSON()).toBe('a')
  })

  it('reports duplicate keys, syntax errors, several documents and unresolved tags with line and column', () => {
    expect(parseYamlTree('a: 1\nb: 2\na: 3\n', 'dup.yaml').problems).toEqual([
      {file: 'dup.yaml', line: 3, column: 1, message: 'YAML: Map keys must be unique'},
    ])
    expect(parseYamlTree('a: 1\n---\nb: 2\n', 'docs.yaml').problems).toEqual([
      {file: 'docs.yaml', line: 2, column: 1, message: 'YAML: one YAML document per file'},
    ])
    expect(parseYamlTree('a: !custom x\n', 'tag.yaml').problems).toEqual([
      {file: 'tag.yaml', line: 1, column: 4, message: 'YAML: Unresolved tag: !custom'},
    ])
    const [syntax, ...rest] = parseYamlTree('a:\n  - [unclosed\n', 'syntax.yaml').problems
    expect(rest).toEqual([])
    expect(syntax).toMatchObject({file: 'syntax.yaml', line: 3})
    expect(syntax!.message).toMatch(/^YAML: /)
  })

  it('refuses a "billion laughs" file at its first alias instead of expanding it', () => {
    const {tree, problems} = parseYamlTree(yamlAliasBomb(8), 'bomb.yaml')
    expect(tree).toBeUndefined()
    expect(problems).toEqual([
      {
        file: 'bomb.yaml',
        line: 2,
        column: 8,
        message: 'YAML: aliases expand beyond the limit of 100 (a "billion laughs" bomb?)',
      },
    ])
    expect(parseYamlTree('a: &a [x]\nb: *a\n', 'few.yaml').tree!.value).toEqual({a: ['x'], b: ['x']})
  })

  it('an empty file is a null document', () => {
    expect(parseYamlTree('', 'empty.yaml')).toMatchObject({problems: [], tree: {value: null}})
    expect(parseYamlTree('', 'empty.yaml').tree!.lineAt(['a'])).toBe(1)
  })
})

describe('checkYamlFile (problems, no exception)', () => {
  it('names an unknown key at its own line, first, then the other issues at the deepest existing node', () => {
    const text = 'entries:\n  - name: a\n    port: eighty\n  - nmae: b\n'
    expect(checkYamlFile(text, 'f.yaml', File).problems).toEqual([
      {file: 'f.yaml', line: 4, column: 5, message: "entries[1]: unknown key 'nmae'"},
      {
        file: 'f.yaml',
        line: 3,
        column: 11,
        message: 'entries[0].port: a number is expected, not a string',
      },
      {file: 'f.yaml', line: 4, column: 5, message: "entries[1]: missing required key 'name'"},
    ])
  })

  it('a null value is a wrong type, not a missing key', () => {
    expect(checkYamlFile('entries:\n  - name:\n', 'f.yaml', File).problems).toEqual([
      {file: 'f.yaml', line: 2, column: 10, message: 'entries[0].name: a string is expected, not null'},
    ])
  })

  it('returns the data and a lineAt for checks made after validation', () => {
    const {data, problems, lineAt} = checkYamlFile('# header\nentries:\n  - name: a\n  - name: b\n', 'f.yaml', File)
    expect(problems).toEqual([])
    expect(data).toEqual({entries: [{name: 'a'}, {name: 'b'}]})
    expect(lineAt(['entries', 1])).toBe(4)
  })

  it('stops at YAML problems before validating', () => {
    const result = checkYamlFile('entries: [\n', 'f.yaml', File)
    expect(result.data).toBeUndefined()
    expect(result.problems.map((p) => p.message.slice(0, 6))).toEqual(['YAML: '])
    expect(result.lineAt(['entries'])).toBe(1)
  })
})

describe('parseYamlFile (throws a usage error)', () => {
  it('throws the most useful problem as file:line:column: key: reason, exit code 3', () => {
    const error = thrown(() => parseYamlFile('entries:\n  - name: a\n  - nmae: b\n', 'f.yaml', File, 'config-invalid'))
    expect(error.message).toBe("f.yaml:3:5: entries[1]: unknown key 'nmae'")
    expect(error.code).toBe('config-invalid')
    expect(error.exitCode).toBe(ExitCode.usage)
    expect(thrown(() => parseYamlFile('[1]\n', 'root.yaml', File, 'config-invalid')).message).toBe(
      'root.yaml:1:1: an object is expected, not a list',
    )
    expect(thrown(() => parseYamlFile('entries: [\n', 'bad.yaml', File, 'config-invalid')).message).toMatch(
      /^bad\.yaml:2:1: YAML: /,
    )
  })

  it('returns the data and line lookups when the file is valid', () => {
    const {data, lineAt} = parseYamlFile('entries:\n  - name: a\n    port: 8080\n', 'f.yaml', File, 'config-invalid')
    expect(data.entries[0]).toEqual({name: 'a', port: 8080})
    expect(lineAt(['entries', 0, 'port'])).toBe(3)
  })
})

it('where() spells paths as they read in the file', () => {
  expect(where([])).toBe('')
  expect(where(['organizations', 0, 'aliases', 2, 'name'])).toBe('organizations[0].aliases[2].name: ')
})
