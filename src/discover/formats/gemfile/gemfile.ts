/**
 * A Gemfile (or `gems.rb`), read as Bundler's DSL (https://bundler.io/man/gemfile.5.html) from ./lexer.ts's tokens,
 * never run: `gem` lines at the start of a statement, wherever they are (inside `if`/`unless`/`case`, loops, blocks:
 * they may be installed); the blocks that give them a group (`group`), a source (`source URL do`, `git URL do`,
 * `github 'o/r' do`, `path 'dir' do`) or nothing stewards reads (`platforms`, `install_if`, `env`); the top-level
 * `source` lines; `git_source(:name)` definitions whose block is a URL template; the folders it serves gems from
 * (`gemspec`, `path`, `path:`), which ./local-gems.ts searches for gemspecs; the groups `optional: true` makes
 * optional. Blocks are followed by the keywords
 * that open one (`do`, `if` not modifying, `case`, `begin`, `def`, `class`…) and the `end` closing it, `{ … }`
 * blocks by their brackets; each block keeps the context it gives, so a gem's costs nothing however deep it is.
 */
import {posix} from 'node:path'
import type {Scope} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {createLineIndex} from '../../../core/line-index.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {DEVELOPMENT_GROUPS} from '../../lockfile-support/scope.js'
import type {DiscoverContext} from '../../types.js'
import {type Call, closing, LOOKAHEAD, type Literal, opensBlock, readCall} from './calls.js'
import {
  basename,
  type Declared,
  declared,
  gemComponent,
  gitUrl,
  literalUrl,
  type Origin,
  type Out,
  quoteLiteral,
  registryUrl,
  skip,
  syntaxErrors,
} from './gems.js'
import {endsValue, isKeyword, isOp, type Lexed, lexRuby, type TemplatePart, type Token} from './lexer.js'

/** Where a gem comes from when the file does not say it in a way stewards reads: it is not listed. */
interface Unknown {
  kind: 'unknown'
  /** What makes it unknown, for the message. */
  why: string
}

interface Context {
  /** The groups of the blocks around (nested ones add up), as written; whether one of them is computed. */
  groups: readonly string[]
  computedGroup: boolean
  /** The source of the innermost `source`/`git`/`github`/`path` block; undefined: the file's default source. */
  origin?: Origin | Unknown
}

interface Frame {
  /** Closed by `end`, or by the `}` of the `{` at `depth`. */
  close: 'end' | '}'
  depth: number
  context: Context
  offset: number
  opener: string
}

interface Pending {
  /** The file that declares it (an evaluated Gemfile's own). */
  out: Out
  gem: Declared
  /** Its groups (the blocks' and its own option's); computed: one of them is. */
  groups: readonly string[]
  computedGroup: boolean
  origin?: Origin
  /** No source of its own nor of a block: the file's default source. */
  defaulted: boolean
}

/**
 * A folder Bundler serves gems from (Bundler::Source::Path): `gemspec` (its `path:`, default the Gemfile's folder),
 * `path 'dir'` (a block or not), a gem's `path:` option. `path` undefined: computed. `glob`: a `glob:` option.
 */
export interface PathSource {
  path?: string
  glob?: Literal
  /** Where it is declared, and how, for messages. */
  offset: number
  what: string
}

/** What a Gemfile tells beyond its gems: its path sources, and the gems it takes from its default source. */
export interface GemfileFacts {
  sources: PathSource[]
  defaulted: Declared[]
}

/** A `git_source(:name) { |repo| "https://host/#{repo}.git" }` definition: a URL template, or computed. */
type GitSource =
  | {kind: 'template'; parts: readonly TemplatePart[]; param: string; doubled: boolean}
  | {kind: 'computed'; line: number}

/**
 * Groups whose gems are no part of what runs: Bundler installs every group but those a `BUNDLE_WITHOUT` (which the
 * tree does not tell) or `optional: true` leaves out, and the development ones (../../lockfile-support/scope.ts
 * DEVELOPMENT_GROUPS) are the ones left out where the application runs. Any other group (`ldap`, `postgres`,
 * `metrics`, `production`…) is `prod`; a gem in several groups is `prod` when one of them is.
 */
