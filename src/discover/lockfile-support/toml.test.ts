import {describe, expect, it} from 'vitest'
import {createLineIndex} from '../../core/line-index.js'
import {arrayTableLines, keyLine, readToml} from './toml.js'

describe('arrayTableLines', () => {
  it('finds [[name]] headers in order, not inside multi-line strings or other tables', () => {
    const text = '[[package]]\na = """\n[[package]]\n"""\n  [[ package ]] # comment\n[[package.extra]]\n[[other]]\n'
    expect(arrayTableLines(text, 'package')).toEqual([1, 5])
    expect(readToml('x.toml', text)).toHaveProperty('table')
  })
})

describe('keyLine', () => {
  it('finds the first `key =` line, whole keys only, and 1 when there is none', () => {
    const text = '# version = 0\nversions = 2\n  version = 3\n[[package]]\nversion = "1.0.0"\n'
    expect(keyLine(text, 'version')).toBe(3)
    expect(keyLine(text, 'package')).toBe(1)
    // The key is matched literally: `.` is not a wildcard.
    expect(keyLine('x = 1\naxb = 2\na.b = 3\n', 'a.b')).toBe(3)
  })
})

describe('readToml', () => {
  it('turns syntax errors into a ScanError with line and column', () => {
    expect(readToml('x.toml', 'a = 1\nb = \n')).toEqual({
      error: {
        file: 'x.toml',
        code: 'invalid-toml',
        message: expect.stringMatching(/^Invalid TOML/),
        line: 2,
        column: 5,
      },
    })
  })
})

describe('createLineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = createLineIndex('ab\r\ncd\n\nef')
    expect(index.position(0)).toEqual({line: 1, column: 1})
    expect(index.position(5)).toEqual({line: 2, column: 2})
    expect(index.position(8)).toEqual({line: 4, column: 1})
    expect(index.lineText(1)).toBe('ab')
    expect(index.lineCount).toBe(4)
  })
})
