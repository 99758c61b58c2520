/**
 * Which lines of an organisation's Markdown governance file concern the scanned project. kedacore/governance
 * MEMBERS.md is the model: an "Organization" section (people with rights over every repository), one section per
 * repository headed by its name or a link to it ("## [keda](https://github.com/kedacore/keda)"), "Alumni"; other
 * organisations keep one table with a project column. A line is `project` under a heading naming the project (or
 * in a table row whose project cell names it), `other` under a heading or row naming another repository, and
 * `organisation` elsewhere.
 */
import {links} from '../../links.js'
import {atxHeading, isSeparator, plain, splitRow} from '../../parsers/markdown.js'
import type {ProjectRef} from '../../types.js'

export type LineScope = 'project' | 'organisation' | 'other'

const PROJECT_COLUMN = /^(project|projects|repo|repos|repository|repositories|sub-?projects?|components?)$/i
const FENCE = /^\s*(```|~~~)/

export function classifyMarkdown(content: string, project: ProjectRef): LineScope[] {
  const lines = content.split('\n')
  const scopes: LineScope[] = []
  const headings: Array<{level: number; about: LineScope | undefined}> = []
  let projectColumn = -1
  let inTable = false
  let fenced = false
  const enclosing = (): LineScope => {
    for (let i = headings.length - 1; i >= 0; i--) if (headings[i].about) return headings[i].about as LineScope
    return 'organisation'
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (FENCE.test(line)) fenced = !fenced
    const heading = fenced ? undefined : atxHeading(line)
    if (heading) {
      while (headings.length && headings[headings.length - 1].level >= heading.level) headings.pop()
      headings.push({level: heading.level, about: naming(heading.text, project)})
      inTable = false
      scopes.push(enclosing())
      continue
    }
    const trimmed = line.trim()
    if (!fenced && trimmed.startsWith('|')) {
      if (!inTable && isSeparator(lines[i + 1])) {
        inTable = true
        projectColumn = splitRow(trimmed).findIndex((cell) => PROJECT_COLUMN.test(plain(cell)))
        scopes.push(enclosing(), enclosing())
        i++
        continue
      }
      const about = inTable && projectColumn >= 0 ? naming(splitRow(trimmed)[projectColumn] ?? '', project) : undefined
      scopes.push(about === undefined && projectColumn >= 0 ? 'other' : (about ?? enclosing()))
      continue
    }
    if (trimmed) inTable = false
    scopes.push(enclosing())
  }
  return scopes
}

/** `project` when the text names the scanned repository, `other` when it names another one, else undefined. */
export function naming(text: string, project: ProjectRef): LineScope | undefined {
  const repos = links(text)
  if (repos.some((r) => same(r.owner, project.owner) && same(r.name, project.name))) return 'project'
  if (repos.length > 0) return 'other'
  const wanted = [key(project.name), key(`${project.owner}/${project.name}`)]
  const words = plain(text)
    .split(/[\s,;|]+/)
    .map(key)
  return words.some((w) => w && wanted.includes(w)) || wanted.includes(key(plain(text))) ? 'project' : undefined
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9/]/g, '')
}