const ROOT: Context = {groups: [], computedGroup: false}

/** The DSL methods read; any other method call is passed over. */
const DIRECTIVES = new Set([
  'gem',
  'group',
  'source',
  'git',
  'github',
  'path',
  'platforms',
  'platform',
  'install_if',
  'env',
  'gemspec',
  'eval_gemfile',
  'git_source',
])

/** Bundler's own shorthands for git hosts (Bundler::Dsl#add_git_sources). */
const SHORTHANDS = new Set(['github', 'gitlab', 'bitbucket', 'gist'])

/** Bundler's deprecated symbols for rubygems.org (Bundler::Dsl#normalize_source). */
const RUBYGEMS_SYMBOLS = new Set(['rubygems', 'gemcutter', 'rubyforge'])

const GITHUB_PULL_REQUEST = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/pull\/(\d+)$/
const GITLAB_MERGE_REQUEST = /^https:\/\/gitlab\.com\/([A-Za-z0-9_./-]+)\/-\/merge_requests\/(\d+)$/

/**
 * What a Gemfile and the Gemfiles it evaluates (`eval_gemfile`) share: Bundler evaluates them in one DSL object, so
 * their gems, top-level sources, `git_source`s and optional groups are one Gemfile's.
 */
interface Shared {
  pending: Pending[]
  globals: Array<{url: string; offset: number; out: Out}>
  gitSources: Map<string, GitSource>
  optionalGroups: Set<string>
  /** The files being evaluated, outermost first (a Gemfile that evaluates itself, at any depth, is a cycle). */
  evaluating: string[]
  /** Evaluations left: each reads a file of the tree. */
  budget: number
  context?: DiscoverContext
}

/** Gemfiles evaluated from one Gemfile, with the ones they evaluate: Bundler sets no limit, a tree is finite. */
const MAX_EVALUATED = 64

class GemfileReader {
  private readonly tokens: readonly Token[]
  private readonly frames: Frame[] = []
  private readonly pending: Pending[]
  private readonly globals: Shared['globals']
  private readonly gitSources: Map<string, GitSource>
  private readonly optionalGroups: Set<string>
  private readonly sources: PathSource[] = []
  /** A `while`/`until`/`for` opened on this line: its `do` opens nothing more. */
  private loopDo = false
  private strayEnd = false
  /** The file has a syntax error: a call the tokens end inside is not read. */
  private readonly broken: boolean

  constructor(
    private readonly out: Out,
    private readonly lexed: Lexed,
    private readonly shared: Shared,
    /** The context around the `eval_gemfile` that evaluates this file (ROOT for the Gemfile itself). */
    private readonly base: Context = ROOT,
  ) {
    this.tokens = lexed.tokens
    this.broken = lexed.error !== undefined || lexed.unclosed !== undefined
    this.pending = shared.pending
    this.globals = shared.globals
    this.gitSources = shared.gitSources
    this.optionalGroups = shared.optionalGroups
  }

  read(): GemfileFacts {
    this.readTokens()
    return this.finish()
  }

  /** An evaluated Gemfile: its gems join the evaluating one's; its own blocks and syntax are reported in it. */
  readEvaluated(): void {
    this.readTokens()
    this.unclosed()
  }

  private readTokens(): void {
    const tokens = this.tokens
    let start = true
    for (let at = 0; at < tokens.length; ) {
      const token = tokens[at]
      if (token.kind === 'newline' || isOp(token, ';')) {
        // A line ending with an operator or `,` goes on.
        start ||= isOp(token, ';') || !(tokens[at - 1]?.kind === 'op' && !endsValue(tokens[at - 1]))
        this.loopDo = false
        at++
        continue
      }
      if (start && token.kind === 'ident' && !token.keyword && DIRECTIVES.has(token.value) && isCall(tokens, at)) {
        const step = this.directive(at)
        at = step.next
        start = step.start
        continue
      }
      const step = this.step(at)
      at = step.next
      start = step.start
    }
  }

