/**
 * A Jenkinsfile's tokens with what the readers of ./index.ts ask of them: the block each token is in (the name
 * before its `{`: `agent`, `docker`, `stage`, `withRegistry`…), named arguments of a call, and the literal values a
 * `${NAME}` template may take, in the scope Jenkins evaluates it in (./scope.ts): top-level `def NAME = '…'` /
 * `NAME = '…'` assignments (a name assigned twice is not used), the `environment {}` blocks in effect there, and
 * the axes of an enclosing `matrix {}` (one value per cell).
 */
import {elide} from '../../../core/elide.js'
import type {SkipReason} from '../../../core/model.js'
import type {Token, Tokens} from '../../lockfile-support/groovy-tokenize.js'
import {LineStarts} from '../../../core/line-index.js'
import type {Output} from '../../output.js'
import type {DiscoverContext} from '../../types.js'
import {axisShown, type Binding, type Layer, type Matrix, readMatrix, type Scope} from './scope.js'

/** A value a name is set to: a string token, or an expression (its text). */

interface Frame {
  /** The name before the block's `{` (a call's name for `name(…) {`), or ''. */
  label: string
  /** Index of the `{`, and of the call's `(` (-1 for none). */
  open: number
  call: number
  /** Index of the enclosing frame, -1 at the top level. */
  parent: number
  /** `environment {}` entries of a `pipeline`, `stage` or `matrix` block. */
  env?: Map<string, Binding>
  /** A `matrix {}` block's axes. */
  matrix?: Matrix
}

/** Blocks climbed from a token to find what encloses it, at most (a hostile file nests deeper). */
const MAX_CLIMB = 256
/** Variables through variables, at most. */
const MAX_DEPTH = 8
/** The longest value a template may give. */
const MAX_VALUE = 4096
/** Templates filled in for one string, through all its variables, at most (a hostile file nests them widely). */
const MAX_TEMPLATES = 1000
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Declaration words before a top-level `NAME = …`. */
const DECLARE = new Set(['def', 'final', 'String', 'var', 'static'])

/** A string with its templates filled in: `${expr}` left in `text` for each one not read, named in `missing`. */
export interface Resolved {
  text: string
  /** The text before the first template not read (all of it when there is none). */
  prefix: string
  missing: string[]
  /** The templates not read, as written (`${expr}`, `$name`). */
  holes: string[]
  /** Whether a template not read is a matrix axis, known once a cell is chosen (./scope.ts cellsOf). */
  axis: boolean
}

export class Pipeline {
  readonly tokens: Token[]
  readonly match: Int32Array
  /** Index into `frames` of the innermost block holding each token, -1 at the top level. */
  readonly owner: Int32Array
  readonly frames: Frame[] = []
  readonly top = new Map<string, Binding>()
  /** Every name an `environment {}` block sets, for messages. */
  readonly envNames = new Set<string>()
  private readonly layerCache = new Map<number, Layer[]>()
  /** Templates left to fill in for the string being resolved (MAX_TEMPLATES). */
  private budget = 0
  /** String tokens without their closing quote: reported once, never read. */
  readonly unterminated = new Set<Token>()
  /** The length of each string's quotes: 3 for `'''` and `"""`, else 1. */
  readonly quotes = new Map<Token, number>()

  constructor(
    readonly file: string,
    text: string,
    lexed: Tokens,
    readonly context: DiscoverContext,
    readonly out: Output,
  ) {
    this.tokens = lexed.tokens
    this.match = lexed.match
    this.owner = new Int32Array(this.tokens.length)
    this.findUnterminated(text)
    this.buildFrames()
    this.collectBindings()
    for (let f = 0; f < this.frames.length; f++)
      if (this.frames[f].label === 'matrix') this.frames[f].matrix = readMatrix(this, f)
  }

  /** Strings whose closing quote is not where the lexer stopped: ended by their line's end or the text's. */
  private findUnterminated(text: string): void {
    const starts = new LineStarts()
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.add(index + 1)
    for (const token of this.tokens) {
      if (token.kind !== 'string') continue
      const start = starts.start(token.line, text.length) + token.column - 1
      const quote = text[start]
      const close = text.startsWith(quote.repeat(3), start) ? quote.repeat(3) : quote
      this.quotes.set(token, close.length)
      if (!text.startsWith(close, start + close.length + (token.raw ?? '').length)) this.unterminated.add(token)
    }
  }

  isPunct(i: number, value: string): boolean {
    const token = this.tokens[i]
    return token !== undefined && token.kind === 'punct' && token.value === value
  }

