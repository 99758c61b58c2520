/**
 * `gradle.properties`: a Java properties file (java.util.Properties#load, which Gradle reads it with). Logical lines
 * (a line ending in an odd number of backslashes goes on with the next, its leading blanks dropped), `#` and `!`
 * comment lines, a key ending at the first unescaped `=`, `:` or blank, and `\t`, `\n`, `\r`, `\f`, `\uXXXX` escapes.
 * Later keys win within a file, as in Properties. One pass per line: no regex over the line.
 */

export function readProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>()
  const lines = text.split(/\r\n|\r|\n/)
  for (let index = 0; index < lines.length; index++) {
    let line = trimStart(lines[index])
    if (line === '' || line[0] === '#' || line[0] === '!') continue
    const pieces: string[] = []
    while (continues(line) && index + 1 < lines.length) {
      pieces.push(line.slice(0, -1))
      line = trimStart(lines[++index])
    }
    pieces.push(continues(line) ? line.slice(0, -1) : line)
    const logical = pieces.join('')
    let k = 0
    while (k < logical.length) {
      const c = logical[k]
      if (c === '\\') k += 2
      else if (c === '=' || c === ':' || isBlank(c)) break
      else k++
    }
    const key = decode(logical.slice(0, Math.min(k, logical.length)))
    let v = k
    while (v < logical.length && isBlank(logical[v])) v++
    if (v < logical.length && (logical[v] === '=' || logical[v] === ':')) v++
    while (v < logical.length && isBlank(logical[v])) v++
    properties.set(key, decode(logical.slice(v)))
  }
  return properties
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f'
}

function trimStart(line: string): string {
  let i = 0
  while (i < line.length && isBlank(line[i])) i++
  return line.slice(i)
}

/** A line ending in an odd number of backslashes goes on with the next. */
function continues(line: string): boolean {
  let count = 0
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) count++
  return count % 2 === 1
}

const ESCAPES: Record<string, string> = {t: '\t', n: '\n', r: '\r', f: '\f'}

function decode(text: string): string {
  if (!text.includes('\\')) return text
  let out = ''
  let segment = 0
  let i = 0
  while (i < text.length) {
    if (text[i] !== '\\') {
      i++
      continue
    }
    out += text.slice(segment, i)
    const next = text[i + 1]
    if (next === undefined) {
      i++
    } else if (next === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16))
      i += 6
    } else {
      out += Object.hasOwn(ESCAPES, next) ? ESCAPES[next] : next
      i += 2
    }
    segment = i
  }
  return out + text.slice(segment)
}
