/**
 * Team data modules of documentation sites: arrays of member objects a VitePress team page shows
 * (https://vitepress.dev/reference/default-theme-team-page: `{avatar, name, title, org, orgLink, desc, links}`),
 * e.g. vitejs/vite `docs/_data/team.js` (`export const core = [...]`, `emeriti`, `advisors`) and vitest-dev/vitest
 * `docs/.vitepress/contributors.ts` (`const plainTeamMembers: CoreTeam[] = [...]` with a `github` key).
 *
 * The module is never run: it is read as JavaScript's grammar writes it (comments, strings, template literals,
 * nested literals), and only literal values count. A value computed at build time (`getAvatarUrl('x')`,
 * `` `https://github.com/${tm.github}` ``, a spread) is unknown, never guessed; as in JavaScript, the last of two
 * same keys is the value. The array's name says the role ("core", "teamMembers": maintainers; "emeriti": emeritus;
 * "advisors", "contributors", "sponsors": none). A member's login is their `github` key or their `github` link
 * (`{icon: 'github', link: 'https://github.com/login'}`), never their avatar's address, name or description; their
 * `org` is the organisation the file states for them, as stated.
 *
 * Written by hand: no JavaScript parser is among stewards' runtime dependencies (esbuild, a build tool, gives no
 * syntax tree; TypeScript's would add megabytes to every `people` and `scan` start for a few files), and what is read
 * is a small part of the grammar: tokens, and the literals of one array.
 */
import type {GovernanceFile, Role} from '../../../core/model.js'
import {isLogin, loginsIn, sectionMeaning} from '../names.js'
import type {GovernanceKind, GovernanceParse, GovernanceRole} from '../types.js'

type TokenKind = 'string' | 'name' | 'punct' | 'other'

interface Token {
  kind: TokenKind
  text: string
  line: number
  /** Strings: whether the value is known (a template literal with `${...}` is not). */
  literal?: boolean
}

/** Nested literals deeper than this are skipped as unknown (a hostile file cannot exhaust the stack). */
const MAX_DEPTH = 16

export function parseTeamData(file: GovernanceFile, kind: GovernanceKind): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const tokens = tokenize(file.content)
  const reader = new Reader(tokens)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token.kind !== 'name' || !/^(const|let|var)$/.test(token.text)) continue
    const name = tokens[i + 1]
    if (name?.kind !== 'name') continue
    const start = valueStart(tokens, i + 2)
    if (start < 0 || tokens[start].text !== '[') continue
    reader.at = start
    const value = reader.value(0)
    i = reader.at - 1
    const role = roleOf(name.text)
    if (!role || !Array.isArray(value)) continue
    for (const member of value) {
      if (!isObject(member)) continue
      const person = memberOf(member.entries)
      if (!person) {
        const who = stringOf(member.entries.get('name'))
        result.problems.push({
          file: file.path,
          line: member.line,
          message: `${who ? `'${who.text}'` : 'a member'} of '${name.text}' names no GitHub login as a literal value`,
        })
        continue
      }
      const holder: GovernanceRole = {
        login: person.login,
        role,
        file: file.path,
        line: person.line,
        kind,
        source: `${file.path}:${person.line}`,
        section: name.text,
      }
      if (person.org) holder.declaredAffiliation = person.org
      result.roles.push(holder)
    }
  }
  return result
}

/** After `const name`, an optional type annotation (`: CoreTeam[]`), then `=`: the index of the value's first token. */
function valueStart(tokens: readonly Token[], from: number): number {
  if (tokens[from]?.text === '=') return from + 1
  if (tokens[from]?.text !== ':') return -1
  let depth = 0
  for (let i = from + 1; i < tokens.length && i < from + 64; i++) {
    const text = tokens[i].text
    if (text === '[' || text === '(' || text === '{' || text === '<') depth++
    else if (text === ']' || text === ')' || text === '}' || text === '>') depth--
    else if (depth <= 0 && text === '=') return i + 1
    else if (depth <= 0 && (text === ';' || text === ',')) return -1
  }
  return -1
}

/**
 * The role an array's name gives its members, or undefined (none, or a name saying nothing about a role). The words
 * of the name (`plainTeamEmeritiMembers`: plain team emeriti members) mean what a heading's words mean
 * (names.ts `sectionMeaning`: emeriti, security, triage, maintainers, advisors...); on a team page, a name of only
 * `core`, `team`, `members` (and `plain`, `current`, `active`) is the team itself: its maintainers. Any other team
 * (`releaseTeam`, `docsTeam`) holds no role stewards tracks.
 */
export function roleOf(name: string): Role | undefined {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  const meaning = sectionMeaning(words.join(' '))
  if (meaning !== 'none' && meaning !== 'inherit') return meaning
  if (words.length > 0 && words.every((w) => TEAM_WORDS.has(w)) && words.some((w) => w !== 'plain')) return 'maintainer'
  return undefined
}

