/**
 * Python's `shlex.split` (POSIX mode, no comments), for files a Python tool splits with it: pip's requirements
 * files (pip/_internal/req/req_file.py `parse_line`: `shlex.split(options_str)`) and pre-commit's `docker_image`
 * entries (../formats/pre-commit/docker-run.ts).
 * Whitespace separates words, `'…'` keeps everything, `"…"` keeps everything but `\"` and `\\`, a backslash outside
 * quotes escapes the next character. A string for the errors shlex raises (an unclosed quotation, a trailing
 * backslash). One pass over the text.
 */
export function shlexSplit(text: string): string[] | string {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: '' | "'" | '"' = ''
  for (let at = 0; at < text.length; at++) {
    const char = text[at]
    if (quote === "'") {
      if (char === "'") quote = ''
      else word += char
    } else if (quote === '"') {
      if (char === '"') quote = ''
      else if (char === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\')) word += text[++at]
      else word += char
    } else if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      inWord = true
      if (char === "'" || char === '"') quote = char
      else if (char !== '\\') word += char
      else if (at + 1 < text.length) word += text[++at]
      else return 'no escaped character after the final backslash'
    }
  }
  if (quote !== '') return 'no closing quotation'
  if (inWord) words.push(word)
  return words
}