  private context(): Context {
    return this.frames.at(-1)?.context ?? this.base
  }

  private open(token: Token, close: 'end' | '}', context: Context): void {
    const opener = token.kind === 'ident' || token.kind === 'op' ? token.value : '?'
    this.frames.push({close, depth: token.depth, context, offset: token.start, opener})
  }

  /** A token outside the DSL: the blocks it opens or closes. */
  private step(at: number): {next: number; start: boolean} {
    const tokens = this.tokens
    const token = tokens[at]
    if (token.kind === 'ident' && token.keyword) {
      if (token.value === 'end') {
        this.end(token)
        return {next: at + 1, start: false}
      }
      if (token.value === 'do' && this.loopDo) {
        this.loopDo = false
        return {next: at + 1, start: true}
      }
      if (opensBlock(tokens, at)) {
        this.open(token, 'end', this.context())
        this.loopDo = token.value === 'while' || token.value === 'until' || token.value === 'for'
        if (token.value === 'do') return {next: afterParameters(tokens, at + 1), start: true}
      }
      return {next: at + 1, start: ['then', 'else', 'begin', 'ensure'].includes(token.value)}
    }
    if (isOp(token, '{')) return {next: afterParameters(tokens, at + 1), start: true}
    if (token.kind === 'op' && /^[)\]}]$/.test(token.value)) this.closeBracket(token)
    return {next: at + 1, start: false}
  }

  private end(token: Token): void {
    if (this.frames.at(-1)?.close === 'end') {
      this.frames.pop()
      return
    }
    if (this.strayEnd) return
    this.strayEnd = true
    const {line, column} = this.out.lines.position(token.start)
    const message = `${basename(this.out)}: 'end' closes no block; the blocks around it are read as if it were not there`
    this.out.errors.push(lockfileError(this.out.file, 'invalid-lockfile', message, line, column))
  }

  /** A closing bracket: the blocks opened inside it end with it, and a `{` block of the DSL it closes. */
  private closeBracket(token: Token): void {
    const frames = this.frames
    while (frames.length > 0 && frames.at(-1)!.close === 'end' && frames.at(-1)!.depth >= token.depth) frames.pop()
    const top = frames.at(-1)
    if (token.kind === 'op' && token.value === '}' && top?.close === '}' && top.depth === token.depth - 1) frames.pop()
  }

  /** A DSL method at `at`: its arguments, and the block it opens with the context it gives. */
  private directive(at: number): {next: number; start: boolean} {
    const tokens = this.tokens
    const call = readCall(tokens, at + 1)
    if (call.cut && this.broken) return {next: tokens.length, start: false}
    const after = tokens[call.next]
    const block = isKeyword(after, 'do') ? 'end' : call.parenthesized && isOp(after, '{') ? '}' : undefined
    const context = this.apply(at, call, block !== undefined)
    if (block === undefined) return {next: call.next, start: false}
    this.open(after, block, context ?? this.context())
    return {next: afterParameters(tokens, call.next + 1), start: true}
  }

  /** What a DSL call does; for a block, the context its gems have (undefined: the one around it). */
  private apply(at: number, call: Call, block: boolean): Context | undefined {
    const name = (this.tokens[at] as {value: string}).value
    const first = call.positional[0]
    switch (name) {
      case 'gem':
        this.gem(at, call)
        return undefined
      case 'group':
        return block ? this.group(call) : undefined
      case 'gemspec':
        // Bundler::Dsl#gemspec: `gem name, path: path, glob: glob`, a path source (default the Gemfile's folder).
        this.pathSource(at, call.options.has('path') ? call.options.get('path') : undefined, call.options, 'gemspec')
        return undefined
      case 'source':
        return this.source(at, first, block)
      case 'git':
        return block ? this.block(this.gitOrigin(literalUrl(first), first, call.options, 'git')) : undefined
      case 'github':
        return block ? this.block(this.shorthand('github', first, call.options)) : undefined
      case 'path':
        this.pathSource(at, first, call.options, 'path')
        return block ? this.block({kind: 'path'}) : undefined
      case 'eval_gemfile':
        this.evalGemfile(at, first)
        return undefined
      case 'git_source':
        if (block && first !== undefined && (first.kind === 'symbol' || first.kind === 'string'))
          this.gitSources.set(first.value, this.gitSource(call.next) ?? {kind: 'computed', line: this.line(at)})
        return undefined
      default:
        // `platforms`, `install_if`, `env`: no group, no source.
        return undefined
    }
  }

  /** A folder Bundler serves gems from; `value` undefined for `gemspec` without `path:` (the Gemfile's folder). */
  private pathSource(
    at: number,
    value: Literal | undefined,
    options: ReadonlyMap<string, Literal>,
    what: string,
  ): void {
    const path = what === 'gemspec' && value === undefined ? '.' : value?.kind === 'string' ? value.value : undefined
    const written = value ? quoteLiteral(this.out, value) : ''
    this.sources.push({
      ...(path !== undefined ? {path} : {}),
      ...(options.has('glob') ? {glob: options.get('glob')} : {}),
      offset: value?.offset ?? this.tokens[at].start,
      what: what === 'path' ? `path ${written}` : value === undefined ? what : `${what} path: ${written}`,
    })
  }

  /**
   * `eval_gemfile PATH` (Bundler::Dsl#eval_gemfile): the file at PATH, relative to this Gemfile's folder, is evaluated
   * here, in the blocks around the call (its gems take their groups and source). PATH a string, or
   * `File.expand_path(STRING, __dir__)` / `File.join(__dir__, STRING)`; a computed one, a file not in the tree and a
   * cycle are reported, not read.
   */
  private evalGemfile(at: number, first: Literal | undefined): void {
    const target = this.evaluated(first)
    if ('why' in target) {
      const written = first ? quoteLiteral(this.out, first) : ''
      skip(
        this.out,
        first?.offset ?? this.tokens[at].start,
        `eval_gemfile ${written}: ${target.why}; its gems are not listed`,
      )
      return
    }
    const {file, text} = target
    this.shared.budget--
    const out: Out = {...this.out, file, text, lines: createLineIndex(text)}
    this.shared.evaluating.push(file)
    const reader = new GemfileReader(out, lexRuby(text), this.shared, this.context())
    reader.readEvaluated()
    this.shared.evaluating.pop()
    // Folders its `gemspec` and `path` serve gems from are relative to its own folder: they are not searched from here.
    const served = reader.sources[0]
    if (served !== undefined)
      skip(out, served.offset, `${served.what}: the folders an evaluated Gemfile serves gems from are not searched`)
  }

  /** The file an `eval_gemfile` evaluates, with its text; or why it is not read. */
  private evaluated(first: Literal | undefined): {file: string; text: string} | {why: string} {
    const relative = first ? evaluatedPath(this.out, first) : undefined
    if (relative === undefined) return {why: 'the path is computed, and the file is never run'}
    // Bundler reads a file path; a URL (and a drive letter) names nothing in the tree.
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(relative)) return {why: 'not a path of the tree'}
    const context = this.shared.context
    if (context === undefined) return {why: 'the file it evaluates is not read without the tree around'}
    const file = posix.normalize(posix.join(posix.dirname(this.out.file), relative))
    if (this.shared.evaluating.includes(file)) return {why: `${elide(file, 200)} is already being evaluated (a cycle)`}
    if (this.shared.budget <= 0) return {why: `more than ${MAX_EVALUATED} Gemfiles evaluated from one`}
    const text = file === '..' || file.startsWith('../') ? null : context.readText(file)
    return text === null ? {why: `${elide(file, 200)} is not a readable file of the tree`} : {file, text}
  }

  private line(at: number): number {
    return this.out.lines.position(this.tokens[at].start).line
  }

  private block(origin: Origin | Unknown): Context {
    return {...this.context(), origin}
  }

  private gem(at: number, call: Call): void {
    const gem = declared(this.out, this.tokens[at].start, call.positional, 'gem')
    if (gem === undefined) return
    const where = `gem '${gem.name}'`
    if (call.unknownOptions) {
      const options = this.out.text.slice(call.unknownOptions.offset, call.unknownOptions.end)
      skip(
        this.out,
        call.unknownOptions.offset,
        `${where}: its options are computed (${elide(options.replace(/\s+/g, ' '), 80)}): not listed, as where it comes from is not known`,
      )
      return
    }
    const origin = this.originOf(call.options) ?? this.context().origin
    if (origin?.kind === 'unknown') {
      skip(
        this.out,
        gem.offset,
        `${where}: ${origin.why}, and the file is never run: not listed, as where it comes from is not known`,
      )
      return
    }
    if (call.options.has('path')) this.pathSource(at, call.options.get('path'), call.options, `gem '${gem.name}',`)
    const around = this.context()
    const own = this.groups([call.options.get('groups') ?? call.options.get('group')])
    this.pending.push({
      out: this.out,
      gem,
      groups: [...around.groups, ...own.names],
      computedGroup: around.computedGroup || own.computed,
      origin,
      defaulted: origin === undefined,
    })
  }

  /** A gem's own source, as Bundler ranks them: `path:`, then a git option, then `source:`. */
  private originOf(options: ReadonlyMap<string, Literal>): Origin | Unknown | undefined {
    if (options.has('path')) return {kind: 'path'}
    for (const [key, value] of options) {
      if (key === 'git') return this.gitOrigin(literalUrl(value), value, options, 'git')
      if (SHORTHANDS.has(key) || this.gitSources.has(key)) return this.shorthand(key, value, options)
    }
    const source = options.get('source')
    if (source === undefined) return undefined
    return this.registry(source)
  }

  private registry(source: Literal | undefined): Origin | Unknown {
    if (source?.kind === 'symbol' && RUBYGEMS_SYMBOLS.has(source.value))
      return {kind: 'registry', url: 'http://rubygems.org/'}
    const url = literalUrl(source)
    if (url !== undefined) return {kind: 'registry', url: registryUrl(url)}
    return {kind: 'unknown', why: `its source is computed (${source ? quoteLiteral(this.out, source) : '?'})`}
  }

  private gitOrigin(
    url: string | undefined,
    value: Literal | undefined,
    options: ReadonlyMap<string, Literal>,
    key: string,
    ref?: string,
  ): Origin | Unknown {
    if (url === undefined)
      return {
        kind: 'unknown',
        why: `its git repository is computed (${key}: ${value ? quoteLiteral(this.out, value) : '?'})`,
      }
    // Bundler::Source::Git: `ref`, else `branch`, else `tag`.
    const named = ref ?? text(options.get('ref')) ?? text(options.get('branch')) ?? text(options.get('tag'))
    return {kind: 'git', url: gitUrl(url), ...(named !== undefined ? {ref: named} : {})}
  }

  /** `github: 'o/r'` and the other shorthands, Bundler's own or the file's `git_source`s (which replace them). */
  private shorthand(key: string, value: Literal | undefined, options: ReadonlyMap<string, Literal>): Origin | Unknown {
    const repo = text(value)
    const defined = this.gitSources.get(key)
    if (repo === undefined || defined?.kind === 'computed') {
      const why =
        defined?.kind === 'computed'
          ? `its git repository is computed by git_source(:${key}) at line ${defined.line}`
          : `its git repository is computed (${key}: ${value ? quoteLiteral(this.out, value) : '?'})`
      return {kind: 'unknown', why}
    }
    if (defined !== undefined) return this.gitOrigin(expand(defined, repo), value, options, key)
    const expanded = expandShorthand(key, repo)
    return this.gitOrigin(expanded.url, value, options, key, expanded.ref)
  }

  private group(call: Call): Context {
    const around = this.context()
    const groups = this.groups(call.positional)
    // Bundler::Dsl#group: `optional: true` makes the group optional wherever it is named.
    const optional = call.options.get('optional')
    if (optional?.kind === 'constant' && optional.value === 'true')
      for (const name of groups.names) this.optionalGroups.add(name)
    return {
      ...around,
      groups: [...around.groups, ...groups.names],
      computedGroup: around.computedGroup || groups.computed,
    }
  }

  /** Group names given as symbols, strings or arrays of them; a computed one is reported (its gems listed as prod). */
  private groups(values: readonly (Literal | undefined)[]): {names: string[]; computed: boolean} {
    const names: string[] = []
    let computed = false
    for (const value of values) {
      if (value === undefined) continue
      if (value.kind === 'string' || value.kind === 'symbol') names.push(value.value)
      else if (value.kind === 'list') names.push(...value.items.map((item) => item.value))
      else {
        computed = true
        skip(
          this.out,
          value.offset,
          `group ${quoteLiteral(this.out, value)} is computed, and the file is never run: its gems are listed as prod`,
        )
      }
    }
    return {names, computed}
  }

  /**
   * A gem in no group is in `default`: prod. Else prod when one of its groups is installed where the application
   * runs (not a development group, not optional) or is computed; dev when all of them are development or optional.
   */
  private scope(pending: Pending): Scope {
    if (pending.groups.length === 0 || pending.computedGroup) return 'prod'
    const installed = pending.groups.some((name) => !DEVELOPMENT_GROUPS.has(name) && !this.optionalGroups.has(name))
    return installed ? 'prod' : 'dev'
  }

  /** `source URL`: the default source of the file; `source URL do … end`: the source of the gems inside. */
  private source(at: number, value: Literal | undefined, block: boolean): Context | undefined {
    if (value === undefined) return undefined
    const origin = this.registry(value)
    if (block) return this.block(origin)
    if (origin.kind === 'registry') this.globals.push({url: origin.url, offset: this.tokens[at].start, out: this.out})
    else
      skip(
        this.out,
        value.offset,
        `source ${quoteLiteral(this.out, value)} is computed, and the file is never run: not read; gems without a source of their own are taken as rubygems.org's`,
      )
    return undefined
  }

  /**
   * The URL template of a `git_source` block: its last statement a string interpolating only the block's
   * parameter, after, at most, Rails' `repo = "#{repo}/#{repo}" unless repo.include?("/")`. undefined otherwise.
   */
  private gitSource(blockAt: number): GitSource | undefined {
    const tokens = this.tokens
    const open = tokens[blockAt]
    if (!isOp(tokens[blockAt + 1], '|') || tokens[blockAt + 2]?.kind !== 'ident' || !isOp(tokens[blockAt + 3], '|'))
      return undefined
    const param = (tokens[blockAt + 2] as {value: string}).value
    const end = isOp(open, '{') ? closing(tokens, blockAt, LOOKAHEAD) : matchingEnd(tokens, blockAt)
    if (end === undefined) return undefined
    const statements: Token[][] = [[]]
    for (let at = blockAt + 4; at < end; at++) {
      if (tokens[at].kind === 'newline' || isOp(tokens[at], ';')) statements.push([])
      else statements.at(-1)!.push(tokens[at])
    }
    const body = statements.filter((statement) => statement.length > 0)
    const last = body.at(-1)
    if (last === undefined || last.length !== 1 || last[0].kind !== 'string') return undefined
    const parts = last[0].template ?? (last[0].value !== undefined ? [{text: last[0].value}] : undefined)
    if (parts === undefined || !onlyParam(parts, param)) return undefined
    if (body.length === 1) return {kind: 'template', parts, param, doubled: false}
    if (body.length === 2 && isDoubling(body[0], param)) return {kind: 'template', parts, param, doubled: true}
    return undefined
  }

  /** The default source, the components, and the blocks never closed. */
  private finish(): GemfileFacts {
    const fallback = this.defaultOrigin()
    for (const pending of this.pending)
      gemComponent(pending.out, pending.gem, this.scope(pending), pending.origin ?? fallback)
    this.unclosed()
    // Gems an evaluated Gemfile declares are not compared with the folders this one serves: their offsets are its.
    const defaulted = this.pending
      .filter((pending) => pending.defaulted && pending.out === this.out)
      .map((pending) => pending.gem)
    return {sources: this.sources, defaulted}
  }

  /** The blocks never closed, and the lexer's problems. */
  private unclosed(): void {
    const out = this.out
    // A `{` never closed is the lexer's to report (syntaxErrors).
    const open = this.frames.findLast((frame) => frame.close === 'end')
    if (open !== undefined && !this.lexed.error) {
      const {line, column} = out.lines.position(open.offset)
      const message = `${basename(out)}: '${open.opener}' is never closed by 'end'`
      out.errors.push(lockfileError(out.file, 'invalid-lockfile', message, line, column))
    }
    syntaxErrors(out, this.lexed)
  }

  /**
   * The source of gems without one of their own: the top-level `source` (rubygems.org when there is none). Several:
   * Bundler 4 refuses the Gemfile (Bundler 2 warned, and looked in the last first); reported at the second, and
   * gems without a source are taken as the last one's that is not rubygems.org (a gem of that name there would be
   * another project), else rubygems.org's.
   */
  private defaultOrigin(): Origin | undefined {
    const globals = this.globals
    if (globals.length === 0) return undefined
    const distinct = new Set(globals.map((source) => source.url))
    if (distinct.size === 1) return {kind: 'registry', url: globals[0].url}
    const second = globals.find((source) => source.url !== globals[0].url)!
    const chosen = [...globals].reverse().find((source) => !isPublicRegistry('gem', source.url)) ?? globals.at(-1)!
    const {line, column} = second.out.lines.position(second.offset)
    const message =
      `${basename(second.out)}: more than one top-level source (${[...distinct].map((url) => elide(url, 200)).join(', ')}): ` +
      'Bundler refuses such a Gemfile (each source after the first must be a block); ' +
      `gems without a source of their own are listed as from ${elide(chosen.url, 200)}`
    second.out.errors.push(lockfileError(second.out.file, 'invalid-entry', message, line, column))
    return {kind: 'registry', url: chosen.url}
  }
}

