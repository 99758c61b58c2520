/**
 * A `*.gemspec` (https://guides.rubygems.org/specification-reference/), read from ./lexer.ts's tokens, never run:
 * each `add_dependency`/`add_runtime_dependency` (prod) and `add_development_dependency` (dev) called on any
 * receiver (`spec.`, `s.`, `gem.`), with or without parentheses, wherever it is (inside `if`, in a block). The gem's
 * own `name` is not a dependency. A gem's dependencies come from the registry it is published to: no source is read,
 * but a dependency on a gem of the tree (./local-gems.ts) is local.
 *
 * Generated gemspecs (RubyGems' Gem::Specification#to_ruby, jeweler) repeat every dependency in the `else` of
 * checks for a RubyGems older than 1.2 (2008), with `add_dependency` for development ones too: that `else` is dead on
 * every RubyGems since, and is not read, for these exact generated checks only (GENERATED).
 */
import type {Scope} from '../../../core/model.js'
import {opensBlock, readCall} from './calls.js'
import {declared, gemComponent, type Out, syntaxErrors} from './gems.js'
import {isKeyword, isOp, type Lexed, type Token} from './lexer.js'

const METHODS: ReadonlyMap<string, Scope> = new Map([
  ['add_dependency', 'prod'],
  ['add_runtime_dependency', 'prod'],
  ['add_development_dependency', 'dev'],
])

/**
 * The conditions RubyGems and jeweler generated, as their tokens joined (`R` any receiver): true on every RubyGems
 * since 1.2, so their `else` never runs. `if s.respond_to? :specification_version then` (RubyGems 1.x to 3.0),
 * `if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('1.2.0') then` (and `Gem::RubyGems::VERSION`, RubyGems
 * 1.3), `if s.respond_to? :add_runtime_dependency then` (RubyGems 2.x to 3.0).
 */
const GENERATED = new Set([
  'R.respond_to?:specification_version',
  'R.respond_to?(:specification_version)',
  'R.respond_to?:add_runtime_dependency',
  'R.respond_to?(:add_runtime_dependency)',
  "Gem::Version.new(Gem::VERSION)>=Gem::Version.new('1.2.0')",
  "Gem::Version.new(Gem::RubyGems::VERSION)>=Gem::Version.new('1.2.0')",
])

/** The longest condition of GENERATED, in tokens. */
const CONDITION_TOKENS = 24

export function readGemspec(out: Out, lexed: Lexed, local: ReadonlySet<string> = new Set()): void {
  const tokens = lexed.tokens
  const broken = lexed.error !== undefined || lexed.unclosed !== undefined
  const dead = deadBranches(tokens)
  for (let at = 1; at < tokens.length; at++) {
    const token = tokens[at]
    const scope = token.kind === 'ident' ? METHODS.get(token.value) : undefined
    if (scope === undefined || !(isOp(tokens[at - 1], '.') || isOp(tokens[at - 1], '&.'))) continue
    const call = readCall(tokens, at + 1)
    // The tokens end inside the call, at a syntax error: what it declares is not known.
    if (call.cut && broken) break
    at = call.next - 1
    if (inDead(dead, token.start)) continue
    const method = (token as {value: string}).value
    const gem = declared(out, token.start, call.positional, method)
    if (gem !== undefined) gemComponent(out, gem, scope, local.has(gem.name) ? {kind: 'path'} : undefined)
  }
  syntaxErrors(out, lexed)
}

/** Offsets [from, to) of the `else` branches of GENERATED checks. */
type Spans = Array<[number, number]>

function inDead(spans: Spans, offset: number): boolean {
  return spans.some(([from, to]) => offset >= from && offset < to)
}

/**
 * The `else` branches of GENERATED checks: one pass over the tokens with a stack of the blocks `end` closes (a
 * `while`/`until`/`for` line's `do` opens none), each GENERATED `if` remembering where its `else` starts.
 */
function deadBranches(tokens: readonly Token[]): Spans {
  const spans: Spans = []
  const stack: Array<{generated: boolean; elseAt?: number}> = []
  let loopDo = false
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]
    if (token.kind === 'newline' || isOp(token, ';')) loopDo = false
    if (token.kind !== 'ident' || !token.keyword) continue
    if (token.value === 'end') {
      const block = stack.pop()
      if (block?.elseAt !== undefined) spans.push([block.elseAt, token.start])
    } else if (token.value === 'else' || token.value === 'elsif') {
      const top = stack.at(-1)
      if (top?.generated && top.elseAt === undefined) top.elseAt = token.start
    } else if (token.value === 'do' && loopDo) loopDo = false
    else if (opensBlock(tokens, at)) {
      stack.push({generated: token.value === 'if' && isGenerated(tokens, at + 1)})
      loopDo = token.value === 'while' || token.value === 'until' || token.value === 'for'
    }
  }
  return spans
}

/** Whether the tokens from `at` to `then` or the line's end are one of GENERATED. */
function isGenerated(tokens: readonly Token[], at: number): boolean {
  let text = ''
  for (let index = at; index < Math.min(tokens.length, at + CONDITION_TOKENS + 1); index++) {
    const token = tokens[index]
    if (token.kind === 'newline' || isOp(token, ';') || isKeyword(token, 'then')) return GENERATED.has(text)
    const written = spelled(token)
    if (written === undefined) return false
    text += index === at && token.kind === 'ident' && isOp(tokens[index + 1], '.') ? 'R' : written
  }
  return false
}

function spelled(token: Token): string | undefined {
  switch (token.kind) {
    case 'ident':
    case 'op':
    case 'number':
      return token.value
    case 'symbol':
      return token.value === undefined ? undefined : `:${token.value}`
    case 'string':
      return token.value === undefined ? undefined : `'${token.value}'`
    default:
      return undefined
  }
}
