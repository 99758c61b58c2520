/** Kubernetes-style SECURITY_CONTACTS: one GitHub login per line, `#` comments. */
import type {GovernanceFile} from '../../../../core/model.js'
import {isLogin} from '../../names.js'
import type {GovernanceParse} from '../../types.js'

export function parseSecurityContacts(file: GovernanceFile): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  file.content.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) return
    const lineNo = i + 1
    const login = line.replace(/^@/, '')
    if (isLogin(login)) {
      result.roles.push({
        login,
        role: 'security-contact',
        file: file.path,
        line: lineNo,
        kind: 'security-contacts',
        source: `${file.path}:${lineNo}`,
      })
    } else {
      result.problems.push({file: file.path, line: lineNo, message: `'${line}' is not a GitHub login`})
    }
  })
  return result
}