const TEAM_WORDS = new Set(['core', 'team', 'teams', 'member', 'members', 'plain', 'current', 'active'])

type Value = StringValue | Value[] | ObjectValue | undefined

interface StringValue {
  text: string
  line: number
}

interface ObjectValue {
  entries: Map<string, Value>
  /** The line of its `{`. */
  line: number
}

function isObject(value: Value): value is ObjectValue {
  return value !== undefined && !Array.isArray(value) && 'entries' in value
}

function stringOf(value: Value): StringValue | undefined {
  return value !== undefined && !Array.isArray(value) && 'text' in value ? value : undefined
}

const PROFILE = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/?$/

function memberOf(member: Map<string, Value>): {login: string; line: number; org?: string} | undefined {
  let found: StringValue | undefined
  const github = stringOf(member.get('github'))
  const handle = github?.text.trim().replace(/^@/, '')
  if (github && handle && isLogin(handle)) found = {text: handle, line: github.line}
  const links = member.get('links')
  if (!found && Array.isArray(links)) {
    for (const link of links) {
      if (!isObject(link) || stringOf(link.entries.get('icon'))?.text !== 'github') continue
      const url = stringOf(link.entries.get('link'))
      const login = url ? PROFILE.exec(url.text.trim())?.[1] : undefined
      if (url && login) {
        found = {text: login, line: url.line}
        break
      }
    }
  }
  if (!found) return undefined
  const org = stringOf(member.get('org'))?.text.trim()
  const stated = org && org.length <= 100 && loginsIn(org).length === 0 ? org : undefined
  return stated ? {login: found.text, line: found.line, org: stated} : {login: found.text, line: found.line}
}

/** Literal values from tokens; anything else (a call, a name, a computed key) is skipped as unknown. */
class Reader {
  at = 0
  constructor(private readonly tokens: readonly Token[]) {}

  value(depth: number): Value {
    const token = this.tokens[this.at]
    if (!token) return undefined
    if (depth < MAX_DEPTH && token.text === '[' && token.kind === 'punct') return this.array(depth)
    if (depth < MAX_DEPTH && token.text === '{' && token.kind === 'punct') return this.object(depth)
    if (token.kind === 'string' && token.literal) {
      const next = this.tokens[this.at + 1]?.text
      // `'a' + b`, `'x'.trim()`: an expression, not a literal.
      if (next === ',' || next === ']' || next === '}' || next === undefined) {
        this.at++
        return {text: token.text, line: token.line}
      }
    }
    this.skipExpression()
    return undefined
  }

  private array(depth: number): Value[] {
    const out: Value[] = []
    this.at++
    while (this.at < this.tokens.length) {
      const text = this.tokens[this.at].text
      if (text === ']') {
        this.at++
        break
      }
      if (text === ',') {
        this.at++
        continue
      }
      out.push(this.value(depth + 1))
    }
    return out
  }

  private object(depth: number): ObjectValue {
    const out = new Map<string, Value>()
    const line = this.tokens[this.at].line
    this.at++
    while (this.at < this.tokens.length) {
      const key = this.tokens[this.at]
      if (key.text === '}') {
        this.at++
        break
      }
      if (key.text === ',') {
        this.at++
        continue
      }
      const colon = this.tokens[this.at + 1]?.text === ':'
      if ((key.kind === 'name' || (key.kind === 'string' && key.literal)) && colon) {
        this.at += 2
        // As in JavaScript, a later same key wins (an unknown value too).
        out.set(key.text, this.value(depth + 1))
        continue
      }
      // A spread, a shorthand property, a method, a computed key: what it gives is not written here.
      if (key.kind === 'name' && !colon) out.set(key.text, undefined)
      this.skipExpression()
    }
    return {entries: out, line}
  }

  /** Up to the `,` or closing bracket that ends the expression at this depth. */
  private skipExpression(): void {
    let depth = 0
    const start = this.at
    while (this.at < this.tokens.length) {
      const text = this.tokens[this.at].text
      const punct = this.tokens[this.at].kind === 'punct'
      if (punct && (text === '[' || text === '(' || text === '{')) depth++
      else if (punct && (text === ']' || text === ')' || text === '}')) {
        if (depth === 0) break
        depth--
      } else if (punct && text === ',' && depth === 0) break
      this.at++
    }
    if (this.at === start && this.at < this.tokens.length && this.tokens[this.at].text !== ',') this.at++
  }
}

const PUNCT = new Set([...'[]{}(),:;=<>'])