  isIdent(i: number, value: string): boolean {
    const token = this.tokens[i]
    return token !== undefined && token.kind === 'ident' && token.value === value
  }

  /** The first token of a line or after `;` / `{`. */
  atStatementStart(i: number): boolean {
    const before = this.tokens[i - 1]
    return (
      before === undefined ||
      before.kind === 'newline' ||
      (before.kind === 'punct' && (before.value === ';' || before.value === '{'))
    )
  }

  frameLabel(frame: number): string {
    return frame >= 0 ? this.frames[frame].label : ''
  }

  /** Whether token `i` is directly in a `<label> {` block that is directly in `agent {`. */
  inAgent(label: string, i: number): boolean {
    const frame = this.owner[i]
    return this.frameLabel(frame) === label && frame >= 0 && this.frameLabel(this.frames[frame].parent) === 'agent'
  }

  /** Frames enclosing token `i`, innermost first (bounded). */
  *enclosing(i: number): Generator<Frame> {
    let frame = this.owner[i]
    for (let step = 0; frame >= 0 && step < MAX_CLIMB; step++) {
      yield this.frames[frame]
      frame = this.frames[frame].parent
    }
  }

  /** The index after a value starting at `at`: the next `,` or closer at its depth, or the end of its line. */
  valueEnd(at: number, end = this.tokens.length): number {
    let k = at
    while (k < end) {
      const token = this.tokens[k]
      if (token.kind === 'newline') {
        // A line ending in an operator or `,` goes on.
        if (!this.continues(k)) return k
      } else if (token.kind === 'punct') {
        if (token.value === ',' || token.value === ';' || token.value === ')' || token.value === ']') return k
        if (token.value === '}') return k
        if ((token.value === '(' || token.value === '[' || token.value === '{') && this.match[k] > k) {
          k = this.match[k] + 1
          continue
        }
      }
      k++
    }
    return k
  }

  private continues(newline: number): boolean {
    const before = this.tokens[newline - 1]
    return before !== undefined && before.kind === 'punct' && /^(,|\+|\.|=|:|\?|&&|\|\|)$/.test(before.value)
  }

  /**
   * Named arguments of a call whose `(` (or the first argument of a command call without one) is at `open`: each
   * key and the index of its value. Keys are kept in a Map: `__proto__` is a key like any other.
   */
  namedArgs(open: number): Map<string, number> {
    const args = new Map<string, number>()
    const parenthesised = this.isPunct(open, '(')
    const end = parenthesised
      ? this.match[open] >= 0
        ? this.match[open]
        : this.tokens.length
      : this.statementEnd(open)
    for (let k = parenthesised ? open + 1 : open; k < end; ) {
      while (k < end && this.tokens[k].kind === 'newline') k++
      const key = this.tokens[k]
      if (key !== undefined && (key.kind === 'ident' || key.kind === 'string') && this.isPunct(k + 1, ':')) {
        if (!args.has(key.value)) args.set(key.value, k + 2)
        k += 2
      }
      k = this.valueEnd(k, end) + 1
    }
    return args
  }

  /** The end of a command call's arguments (`library identifier: 'x', retriever: …`): its line, and lines after a `,`. */
  statementEnd(start: number): number {
    let k = start
    while (k < this.tokens.length) {
      k = this.valueEnd(k)
      if (!this.isPunct(k, ',')) return k
      k++
    }
    return k
  }

  /** Token text for messages: strings quoted as written. */
  expressionText(start: number, end: number): string {
    const parts: string[] = []
    for (let k = start; k < end && k < this.tokens.length; k++) {
      const token = this.tokens[k]
      if (token.kind === 'newline') continue
      parts.push(token.kind === 'string' ? `"${token.raw ?? token.value}"` : token.value)
      if (parts.length > 60) break
    }
    return elide(parts.join(' '), 200)
  }

  skip(line: number, reason: SkipReason, message: string): void {
    this.out.skipped.push({file: this.file, line, reason, message})
  }

  /**
   * A value that must be one literal string (a path): its text with templates filled in, or undefined after a skip
   * saying why not.
   */
  literal(at: number, where: string): string | undefined {
    const token = this.tokens[at]
    const line = token?.line ?? this.tokens[at - 1]?.line ?? 1
    if (token === undefined || token.kind !== 'string' || !this.isValueEnd(at + 1)) {
      this.skip(line, 'unsupported', `${where} ${this.expressionText(at, this.valueEnd(at))}: computed, not read`)
      return undefined
    }
    if (this.unterminated.has(token)) return undefined
    const resolved = this.resolve(token, at)
    if (resolved.missing.length === 0) return resolved.text
    this.skip(line, 'unsupported', `${where} "${elide(resolved.text, 200)}": ${resolved.missing.join(', ')}; not read`)
    return undefined
  }

