import {describe, expect, it} from 'vitest'
import {StewardsError} from './errors.js'
import {chosenFormat, formatFlags} from './output-format.js'

describe('--format and its --json alias', () => {
  it('defaults to text; --json is --format json', () => {
    expect(chosenFormat({})).toBe('text')
    expect(chosenFormat({format: 'json'})).toBe('json')
    expect(chosenFormat({json: true})).toBe('json')
    expect(chosenFormat({json: true, format: 'json'})).toBe('json')
    expect(chosenFormat({json: false, format: 'text'})).toBe('text')
  })

  it('refuses two different formats', () => {
    expect(() => chosenFormat({json: true, format: 'text'})).toThrow(StewardsError)
    expect(() => chosenFormat({json: true, format: 'text'})).toThrow('--json and --format text ask for two formats')
  })

  it('offers exactly the formats it accepts', () => {
    expect(formatFlags('the rules').format.options).toEqual(['text', 'json'])
  })
})