/**
 * JavaScript and TypeScript tokens, enough to find literals: comments dropped, strings and template literals decoded
 * (a template with `${...}` is not a literal; its expressions are tokens), regular expression literals skipped.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let line = 1
  let i = 0
  /** Brace depths at which a template literal's `${` expression ends. */
  const templates: number[] = []
  let braces = 0
  const n = source.length
  const push = (kind: TokenKind, text: string, at: number, literal?: boolean) =>
    tokens.push(literal === undefined ? {kind, text, line: at} : {kind, text, line: at, literal})
  const template = (from: number, continued: boolean): void => {
    // From just after a backtick or the `}` ending an expression, to the closing backtick or the next `${`.
    const at = line
    let text = ''
    let literal = !continued
    let j = from
    let closed = false
    while (j < n) {
      const c = source[j]
      if (c === '`') {
        j++
        closed = true
        break
      }
      if (c === '$' && source[j + 1] === '{') {
        literal = false
        templates.push(braces)
        braces++
        j += 2
        i = j
        push('string', text, at, false)
        return
      }
      if (c === '\\') {
        const [decoded, next] = decodeEscape(source, j)
        text += decoded
        j = next
        continue
      }
      if (c === '\n') line++
      text += c
      j++
    }
    i = j
    push('string', text, at, literal && closed)
  }
  while (i < n) {
    const c = source[i]
    if (c === '\n') {
      line++
      i++
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') {
      i++
      continue
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++
      continue
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2)
      const stop = end < 0 ? n : end + 2
      for (let j = i; j < stop; j++) if (source[j] === '\n') line++
      i = stop
      continue
    }
    if (c === '"' || c === "'") {
      const at = line
      let text = ''
      let j = i + 1
      while (j < n && source[j] !== c && source[j] !== '\n') {
        if (source[j] === '\\') {
          const [decoded, next] = decodeEscape(source, j)
          if (source[j + 1] === '\n') line++
          text += decoded
          j = next
          continue
        }
        text += source[j]
        j++
      }
      // A string the line or the file ends before its quote is no literal (JavaScript rejects it).
      const closed = source[j] === c
      i = j + 1
      push('string', text, at, closed)
      continue
    }
    if (c === '`') {
      template(i + 1, false)
      continue
    }
    if (c === '}' && templates.length && templates[templates.length - 1] === braces - 1) {
      templates.pop()
      braces--
      template(i + 1, true)
      continue
    }
    if (c === '/' && regexAllowed(tokens[tokens.length - 1])) {
      let j = i + 1
      let inClass = false
      while (j < n && source[j] !== '\n') {
        const d = source[j]
        if (d === '\\') j++
        else if (d === '[') inClass = true
        else if (d === ']') inClass = false
        else if (d === '/' && !inClass) break
        j++
      }
      j++
      while (j < n && /[a-z]/i.test(source[j])) j++
      push('other', source.slice(i, Math.min(j, n)), line)
      i = j
      continue
    }
    if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1
      while (j < n && /[\w$]/.test(source[j])) j++
      push('name', source.slice(i, j), line)
      i = j
      continue
    }
    if (c === '{') braces++
    else if (c === '}') braces--
    push(PUNCT.has(c) ? 'punct' : 'other', c, line)
    i++
  }
  return tokens
}

/** A `/` starts a regular expression where an expression may start (after punctuation or `return`), not after a value. */
function regexAllowed(previous: Token | undefined): boolean {
  if (!previous) return true
  if (previous.kind === 'name')
    return /^(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/.test(previous.text)
  if (previous.kind === 'string') return false
  return previous.text !== ')' && previous.text !== ']' && previous.text !== '}'
}

const SIMPLE: Record<string, string> = {n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0'}

/** The character an escape at `at` (a backslash) stands for, and the index after it. */
function decodeEscape(source: string, at: number): [string, number] {
  const c = source[at + 1]
  if (c === undefined) return ['', at + 1]
  if (c in SIMPLE) return [SIMPLE[c], at + 2]
  if (c === '\n') return ['', at + 2]
  if (c === 'x' && /^[0-9a-f]{2}$/i.test(source.slice(at + 2, at + 4)))
    return [String.fromCharCode(Number.parseInt(source.slice(at + 2, at + 4), 16)), at + 4]
  if (c === 'u') {
    const braced = /^\{([0-9a-f]{1,6})\}/i.exec(source.slice(at + 2, at + 10))
    if (braced) {
      const code = Number.parseInt(braced[1], 16)
      return [code <= 0x10ffff ? String.fromCodePoint(code) : '', at + 2 + braced[0].length]
    }
    if (/^[0-9a-f]{4}$/i.test(source.slice(at + 2, at + 6)))
      return [String.fromCharCode(Number.parseInt(source.slice(at + 2, at + 6), 16)), at + 6]
  }
  return [c, at + 2]
}
