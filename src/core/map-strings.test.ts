import {describe, expect, it} from 'vitest'
import {mapStrings} from './map-strings.js'

describe('mapStrings', () => {
  it('keeps clean data as it is (same objects), and copies only what changed, keys in their order', () => {
    const clean = {a: 'x', b: [{c: 'y'}], d: 1}
    expect(mapStrings(clean, (text) => text)).toBe(clean)
    const value = {a: 'x', b: [{c: 'secret'}, {e: 'z'}], d: 1, f: 'secret'}
    const mapped = mapStrings(value, (text) => (text === 'secret' ? '***' : text))
    expect(JSON.stringify(mapped)).toBe('{"a":"x","b":[{"c":"***"},{"e":"z"}],"d":1,"f":"***"}')
    expect(mapped.b[1]).toBe(value.b[1])
    expect(value.f).toBe('secret')
  })

  it('maps keys when asked, and writes a __proto__ key as an own property, as Object.fromEntries does', () => {
    const value = JSON.parse('{"__proto__": "p", "name": "secret"}') as Record<string, string>
    const mapped = mapStrings(value, (text) => text.replace('secret', '***'), {keys: true})
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype)
    expect(Object.keys(mapped)).toEqual(['__proto__', 'name'])
    expect(mapped.name).toBe('***')
    expect(mapStrings({secret: 1}, (text) => text.replace('secret', 'k'), {keys: true})).toEqual({k: 1})
  })

  it('walks own keys only, as Object.keys does: an enumerable inherited key is neither mapped nor copied', () => {
    const value = Object.assign(Object.create({inherited: 'secret'}), {own: 'secret', kept: 'x'}) as Record<
      string,
      string
    >
    const mapped = mapStrings(value, (text) => text.replace('secret', '***'))
    expect(Object.keys(mapped)).toEqual(['own', 'kept'])
    expect(mapped.own).toBe('***')
    expect(Object.hasOwn(mapped, 'inherited')).toBe(false)
    // The copy starts at the first change: keys before it are copied, in their order.
    const later = {a: 'x', b: 'y', c: 'secret', d: 'z'}
    expect(Object.entries(mapStrings(later, (text) => text.replace('secret', '***')))).toEqual([
      ['a', 'x'],
      ['b', 'y'],
      ['c', '***'],
      ['d', 'z'],
    ])
  })
})
