/**
 * A cursor over a text that keeps the 1-based line and column of its offset, and the error it throws: shared by the
 * hand-written readers of literal terms (formats/mix-lock's Elixir, formats/rebar-lock's Erlang), which differ in
 * their syntax, not in how they keep their place. Each reader extends it with its own terms.
 */
import type {Position} from '../../core/line-index.js'

export class TermError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** Nested deeper than the reader's bound. */
    readonly tooDeep = false,
  ) {
    super(message)
  }
}

export class TermCursor {
  offset = 0
  line = 1
  column = 1

  /** `comment`: the character that starts a comment running to the end of its line (`#`, `%`). */
  constructor(
    readonly text: string,
    private readonly comment: string,
  ) {}

  position(): Position {
    return {line: this.line, column: this.column}
  }

  fail(message: string, at: Position = this.position()): never {
    throw new TermError(message, at.line, at.column)
  }

  /** Moves over `count` characters of one line. */
  advance(count: number): void {
    this.offset += count
    this.column += count
  }

  /** Moves over `count` characters that end a line (a newline, or a backslash and its newline). */
  newline(count = 1): void {
    this.offset += count
    this.line++
    this.column = 1
  }

  /**
   * The characters from the cursor up to the first of `stops` (or the end), moved over: a string's run of plain
   * characters, taken at once (one string, not one per character). `stops` must hold `\n`, so the run is one line's.
   */
  takeUntil(stops: string): string {
    const {text} = this
    let end = this.offset + 1
    while (end < text.length && !stops.includes(text[end])) end++
    const run = text.slice(this.offset, end)
    this.advance(end - this.offset)
    return run
  }

  /** Over whitespace, newlines and comments. */
  skipSpace(): void {
    const {text} = this
    while (this.offset < text.length) {
      const char = text[this.offset]
      if (char === '\n') this.newline()
      else if (char === ' ' || char === '\t' || char === '\r') this.advance(1)
      else if (char === this.comment) {
        while (this.offset < text.length && text[this.offset] !== '\n') this.advance(1)
      } else break
    }
  }
}
