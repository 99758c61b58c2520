import {describe, expect, it} from 'vitest'
import {references, replaceVariables} from './variables.js'

const names = (text: string) => references(text).map((r) => `${r.start}-${r.end} ${r.name}`)

describe('devfile variables', () => {
  it('finds references as the library expression does: spaces around the name dropped, no line break in it', () => {
    expect(names('{{a}}')).toEqual(['0-5 a'])
    expect(names('{{ a }}x{{b}}')).toEqual(['0-7 a', '8-13 b'])
    expect(names('{{ a b }}')).toEqual(['0-9 a b'])
    // Leftmost first, to the first `}}`: `{{{a}}` names `{a`, `{{}}}` the empty name.
    expect(names('{{{a}}')).toEqual(['0-6 {a'])
    expect(names('{{}}}')).toEqual(['0-4 '])
    // `\s*` may take line breaks, `.` may not.
    expect(names('{{\n  a \n}}')).toEqual(['0-10 a'])
    expect(names('x {{a\nb}} {{c}}')).toEqual(['10-15 c'])
    expect(names('{{a')).toEqual([])
  })

  it('replaces defined variables, keeps undefined ones as written and tells a value that holds {{', () => {
    const variables = new Map([
      ['a', 'x'],
      ['b', '{{c}}'],
    ])
    expect(replaceVariables('{{a}}/{{ b }}:{{c}}', variables)).toEqual({
      ok: true,
      value: 'x/{{c}}:{{c}}',
      changed: true,
      undefined: ['c'],
      nested: ['b'],
    })
    expect(replaceVariables('plain', variables)).toEqual({
      ok: true,
      value: 'plain',
      changed: false,
      undefined: [],
      nested: [],
    })
  })

  it('refuses to build more than 4 MB', () => {
    const result = replaceVariables('{{a}}'.repeat(2000), new Map([['a', 'x'.repeat(4096)]]))
    expect(result).toEqual({ok: false, message: 'its variables expand it beyond 4 MB'})
  })
})