/** A string or symbol literal's text. */
function text(value: Literal | undefined): string | undefined {
  return value?.kind === 'string' || value?.kind === 'symbol' ? value.value : undefined
}

/** Bundler's expansion of its shorthands (Bundler::Dsl#add_git_sources). */
function expandShorthand(key: string, repo: string): {url: string; ref?: string} {
  if (key === 'github') {
    const pull = GITHUB_PULL_REQUEST.exec(repo)
    if (pull) return {url: `https://github.com/${pull[1]}.git`, ref: `refs/pull/${pull[2]}/head`}
    return {url: `https://github.com/${repo.includes('/') ? repo : `${repo}/${repo}`}.git`}
  }
  if (key === 'gitlab') {
    const merge = GITLAB_MERGE_REQUEST.exec(repo)
    if (merge) return {url: `https://gitlab.com/${merge[1]}.git`, ref: `refs/merge-requests/${merge[2]}/head`}
    return {url: `https://gitlab.com/${repo.includes('/') ? repo : `${repo}/${repo}`}.git`}
  }
  if (key === 'bitbucket') {
    // Bundler writes the user as the URL's userinfo too (`https://user@bitbucket.org/…`): left out, as any userinfo.
    const [user, name] = repo.split('/')
    return {url: `https://bitbucket.org/${user}/${name ?? user}.git`}
  }
  return {url: `https://gist.github.com/${repo}.git`}
}

