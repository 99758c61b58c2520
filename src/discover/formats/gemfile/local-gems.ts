/**
 * The gems of the tree itself: those Bundler serves from a folder of the tree (Bundler::Source::Path), so that a
 * dependency on one (a gemspec's on its sibling, as rails.gemspec's on activesupport) is `local`, never looked up by
 * name on rubygems.org (a gem of that name there is another project: dependency confusion).
 *
 * A path source (`gemspec`, `gemspec path: 'x'`, `path 'x'`, `gem 'n', path: 'x'`) serves every gemspec its glob
 * finds under its folder, Bundler::Source::Path::DEFAULT_GLOB `{,*,*\/*}.gemspec`: `.gemspec`, `*.gemspec` and
 * `*\/*.gemspec` (Ruby's `*` takes no name starting with `.`), and a gem of the Gemfile that pins no source of its own
 * is taken from there (Bundler::SourceMap#all_requirements). A gemspec's name is its `name = '…'` literal (or the one
 * given to `Gem::Specification.new`), else its file's name without `.gemspec`.
 *
 * A gemspec's dependencies are installed through the nearest `gems.rb` or `Gemfile` in its folder or above
 * (Bundler::SharedHelpers#find_gemfile, up to the scan's root): the gems that Gemfile's path sources serve. Without
 * one, those a `gemspec` line in a Gemfile beside it would serve (what `bundle gem` writes).
 *
 * Bounded: at most MAX_LISTINGS folders listed and MAX_GEMSPECS gemspecs read per Gemfile, said when reached. What is
 * read is kept per run, in a WeakMap keyed on the run's DiscoverContext, so rails' twelve gemspecs read the Gemfile
 * and its gemspecs once.
 */
import {posix} from 'node:path'
import {trimEnd} from '../../../core/trim-end.js'
import {elide} from '../../../core/elide.js'
import {createLineIndex} from '../../../core/line-index.js'
import type {DiscoverContext} from '../../types.js'
import {readCall} from './calls.js'
import {type PathSource, readGemfile} from './gemfile.js'
import {GEM_NAME, type Out} from './gems.js'
import {isOp, lexRuby} from './lexer.js'

export const MAX_LISTINGS = 1000
export const MAX_GEMSPECS = 500

/** Bundler::Source::Path::DEFAULT_GLOB. */
const DEFAULT_GLOB = '{,*,*/*}.gemspec'

/** The gems a Gemfile's path sources serve, and what could not be read of them (offsets in the Gemfile). */
export interface Served {
  /** Gem name → the gemspec (a path of the scan) that declares it. */
  names: Map<string, string>
  problems: Array<{offset: number; message: string}>
}

interface Run {
  served: Map<string, Served>
  gemspecNames: Map<string, string | undefined>
}

const RUNS = new WeakMap<DiscoverContext, Run>()

function run(context: DiscoverContext): Run {
  let known = RUNS.get(context)
  if (known === undefined) {
    known = {served: new Map(), gemspecNames: new Map()}
    RUNS.set(context, known)
  }
  return known
}

/** The gems the path sources of `gemfile` (a path of the scan) serve; kept for the run. */
export function servedBy(gemfile: string, sources: readonly PathSource[], context: DiscoverContext): Served {
  const cache = run(context).served
  const known = cache.get(gemfile)
  if (known !== undefined) return known
  const served = collect(posix.dirname(gemfile), sources, context)
  cache.set(gemfile, served)
  return served
}

/**
 * The gems of the tree a gemspec's dependencies may name: those served through the nearest gems.rb or Gemfile at or
 * above it, else those a `gemspec` line beside it would serve. Problems of a Gemfile are its own to report (it is
 * read as a file of the scan); those of the fallback are the gemspec's.
 */
export function servedForGemspec(file: string, context: DiscoverContext): {served: Served; own: boolean} {
  for (let dir = posix.dirname(file); ; dir = posix.dirname(dir)) {
    for (const name of ['gems.rb', 'Gemfile']) {
      const gemfile = dir === '.' ? name : `${dir}/${name}`
      const known = run(context).served.get(gemfile)
      if (known !== undefined) return {served: known, own: false}
      if (context.exists?.(gemfile) === false) continue
      const text = context.readText(gemfile)
      if (text === null) continue
      const out: Out = {file: gemfile, text, lines: createLineIndex(text), components: [], skipped: [], errors: []}
      const facts = readGemfile(out, lexRuby(text))
      return {served: servedBy(gemfile, facts.sources, context), own: false}
    }
    if (dir === '.' || dir === '/' || dir === '') break
  }
  const key = `${posix.dirname(file)}/\u0000gemspec`
  const cache = run(context).served
  const known = cache.get(key)
  if (known !== undefined) return {served: known, own: true}
  const served = collect(posix.dirname(file), [{path: '.', offset: 0, what: 'gemspec'}], context)
  cache.set(key, served)
  return {served, own: true}
}

interface Budget {
  listings: number
  gemspecs: number
  /** A bound was reached: said once. */
  cut: boolean
}

