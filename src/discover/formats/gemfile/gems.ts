/**
 * What the Gemfile and gemspec readers share: where findings go, a declared gem's name and requirements (RubyGems'
 * requirement grammar, Gem::Requirement::PATTERN), where it comes from (a registry, a git repository, a folder of the
 * tree) and the component that makes, shaped as gemfile-lock shapes its own (ecosystem `gem`).
 */
import {posix} from 'node:path'
import type {Component, ScanError, Scope, Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {redactMessage, withoutUserinfo} from '../../../core/redact.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import type {LineIndex} from '../../../core/line-index.js'
import {isForbiddenKey, lockfileError} from '../../lockfile-support/problems.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {Literal, LiteralItem} from './calls.js'
import type {Lexed, TemplatePart} from './lexer.js'

export interface Out {
  file: string
  text: string
  lines: LineIndex
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

/** Where a gem comes from, when not the default source: a registry, a git repository, a folder of the tree. */
export type Origin = {kind: 'registry'; url: string} | {kind: 'git'; url: string; ref?: string} | {kind: 'path'}

/** Gem::Specification::VALID_NAME_PATTERN. */
export const GEM_NAME = /^[A-Za-z0-9._-]+$/
/** Gem::Version::VERSION_PATTERN. Unambiguous (`.` and `-` separate runs that do not hold them): linear. */
const VERSION = '[0-9]+(?:\\.[0-9A-Za-z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?'
/** Gem::Requirement::PATTERN, on a trimmed requirement (so no run of white space is tried twice). */
const REQUIREMENT = new RegExp(`^(?:=|!=|>=|<=|~>|>|<)?\\s*${VERSION}$`)
/** The one requirement that names a single version: `= 1.2.3`, or `1.2.3` (RubyGems reads a bare version as `=`). */
const EXACT = new RegExp(`^=?\\s*(${VERSION})$`)

export function basename(out: Out): string {
  return posix.basename(out.file)
}

/** A one-line quote of the text between two offsets, long ones by their start and end, credentials removed. */
export function quote(out: Out, start: number, end: number): string {
  const oneLine = (from: number, to: number) => out.text.slice(from, to).replace(/\s+/g, ' ')
  const text =
    end - start <= 400
      ? elide(oneLine(start, end).trim(), 80)
      : `${oneLine(start, start + 48).trimStart()}… (${end - start - 80} characters left out) …${oneLine(end - 32, end).trimEnd()}`
  return redactMessage(text)
}

/** How a literal is written, for messages. */
export function quoteLiteral(out: Out, literal: Literal): string {
  if (literal.kind === 'computed') return quote(out, literal.offset, literal.end)
  if (literal.kind === 'string') return redactMessage(`'${elide(literal.value, 200)}'`)
  if (literal.kind === 'symbol') return `:${elide(literal.value, 200)}`
  if (literal.kind === 'constant') return literal.value
  if (literal.kind !== 'list') return ''
  return `[${elide(literal.items.map((item) => item.value).join(', '), 200)}]`
}

/** Something deliberately not read, at its line. Messages quote the file: credentials in them are removed. */
export function skip(out: Out, offset: number, message: string): void {
  const line = out.lines.position(offset).line
  out.skipped.push({file: out.file, line, reason: 'unsupported', message: redactMessage(message)})
}

export function invalid(out: Out, offset: number, message: string): void {
  const {line, column} = out.lines.position(offset)
  out.errors.push(lockfileError(out.file, 'invalid-entry', redactMessage(message), line, column))
}

/** The first syntax error, and a bracket never closed; what was read before them is kept. */
export function syntaxErrors(out: Out, lexed: Lexed): void {
  if (lexed.error) {
    const {line, column} = out.lines.position(lexed.error.offset)
    const message = `${basename(out)}: ${lexed.error.message}; the rest of the file is not read`
    out.errors.push(lockfileError(out.file, 'invalid-lockfile', message, line, column))
  }
  if (lexed.unclosed) {
    const {line, column} = out.lines.position(lexed.unclosed.offset)
    const message = `${basename(out)}: '${lexed.unclosed.char}' is never closed`
    out.errors.push(lockfileError(out.file, 'invalid-lockfile', message, line, column))
  }
}

/** A declared gem: its name (checked) and its requirements, as the file writes them. */
export interface Declared {
  name: string
  offset: number
  requirements: string[]
  /** A requirement the file computes: the gem has no version. */
  computed: boolean
}

/**
 * The gem a call declares: its name (a string literal) and its requirements (strings, or arrays of strings).
 * undefined, with what is wrong reported, when the name is missing, computed or not a gem's.
 */
export function declared(out: Out, at: number, args: readonly Literal[], what: string): Declared | undefined {
  const [first, ...rest] = args
  if (first === undefined) {
    invalid(out, at, `${what} without a gem name`)
    return undefined
  }
  if (first.kind !== 'string') {
    if (first.kind === 'computed')
      skip(
        out,
        first.offset,
        `${what}: the gem's name is computed (${quoteLiteral(out, first)}), and the file is never run: not read`,
      )
    else invalid(out, first.offset, `${what}: a gem's name is a string, not ${quoteLiteral(out, first)}`)
    return undefined
  }
  const name = first.value
  if (isForbiddenKey(name)) {
    const {line, column} = out.lines.position(first.offset)
    out.errors.push(lockfileError(out.file, 'forbidden-key', `forbidden gem name '${name}' ignored`, line, column))
    return undefined
  }
  if (!GEM_NAME.test(name)) {
    invalid(out, first.offset, `${what}: '${elide(name, 200)}' is not a gem name (letters, digits, '.', '-', '_')`)
    return undefined
  }
  const gem: Declared = {name, offset: first.offset, requirements: [], computed: false}
  for (const arg of rest) requirement(out, gem, arg, what)
  return gem
}

function requirement(out: Out, gem: Declared, arg: Literal, what: string): void {
  if (arg.kind === 'computed') {
    gem.computed = true
    skip(
      out,
      arg.offset,
      `${what} '${gem.name}': a requirement is computed (${quoteLiteral(out, arg)}), and the file is never run: listed without it`,
    )
    return
  }
  const items: LiteralItem[] = arg.kind === 'list' ? arg.items : arg.kind === 'string' ? [arg] : []
  if (arg.kind === 'symbol' || arg.kind === 'constant' || items.some((item) => item.kind !== 'string')) {
    gem.computed = true
    invalid(out, arg.offset, `${what} '${gem.name}': ${quoteLiteral(out, arg)} is not a requirement`)
    return
  }
  for (const item of items) {
    const text = item.value.trim()
    // Reported, and left out of `ref`: it is no requirement (and may be anything, a URL with its password).
    if (REQUIREMENT.test(text)) gem.requirements.push(text)
    else {
      gem.computed = true
      invalid(
        out,
        item.offset,
        `${what} '${gem.name}': '${elide(text, 200)}' is not a requirement (e.g. '~> 1.2', '>= 1.0', '1.2.3')`,
      )
    }
  }
}

/** `name req, req2` as written; the version when the one requirement is exact. */
export function versionOf(gem: Declared): {ref: string; version?: string} {
  const ref = gem.requirements.length > 0 ? `${gem.name} ${gem.requirements.join(', ')}` : gem.name
  if (gem.computed || gem.requirements.length !== 1) return {ref}
  const version = EXACT.exec(gem.requirements[0])?.[1]
  return version === undefined ? {ref} : {ref, version}
}

export function gemComponent(out: Out, gem: Declared, scope: Scope, origin: Origin | undefined): void {
  const {line, column} = out.lines.position(gem.offset)
  const {ref, version} = versionOf(gem)
  out.components.push(
    manifestComponent(out.file, {
      ecosystem: 'gem',
      name: gem.name,
      version,
      ref,
      line,
      column,
      scope,
      direct: true,
      ...(origin?.kind === 'path' ? {local: true} : {}),
      ...(origin?.kind === 'git' ? {qualifiers: {vcs_url: gitVcsUrl(origin.url, origin.ref)}} : {}),
      // Another registry: resolvers never ask rubygems.org for such a gem (one of the same name there is another).
      ...(origin?.kind === 'registry' && !isPublicRegistry('gem', origin.url)
        ? {qualifiers: {repository_url: origin.url}}
        : {}),
    }),
  )
}

/** A gem server's URL as Bundler keeps it (ending with `/`, as Gemfile.lock's `remote:` writes it), no userinfo. */
export function registryUrl(url: string): string {
  const bare = withoutUserinfo(url.trim())
  return bare.endsWith('/') ? bare : `${bare}/`
}

/** A git repository's URL as Bundler keeps it (no trailing `/`), no userinfo but an SSH `git@`. */
export function gitUrl(url: string): string {
  return withoutUserinfo(url.trim(), true).replace(/\/$/, '')
}

/**
 * A URL written with interpolations only in its userinfo (`"https://#{ENV['TOKEN']}@gems.example.com/"`, the usual
 * way to keep a token out of the file): the URL without them. undefined when anything else is computed.
 */
export function templateUrl(parts: readonly TemplatePart[]): string | undefined {
  const joined = parts.map((part) => ('code' in part ? '\u0000' : part.text)).join('')
  const bare = withoutUserinfo(joined)
  return bare.includes('\u0000') ? undefined : bare
}

/** A URL given as a literal, or as a string interpolating only its userinfo; undefined when computed. */
export function literalUrl(literal: Literal | undefined): string | undefined {
  if (literal?.kind === 'string') return literal.value
  if (literal?.kind === 'computed' && literal.template) return templateUrl(literal.template)
  return undefined
}
