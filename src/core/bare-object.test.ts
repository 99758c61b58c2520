import {describe, expect, it} from 'vitest'
import {bareObject} from './bare-object.js'

describe('bareObject', () => {
  it('has no prototype: no key of an input reaches or shadows an inherited property', () => {
    const object = bareObject()
    expect(Object.getPrototypeOf(object)).toBeNull()
    expect('toString' in object || 'constructor' in object || 'hasOwnProperty' in object).toBe(false)
    // `__proto__` is a key like any other: an own property, the prototype untouched.
    const [protoKey, constructorKey] = ['__proto__', 'constructor']
    object[protoKey] = {polluted: true}
    object[constructorKey] = 'x'
    expect(Object.getPrototypeOf(object)).toBeNull()
    expect(Object.keys(object)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // Each call is a new object.
    expect(bareObject()).not.toBe(bareObject())
  })
})