function collect(base: string, sources: readonly PathSource[], context: DiscoverContext): Served {
  const served: Served = {names: new Map(), problems: []}
  const budget: Budget = {listings: MAX_LISTINGS, gemspecs: MAX_GEMSPECS, cut: false}
  const seen = new Set<string>()
  for (const source of sources) {
    const where = source.path === undefined ? undefined : folderOf(base, source.path)
    if (typeof where !== 'string') {
      const why = where?.why ?? 'its folder is computed, and the file is never run'
      served.problems.push({
        offset: source.offset,
        message: `${source.what}: ${why}: the gems it serves are not known (a dependency on one is looked up by its name)`,
      })
      continue
    }
    if (source.glob !== undefined && !(source.glob.kind === 'string' && source.glob.value === DEFAULT_GLOB))
      served.problems.push({
        offset: source.glob.offset,
        message: `${source.what}: glob ${elide(source.glob.kind === 'string' ? `'${source.glob.value}'` : 'computed', 200)} is not read: the gemspecs Bundler's default glob (${DEFAULT_GLOB}) finds there are taken as the gems it serves`,
      })
    if (seen.has(where)) continue
    seen.add(where)
    if (context.listDir === undefined) continue
    for (const gemspec of gemspecsUnder(where, context, budget, served, source.offset)) {
      if (budget.gemspecs <= 0) {
        cut(budget, served, source.offset)
        break
      }
      budget.gemspecs--
      const name = gemspecName(gemspec, context)
      if (name !== undefined && !served.names.has(name)) served.names.set(name, gemspec)
    }
  }
  return served
}

/** A source's folder as a path of the scan ('.' for the root), or why it is not one. */
function folderOf(base: string, path: string): string | {why: string} {
  if (/^(?:[~/\\]|[A-Za-z]:)/.test(path)) return {why: `'${elide(path, 200)}' is outside the tree`}
  const joined = trimEnd(posix.normalize(posix.join(base, path)), '/')
  if (joined === '..' || joined.startsWith('../')) return {why: `'${elide(path, 200)}' is outside the tree`}
  return joined === '' ? '.' : joined
}

/** `{,*,*\/*}.gemspec` under `dir`: its `.gemspec` and `*.gemspec`, and those of its folders (not hidden ones). */
function gemspecsUnder(
  dir: string,
  context: DiscoverContext,
  budget: Budget,
  served: Served,
  offset: number,
): string[] {
  const found: string[] = []
  const names = list(dir, context, budget, served, offset)
  for (const name of names) if (isGemspec(name, true)) found.push(join(dir, name))
  for (const name of names) {
    if (name.startsWith('.') || isGemspec(name, true)) continue
    for (const inner of list(join(dir, name), context, budget, served, offset))
      if (isGemspec(inner, false)) found.push(join(join(dir, name), inner))
  }
  return found
}

function isGemspec(name: string, dotFile: boolean): boolean {
  return name.endsWith('.gemspec') && (dotFile ? true : !name.startsWith('.')) && (name !== '.gemspec' || dotFile)
}

function list(dir: string, context: DiscoverContext, budget: Budget, served: Served, offset: number): string[] {
  if (budget.listings <= 0) {
    cut(budget, served, offset)
    return []
  }
  budget.listings--
  return context.listDir?.(dir) ?? []
}

function cut(budget: Budget, served: Served, offset: number): void {
  if (budget.cut) return
  budget.cut = true
  served.problems.push({
    offset,
    message: `more than ${MAX_LISTINGS} folders or ${MAX_GEMSPECS} gemspecs under the Gemfile's path sources: the gems of the rest are not known (a dependency on one is looked up by its name)`,
  })
}

function join(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`
}

/** A gemspec's name: its `name = '…'` (or `Gem::Specification.new '…'`) literal, else its file's name. */
export function gemspecName(file: string, context: DiscoverContext): string | undefined {
  const cache = run(context).gemspecNames
  if (cache.has(file)) return cache.get(file)
  const text = context.readText(file)
  const name = text === null ? undefined : (declaredName(text) ?? fileName(file))
  cache.set(file, name)
  return name
}

function fileName(file: string): string | undefined {
  const name = posix.basename(file).slice(0, -'.gemspec'.length)
  return GEM_NAME.test(name) ? name : undefined
}

/** The first `x.name = 'literal'`, or `Gem::Specification.new 'literal'`; undefined when it is computed or absent. */
export function declaredName(text: string): string | undefined {
  const tokens = lexRuby(text).tokens
  for (let at = 1; at < tokens.length; at++) {
    const token = tokens[at]
    if (token.kind !== 'ident' || token.keyword || !isOp(tokens[at - 1], '.')) continue
    const assigned = token.value === 'name' && isOp(tokens[at + 1], '=')
    const created = token.value === 'new' && tokens[at - 2]?.kind === 'ident' && isSpecification(tokens, at - 2)
    if (!assigned && !created) continue
    // `Gem::Specification.new do |s|`, `new { |s| … }`: the name is assigned in the block.
    if (created && !(tokens[at + 1]?.kind === 'string' || isOp(tokens[at + 1], '('))) continue
    const first = readCall(tokens, assigned ? at + 2 : at + 1).positional[0]
    if (assigned || first?.kind === 'string')
      return first?.kind === 'string' && GEM_NAME.test(first.value) ? first.value : undefined
  }
  return undefined
}

function isSpecification(tokens: ReturnType<typeof lexRuby>['tokens'], at: number): boolean {
  const token = tokens[at]
  return token.kind === 'ident' && token.value === 'Specification'
}
