/**
 * The word processing BuildKit applies to a `FROM` image, a `--platform` value and a global `ARG` default: a port
 * of `ProcessWord` in BuildKit's shell lexer (moby/buildkit frontend/dockerfile/shell/lex.go, commit 73ed6825,
 * Apache-2.0), documented at https://docs.docker.com/reference/dockerfile/#environment-replacement:
 * - quotes are removed: '…' is literal, "…" keeps `$` expansion and the escape character before `"`, `$` or itself;
 * - the escape character (`\`, or the one of an `# escape=` directive) takes the next character literally;
 * - `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?word}`,
 *   `${NAME?word}`, `${NAME#pattern}`, `${NAME##pattern}`, `${NAME%pattern}`, `${NAME%%pattern}`,
 *   `${NAME/pattern/replacement}` and `${NAME//pattern/replacement}`, with nested words.
 * Written by hand: the lexer is Go, and no JS port exists. BuildKit turns a glob pattern (`*`, `?`, `\*`, `\?`)
 * into a Go regular expression; here it is matched by walking the set of pattern positions (an NFA), never by a
 * backtracking RegExp, so the time is bounded by value length × pattern length, and by WORK_BUDGET in all.
 * Deliberate differences: a variable used for its value (`$X`, `${X}`, `${X#p}`, `${X/p/r}`) while unset, and a
 * `${X?…}` / `${X:?…}` whose X is unset, are named in `unset` (BuildKit gives "" or stops), so callers report them
 * rather than guess; `${X//p/r}` whose replacement holds `$` (a Go regexp template) is refused.
 */

export type Lexed = {ok: true; value: string; unset: string[]} | {ok: false; message: string}

/** Far above any real reference; keeps the work bounded on hostile input. */
const MAX_INPUT = 4096
/** The longest value a word may give: ARGs repeating each other must not multiply into gigabytes. */
const MAX_OUTPUT = 4096
const MAX_DEPTH = 8
/** Pattern steps (value characters × pattern positions) one word may take. */
const WORK_BUDGET = 4_000_000
const BUDGET_PASSED = `the file's substitutions take more than ${WORK_BUDGET} steps`

/**
 * The work of every word of one file (pattern steps and characters of values matched): one budget, so that many words
 * each just under a per-word budget (a FROM tried on 225 platform pairs, thousands of ARG lines) cannot add up to
 * minutes. Past WORK_BUDGET each word fails at once.
 */
export interface LexBudget {
  work: number
}

/** `lookup` gives a variable's value, undefined when it is unset; `budget` is shared by the words of one file. */
export function processWord(
  text: string,
  escapeChar: string,
  lookup: (name: string) => string | undefined,
  budget: LexBudget = {work: 0},
): Lexed {
  if (text.length > MAX_INPUT) return {ok: false, message: `longer than ${MAX_INPUT} characters`}
  budget.work += text.length
  if (budget.work > WORK_BUDGET) return {ok: false, message: BUDGET_PASSED}
  const lexer = new Lexer(Array.from(text), escapeChar, lookup, budget)
  try {
    const value = lexer.processStopOn(undefined, false, 0)
    return {ok: true, value, unset: [...new Set(lexer.unset)]}
  } catch (error) {
    return {ok: false, message: (error as Error).message}
  }
}

class Lexer {
  private pos = 0
  readonly unset: string[] = []

  constructor(
    private readonly chars: string[],
    private readonly escapeChar: string,
    private readonly lookup: (name: string) => string | undefined,
    private readonly budget: LexBudget,
  ) {}

  /** Counts `steps` of work against the file's budget. */
  private spend(steps: number): void {
    this.budget.work += steps
    if (this.budget.work > WORK_BUDGET) throw new Error(BUDGET_PASSED)
  }

  private peek(): string | undefined {
    return this.chars[this.pos]
  }

  private next(): string | undefined {
    return this.chars[this.pos++]
  }

  /** Up to `stop` (consumed) or the end; `rawEscapes` keeps the escape character (patterns need it). */
  processStopOn(stop: string | undefined, rawEscapes: boolean, depth: number): string {
    if (depth > MAX_DEPTH) throw new Error('variables nested too deep')
    let result = ''
    while (this.peek() !== undefined) {
      if (result.length > MAX_OUTPUT) throw new Error(`expands to more than ${MAX_OUTPUT} characters`)
      const ch = this.peek()
      if (stop !== undefined && ch === stop) {
        this.next()
        return result
      }
      if (ch === '$') {
        result += this.processDollar(depth)
        continue
      }
      if (ch === "'") {
        result += this.processSingleQuote()
        continue
      }
      if (ch === '"') {
        result += this.processDoubleQuote(depth)
        continue
      }
      let next = this.next()
      if (next === this.escapeChar) {
        if (rawEscapes) result += next
        next = this.next()
        if (next === undefined) break
      }
      result += next
    }
    if (result.length > MAX_OUTPUT) throw new Error(`expands to more than ${MAX_OUTPUT} characters`)
    if (stop !== undefined) throw new Error(`unexpected end of statement while looking for matching ${stop}`)
    return result
  }

