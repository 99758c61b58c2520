// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of Dockerfile words
import {describe, expect, it} from 'vitest'
import {processWord} from './shell-lex.js'

const env: Record<string, string> = {str: 'foobarbaz', EMPTY: '', V: '3.18.4', P: 'linux/amd64'}
const word = (text: string, escapeChar = '\\') => processWord(text, escapeChar, (name) => env[name])

/**
 * BuildKit's own way (shell/lex.go convertShellPatternToRegex, trimPrefix, trimSuffix, ReplaceAllString), as a
 * RegExp: Go's RE2 and JavaScript agree on leftmost-first matching for these patterns. Only for short test input.
 */
function buildkit(op: string, value: string, pattern: string): string {
  const reverse = (s: string) => [...s].reverse().join('')
  if (op === '#' || op === '##') {
    const match = new RegExp(`^${toSource(pattern, op === '##')}`).exec(value)
    return match ? value.slice(match[0].length) : value
  }
  if (op === '%' || op === '%%') {
    const match = new RegExp(`^${toSource(reverse(pattern), op === '%%')}`).exec(reverse(value))
    return match ? reverse(reverse(value).slice(match[0].length)) : value
  }
  const re = new RegExp(toSource(pattern, true), 'g')
  let out = ''
  let last = 0
  let position = 0
  while (position <= value.length) {
    re.lastIndex = position
    const match = re.exec(value)
    if (!match) break
    const [start, end] = [match.index, match.index + match[0].length]
    out += value.slice(last, start)
    if (end > last || start === 0) out += 'R'
    last = end
    if (op === '/') break
    position = Math.max(position + 1, end)
  }
  return out + value.slice(last)
}

/** BuildKit's convertShellPatternToRegex (no escapes in the generated patterns). */
function toSource(pattern: string, greedy: boolean): string {
  let source = ''
  for (const ch of pattern) {
    if (ch === '*') source += greedy ? '.*' : '.*?'
    else if (ch === '?') source += '.'
    else source += ch.replace(/[[\]{}.+()|^$\\]/g, '\\$&')
  }
  return source
}

describe('shell-lex (BuildKit ProcessWord)', () => {
  it('gives the Dockerfile reference examples', () => {
    expect(
      ['${str#f*b}', '${str##f*b}', '${str%b*}', '${str%%b*}', '${str/ba/fo}', '${str//ba/fo}'].map(
        (w) => (word(w) as {value: string}).value,
      ),
    ).toEqual(['arbaz', 'az', 'foobar', 'foo', 'fooforbaz', 'fooforfoz'])
  })

  it('removes quotes and escapes, keeps single quotes literal, and refuses what BuildKit refuses', () => {
    expect(word('"alpine:3.17"')).toEqual({ok: true, value: 'alpine:3.17', unset: []})
    expect(word(`\${EMPTY:-"3.19"}'$V'\\$V"\\$V"`)).toEqual({ok: true, value: '3.19$V$V$V', unset: []})
    expect(word('a`$V', '`')).toEqual({ok: true, value: 'a$V', unset: []})
    expect(word('${P#linux/amd64}${P:+"x"}')).toEqual({ok: true, value: 'x', unset: []})
    expect(word('$NOPE ${NOPE2#x} ${NOPE3:-d} ${NOPE4?m}')).toEqual({
      ok: true,
      value: '  d ',
      unset: ['NOPE', 'NOPE2', 'NOPE4'],
    })
    expect(word('${V:#x}')).toEqual({ok: false, message: 'unsupported modifier (:#) in substitution'})
    expect(word('${V')).toEqual({ok: false, message: "syntax error: missing '}'"})
    expect(word('${V/x')).toEqual({ok: false, message: "syntax error: missing '/' in ${}"})
    expect(word('"open')).toEqual({
      ok: false,
      message: 'unexpected end of statement while looking for matching double-quote',
    })
    expect(word('${V#\\a}')).toEqual({
      ok: false,
      message: "invalid pattern (\\a) in substitution: invalid escape '\\a'",
    })
  })

  it('matches patterns as BuildKit does (randomised against its regular expressions)', () => {
    let seed = 42
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const text = (alphabet: string, max: number) =>
      Array.from({length: random(max + 1)}, () => alphabet[random(alphabet.length)]).join('')
    const differences: string[] = []
    for (let i = 0; i < 3000; i++) {
      const value = text('ab.', 7)
      const pattern = text('ab*?', 5)
      for (const op of ['#', '##', '%', '%%', '/', '//']) {
        if (pattern === '' && op.startsWith('/')) continue
        const w = op.startsWith('/') ? `\${X${op}${pattern}/R}` : `\${X${op}${pattern}}`
        const got = processWord(w, '\\', (name) => (name === 'X' ? value : undefined))
        const want = buildkit(op, value, pattern)
        if (!got.ok || got.value !== want) differences.push(`${value} ${w}: ${JSON.stringify(got)} != ${want}`)
      }
    }
    expect(differences).toEqual([])
  })

  it('stays bounded on hostile patterns and values', () => {
    const value = 'a'.repeat(4000)
    // Bounded by the step budget, which the results show (the time is the bench's, not a test's).
    const many = processWord(`\${X//${'*a'.repeat(40)}b/}`, '\\', () => value)
    const nested = processWord(`${'${X:-'.repeat(20)}x${'}'.repeat(20)}`, '\\', () => undefined)
    expect(many).toEqual({ok: false, message: "the file's substitutions take more than 4000000 steps"})
    // One budget for the words of a file: many words each under it do not add up to more.
    const budget = {work: 0}
    const words = Array.from({length: 1000}, () =>
      processWord(`\${X//${'*a'.repeat(4)}b/x}`, '\\', () => value, budget),
    )
    expect(words.at(-1)).toEqual({ok: false, message: "the file's substitutions take more than 4000000 steps"})
    expect(budget.work).toBeLessThan(4_100_000)
    expect(nested).toEqual({ok: false, message: 'variables nested too deep'})
    expect(processWord('$X$X', '\\', () => 'x'.repeat(3000))).toEqual({
      ok: false,
      message: 'expands to more than 4096 characters',
    })
  })
})
