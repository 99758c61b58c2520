/**
 * go.mod and go.work lines, lexed by hand: the only maintained parser is Go's golang.org/x/mod/modfile, and no JS
 * package implements it. Rules taken from modfile/read.go: `//` comments, "quoted" and `raw` strings, `verb (` blocks.
 * Also the `replace` directive both files share (https://go.dev/ref/mod#go-mod-file-replace).
 */
export interface GoModLine {
  /** The directive (`require`), for block lines too. */
  verb: string
  /** Arguments after the verb, unquoted. */
  args: string[]
  /** 1-based column of each argument. */
  columns: number[]
  /** Text of the trailing `//` comment, trimmed. */
  comment: string
  line: number
  /** The line without its comment, trimmed: a replace directive's ref. */
  text: string
}

export interface LexProblem {
  line: number
  message: string
}

function tokenize(source: string): {tokens: string[]; columns: number[]; comment: string; error?: string} {
  const tokens: string[] = []
  const columns: number[] = []
  let index = 0
  while (index < source.length) {
    const char = source[index]
    if (char === ' ' || char === '\t' || char === '\r') {
      index++
    } else if (source.startsWith('//', index)) {
      return {tokens, columns, comment: source.slice(index + 2).trim()}
    } else if (char === '"' || char === '`') {
      let end = index + 1
      while (end < source.length && source[end] !== char) end += source[end] === '\\' && char === '"' ? 2 : 1
      if (end >= source.length) return {tokens, columns, comment: '', error: 'unterminated string'}
      tokens.push(source.slice(index + 1, end))
      columns.push(index + 1)
      index = end + 1
    } else {
      let end = index
      while (end < source.length && !/[\s"`]/.test(source[end]) && !source.startsWith('//', end)) end++
      tokens.push(source.slice(index, end))
      columns.push(index + 1)
      index = end
    }
  }
  return {tokens, columns, comment: ''}
}

export function lexGoMod(text: string): {lines: GoModLine[]; problems: LexProblem[]} {
  const lines: GoModLine[] = []
  const problems: LexProblem[] = []
  let block: string | undefined
  let blockLine = 0
  text.split(/\r?\n/).forEach((source, index) => {
    const line = index + 1
    const {tokens, columns, comment, error} = tokenize(source)
    if (error) {
      problems.push({line, message: error})
      return
    }
    if (tokens.length === 0) return
    const cut = source.indexOf('//')
    const content = (cut === -1 ? source : source.slice(0, cut)).trim()
    if (block !== undefined) {
      if (tokens[0] === ')' && tokens.length === 1) {
        block = undefined
        return
      }
      lines.push({verb: block, args: tokens, columns, comment, line, text: content})
      return
    }
    if (tokens.length === 2 && tokens[1] === '(') {
      block = tokens[0]
      blockLine = line
      return
    }
    lines.push({
      verb: tokens[0],
      args: tokens.slice(1),
      columns: columns.slice(1),
      comment,
      line,
      text: content.slice(tokens[0].length).trim(),
    })
  })
  if (block !== undefined) problems.push({line: blockLine, message: `'${block} (' block is not closed`})
  return {lines, problems}
}

/** A `replace` directive: `old [version] => new [version]`. */
export interface Replacement {
  oldVersion?: string
  newPath: string
  newVersion?: string
  line: GoModLine
}

/** A `replace` line's parts, or what is wrong with it. */
export function readReplacement(line: GoModLine): Replacement | string {
  const arrow = line.args.indexOf('=>')
  const left = line.args.slice(0, arrow)
  const right = line.args.slice(arrow + 1)
  if (arrow === -1 || left.length < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    return "expected 'module [version] => module version' or '=> ./local/path'"
  }
  return {oldVersion: left[1], newPath: right[0], newVersion: right[1], line}
}

/** A replacement without a version, or starting with ./ ../ /, is a directory on disk. */
export function isLocalPath(path: string, version: string | undefined): boolean {
  return version === undefined || /^(\.{1,2}\/|\/|[A-Za-z]:\\)/.test(path)
}