  private processSingleQuote(): string {
    this.next()
    let result = ''
    for (;;) {
      const ch = this.next()
      if (ch === undefined) throw new Error('unexpected end of statement while looking for matching single-quote')
      if (ch === "'") return result
      result += ch
    }
  }

  private processDoubleQuote(depth: number): string {
    this.next()
    let result = ''
    for (;;) {
      if (result.length > MAX_OUTPUT) throw new Error(`expands to more than ${MAX_OUTPUT} characters`)
      const peek = this.peek()
      if (peek === undefined) throw new Error('unexpected end of statement while looking for matching double-quote')
      if (peek === '"') {
        this.next()
        return result
      }
      if (peek === '$') {
        result += this.processDollar(depth)
        continue
      }
      let ch = this.next() as string
      if (ch === this.escapeChar) {
        const after = this.peek()
        if (after === undefined) continue
        if (after === '"' || after === '$' || after === this.escapeChar) ch = this.next() as string
      }
      result += ch
    }
  }

  private get(name: string, forValue: boolean): string | undefined {
    const value = this.lookup(name)
    if (value === undefined && forValue) this.unset.push(name)
    return value
  }

  private processDollar(depth: number): string {
    this.next()
    if (this.peek() !== '{') {
      const name = this.processName()
      if (name === '') return '$'
      return this.get(name, true) ?? ''
    }
    this.next()
    const first = this.peek()
    if (first === undefined) throw new Error("syntax error: missing '}'")
    if (first === '{' || first === '}' || first === ':') throw new Error('syntax error: bad substitution')
    const name = this.processName()
    let ch = this.next()
    if (ch === undefined) throw new Error("syntax error: missing '}'")
    let modifier = ch
    if (ch === '}') return this.get(name, true) ?? ''
    if (ch === '/') return this.processReplace(name, depth)
    let nullIsUnset = false
    if (ch === ':') {
      nullIsUnset = true
      ch = this.next()
      modifier += ch ?? ''
    }
    if (ch !== '+' && ch !== '-' && ch !== '?' && ch !== '#' && ch !== '%')
      throw new Error(`unsupported modifier (${modifier}) in substitution`)
    const pattern = ch === '#' || ch === '%'
    if (nullIsUnset && pattern) throw new Error(`unsupported modifier (${modifier}) in substitution`)
    let word = this.stopOn('}', pattern, depth, "syntax error: missing '}'")
    const value = this.get(name, pattern)
    const isSet = value !== undefined && !(nullIsUnset && value === '')
    switch (ch) {
      case '-':
        return isSet ? value : word
      case '+':
        return isSet ? word : ''
      case '?':
        // BuildKit stops the build with the message; the variable is reported as unset.
        if (!isSet) this.unset.push(name)
        return value ?? ''
      default: {
        const greedy = word.startsWith(ch)
        if (greedy) word = word.slice(1)
        const tokens = parsePattern(word)
        this.spend((value ?? '').length)
        const chars = Array.from(value ?? '')
        if (ch === '#') return chars.slice(this.prefixEnd(tokens, chars, greedy)).join('')
        const reversed = chars.slice().reverse()
        const cut = this.prefixEnd(tokens.slice().reverse(), reversed, greedy)
        return reversed.slice(cut).reverse().join('')
      }
    }
  }

  /** `${NAME/pattern/replacement}`, `${NAME//pattern/replacement}`: the first (leftmost, longest) or every match. */
  private processReplace(name: string, depth: number): string {
    const all = this.peek() === '/'
    if (all) this.next()
    // biome-ignore lint/suspicious/noTemplateCurlyInString: BuildKit's message names the `${}` syntax
    const pattern = this.stopOn('/', true, depth, "syntax error: missing '/' in ${}")
    const replacement = this.stopOn('}', true, depth, "syntax error: missing '}'")
    const written = this.get(name, true) ?? ''
    this.spend(written.length)
    const value = Array.from(written)
    const tokens = parsePattern(pattern)
    if (!all) {
      const match = this.search(tokens, value, 0)
      if (!match) return value.join('')
      return value.slice(0, match[0]).join('') + replacement + value.slice(match[1]).join('')
    }
    // Go's Regexp.ReplaceAllString: `$` in the replacement is a template, not read here.
    if (replacement.includes('$')) throw new Error(`unsupported replacement "${replacement}" (it holds "$")`)
    let out = ''
    let lastEnd = 0
    let searchPos = 0
    while (searchPos <= value.length) {
      const match = this.search(tokens, value, searchPos)
      if (!match) break
      out += value.slice(lastEnd, match[0]).join('')
      // No replacement for an empty match just after another match (as Go).
      if (match[1] > lastEnd || match[0] === 0) out += replacement
      if (out.length > MAX_OUTPUT) throw new Error(`expands to more than ${MAX_OUTPUT} characters`)
      lastEnd = match[1]
      searchPos = Math.max(searchPos + 1, match[1])
    }
    return out + value.slice(lastEnd).join('')
  }

