/** Offset → 1-based line/column lookup for formats whose parser reports offsets only (yaml) or nothing (TOML). */
export interface Position {
  line: number
  column: number
}

export interface LineIndex {
  /** 1-based line and column (UTF-16 code units, as editors and SARIF count them) of a 0-based offset. */
  position(offset: number): Position
  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string
  lineCount: number
}

export function createLineIndex(text: string): LineIndex {
  const starts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
  function position(offset: number): Position {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - starts[low] + 1}
  }
  function lineText(line: number): string {
    const start = starts[line - 1] ?? text.length
    const next = starts[line]
    const end = next === undefined ? text.length : next - 1
    return text.slice(start, end).replace(/\r$/, '')
  }
  return {position, lineText, lineCount: starts.length}
}

/** Splits text into lines (any of \n, \r\n), keeping 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/)
}
