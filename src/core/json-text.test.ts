import {describe, expect, it} from 'vitest'
import {describeJsonError, parseJsonText} from './json-text.js'

describe('parseJsonText', () => {
  it('parses JSON (a BOM is ignored)', () => {
    expect(parseJsonText('\uFEFF{"a": [1]}')).toEqual({ok: true, value: {a: [1]}})
  })

  it('describes a syntax error by place and kind, never quoting the text', () => {
    const secret = 'password=hunter2-CANARY\n'
    const result = parseJsonText(secret)
    expect(result).toEqual({
      ok: false,
      line: 1,
      column: 1,
      message: 'invalid JSON at line 1, column 1 (a character that starts no JSON value)',
    })
    expect(JSON.stringify(result)).not.toContain('hunter2')
    expect(describeJsonError('{\n  "a": 1,\n  oops\n}').message).toBe(
      'invalid JSON at line 3, column 3 (a character that starts no JSON value)',
    )
  })
})
