/**
 * A `*.gemspec` (https://guides.rubygems.org/specification-reference/), read from ./lexer.ts's tokens, never run:
 * each `add_dependency`/`add_runtime_dependency` (prod) and `add_development_dependency` (dev) called on any
 * receiver (`spec.`, `s.`, `gem.`), with or without parentheses, wherever it is (inside `if`, in a block). The gem's
 * own `name` is not a dependency. A gem's dependencies come from the registry it is published to: no source is read.
 */
import type {Scope} from '../../../core/model.js'
import {readCall} from './calls.js'
import {declared, gemComponent, type Out, syntaxErrors} from './gems.js'
import {isOp, type Lexed} from './lexer.js'

const METHODS: ReadonlyMap<string, Scope> = new Map([
  ['add_dependency', 'prod'],
  ['add_runtime_dependency', 'prod'],
  ['add_development_dependency', 'dev'],
])

export function readGemspec(out: Out, lexed: Lexed): void {
  const tokens = lexed.tokens
  const broken = lexed.error !== undefined || lexed.unclosed !== undefined
  for (let at = 1; at < tokens.length; at++) {
    const token = tokens[at]
    const scope = token.kind === 'ident' ? METHODS.get(token.value) : undefined
    if (scope === undefined || !(isOp(tokens[at - 1], '.') || isOp(tokens[at - 1], '&.'))) continue
    const call = readCall(tokens, at + 1)
    // The tokens end inside the call, at a syntax error: what it declares is not known.
    if (call.cut && broken) break
    const method = (token as {value: string}).value
    const gem = declared(out, token.start, call.positional, method)
    if (gem !== undefined) gemComponent(out, gem, scope, undefined)
    at = call.next - 1
  }
  syntaxErrors(out, lexed)
}