  private stopOn(stop: string, rawEscapes: boolean, depth: number, missing: string): string {
    try {
      return this.processStopOn(stop, rawEscapes, depth + 1)
    } catch (error) {
      if (this.peek() === undefined && /^unexpected end of statement/.test((error as Error).message))
        throw new Error(missing)
      throw error
    }
  }

  private processName(): string {
    let name = ''
    for (;;) {
      const ch = this.peek()
      if (ch === undefined) return name
      if (name === '' && /^\p{Nd}$/u.test(ch)) {
        while (this.peek() !== undefined && /^\p{Nd}$/u.test(this.peek() as string)) name += this.next()
        return name
      }
      if (name === '' && '@*#?-$!0'.includes(ch)) return this.next() as string
      if (!/^[\p{L}\p{Nd}_]$/u.test(ch)) return name
      name += this.next()
    }
  }

  /** The end of the shortest (or longest) prefix of `chars` the pattern matches whole; 0 when none does. */
  private prefixEnd(tokens: Token[], chars: string[], greedy: boolean): number {
    let found = -1
    this.walk(tokens, chars, 0, (end) => {
      found = end
      return greedy
    })
    return Math.max(found, 0)
  }

  /** The leftmost match, longest at that start (Go's leftmost-first with greedy `*`): [start, end). */
  private search(tokens: Token[], chars: string[], from: number): [number, number] | undefined {
    for (let start = from; start <= chars.length; start++) {
      let end = -1
      this.walk(tokens, chars, start, (at) => {
        end = at
        return true
      })
      if (end >= 0) return [start, end]
    }
    return undefined
  }

  /**
   * Walks `chars` from `start` with the set of pattern positions reached; `onMatch(end)` for each end where the
   * whole pattern has matched, in increasing order, until it returns false. `*` and `?` do not match a newline
   * (Go's `.`).
   */
  private walk(tokens: Token[], chars: string[], start: number, onMatch: (end: number) => boolean): void {
    const m = tokens.length
    let states = new Uint8Array(m + 1)
    states[0] = 1
    closure(tokens, states)
    for (let at = start; ; at++) {
      this.spend(m + 1)
      if (states[m] && !onMatch(at)) return
      if (at >= chars.length) return
      const ch = chars[at]
      const next = new Uint8Array(m + 1)
      let any = false
      for (let i = 0; i < m; i++) {
        if (!states[i]) continue
        const token = tokens[i]
        if (token === STAR) {
          if (ch !== '\n') next[i] = 1
        } else if (token === ANY ? ch !== '\n' : token === ch) next[i + 1] = 1
        else continue
        any = true
      }
      if (!any) return
      closure(tokens, next)
      states = next
    }
  }
}

/** A literal character, or `*` / `?` as the STAR / ANY symbols. */
type Token = string | typeof STAR | typeof ANY
const STAR = Symbol('*')
const ANY = Symbol('?')

function closure(tokens: Token[], states: Uint8Array): void {
  for (let i = 0; i < tokens.length; i++) if (states[i] && tokens[i] === STAR) states[i + 1] = 1
}

/** BuildKit's convertShellPatternToRegex: `*`, `?`, `\*`, `\?`, `\\`; `\}` and `\/` are the characters. */
function parsePattern(pattern: string): Token[] {
  const chars = Array.from(pattern)
  const tokens: Token[] = []
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    if (ch === '*') tokens.push(STAR)
    else if (ch === '?') tokens.push(ANY)
    else if (ch === '\\') {
      const next = chars[i + 1]
      if (next === '}' || next === '/') continue
      if (next !== '*' && next !== '?' && next !== '\\')
        throw new Error(`invalid pattern (${pattern}) in substitution: invalid escape '\\${next ?? ''}'`)
      tokens.push(next)
      i++
    } else tokens.push(ch)
  }
  return tokens
}
