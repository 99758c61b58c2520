import {describe, expect, it} from 'vitest'
import {suggest} from './did-you-mean.js'

describe('suggest', () => {
  const commands = ['scan', 'inventory', 'collect', 'people', 'evaluate', 'diff', 'rules', 'cache']
  it('finds the command or flag a typo was meant to be', () => {
    expect(suggest('scna', commands)).toBe('scan')
    expect(suggest('peeple', commands)).toBe('people')
    expect(suggest('inventroy', commands)).toBe('inventory')
    expect(suggest('--fial-on', ['--fail-on', '--format', '--output'])).toBe('--fail-on')
    expect(suggest('--outptu', ['--fail-on', '--format', '--output'])).toBe('--output')
    // An abbreviation of a known name.
    expect(suggest('eval', commands)).toBe('evaluate')
  })

  it('suggests nothing for a word that is no typo of any, nor for a known name', () => {
    expect(suggest('frobnicate', commands)).toBeUndefined()
    expect(suggest('--zzzzzzzz', ['--fail-on', '--format'])).toBeUndefined()
    expect(suggest('scan', commands)).toBeUndefined()
    expect(suggest('', commands)).toBeUndefined()
  })

  it('gives the same answer whatever order the names come in', () => {
    const names = ['--out', '--cut', '--put']
    expect(suggest('--aut', names)).toBe(suggest('--aut', [...names].reverse()))
    expect(suggest('--aut', names)).toBe('--cut')
  })
})
