import {describe, expect, it} from 'vitest'
import {formatPlace, formatProblem} from './problem.js'

describe('formatProblem', () => {
  it('writes file:line:column: message, shortened without a column or a line', () => {
    expect(formatProblem({file: 'a.yaml', line: 3, column: 7, message: 'bad'})).toBe('a.yaml:3:7: bad')
    expect(formatProblem({file: 'a.yaml', line: 3, message: 'bad'})).toBe('a.yaml:3: bad')
    expect(formatProblem({file: 'a.yaml', message: 'bad'})).toBe('a.yaml: bad')
  })

  it('keeps a problem on one line whatever the file is named and the message quotes', () => {
    const problem = {file: 'evil\n::error::x/package-lock.json', line: 1, message: 'quotes "a\r\nb"'}
    expect(formatProblem(problem)).toBe('evil\\u000A::error::x/package-lock.json:1: quotes "a\\u000D\\u000Ab"')
    expect(formatPlace('x\ny')).toBe('x\\u000Ay')
  })
})