  /** Whether the token at `k` ends a value (nothing follows the value in its expression). */
  isValueEnd(k: number): boolean {
    const token = this.tokens[k]
    if (token === undefined || token.kind === 'newline') return true
    return token.kind === 'punct' && [',', ';', ')', ']', '}'].includes(token.value)
  }

  /** A string's text with its templates filled in, as Jenkins evaluates it at token `at` (or in `scope`). */
  resolve(token: Token, at: number | Scope): Resolved {
    this.budget = MAX_TEMPLATES
    return this.fill(token, typeof at === 'number' ? this.scopeAt(at) : at, 0)
  }

  private fill(token: Token, scope: Scope, depth: number): Resolved {
    const out: Resolved = {text: '', prefix: '', missing: [], holes: [], axis: false}
    for (const part of token.parts ?? [{text: token.value}]) {
      if ('text' in part) {
        out.text += part.text
        if (out.missing.length === 0) out.prefix = out.text
        continue
      }
      const value = this.template(part.expr, scope, depth)
      if (typeof value === 'string' && out.text.length + value.length <= MAX_VALUE) {
        out.text += value
        if (out.missing.length === 0) out.prefix = out.text
      } else {
        const written = part.braces ? `\${${part.expr}}` : `$${part.expr}`
        out.text += written
        out.holes.push(written)
        out.missing.push(typeof value === 'string' ? `${part.expr} (longer than ${MAX_VALUE} characters)` : value.why)
        if (typeof value !== 'string' && value.axis) out.axis = true
      }
    }
    return out
  }

  /** One template's value, or why it has none. */
  private template(expr: string, scope: Scope, depth: number): string | {why: string; axis?: boolean} {
    const shown = `\${${elide(expr.trim(), 100)}}`
    const viaEnv = expr.trim().startsWith('env.')
    const name = expr.trim().replace(/^env\./, '')
    if (!NAME.test(name)) return {why: `${shown} is an expression`}
    if (depth >= MAX_DEPTH) return {why: `${shown} (variables nested deeper than ${MAX_DEPTH})`}
    if (--this.budget < 0) return {why: `${shown} (more than ${MAX_TEMPLATES} templates through variables)`}
    const found = this.lookup(name, scope, viaEnv)
    if (found === undefined)
      return {
        why:
          scope.block?.self === name
            ? `${shown} is the value before this entry, not set in this file`
            : `${shown} ${this.unsetWhy(name)}`,
      }
    if ('value' in found) return found.value
    if ('axis' in found) return {why: `${shown} is a matrix axis ${axisShown(found.axis, name)}`, axis: true}
    if ('computed' in found.binding) return {why: `${shown} is set to ${found.binding.computed}`}
    const inner = this.fill(found.binding.token, found.scope, depth + 1)
    return inner.missing.length === 0 ? inner.text : {why: `${shown} (${inner.missing.join(', ')})`, axis: inner.axis}
  }

  /** Why a name has no value where it is used. */
  unsetWhy(name: string): string {
    return this.envNames.has(name)
      ? "is set only by environment blocks not in effect here (another stage's; or the agent's own stage's or pipeline's, which Jenkins applies after setting up the agent)"
      : 'is not set in this file (top-level assignments and environment blocks are read)'
  }

  /** The blocks in effect at token `at` (./scope.ts). */
  scopeAt(at: number): Scope {
    return {layers: this.layers(this.owner[at] ?? -1)}
  }

  /**
   * What a name is in `scope`, as Jenkins resolves it (./scope.ts): an entry of the same environment block, a
   * top-level assignment (not for `env.NAME`), then the blocks in effect, innermost first. A binding comes with the
   * scope it is evaluated in (where it is defined); an axis with its value in the scope's cell, or its matrix.
   */
  lookup(
    name: string,
    scope: Scope,
    viaEnv = false,
  ): {binding: Binding; scope: Scope} | {value: string} | {axis: Matrix} | undefined {
    const {block} = scope
    if (block !== undefined && name !== block.self) {
      const binding = block.env.get(name)
      if (binding !== undefined) return {binding, scope: {...scope, block: {env: block.env, self: name}}}
    }
    // An entry naming itself (`PATH = "${env.PATH}:…"`) reads the script's property, as a bare name does.
    if (!viaEnv || block?.self === name) {
      const binding = this.top.get(name)
      if (binding !== undefined) return {binding, scope: {layers: []}}
    }
    for (const layer of scope.layers) {
      const binding = layer.env?.get(name)
      if (binding !== undefined)
        return {
          binding,
          scope: {block: {env: layer.env!, self: name}, layers: this.envLayers(layer.frame), cell: scope.cell},
        }
      if (layer.axes?.axes.some((axis) => axis.name === name)) {
        const value = scope.cell?.get(layer.frame)?.get(name)
        return value === undefined ? {axis: layer.axes} : {value}
      }
    }
    return undefined
  }

