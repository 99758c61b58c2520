/**
 * A reader of CMake's command invocation syntax (https://cmake.org/cmake/help/latest/manual/cmake-language.7.html):
 * `name(arguments)` at the start of a line, bracket arguments (`[=[…]=]`), quoted arguments (escapes, `\` newline
 * continuing them), unquoted arguments (escapes, the legacy `a="b c"` form), `#` line comments and `#[[…]]` bracket
 * comments, and parentheses nested in the arguments (kept as `(` and `)` arguments, as CMake passes them). Written by
 * hand: no maintained JavaScript reader of CMake's language gives positions (the npm packages found are formatters
 * or unmaintained grammars), and the grammar is small. Variable references are left in the values as written;
 * the format decides what to do with them.
 *
 * One pass, no recursion: a malformed invocation (a `(` never closed, an unterminated quoted or bracket argument, a
 * bad escape) is a problem at its line and column, and reading starts again on the line after the command's name.
 * Those restarts read text again: past a budget of a few times the text's length, reading stops with one problem,
 * so hostile input stays linear.
 */

export interface Argument {
  /** The value with escapes applied (`\;` kept as written, as CMake keeps it); variable references as written. */
  value: string
  kind: 'bracket' | 'quoted' | 'unquoted'
  line: number
  /** 1-based, UTF-16 code units; of the value's first character (after `"` or the bracket's opening). */
  column: number
}

export interface Command {
  /** As written (CMake matches command names regardless of case). */
  name: string
  line: number
  column: number
  arguments: Argument[]
}

export interface SyntaxProblem {
  line: number
  column: number
  message: string
}

/** How many times the text's length restarts after malformed commands may read again before reading stops. */
const RESCAN_FACTOR = 4

interface Failure {
  at: number
  line: number
  column: number
  message: string
}

