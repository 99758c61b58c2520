import picomatch from 'picomatch'
import {describe, expect, it} from 'vitest'
import {expectNone} from '../../tests/support/expect-none.js'
import {seeded} from '../../tests/support/random.js'
import {linearGlob} from './glob-match.js'

/** picomatch with the options ./globs.ts gives it: the reference. */
const reference = (glob: string) => picomatch(glob, {dot: true, basename: !glob.includes('/'), strictBrackets: true})

describe('linearGlob', () => {
  it('answers as picomatch does on generated globs and paths', () => {
    const next = seeded(11)
    const pick = <T>(items: readonly T[]) => items[next(items.length)]
    const globParts = [
      'a',
      'b',
      'ab',
      '.',
      '..',
      '*',
      '**',
      '?',
      '*.yaml',
      'a*',
      '*a',
      '.*',
      'a?b',
      '@s',
      '{a,b}',
      'x{a,.b}',
      './a',
      '..*',
      '?a',
      '**a',
      '{**,a}',
      '{a/b,c}',
    ]
    const pathParts = ['a', 'b', 'ab', 'aab', '.', '..', '.a', 'a.yaml', '.yaml', 'x.b', 'xa', '@s', 'ba', 'a.b']
    let compared = 0
    const globs = new Set<string>()
    // The glob and path of each answer that differs (an expect per comparison, 27,000 of them, took a second).
    const differ: string[] = []
    for (let i = 0; i < 4000; i++) {
      const glob = Array.from({length: 1 + next(4)}, () => pick(globParts)).join('/')
      // Where picomatch has rules of its own (a first or last `**`, its `**` beside a `*`), this matcher does not
      // follow them: only globs without are compared (globs.ts gives this matcher only globs of three runs or more).
      const segments = glob.split('/')
      if (segments[0] === '**' || segments.at(-1) === '**') continue
      const matches = linearGlob(glob)
      if (!matches) continue
      globs.add(glob)
      const expected = reference(glob)
      for (let k = 0; k < 12; k++) {
        const path = Array.from({length: 1 + next(5)}, () => pick(pathParts)).join('/')
        if (matches(path) !== expected(path)) differ.push(`${glob} ${path}: ${matches(path)}`)
        compared++
      }
    }
    expectNone(differ)
    expect(compared).toBeGreaterThan(20_000)
    expect(globs.size).toBeGreaterThan(1_000)
  })

  it('leaves classes, escapes, extglobs, ranges, nested lists and negation to picomatch', () => {
    for (const glob of ['[ab]*', 'a\\*', '!(x)', '@(a|b)', '{1..3}', '{a,{b,c}}', '!a', '{a}'])
      expect(linearGlob(glob), glob).toBeUndefined()
  })

  it('matches a glob of many `*` against a long name in linear time (picomatch backtracked without end)', () => {
    // picomatch's expression for this glob took 7 s with four `*a` on a 200-character name, and never ended with
    // twelve: quadratic or worse, this test would not end within the test timeout.
    const glob = `${'*a'.repeat(12)}*b`
    const matches = linearGlob(glob)!
    expect(matches(`dir/${'a'.repeat(5000)}`)).toBe(false)
    expect(matches(`dir/${'a'.repeat(5000)}b`)).toBe(true)
    const deep = `${'x/'.repeat(2000)}y`
    expect(linearGlob('**/x/**/x/**/x/**/z')!(deep)).toBe(false)
    expect(linearGlob('**/x/**/x/**/x/**/y')!(deep)).toBe(true)
  })
})
