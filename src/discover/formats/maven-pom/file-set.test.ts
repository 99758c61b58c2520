import {describe, expect, it} from 'vitest'
import {FileIds, FileSet} from './file-set.js'

describe('FileSet', () => {
  it('holds the files added and merged, across word boundaries and as it grows', () => {
    const ids = new FileIds()
    const files = Array.from({length: 100}, (_, i) => `m${i}/pom.xml`)
    expect(files.map((file) => ids.idOf(file))).toEqual(files.map((_, i) => i))
    expect(ids.idOf('m7/pom.xml')).toBe(7)
    const a = new FileSet()
    const b = new FileSet()
    for (const i of [0, 31, 32]) a.add(i)
    for (const i of [33, 64, 99]) b.add(i)
    a.addAll(b)
    expect(files.map((_, i) => i).filter((i) => a.has(i))).toEqual([0, 31, 32, 33, 64, 99])
    expect(files.map((_, i) => i).filter((i) => b.has(i))).toEqual([33, 64, 99])
    expect(a.has(1_000)).toBe(false)
    b.addAll(new FileSet())
    expect(b.has(0)).toBe(false)
  })
})
