import {describe, expect, it} from 'vitest'
import {loadPlainYaml} from './plain-yaml.js'

const TEXT = [
  "lockfileVersion: '9.0'",
  'importers:',
  '  .:',
  '    dependencies:',
  '      left-pad:',
  '        specifier: ^1.3.0',
  '        version: 1.3.0',
  'packages:',
  '  left-pad@1.3.0:',
  '    resolution: {integrity: sha512-x}',
  '',
].join('\n')

describe('loadPlainYaml', () => {
  it('gives the value, and the key positions of the tracked mappings only', () => {
    const tracked = (path: readonly string[]) => path.length <= 1 || (path[0] === 'importers' && path.length <= 3)
    const read = loadPlainYaml(TEXT, tracked)
    expect(read?.value).toEqual({
      lockfileVersion: '9.0',
      importers: {'.': {dependencies: {'left-pad': {specifier: '^1.3.0', version: '1.3.0'}}}},
      packages: {'left-pad@1.3.0': {resolution: {integrity: 'sha512-x'}}},
    })
    expect([...(read?.keyPositions([]) ?? [])]).toEqual([
      ['lockfileVersion', {line: 1, column: 1}],
      ['importers', {line: 2, column: 1}],
      ['packages', {line: 8, column: 1}],
    ])
    expect(read?.keyPositions(['packages'])?.get('left-pad@1.3.0')).toEqual({line: 9, column: 3})
    expect(read?.keyPositions(['importers', '.', 'dependencies'])?.get('left-pad')).toEqual({line: 5, column: 7})
    // Not tracked: a package entry's own keys, a dependency's fields.
    expect(read?.keyPositions(['packages', 'left-pad@1.3.0'])).toBeUndefined()
    expect(read?.keyPositions(['importers', '.', 'dependencies', 'left-pad'])).toBeUndefined()
    // Tracking everything places them too.
    const all = loadPlainYaml(TEXT, () => true)
    expect(all?.keyPositions(['packages', 'left-pad@1.3.0'])?.get('resolution')).toEqual({line: 10, column: 5})
  })

  it('gives up on anchors and on what js-yaml refuses', () => {
    expect(loadPlainYaml('a: &x 1\nb: *x\n', () => true)).toBeUndefined()
    expect(loadPlainYaml('a: [\n', () => true)).toBeUndefined()
  })
})