function expand(source: Extract<GitSource, {kind: 'template'}>, repo: string): string {
  const value = source.doubled && !repo.includes('/') ? `${repo}/${repo}` : repo
  return source.parts.map((part) => ('code' in part ? value : part.text)).join('')
}

/** Every interpolation of the template is the parameter itself. */
function onlyParam(parts: readonly TemplatePart[], param: string): boolean {
  return parts.every((part) => !('code' in part) || part.code.trim() === param)
}

/** `repo = "#{repo}/#{repo}" unless repo.include?("/")` (with or without the parentheses). */
function isDoubling(statement: readonly Token[], param: string): boolean {
  const [name, equals, value, unless, receiver, dot, method, ...rest] = statement
  const slash =
    rest.length === 3 && isOp(rest[0], '(') && isOp(rest[2], ')') ? rest[1] : rest.length === 1 ? rest[0] : undefined
  const template = value?.kind === 'string' ? value.template : undefined
  return (
    name?.kind === 'ident' &&
    name.value === param &&
    isOp(equals, '=') &&
    template !== undefined &&
    template.map((part) => ('code' in part ? (part.code.trim() === param ? '\u0000' : '?') : part.text)).join('') ===
      '\u0000/\u0000' &&
    isKeyword(unless, 'unless') &&
    receiver?.kind === 'ident' &&
    receiver.value === param &&
    isOp(dot, '.') &&
    method?.kind === 'ident' &&
    method.value === 'include?' &&
    slash?.kind === 'string' &&
    slash.value === '/'
  )
}

