/**
 * Where the values of a pyproject.toml are written: the line and column of each one-line string (an array's
 * requirement, at its opening quote) and of each key (a Poetry dependency). smol-toml keeps no positions and the
 * shared TOML helper (lockfile-support/toml.ts) gives lines of keys only, so each line is split here into TOML's
 * tokens: strings, bare words, a comment (the rest of the line is not read), the opening of a multi-line string (the
 * rest is not read either: forEachTomlLine passes over the lines inside it). Every token is consumed once, so a line
 * costs time linear in its length.
 */
import {splitLines} from '../../../core/line-index.js'
import {forEachTomlLine, tomlBasicString} from '../../lockfile-support/toml.js'

export interface Place {
  line: number
  column: number
}

interface Token {
  value: string
  /** 0-based index in the line. */
  index: number
  /** Followed by `=` or `.`: a key (or a part of a dotted key), not a value. */
  key: boolean
}

const TOKEN = /"""|'''|"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+)|#|\S/g
const KEY_END = /\s*[=.]/y

/** The strings and bare words of one line of TOML, in order, up to a comment or a multi-line string. */
export function lineTokens(line: string): Token[] {
  const tokens: Token[] = []
  for (const match of line.matchAll(TOKEN)) {
    const [whole, basic, literal, bare] = match
    if (whole === '#' || whole === '"""' || whole === "'''") break
    if (basic === undefined && literal === undefined && bare === undefined) continue
    KEY_END.lastIndex = match.index + whole.length
    const value = basic !== undefined ? tomlBasicString(basic) : (literal ?? bare)
    tokens.push({value, index: match.index, key: KEY_END.test(line)})
  }
  return tokens
}

/**
 * Every one-line string value of the text (keys excepted), with the places that write it, in the text's order: one
 * pass, so finding each element of every array stays linear in the file.
 */
export function stringPlaces(text: string): Map<string, Place[]> {
  const found = new Map<string, Place[]>()
  forEachTomlLine(text, (line, index) => {
    for (const token of lineTokens(line)) {
      // A bare word (true, 42) is not a string; a quoted key is not a value.
      if (token.key || !/^["']/.test(line[token.index])) continue
      const place = {line: index + 1, column: token.index + 1}
      const list = found.get(token.value)
      if (list === undefined) found.set(token.value, [place])
      else list.push(place)
    }
  })
  return found
}

function after(place: Place, than: Place): boolean {
  return place.line > than.line || (place.line === than.line && place.column > than.column)
}

/** The first place after `from` that writes the string `value`; undefined when none does. */
export function stringPlace(strings: Map<string, Place[]>, value: string, from: Place): Place | undefined {
  const places = strings.get(value)
  if (!places) return undefined
  let low = 0
  let high = places.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (after(places[middle], from)) high = middle
    else low = middle + 1
  }
  return places[low]
}

/**
 * The column of key `name` on a line (a Poetry dependency, `requests = …`, `"a.b" = …`, or inside an inline table);
 * each line is split once (a line of many keys is a line of a hostile file too). The first non-blank column when the
 * key is not found there.
 */
export class KeyColumns {
  private readonly lines: string[]
  private readonly byLine = new Map<number, {keys: Map<string, number>; first: number}>()

  constructor(text: string) {
    this.lines = splitLines(text)
  }

  column(line: number, name: string): number {
    let found = this.byLine.get(line)
    if (found === undefined) {
      const written = this.lines[line - 1] ?? ''
      found = {keys: new Map(), first: (/\S/.exec(written)?.index ?? 0) + 1}
      for (const token of lineTokens(written))
        if (token.key && !found.keys.has(token.value)) found.keys.set(token.value, token.index + 1)
      this.byLine.set(line, found)
    }
    return found.keys.get(name) ?? found.first
  }
}
