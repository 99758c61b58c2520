import {describe, expect, it} from 'vitest'
import {probeYamlDepth} from './yaml-depth.js'
import {parseYamlTree} from './yaml-file.js'

describe('probeYamlDepth', () => {
  it('passes a text with few `[` and `{` without reading it', () => {
    // Not even valid YAML: with at most 1,024 openers it cannot nest deeper, and the library reports its problems.
    expect(probeYamlDepth(`a: ${'['.repeat(1024)}\n  b: :`, 8)).toEqual({kind: 'ok'})
  })

  it('measures a text with many: as deep as the limit is fine, deeper is too deep', () => {
    const nested = (depth: number) => `a: ${'['.repeat(depth)}${']'.repeat(depth)}\nb: [${'{}, '.repeat(2000)}]\n`
    expect(probeYamlDepth(nested(200), 256)).toEqual({kind: 'ok'})
    expect(probeYamlDepth(nested(300), 256)).toEqual({
      kind: 'too-deep',
      line: 1,
      column: 1,
      reason: 'nested deeper than 256 levels',
    })
  })

  it('gives js-yaml’s problem when it refuses the text before its depth is known', () => {
    const probe = probeYamlDepth(`a: b: c\nd: ${'['.repeat(5000)}`, 256)
    expect(probe.kind).toBe('refused')
    expect(probe.kind === 'refused' && [probe.line, probe.error.mark.line]).toEqual([1, 0])
  })
})

describe('a YAML file nested as a bomb', () => {
  it('is refused before the `yaml` library builds it (1.2 KB of memory a byte: 4 MB ran out of memory)', () => {
    const {tree, problems} = parseYamlTree(`map: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`, 'm.yaml')
    expect(tree).toBeUndefined()
    expect(problems).toEqual([{file: 'm.yaml', line: 1, column: 1, message: 'YAML: nested deeper than 256 levels'}])
  })
})
