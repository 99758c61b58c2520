import {describe, expect, it} from 'vitest'
import {csvCell, toCsv} from './csv.js'

describe('csvCell', () => {
  it('quotes only when RFC 4180 requires it', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('')
  })

  it('prefixes text that a spreadsheet would evaluate, leaves numbers alone', () => {
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('@cmd')).toBe("'@cmd")
    expect(csvCell('-x,y')).toBe(`"'-x,y"`)
    expect(csvCell('\r\n=x')).toBe(`"'\r\n=x"`)
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell('a=b')).toBe('a=b')
  })

  it('ends every record with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n')
  })
})
