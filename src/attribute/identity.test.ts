import {describe, expect, it} from 'vitest'
import {noreplyLogin} from './identity.js'

describe('identity helpers', () => {
  it('reads the login of GitHub noreply addresses, with or without the numeric id', () => {
    expect(noreplyLogin('12345+Alice@users.noreply.github.com')).toBe('alice')
    expect(noreplyLogin('alice@users.noreply.github.com')).toBe('alice')
    expect(noreplyLogin('49699333+dependabot[bot]@users.noreply.github.com')).toBe('dependabot[bot]')
    expect(noreplyLogin('alice@example.com')).toBeUndefined()
  })
})
