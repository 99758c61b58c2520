import {describe, expect, it} from 'vitest'
import {parseGovernanceFiles} from '../../index.js'

describe('CODEOWNERS', () => {
  const content = [
    '# default owners',
    '*       @ada-l @example/core-team @grace-h',
    '/docs/  @example/docs ada@example.com',
    '[Section]',
    '/web/ @lin-t # web',
    '/bad/ @not_valid!',
  ].join('\n')

  it('keeps individuals (with their pattern) apart from teams; emails name no login', () => {
    const {roles, teams, problems} = parseGovernanceFiles([{path: '.github/CODEOWNERS', content}])
    expect(roles.map((r) => [r.login, r.role, r.section, r.source])).toEqual([
      ['ada-l', 'codeowner', '*', '.github/CODEOWNERS:2'],
      ['grace-h', 'codeowner', '*', '.github/CODEOWNERS:2'],
      ['lin-t', 'codeowner', '/web/', '.github/CODEOWNERS:5'],
    ])
    expect(teams.map((t) => [t.team, t.section, t.line])).toEqual([
      ['example/core-team', '*', 2],
      ['example/docs', '/docs/', 3],
    ])
    expect(problems).toEqual([
      {file: '.github/CODEOWNERS', line: 6, message: "'@not_valid!' is not a GitHub login or team"},
    ])
  })

  it('reads only the file GitHub uses: .github/, then the root, then docs/', () => {
    const files = [
      {path: 'docs/CODEOWNERS', content: '* @from-docs'},
      {path: 'CODEOWNERS', content: '* @from-root'},
    ]
    expect(parseGovernanceFiles(files).roles.map((r) => r.login)).toEqual(['from-root'])
    expect(
      parseGovernanceFiles([...files, {path: '.github/CODEOWNERS', content: '* @from-github'}]).roles.map(
        (r) => r.login,
      ),
    ).toEqual(['from-github'])
    expect(parseGovernanceFiles([files[0]]).roles.map((r) => r.login)).toEqual(['from-docs'])
  })
})

describe('SECURITY_CONTACTS', () => {
  it('reads one login per line', () => {
    const content = '# Defined below are the security contacts for this repo.\n#\nada-l\n@grace-h\nnot a login\n'
    const {roles, problems} = parseGovernanceFiles([{path: 'SECURITY_CONTACTS', content}])
    expect(roles.map((r) => [r.login, r.role, r.source])).toEqual([
      ['ada-l', 'security-contact', 'SECURITY_CONTACTS:3'],
      ['grace-h', 'security-contact', 'SECURITY_CONTACTS:4'],
    ])
    expect(problems).toEqual([{file: 'SECURITY_CONTACTS', line: 5, message: "'not a login' is not a GitHub login"}])
  })
})
