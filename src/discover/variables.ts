/**
 * Shell-style variable substitution as Dockerfiles (`ARG` in `FROM`) and Compose files (`${VAR:-default}`) do it:
 * `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`, `${NAME+word}`, `${NAME:?message}`,
 * `${NAME?message}`, with nested substitutions in `word`.
 * Sources: Docker's shell lexer (https://docs.docker.com/reference/dockerfile/#environment-replacement) and
 * compose-go's template package (https://docs.docker.com/reference/compose-file/interpolation/). Written by hand:
 * both are Go, and no maintained JS port reads both dialects; the grammar above is the whole of what is supported.
 * A variable that is unset and has no default is named in `unset` (and replaced by nothing), so callers report it
 * rather than guess.
 */

export interface SubstituteOptions {
  /** Literal `$`: Compose writes `$$`, a Dockerfile `\$`. */
  escape: '$$' | '\\$'
  /** The value of a variable; undefined when unset. An empty string is set-but-empty (`:-` still defaults). */
  lookup(name: string): string | undefined
}

export type Substituted = {ok: true; value: string; unset: string[]} | {ok: false; message: string}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/
/** Far above any real reference; keeps the work bounded on hostile input. */
const MAX_INPUT = 4096
/**
 * The longest value a substitution may give. Without it, `ARG`s that repeat earlier ones (or a Compose file
 * repeating a long `.env` value) multiplied 8 KB of Dockerfile into a 480-million-character image and an
 * out-of-memory crash.
 */
const MAX_OUTPUT = 4096
const MAX_DEPTH = 8

export function substitute(text: string, options: SubstituteOptions): Substituted {
  if (text.length > MAX_INPUT) return {ok: false, message: `longer than ${MAX_INPUT} characters`}
  const unset: string[] = []
  try {
    const value = expand(text, options, unset, 0)
    return {ok: true, value, unset: [...new Set(unset)]}
  } catch (error) {
    return {ok: false, message: (error as Error).message}
  }
}

export function hasVariables(text: string): boolean {
  return text.includes('$')
}

function expand(text: string, options: SubstituteOptions, unset: string[], depth: number): string {
  if (depth > MAX_DEPTH) throw new Error('variables nested too deep')
  let out = ''
  let i = 0
  while (i < text.length) {
    if (out.length > MAX_OUTPUT) throw new Error(`expands to more than ${MAX_OUTPUT} characters`)
    const char = text[i]
    if (options.escape === '\\$' && char === '\\' && text[i + 1] === '$') {
      out += '$'
      i += 2
      continue
    }
    if (char !== '$') {
      out += char
      i++
      continue
    }
    const next = text[i + 1]
    if (options.escape === '$$' && next === '$') {
      out += '$'
      i += 2
      continue
    }
    if (next === '{') {
      const end = closingBrace(text, i + 2)
      if (end < 0) throw new Error(`unclosed "\${" in "${text}"`)
      out += braced(text.slice(i + 2, end), options, unset, depth)
      i = end + 1
      continue
    }
    const name = NAME.exec(text.slice(i + 1))?.[0]
    if (!name) {
      out += char
      i++
      continue
    }
    const value = options.lookup(name)
    if (value === undefined) unset.push(name)
    out += value ?? ''
    i += 1 + name.length
  }
  if (out.length > MAX_OUTPUT) throw new Error(`expands to more than ${MAX_OUTPUT} characters`)
  return out
}

function closingBrace(text: string, from: number): number {
  let depth = 1
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++
    else if (text[i] === '}' && --depth === 0) return i
  }
  return -1
}

/** The inside of `${...}`. */
function braced(inner: string, options: SubstituteOptions, unset: string[], depth: number): string {
  const name = NAME.exec(inner)?.[0]
  if (!name) throw new Error(`invalid variable "\${${inner}}"`)
  const rest = inner.slice(name.length)
  const value = options.lookup(name)
  if (rest === '') {
    if (value === undefined) unset.push(name)
    return value ?? ''
  }
  const operator = /^(:?[-+?])/.exec(rest)?.[1]
  if (!operator) throw new Error(`unsupported substitution "\${${inner}}"`)
  const word = () => expand(rest.slice(operator.length), options, unset, depth + 1)
  const colon = operator.startsWith(':')
  const isSet = value !== undefined && (!colon || value !== '')
  switch (operator.at(-1)) {
    case '-':
      return isSet ? value! : word()
    case '+':
      return isSet ? word() : ''
    default: {
      // `?`: the tool stops with the message when unset; we report the variable as unset.
      if (!isSet) unset.push(name)
      return value ?? ''
    }
  }
}
