/**
 * The few top-level fields of a `.cabal` package description that name where a package is developed: `homepage:`,
 * `bug-reports:`, and the `location:` and `subdir:` of each `source-repository head` / `this` stanza, in file
 * order. Written by hand rather than a full reader of Cabal's format (Distribution.Fields, Distribution.PackageDescription):
 * there is no JavaScript one, and nothing else of the file is needed; everything else (conditionals, components,
 * descriptions) is passed over unread. Layout as Cabal's: a field `name:` (name case-insensitive), its value on the
 * same line or on the indented lines below; `--` starts a comment line; a line without `:` at the top level opens a
 * section, whose fields are the indented lines below it. One pass over the lines, no backtracking expression.
 */

export interface SourceRepository {
  /** `head` or `this`. */
  kind: string
  type?: string
  location?: string
  subdir?: string
}

export interface CabalLinks {
  homepage?: string
  bugReports?: string
  repositories: SourceRepository[]
}

/** Lines read at most: a package description is a few hundred lines; a hostile answer is cut short. */
const MAX_LINES = 50_000

export function readCabalLinks(text: string): CabalLinks {
  const links: CabalLinks = {repositories: []}
  const lines = text.split('\n', MAX_LINES)
  let repository: SourceRepository | undefined
  let sectionIndent = 0
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].endsWith('\r') ? lines[index].slice(0, -1) : lines[index]
    const trimmed = line.trimStart()
    if (trimmed === '' || trimmed.startsWith('--')) continue
    const indent = line.length - trimmed.length
    if (indent === 0) {
      repository = undefined
      const field = splitField(trimmed)
      if (field === undefined) {
        const header = trimmed.toLowerCase().split(/\s+/)
        if (header[0] === 'source-repository' && header[1] !== undefined) {
          repository = {kind: header[1]}
          links.repositories.push(repository)
          sectionIndent = -1
        }
        continue
      }
      const value = field.value || continuation(lines, index)
      if (field.name === 'homepage' && links.homepage === undefined) links.homepage = value
      else if (field.name === 'bug-reports' && links.bugReports === undefined) links.bugReports = value
      continue
    }
    if (repository === undefined) continue
    // The stanza's fields are at its first field's indentation; deeper lines continue a field's value.
    if (sectionIndent < 0) sectionIndent = indent
    if (indent !== sectionIndent) continue
    const field = splitField(trimmed)
    if (field === undefined) continue
    const value = field.value || continuation(lines, index)
    if (field.name === 'type') repository.type = value.toLowerCase()
    else if (field.name === 'location') repository.location = value
    else if (field.name === 'subdir') repository.subdir = value
  }
  return links
}

/** `name: value` → the lower-case name and the trimmed value ('' when it is on the lines below). */
function splitField(line: string): {name: string; value: string} | undefined {
  let end = 0
  while (end < line.length && end < 100 && /[A-Za-z0-9_-]/.test(line[end])) end++
  if (end === 0) return undefined
  let colon = end
  while (line[colon] === ' ' || line[colon] === '\t') colon++
  if (line[colon] !== ':') return undefined
  return {
    name: line.slice(0, end).toLowerCase(),
    value: line
      .slice(colon + 1)
      .trim()
      .slice(0, 2000),
  }
}

/** A value written on the line below its field name (`homepage:` then an indented URL). */
function continuation(lines: string[], index: number): string {
  const next = lines[index + 1]
  return next === undefined ? '' : next.trim().slice(0, 2000)
}