  /**
   * The blocks in effect inside frame `frame`, innermost first: each enclosing block's environment and matrix axes,
   * except the environment of the block an `agent {}` belongs to (set up before it). Bounded; cached.
   */
  private layers(frame: number): Layer[] {
    const cached = this.layerCache.get(frame)
    if (cached !== undefined) return cached
    const layers: Layer[] = []
    let agentOf = -1
    for (let f = frame, step = 0; f >= 0 && step < MAX_CLIMB; f = this.frames[f].parent, step++) {
      const {label, parent, env, matrix} = this.frames[f]
      if (label === 'agent') agentOf = parent
      const inEffect = f === agentOf ? undefined : env
      if (inEffect !== undefined || matrix !== undefined) layers.push({frame: f, env: inEffect, axes: matrix})
    }
    this.layerCache.set(frame, layers)
    return layers
  }

  /** The blocks in effect when the `environment {}` of frame `frame` is applied: its matrix cell, then around it. */
  private envLayers(frame: number): Layer[] {
    const {parent, matrix} = this.frames[frame]
    const around = parent >= 0 ? this.layers(parent) : []
    return matrix === undefined ? around : [{frame, axes: matrix}, ...around]
  }

  private buildFrames(): void {
    const {tokens, match, frames, owner} = this
    const stack: number[] = []
    for (let i = 0; i < tokens.length; i++) {
      owner[i] = stack.length > 0 ? stack[stack.length - 1] : -1
      const token = tokens[i]
      if (token.kind !== 'punct') continue
      if (token.value === '{') {
        frames.push({...this.header(i), open: i, parent: owner[i]})
        stack.push(frames.length - 1)
      } else if (token.value === '}' && match[i] >= 0) {
        while (stack.length > 0 && frames[stack.pop()!].open !== match[i]);
      }
    }
  }

  /** The name a block is opened with: `agent {`, `stage('x') {`, `docker.image('x').inside {`. */
  private header(open: number): {label: string; call: number} {
    let k = open - 1
    while (k >= 0 && open - k < 3 && this.tokens[k].kind === 'newline') k--
    const before = this.tokens[k]
    if (before?.kind === 'ident') return {label: before.value, call: -1}
    if (before?.kind === 'punct' && before.value === ')' && this.match[k] > 0) {
      const call = this.match[k]
      const name = this.tokens[call - 1]
      return {label: name.kind === 'ident' ? name.value : '', call}
    }
    return {label: '', call: -1}
  }

  /** `environment {}` entries and top-level assignments. */
  private collectBindings(): void {
    const {tokens} = this
    const assigned = new Set<string>()
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].kind !== 'ident' || !this.atStatementStart(i)) continue
      const frame = this.owner[i]
      if (frame >= 0 && this.frames[frame].label === 'environment') {
        const holder = this.frames[frame].parent
        if (holder >= 0 && this.isPunct(i + 1, '=')) {
          const env = this.frames[holder].env ?? new Map<string, Binding>()
          this.frames[holder].env = env
          env.set(tokens[i].value, this.binding(i + 2))
          this.envNames.add(tokens[i].value)
        }
        continue
      }
      if (frame !== -1) continue
      let k = i
      while (tokens[k]?.kind === 'ident' && DECLARE.has(tokens[k].value) && tokens[k + 1]?.kind === 'ident') k++
      if (tokens[k]?.kind !== 'ident' || !this.isPunct(k + 1, '=')) continue
      const name = tokens[k].value
      if (assigned.has(name)) this.top.set(name, {computed: 'more than one value at the top level'})
      else this.top.set(name, this.binding(k + 2))
      assigned.add(name)
    }
  }

  /** The binding of a value starting at `at`: one string, or an expression. */
  private binding(at: number): Binding {
    const token = this.tokens[at]
    if (token?.kind === 'string' && this.isValueEnd(at + 1) && !this.unterminated.has(token)) return {token}
    return {computed: `an expression (${this.expressionText(at, this.valueEnd(at))})`}
  }
}
