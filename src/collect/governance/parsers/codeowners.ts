/**
 * CODEOWNERS (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners):
 * `pattern owner...`, owners being `@user`, `@org/team` or an email. Teams are kept apart from people; emails
 * name no login and are skipped. GitLab `[Section]` headers are ignored.
 */
import type {GovernanceFile} from '../../../core/model.js'
import {isLogin} from '../names.js'
import type {GovernanceKind, GovernanceParse, GovernanceRole} from '../types.js'

/** Patterns that cover every path: the "default owners" rule. */
export const CATCH_ALL = new Set(['*', '**', '/*', '/**', '/'])

export function parseCodeowners(file: GovernanceFile, kind: GovernanceKind): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  file.content.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim()
    const lineNo = i + 1
    if (!line || /^\^?\[[^\]]*\]/.test(line)) return
    const [pattern, ...owners] = line.split(/\s+/)
    for (const owner of owners) {
      if (!owner.startsWith('@')) continue
      const name = owner.slice(1)
      if (name.includes('/')) {
        result.teams.push({team: name, file: file.path, line: lineNo, section: pattern})
      } else if (isLogin(name)) {
        const holder: GovernanceRole = {
          login: name,
          role: 'codeowner',
          file: file.path,
          line: lineNo,
          kind,
          section: pattern,
          source: `${file.path}:${lineNo}`,
        }
        result.roles.push(holder)
      } else {
        result.problems.push({file: file.path, line: lineNo, message: `'${owner}' is not a GitHub login or team`})
      }
    }
  })
  return result
}
