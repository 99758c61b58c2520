import {describe, expect, it} from 'vitest'
import {stableJson} from './stable-json.js'

describe('stableJson', () => {
  it('sorts keys by code unit at every level, integer-like keys included', () => {
    expect(stableJson({b: 1, a: {d: [3, {z: 1, y: 2}], c: 'x'}, '404': 1, '200': 2, B: 0})).toBe(
      '{\n  "200": 2,\n  "404": 1,\n  "B": 0,\n  "a": {\n    "c": "x",\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    )
    expect(stableJson({'1000': 1, '200': 2})).toBe('{\n  "1000": 1,\n  "200": 2\n}\n')
  })

  it('writes what JSON can hold: undefined dropped, non-finite numbers as null, -0 as 0', () => {
    expect(stableJson({a: undefined, b: Number.NaN, c: -0, d: [undefined], e: [], f: {}, g: 'é\n"'})).toBe(
      '{\n  "b": null,\n  "c": 0,\n  "d": [\n    null\n  ],\n  "e": [],\n  "f": {},\n  "g": "é\\n\\""\n}\n',
    )
  })
})
