/**
 * Plain-text MAINTAINERS files. containerd style: `# COMMITTERS` / `# REVIEWERS` comment headings, then CSV
 * rows whose first field is the GitHub ID (`"AkihiroSuda","Akihiro Suda","email","GPG"`). Other lines count
 * when they name `@handles` or profile links. Before any heading, people are maintainers.
 */
import type {GovernanceFile, Role} from '../../core/model.js'
import {isLogin, loginsIn, type SectionMeaning, sectionMeaning} from './names.js'
import type {GovernanceParse} from './types.js'

/** A comment made only of capitals (`# COMMITTERS`, `# REVIEWERS`) heads a section. */
const HEADING = /^#+\s*([A-Z][A-Z &/-]*[A-Z])\s*:?\s*$/

export function parseMaintainersText(file: GovernanceFile): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  let meaning: SectionMeaning = 'maintainer'
  let section: string | undefined
  file.content.split('\n').forEach((raw, i) => {
    const line = raw.trim()
    const lineNo = i + 1
    if (!line) return
    if (line.startsWith('#')) {
      const heading = HEADING.exec(line)
      if (heading) {
        section = heading[1]
        const said = sectionMeaning(section)
        meaning = said === 'inherit' ? 'maintainer' : said
      }
      return
    }
    if (meaning === 'none' || meaning === 'inherit') return
    const role: Role = meaning
    const base = {role, file: file.path, line: lineNo, kind: 'maintainers' as const, source: `${file.path}:${lineNo}`}
    const withSection = section ? {...base, section} : base
    const csv = /^"([^"]*)"\s*,/.exec(line)
    if (csv) {
      if (isLogin(csv[1])) result.roles.push({...withSection, login: csv[1]})
      else result.problems.push({file: file.path, line: lineNo, message: `'${csv[1]}' is not a GitHub login`})
      return
    }
    for (const {login} of loginsIn(line)) result.roles.push({...withSection, login})
  })
  return result
}
