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

export interface LineIndexOptions {
  /** A carriage return not followed by a line feed ends a line too (as jsonc-parser counts lines). */
  loneCarriageReturns?: boolean
}

/**
 * One pass over the text collects the line starts (in a typed array: half a million `push`es onto a plain array
 * cost several times more), then each position is a binary search.
 */
export function createLineIndex(text: string, options: LineIndexOptions = {}): LineIndex {
  let starts = new Uint32Array(1024)
  let count = 1
  const add = (start: number): void => {
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length * 2)
      grown.set(starts)
      starts = grown
    }
    starts[count++] = start
  }
  if (options.loneCarriageReturns && text.includes('\r')) {
    const breaks = /\r\n?|\n/g
    for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) add(match.index + match[0].length)
  } else {
    for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) add(index + 1)
  }
  function position(offset: number): Position {
    let low = 0
    let high = count - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - starts[low] + 1}
  }
  function lineText(line: number): string {
    const start = line >= 1 && line - 1 < count ? starts[line - 1] : text.length
    const end = line >= 1 && line < count ? starts[line] - 1 : text.length
    return text.slice(start, end).replace(/\r$/, '')
  }
  return {position, lineText, lineCount: count}
}

/** Splits text into lines (any of \n, \r\n), keeping 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/)
}
