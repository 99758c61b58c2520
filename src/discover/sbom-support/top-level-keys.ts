/**
 * Some top-level keys of a JSON object and their string values, decoded (`"bom\u0046ormat"` is `bomFormat`), read
 * in one pass over its text in chunks: for the sniff of a JSON SBOM (./json-sbom.ts) that neither the head nor the
 * tail of a file decides. Written by hand, not with jsonc-parser (which needs the whole text as one string) or a
 * streaming JSON library (none is a dependency, and each builds every value): it only follows strings, escapes
 * and nesting, one character at a time, so its time is linear in the text and its memory bounded (the state, the
 * keys asked for, at most VALUES strings of at most VALUE_LENGTH characters each).
 * Not a validator: text that is not JSON gives what it gives, and the reader that follows the sniff tells.
 */

/** Strings kept for a key: the value, or the first items of a list. */
const VALUES = 64
/** Longer strings are not kept: no key or value asked for is that long. */
const VALUE_LENGTH = 2048

/** What a scan found: each key asked for that the root object holds, with the strings of its value. */
export type TopLevelKeys = ReadonlyMap<string, readonly string[]>

/**
 * The keys of `wanted` that the root object of `chunks` holds, each with its value when a string, or the strings
 * directly in its value when a list (`"@context": ["https://…", {…}]`). Stops at the end of the root object; an
 * empty map when the text is not an object.
 */
export function topLevelKeys(chunks: Iterable<string>, wanted: ReadonlySet<string>): TopLevelKeys {
  const scan = new Scan(wanted)
  for (const chunk of chunks) if (!scan.feed(chunk)) break
  return scan.found
}

/** What a string is: one nothing is kept of, a key of the root object, or the value of a wanted key (or an item of it). */
type Role = 'other' | 'key' | 'value'

class Scan {
  readonly found = new Map<string, string[]>()
  /** Nesting of objects and lists; the root object is 1. */
  private depth = 0
  private started = false
  private done = false
  private inString = false
  /** 0: none; 1: after a backslash; 2 to 5: that many less 2 hex digits of a `\u` escape read. */
  private escape = 0
  private code = 0
  private role: Role = 'other'
  private text = ''
  private tooLong = false
  /** At depth 1, after `{` or `,`: the next string is a key. */
  private expectKey = false
  /** The wanted key whose value comes next (at depth 1), or whose list is open (at depth 2). */
  private key: string | undefined
  private inList = false

  constructor(private readonly wanted: ReadonlySet<string>) {}

  /** Reads one more chunk; false once the root object is closed (or the text is not one). */
  feed(chunk: string): boolean {
    // Where the next backslash and the next quote are, each looked for again only once passed: skipping a string
    // nothing is kept of goes from escape to escape and quote to quote, and the chunk is looked through at most
    // twice (searching for the quote again after each escape was quadratic on a string of escapes: 2 MB/s).
    let backslash = -1
    let quote = -1
    for (let i = 0; i < chunk.length && !this.done; i++) {
      if (this.inString && this.role === 'other' && this.escape === 0) {
        if (backslash < i) backslash = chunk.indexOf('\\', i) >>> 0 // none: past any index
        if (quote < i) quote = chunk.indexOf('"', i) >>> 0
        i = Math.min(quote, backslash)
        if (i >= chunk.length) break
      }
      if (!this.inString && this.depth > (this.inList ? 2 : 1)) {
        // Deep in a value nothing is kept of: only strings and nesting matter.
        let c = chunk.charCodeAt(i)
        while (c !== 0x22 && c !== 0x7b && c !== 0x5b && c !== 0x7d && c !== 0x5d && ++i < chunk.length)
          c = chunk.charCodeAt(i)
        if (i >= chunk.length) break
      }
      const c = chunk.charCodeAt(i)
      if (this.inString) this.inside(c)
      else this.outside(c)
    }
    return !this.done
  }

  private inside(c: number): void {
    if (this.escape === 1) {
      this.escape = 0
      if (c === 0x75 /* u */) {
        this.escape = 2
        this.code = 0
      } else this.append(ESCAPED.get(c) ?? String.fromCharCode(c))
      return
    }
    if (this.escape >= 2) {
      const digit = hexDigit(c)
      if (digit >= 0) {
        this.code = this.code * 16 + digit
        if (++this.escape === 6) {
          this.escape = 0
          this.append(String.fromCharCode(this.code))
        }
        return
      }
      this.escape = 0 // not JSON: the character is read as it is
    }
    if (c === 0x5c /* \ */) this.escape = 1
    else if (c === 0x22 /* " */) this.endString()
    else if (this.role !== 'other') this.append(String.fromCharCode(c))
  }

  private append(text: string): void {
    if (this.role === 'other') return
    if (this.text.length + text.length > VALUE_LENGTH) this.tooLong = true
    else this.text += text
  }

  private endString(): void {
    this.inString = false
    const {role, text, tooLong} = this
    this.text = ''
    if (role === 'key') {
      this.expectKey = false
      this.key = !tooLong && this.wanted.has(text) ? text : undefined
      if (this.key !== undefined && !this.found.has(this.key)) this.found.set(this.key, [])
    } else if (role === 'value') {
      const values = this.found.get(this.key!)!
      if (!tooLong && values.length < VALUES) values.push(text)
      if (!this.inList) this.key = undefined
    }
  }

  private outside(c: number): void {
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return
    if (!this.started) {
      // The root: an object, after a byte-order mark; anything else is no object.
      if (c === 0xfeff) return
      this.started = true
      if (c !== 0x7b /* { */) this.done = true
      else {
        this.depth = 1
        this.expectKey = true
      }
      return
    }
    if (c === 0x22 /* " */) {
      this.inString = true
      this.tooLong = false
      this.role =
        this.depth === 1 && this.expectKey
          ? 'key'
          : this.key !== undefined && (this.inList ? this.depth === 2 : this.depth === 1)
            ? 'value'
            : 'other'
      return
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (this.depth === 1) {
        this.inList = this.key !== undefined && c === 0x5b
        if (!this.inList) this.key = undefined
      }
      this.depth++
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      this.depth--
      if (this.depth === 1 && this.inList) {
        this.inList = false
        this.key = undefined
      }
      if (this.depth <= 0) this.done = true
    } else if (this.depth === 1) {
      if (c === 0x2c /* , */) {
        this.expectKey = true
        this.key = undefined
      } else if (c === 0x3a /* : */) this.expectKey = false
      else this.key = undefined // a number, true, false or null
    }
  }
}

const ESCAPED = new Map([
  [0x62, '\b'],
  [0x66, '\f'],
  [0x6e, '\n'],
  [0x72, '\r'],
  [0x74, '\t'],
])

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  if (c >= 0x61 && c <= 0x66) return c - 0x57
  if (c >= 0x41 && c <= 0x46) return c - 0x37
  return -1
}