/** Whether the DSL name at `at` is called (`gem 'x'`, `gem('x')`, `gemspec`), not assigned or a receiver. */
function isCall(tokens: readonly Token[], at: number): boolean {
  const next = tokens[at + 1]
  if (next === undefined || next.kind === 'newline') return true
  if (next.kind !== 'op') return true
  if (next.value === ';' || next.value === '->' || (next.value === '(' && !next.space)) return true
  // `gem *args`, `gem [a]`, `gem ::X`: an argument when a space comes before it and none after.
  const after = tokens[at + 2]
  return (
    next.space && ['*', '**', '&', '[', '::', '(', '-', '!'].includes(next.value) && after !== undefined && !after.space
  )
}

/** The index after a block's `|parameters|`, or `at` when there are none. */
function afterParameters(tokens: readonly Token[], at: number): number {
  if (isOp(tokens[at], '||')) return at + 1
  if (!isOp(tokens[at], '|')) return at
  for (let index = at + 1; index < tokens.length && index < at + 64; index++)
    if (isOp(tokens[index], '|')) return index + 1
  return at + 1
}

/** The `end` matching the `do` at `at` within LOOKAHEAD tokens, or undefined. */
function matchingEnd(tokens: readonly Token[], at: number): number | undefined {
  let blocks = 0
  for (let index = at; index < Math.min(tokens.length, at + LOOKAHEAD); index++) {
    const token = tokens[index]
    if (isKeyword(token, 'end')) {
      blocks--
      if (blocks === 0) return index
    } else if (opensBlock(tokens, index)) blocks++
  }
  return undefined
}

