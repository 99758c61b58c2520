/**
 * `conanfile.txt` (https://docs.conan.io/2/reference/conanfile_text.html), read as Conan reads it
 * (conans/util/config_parser.py, conans/client/loader_txt.py): lines stripped, blank lines and lines starting with
 * `#` skipped, `[section]` headers, and in other lines a comment after ` #` dropped. Each line of `[requires]`,
 * `[tool_requires]`, `[test_requires]` and Conan 1's `[build_requires]` is one reference.
 */
import type {Scope} from '../../../core/model.js'

/** The sections that declare packages, and their scopes (tool and test requirements are not shipped). */
export const SECTIONS: ReadonlyMap<string, Scope> = new Map([
  ['requires', 'prod'],
  ['tool_requires', 'dev'],
  ['build_requires', 'dev'],
  ['test_requires', 'dev'],
])

export interface TxtLine {
  section: string
  scope: Scope
  /** The reference as written, comment and blanks removed. */
  text: string
  line: number
  column: number
}

export interface TxtProblem {
  message: string
  line: number
}

/** `[name]` at the start of a header line (Conan's `^\[([a-z_]{2,50})]`). */
const HEADER = /^\[([a-z_]{2,50})\]/

export function readConanfileTxt(text: string): {lines: TxtLine[]; problems: TxtProblem[]} {
  const lines: TxtLine[] = []
  const problems: TxtProblem[] = []
  let section: string | undefined
  const seen = new Set<string>()
  text.split('\n').forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    if (trimmed.startsWith('[')) {
      const header = HEADER.exec(trimmed)
      if (header === null) {
        problems.push({message: `line ${line}: not a [section] header`, line})
        section = ''
        return
      }
      section = header[1]
      if (seen.has(section)) problems.push({message: `[${section}] written twice (Conan refuses the file)`, line})
      seen.add(section)
      return
    }
    if (section === undefined) {
      problems.push({message: `line ${line}: outside any [section]`, line})
      section = ''
      return
    }
    const scope = SECTIONS.get(section)
    if (scope === undefined) return
    const value = trimmed.split(' #', 1)[0].split('\t#', 1)[0].trim()
    if (value === '') return
    lines.push({section, scope, text: value, line, column: raw.indexOf(value) + 1})
  })
  return {lines, problems}
}
