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

/**
 * Line starts, in a typed array (half a million `push`es onto a plain array cost several times more), and the
 * position of an offset among them by binary search. Line 1 starts at 0.
 */
export class LineStarts {
  private starts = new Uint32Array(1024)
  count = 1

  add(start: number): void {
    if (this.count === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2)
      grown.set(this.starts)
      this.starts = grown
    }
    this.starts[this.count++] = start
  }

  /** The 0-based offset where a 1-based line starts (the text's length past the last line). */
  start(line: number, textLength: number): number {
    return line >= 1 && line <= this.count ? this.starts[line - 1] : textLength
  }

  position(offset: number): Position {
    const starts = this.starts
    let low = 0
    let high = this.count - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle] <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - starts[low] + 1}
  }
}

/** One pass over the text collects the line starts; then each position is a binary search. */
export function createLineIndex(text: string): LineIndex {
  const starts = new LineStarts()
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.add(index + 1)
  function lineText(line: number): string {
    const start = starts.start(line, text.length)
    const end = line >= 1 && line < starts.count ? starts.start(line + 1, text.length) - 1 : text.length
    return text.slice(start, end).replace(/\r$/, '')
  }
  return {position: (offset) => starts.position(offset), lineText, lineCount: starts.count}
}

/** Splits text into lines (any of \n, \r\n), keeping 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/)
}