/**
 * The path an `eval_gemfile` names, relative to the evaluating Gemfile's folder: a string, or
 * `File.expand_path(STRING, __dir__)` / `File.join(__dir__, STRING)` (`__dir__` is that folder); undefined when
 * computed otherwise. Absolute paths are the machine's, not the tree's: undefined.
 */
function evaluatedPath(out: Out, value: Literal): string | undefined {
  const path =
    value.kind === 'string'
      ? value.value
      : value.kind === 'computed'
        ? (EXPAND_PATH.exec(out.text.slice(value.offset, value.end))
            ?.slice(2)
            .find((group) => group !== undefined) ?? undefined)
        : undefined
  return path === undefined || path === '' || path.startsWith('/') || path.includes('\u0000') ? undefined : path
}

/** `File.expand_path('x', __dir__)` and `File.join(__dir__, 'x')`, the path a plain string. */
const EXPAND_PATH =
  /^(File\.expand_path\(\s*(?:'([^'\\#]*)'|"([^"\\#]*)")\s*,\s*__dir__\s*\)|File\.join\(\s*__dir__\s*,\s*(?:'([^'\\#]*)'|"([^"\\#]*)")\s*\))$/

export function readGemfile(out: Out, lexed: Lexed, context?: DiscoverContext): GemfileFacts {
  const shared: Shared = {
    pending: [],
    globals: [],
    gitSources: new Map(),
    optionalGroups: new Set(),
    evaluating: [out.file],
    budget: MAX_EVALUATED,
    ...(context ? {context} : {}),
  }
  return new GemfileReader(out, lexed, shared).read()
}