/** Calls `onCommand` for each well-formed command invocation, in order; returns the problems. */
export function readCommands(text: string, onCommand: (command: Command) => void): SyntaxProblem[] {
  const problems: SyntaxProblem[] = []
  const n = text.length
  let i = 0
  let line = 1
  let lineStart = 0
  let rescanned = 0
  const budget = RESCAN_FACTOR * n + 65_536

  const column = (at: number) => at - lineStart + 1
  const fail = (at: number, atLine: number, atColumn: number, message: string): Failure => ({
    at,
    line: atLine,
    column: atColumn,
    message,
  })
  /** Skips to the start of the next line (or the end). */
  const nextLine = () => {
    const end = text.indexOf('\n', i)
    if (end === -1) i = n
    else {
      i = end + 1
      line++
      lineStart = i
    }
  }
  /** Length of a bracket opening `[=*[` at `at`, or 0. */
  const bracketOpen = (at: number): number => {
    if (text[at] !== '[') return 0
    let j = at + 1
    while (text[j] === '=') j++
    return text[j] === '[' ? j - at + 1 : 0
  }
  /**
   * Reads a bracket argument or comment whose opening (of `open` characters, `open - 2` equals signs) is at `i`:
   * its content, or a failure when it is not closed. Counts the lines it spans.
   */
  const readBracket = (open: number): string | Failure => {
    const startLine = line
    const startColumn = column(i)
    const close = `]${'='.repeat(open - 2)}]`
    let from = i + open
    const end = text.indexOf(close, from)
    if (end === -1) return fail(i, startLine, startColumn, `a bracket ${text.slice(i, i + open)} that is never closed`)
    // A newline right after the opening is not part of the content.
    if (text[from] === '\r' && text[from + 1] === '\n') from += 2
    else if (text[from] === '\n') from += 1
    for (let j = i; j < end; j++)
      if (text.charCodeAt(j) === 10) {
        line++
        lineStart = j + 1
      }
    i = end + close.length
    return text.slice(from, end)
  }
  /** An escape at `i` (a backslash): the text it stands for, or a failure. */
  const readEscape = (): string | Failure => {
    const next = text[i + 1]
    if (next === undefined) return fail(i, line, column(i), 'a backslash at the end of the file')
    if (next === 't' || next === 'n' || next === 'r') {
      i += 2
      return next === 't' ? '\t' : next === 'n' ? '\n' : '\r'
    }
    if (next === ';') {
      i += 2
      return '\\;'
    }
    if (/[A-Za-z0-9]/.test(next)) return fail(i, line, column(i), `an invalid escape sequence \\${next}`)
    if (next === '\n') {
      line++
      lineStart = i + 2
    }
    i += 2
    return next
  }
  const readQuoted = (): string | Failure => {
    const startLine = line
    const startColumn = column(i)
    i++
    let value = ''
    let from = i
    while (i < n) {
      const c = text.charCodeAt(i)
      if (c === 34 /* " */) {
        value += text.slice(from, i)
        i++
        return value
      }
      if (c === 92 /* \ */) {
        value += text.slice(from, i)
        // `\` newline: a continuation, nothing in the value.
        if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')) {
          i += text[i + 1] === '\r' ? 3 : 2
          line++
          lineStart = i
        } else {
          const escaped = readEscape()
          if (typeof escaped !== 'string') return escaped
          value += escaped
        }
        from = i
        continue
      }
      if (c === 10) {
        line++
        lineStart = i + 1
      }
      i++
    }
    return fail(i, startLine, startColumn, 'a quoted argument that is never closed')
  }
  /** A run of characters an unquoted argument holds as they are. */
  const plain = /[^ \t\r\n()#"\\]+/y
  const readUnquoted = (): string | Failure => {
    let value = ''
    while (i < n) {
      const c = text[i]
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '(' || c === ')' || c === '#') break
      if (c === '\\') {
        const escaped = readEscape()
        if (typeof escaped !== 'string') return escaped
        value += escaped
        continue
      }
      if (c === '"') {
        // The legacy form (`-Da="b c"`): a quoted part inside an unquoted argument is kept with its quotes; it ends
        // on its line.
        const end = text.indexOf('"', i + 1)
        const newline = text.indexOf('\n', i + 1)
        if (value === '' || end === -1 || (newline !== -1 && newline < end)) break
        value += text.slice(i, end + 1)
        i = end + 1
        continue
      }
      plain.lastIndex = i
      const run = plain.exec(text)
      if (run === null) {
        value += c
        i++
      } else {
        value += run[0]
        i += run[0].length
      }
    }
    return value
  }
  /** Steps over one blank character (space, tab, CR) or line break at `i`, counting lines; false on anything else. */
  const skippedBlank = (): boolean => {
    const c = text[i]
    if (c === '\n') {
      line++
      lineStart = i + 1
    } else if (c !== ' ' && c !== '\t' && c !== '\r') return false
    i++
    return true
  }
  /** The arguments of a command whose `(` is at `i`, up to its `)`; or a failure. */
  const readArguments = (): Argument[] | Failure => {
    const openLine = line
    const openColumn = column(i)
    const openAt = i
    const args: Argument[] = []
    let depth = 1
    i++
    while (i < n) {
      if (skippedBlank()) continue
      const c = text[i]
      const argLine = line
      const argColumn = column(i)
      if (c === '(' || c === ')') {
        depth += c === '(' ? 1 : -1
        i++
        if (depth === 0) return args
        args.push({value: c, kind: 'unquoted', line: argLine, column: argColumn})
        continue
      }
      if (c === '#') {
        const open = bracketOpen(i + 1)
        if (open > 0) {
          i++
          const comment = readBracket(open)
          if (typeof comment !== 'string') return comment
        } else {
          const end = text.indexOf('\n', i)
          i = end === -1 ? n : end
        }
        continue
      }
      const open = bracketOpen(i)
      if (open > 0) {
        const value = readBracket(open)
        if (typeof value !== 'string') return value
        args.push({value, kind: 'bracket', line: argLine, column: argColumn + open})
        continue
      }
      if (c === '"') {
        const value = readQuoted()
        if (typeof value !== 'string') return value
        args.push({value, kind: 'quoted', line: argLine, column: argColumn + 1})
        continue
      }
      const value = readUnquoted()
      if (typeof value !== 'string') return value
      args.push({value, kind: 'unquoted', line: argLine, column: argColumn})
    }
    return fail(openAt, openLine, openColumn, "a '(' that is never closed")
  }

  while (i < n) {
    if (skippedBlank()) continue
    const c = text[i]
    if (c === '#') {
      const open = bracketOpen(i + 1)
      if (open > 0) {
        const at = {line, column: column(i)}
        i++
        const comment = readBracket(open)
        if (typeof comment !== 'string') {
          problems.push({...at, message: 'a bracket comment that is never closed: the rest of the file is a comment'})
          break
        }
      } else nextLine()
      continue
    }
    const name = /[A-Za-z_][A-Za-z0-9_]*/y
    name.lastIndex = i
    const found = name.exec(text)
    if (found === null) {
      problems.push({line, column: column(i), message: `not a command invocation (${JSON.stringify(c)})`})
      nextLine()
      continue
    }
    const start = {at: i, line, lineStart}
    const command: Command = {name: found[0], line, column: column(i), arguments: []}
    i += found[0].length
    while (text[i] === ' ' || text[i] === '\t') i++
    if (text[i] !== '(') {
      problems.push({
        line: command.line,
        column: command.column,
        message: `${command.name} is not followed by '(': not a command invocation`,
      })
      nextLine()
      continue
    }
    const args = readArguments()
    if (!Array.isArray(args)) {
      // Where reading failed, which a quoted argument spanning lines may put far from the command: both are said.
      problems.push({
        line: args.line,
        column: args.column,
        message: `${command.name} (at ${command.line}:${command.column}): ${args.message}`,
      })
      // Read again from the line after the command's name.
      rescanned += i - start.at
      i = start.at
      line = start.line
      lineStart = start.lineStart
      nextLine()
      if (rescanned > budget) {
        problems.push({line, column: 1, message: 'too many malformed commands: the rest of the file is not read'})
        break
      }
      continue
    }
    command.arguments = args
    onCommand(command)
    // A command ends its line: only spaces and a comment may follow it.
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i++
    if (i < n && text[i] !== '\n' && text[i] !== '#')
      problems.push({
        line,
        column: column(i),
        message: `${command.name}(…) is followed by more than a comment on its line`,
      })
  }
  return problems
}
