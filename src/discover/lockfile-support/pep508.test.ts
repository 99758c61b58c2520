import {describe, expect, it} from 'vitest'
import {isSpecifierList, missingComma, parseRequirement} from './pep508.js'

describe('pep508', () => {
  it('refuses two version clauses without a comma between them, as packaging (pip since 22.0) does', () => {
    expect(['>=2<3', '>=2 <3', '(>=2 <3)'].map(missingComma)).toEqual([true, true, true])
    expect(['>=2,<3', '>= 2.0', '(>=1,<2)', '===1<2', '==1.0.*', ''].map(missingComma)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ])
    expect(isSpecifierList('>=2<3')).toBe(false)
    expect(parseRequirement('requests>=2<3')).toBeUndefined()
    expect(parseRequirement('requests>=2,<3 ; python_version >= "3.8"')).toEqual({
      kind: 'named',
      name: 'requests',
      specifiers: '>=2,<3',
    })
  })
})
