/**
 * Where a mapping's key is written. The YAML tree keeps positions for nodes, not keys; a Buildkite plugin is written
 * as a key (`- docker#v5.12.0: {image: …}`), so its place is found in the text: the last time the key is written
 * (plain, or in quotes) followed by `:`, between the start of its mapping and its value, which YAML puts after it.
 * The search goes back from the value only as far as the mapping's start, so each mapping costs at most its own text.
 * A key not found there (one written with escapes, or merged in with `<<`) is placed where its mapping starts.
 */
import {LineStarts} from '../../../core/line-index.js'
import type {Position, YamlMap, YamlNode} from '../../yaml-tree.js'

export class KeyPositions {
  private starts: LineStarts | undefined
  /** Per mapping, where the value of the last key looked up starts: the next key is written after it. */
  private readonly cursors = new WeakMap<YamlMap, number>()

  constructor(private readonly text: string) {}

  /** Keys are looked up in the order of the mapping's entries, which is the order they are written in. */
  of(map: YamlMap, key: string, value: YamlNode | undefined): Position {
    const from = Math.max(this.offset(map), this.cursors.get(map) ?? 0)
    const to = value === undefined ? from : this.offset(value)
    if (to > from) this.cursors.set(map, to)
    const found = key === '' || to <= from ? -1 : lastKey(this.text.slice(from, to), key)
    return found < 0 ? {line: map.line, column: map.column} : this.lines().position(from + found)
  }

  private lines(): LineStarts {
    if (this.starts === undefined) {
      const starts = new LineStarts()
      for (let index = this.text.indexOf('\n'); index !== -1; index = this.text.indexOf('\n', index + 1))
        starts.add(index + 1)
      this.starts = starts
    }
    return this.starts
  }

  private offset(node: Position): number {
    return this.lines().start(node.line, this.text.length) + node.column - 1
  }
}

/** Where in `span` the key is last written as a key (plain or quoted, then `:`), its opening quote included; or -1. */
function lastKey(span: string, key: string): number {
  for (let at = span.lastIndexOf(key); at >= 0; at = at === 0 ? -1 : span.lastIndexOf(key, at - 1)) {
    const before = at > 0 ? span[at - 1] : ''
    const quote = before === '"' || before === "'" ? before : ''
    const after = at + key.length
    if (quote !== '' && span[after] !== quote) continue
    if (/^[ \t]*:/.test(span.slice(after + quote.length, after + quote.length + 64))) return at - quote.length
  }
  return -1
}
