import {describe, expect, it} from 'vitest'
import {holdingYoungGeneration, sizedByUser} from './young-generation.js'

// The hold itself is tested on the built CLI in a process of its own (tests/e2e/process.test.ts): V8's flags are
// the whole process's, and vitest's workers run other tests.
describe('sizedByUser', () => {
  it('sees the flags that size the young generation, spelled with - or _, on the command line or in NODE_OPTIONS', () => {
    for (const options of [
      ['--max-semi-space-size=16'],
      ['--max_semi_space_size=16'],
      ['--min-semi-space-size=4'],
      ['--semi-space-growth-factor=2'],
      ['--max-heap-size=1024'],
      ['--single-generation'],
      ['--minor-ms'],
      ['--enable-source-maps', '--inspect --max_heap_size=512'],
    ])
      expect([options, sizedByUser(options)]).toEqual([options, true])
  })

  it('leaves every other option alone (the old generation, unrelated flags, none)', () => {
    for (const options of [[], [''], ['--max-old-space-size=4096'], ['--enable-source-maps --no-warnings']])
      expect([options, sizedByUser(options)]).toEqual([options, false])
  })
})

describe('holdingYoungGeneration', () => {
  it('hands every call to the callback as it is, and its answer back (the hold is measured by the bench)', () => {
    const seen: string[] = []
    const wrapped = holdingYoungGeneration((a: string, b: number) => {
      seen.push(`${a}${b}`)
      return b % 2 === 0
    })
    const answers = Array.from({length: 10_000}, (_, i) => wrapped('x', i))
    expect(seen).toHaveLength(10_000)
    expect(seen[4095]).toBe('x4095')
    expect(answers.filter(Boolean)).toHaveLength(5000)
  })
})
