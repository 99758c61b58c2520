/**
 * The CNCF's list of the maintainers of all its projects, with a company column: cncf/foundation
 * `project-maintainers.csv` (./csv.ts), read once per run (cached like any governance file) for repositories on
 * github.com. Its rows are a maintainer source of their own ("CNCF project maintainers list") and its companies are
 * governance evidence dated by the file's revision. Which rows are about the scanned repository (./match.ts):
 * the sections whose link names that repository, else the one project whose links (or name) name its organisation.
 * Another foundation's list is another folder beside this one, with its own location, format and matching.
 */
import {isLogin} from '../../names.js'
import type {GovernanceParse, GovernanceRole, GovernanceSource} from '../../types.js'
import {readCsv} from './csv.js'
import {rowsAbout} from './match.js'

const PATH = 'project-maintainers.csv'
/** Cells that declare no company. */
const NO_COMPANY = /^(|_|-|–|n\/a|none|tbd|\?)$/i

export const source: GovernanceSource = {
  id: 'cncf-foundation',
  description: 'CNCF project maintainers list (cncf/foundation project-maintainers.csv), with companies',
  place: 'foundation',
  paths: [PATH],
  matches: (path) => path === PATH,
  locations: (project) =>
    project.host === 'github.com' ? [{owner: 'cncf', name: 'foundation', paths: [PATH], shared: 'run'}] : [],
  extract(file, project) {
    const table = readCsv(file.content)
    if (!table.header) return undefined
    const rows = rowsAbout(table.rows, project)
    if (rows.length === 0) return undefined
    const keep = new Set<number>()
    for (const span of [table.header, ...rows]) for (let n = span.start; n <= span.end; n++) keep.add(n)
    const lines = file.content.split('\n')
    return {content: lines.map((line, i) => (keep.has(i + 1) ? line : '')).join('\n'), scope: 'project'}
  },
  parse(file) {
    const result: GovernanceParse = {roles: [], teams: [], problems: []}
    const table = readCsv(file.content)
    if (table.problem) result.problems.push({file: file.path, ...table.problem, unread: true})
    for (const row of table.rows) {
      const login = row.login.replace(/^@/, '')
      if (!login) continue
      if (!isLogin(login)) {
        result.problems.push({file: file.path, line: row.start, message: `'${row.login}' is not a GitHub login`})
        continue
      }
      const role: GovernanceRole = {
        login,
        role: 'maintainer',
        file: file.path,
        line: row.start,
        kind: 'cncf-foundation',
        section: row.section,
        source: `${file.path}:${row.start}`,
        scope: 'project',
      }
      if (!NO_COMPANY.test(row.company)) role.declaredAffiliation = row.company
      result.roles.push(role)
    }
    return result
  },
}
