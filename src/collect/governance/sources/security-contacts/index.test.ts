import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles, roleGroups} from '../../index.js'

describe('SECURITY_CONTACTS', () => {
  it('reads one login per line, comments out, bad lines reported with their line', () => {
    const content = '# Defined below are the security contacts\n@ada-l\nlin-t # release\nnot a login\n'
    const {roles, problems} = parseGovernanceFiles([{path: 'SECURITY_CONTACTS', content}])
    expect(roles.map((r) => [r.login, r.role, r.line])).toEqual([
      ['ada-l', 'security-contact', 2],
      ['lin-t', 'security-contact', 3],
    ])
    expect(problems).toEqual([{file: 'SECURITY_CONTACTS', line: 4, message: "'not a login' is not a GitHub login"}])
    expect(roleGroups(roles).find((g) => g.id === 'security-contacts')?.holders).toHaveLength(2)
  })
})
