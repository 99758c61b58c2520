/**
 * Go's private modules (https://go.dev/ref/mod#private-modules): `GOPRIVATE` and `GONOPROXY` are comma-separated glob
 * patterns of module path prefixes, and `go` never asks the public proxy or checksum database about a module that
 * matches one. stewards does the same with deps.dev: such a module's path is not sent there (the go-module resolver
 * still asks the module's own host, as `go` fetches it directly).
 *
 * Matching is Go's `module.MatchPrefixPatterns`: a pattern of n path elements matches a module path whose first n
 * elements match it element by element, each with `path.Match` (`*` any run of characters but `/`, `?` one such
 * character, `[...]` a class, `\` an escape). Written by hand: no library implements Go's path.Match.
 */
import {trimEnd} from './trim-end.js'

/** The patterns of `GOPRIVATE` and `GONOPROXY` in `env`, empty entries dropped. */
export function goPrivatePatterns(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.GOPRIVATE, env.GONOPROXY]
    .flatMap((value) => (value ?? '').split(','))
    .map((pattern) => trimEnd(pattern.trim(), '/'))
    .filter((pattern) => pattern !== '')
}

/** True when a prefix of `path` (whole path elements) matches one of `patterns`. */
export function isGoPrivate(path: string, patterns: readonly string[]): boolean {
  const elements = path.split('/')
  return patterns.some((pattern) => {
    const parts = pattern.split('/')
    if (parts.length > elements.length) return false
    return parts.every((part, i) => elementMatches(part, elements[i]))
  })
}

const compiled = new Map<string, RegExp | null>()

/** One path element against one pattern element, as Go's path.Match; a malformed pattern matches nothing. */
function elementMatches(pattern: string, element: string): boolean {
  let expression = compiled.get(pattern)
  if (expression === undefined) {
    expression = toRegExp(pattern)
    compiled.set(pattern, expression)
  }
  return expression?.test(element) === true
}

function toRegExp(pattern: string): RegExp | null {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '*') source += '[^/]*'
    else if (c === '?') source += '[^/]'
    else if (c === '\\') {
      if (i + 1 >= pattern.length) return null
      source += literal(pattern[++i])
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end === -1) return null
      let body = pattern.slice(i + 1, end)
      const negated = body.startsWith('^')
      if (negated) body = body.slice(1)
      if (body === '') return null
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`
      i = end
    } else source += literal(c)
  }
  return new RegExp(`^${source}$`)
}

/** One character as a regular expression that matches it alone. */
function literal(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
