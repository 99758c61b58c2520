import {describe, expect, it} from 'vitest'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {people} from '../../__fixtures__/people.js'
import {parseGovernanceFiles} from '../../index.js'

describe('README role lists', () => {
  it('reads people only under labels or headings naming a role (triagers too), with the company after the link', () => {
    const content = [
      '# Widgets',
      'Thanks to @not-a-role for the logo.',
      '',
      'Here is a list of community roles with current and previous members:',
      '',
      '- Triagers ([@example/widgets-triagers](https://github.com/orgs/example/teams/widgets-triagers)):',
      '  - [Tri Ager](https://github.com/tri-ager), Example Corp',
      '- Approvers ([@example/widgets-approvers](https://github.com/orgs/example/teams/widgets-approvers)):',
      '',
      '   - [Ada L](https://github.com/ada-l), Example Corp',
      '   - [Grace H](https://github.com/grace-h)',
      '',
      '- Emeritus Approvers:',
      '   - [Old One](https://github.com/old-one)',
      '',
      '- Maintainers ([@example/widgets-maintainers](https://github.com/orgs/example/teams/widgets-maintainers)):',
      '   - [Lin T](https://github.com/lin-t), Sample Labs',
      '',
      'Learn more in [the community repo](https://github.com/example/community/blob/main/roles.md).',
      '- [Not Listed](https://github.com/not-listed)',
      '',
      '## Maintainers',
      '| Name | Handle |',
      '| --- | --- |',
      '| Mo K | @mo-k |',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['tri-ager', 'triager', 'Triagers', 'Example Corp', 7],
      ['ada-l', 'approver', 'Approvers', 'Example Corp', 10],
      ['grace-h', 'approver', 'Approvers', null, 11],
      ['old-one', 'emeritus', 'Emeritus Approvers', null, 14],
      ['lin-t', 'maintainer', 'Maintainers', 'Sample Labs', 17],
      ['mo-k', 'maintainer', 'Maintainers', null, 25],
    ])
    const {teams} = parseGovernanceFiles([{path: 'README.md', content}])
    expect(teams.map((t) => [t.team, t.line])).toEqual([
      ['example/widgets-triagers', 6],
      ['example/widgets-approvers', 8],
      ['example/widgets-maintainers', 16],
    ])
  })
})

describe('README file names', () => {
  it('are found in any usual case (Readme.md, readme.md)', () => {
    const content = '## Maintainers\n- @ada-l\n'
    for (const path of ['README.md', 'Readme.md', 'readme.md', 'README'])
      expect(
        parseGovernanceFiles([{path, content}]).roles.map((r) => r.kind),
        path,
      ).toEqual(['readme'])
  })
})

describe('real files: fastify/fastify README.md "Team" (__fixtures__/real/SOURCES.md)', () => {
  const content = readFileSync(join(import.meta.dirname, '../../__fixtures__/real/fastify__fastify/README.md'), 'utf8')
  it('reads list items whose links continue on the next line, never a link or address as a company', () => {
    const rows = people('README.md', content)
    // "Lead Maintainers:" and "### Fastify Core team" are maintainers; "### Fastify Plugins team" holds no role.
    expect(rows.filter((r) => r[1] === 'maintainer').map((r) => [r[0], r[2], r[4]])).toEqual([
      ['mcollina', 'Lead Maintainers', 7],
      ['delvedor', 'Lead Maintainers', 9],
      ['climba03003', 'Lead Maintainers', 11],
      ['eomm', 'Lead Maintainers', 13],
      ['jsumners', 'Lead Maintainers', 15],
      ['uzlopak', 'Fastify Core team', 19],
      ['airhorns', 'Fastify Core team', 21],
      ['mcollina', 'Fastify Core team', 23],
      ['gurgunday', 'Fastify Core team', 25],
      ['delvedor', 'Fastify Core team', 27],
      ['metcoder95', 'Fastify Core team', 29],
      ['zekth', 'Fastify Core team', 31],
      ['lmammino', 'Fastify Core team', 32],
      ['jean-michelet', 'Fastify Core team', 34],
      ['climba03003', 'Fastify Core team', 36],
      ['luisorbaiceta', 'Fastify Core team', 38],
      ['fox1t', 'Fastify Core team', 40],
      ['eomm', 'Fastify Core team', 42],
      ['jsumners', 'Fastify Core team', 44],
    ])
    expect(rows.filter((r) => r[1] === 'emeritus').map((r) => r[0])).toEqual([
      'allevo',
      'Ethan-Arrowood',
      'cagataycali',
      'davidmarkclements',
      'dalisoft',
      'StarpTech',
      'SerayaEryn',
      'rafaelgss',
      'trivikr',
      'AyoubElk',
      'cemremengu',
      'salmanm',
      'nwoltman',
    ])
    expect(rows.filter((r) => r[1] !== 'maintainer' && r[1] !== 'emeritus')).toEqual([])
    // "[__dalisoft__](https://github.com/dalisoft), <https://x.com/dalisoft>," declares no company.
    expect(rows.filter((r) => r[3] !== null)).toEqual([])
  })
})

describe('real files: nodejs/undici README.md (__fixtures__/real/SOURCES.md)', () => {
  it('reads Collaborators as committers (commit access); Releasers hold no role we track', () => {
    const content = readFileSync(join(import.meta.dirname, '../../__fixtures__/real/nodejs__undici/README.md'), 'utf8')
    expect(people('README.md', content)).toEqual([
      ['dnlup', 'committer', 'Collaborators', null, 3],
      ['ethan-arrowood', 'committer', 'Collaborators', null, 4],
      ['mcollina', 'committer', 'Collaborators', null, 5],
      ['KhafraDev', 'committer', 'Collaborators', null, 6],
      ['ronag', 'committer', 'Collaborators', null, 7],
      ['szmarczak', 'committer', 'Collaborators', null, 8],
      ['delvedor', 'emeritus', 'Past Collaborators', null, 11],
    ])
  })
})

describe('README labels and emeriti', () => {
  it('takes teams only from labels naming a role, never from code spans; "emeriti" are emeritus', () => {
    const content = [
      '## Using TypeScript',
      '',
      'Next, install the `@example/preset-typescript` via `yarn`:',
      'Then use @example/other-preset like this:',
      '',
      '### Collaborator emeriti',
      '',
      '* [old-one](https://github.com/old-one) -',
      '  **Old One** <<old@example.com>> (he/him)',
    ].join('\n')
    expect(people('README.md', content)).toEqual([['old-one', 'emeritus', 'Collaborator emeriti', null, 8]])
    expect(parseGovernanceFiles([{path: 'README.md', content}]).teams).toEqual([])
  })
})

describe('real files: eslint/eslint README.md "Team" (__fixtures__/real/SOURCES.md)', () => {
  it('reads the profile links of HTML tables under role headings: the TSC as maintainers; a website team holds no role', () => {
    const content = readFileSync(join(import.meta.dirname, '../../__fixtures__/real/eslint__eslint/README.md'), 'utf8')
    expect(people('README.md', content)).toEqual([
      ['nzakas', 'maintainer', 'Technical Steering Committee', null, 14],
      ['fasttime', 'maintainer', 'Technical Steering Committee', null, 19],
      ['mdjermanovic', 'maintainer', 'Technical Steering Committee', null, 24],
      ['aladdin-add', 'reviewer', 'Reviewers', null, 35],
      ['snitin315', 'reviewer', 'Reviewers', null, 40],
      ['DMartens', 'committer', 'Committers', null, 51],
      ['SwetaTanwar', 'committer', 'Committers', null, 56],
      ['Tanujkanti4441', 'committer', 'Committers', null, 61],
      ['lumirlumir', 'committer', 'Committers', null, 66],
      ['Pixel998', 'committer', 'Committers', null, 71],
    ])
  })

  it('reads every line of an HTML block up to its blank line; HTML under "Sponsors" names nobody', () => {
    const content = [
      '## Maintainers',
      '<p align="center">',
      '<a href="https://github.com/ada-l"><img src="https://github.com/ada-l.png" alt="Ada"></a>',
      'Grace <a href="https://github.com/grace-h">here</a>',
      '</p>',
      '',
      '## Sponsors',
      '<a href="https://github.com/sponsor-co"><img src="https://example.com/logo.png"></a>',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', null, 3],
      ['grace-h', 'maintainer', 'Maintainers', null, 4],
    ])
  })
})

describe("a project's own technical committee", () => {
  it('is its maintainers (TSC, TC, Technical Committee); emeritus members are emeritus; another committee names no role', () => {
    const content = [
      '## TC (Technical Committee)',
      '',
      '* [ada-l](https://github.com/ada-l) - **Ada L**',
      '* [grace-h](https://github.com/grace-h) - **Grace H**',
      '',
      '### TC emeriti members',
      '',
      '* [alan-t](https://github.com/alan-t) - **Alan T**',
      '',
      '## Steering Committee',
      '',
      '* [board-person](https://github.com/board-person)',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'TC', null, 3],
      ['grace-h', 'maintainer', 'TC', null, 4],
      ['alan-t', 'emeritus', 'TC emeriti members', null, 8],
    ])
  })
})

describe('addresses in README role lists', () => {
  it('never read as handles: an escaped @ (88adavis\\@gmail.com) or a domain after the handle', () => {
    const content = [
      '## Lead contact(s):',
      '',
      '-   [Andrew J. Davis, PhD: 88adavis\\@gmail.com](mailto:88adavis@gmail.com)',
      '-   write to @example.com or to the list',
      '-   @ada-l.',
    ].join('\n')
    expect(people('README.md', content)).toEqual([['ada-l', 'maintainer', 'Lead contact:', null, 5]])
  })
})

describe('roles written after a person (open-telemetry/opentelemetry-demo README.md "Emeritus")', () => {
  it('are no company', () => {
    const content = [
      '### Emeritus',
      '',
      '- [Austin Parker](https://github.com/austin-p), Maintainer',
      '- [Cedric Z](https://github.com/cedric-z), Approver',
      '',
      '### Maintainers',
      '',
      '- [Ada L](https://github.com/ada-l), Example Corp',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['austin-p', 'emeritus', 'Emeritus', null, 3],
      ['cedric-z', 'emeritus', 'Emeritus', null, 4],
      ['ada-l', 'maintainer', 'Maintainers', 'Example Corp', 8],
    ])
  })
})

describe('what follows a person after a comma or dash', () => {
  it('is no company when it is pronouns, a status, a date or a team; nor, after a login alone, words that may be a name', () => {
    const content = [
      '## Maintainers',
      '',
      '- [Ada L](https://github.com/ada-l), she/her',
      '- [Grace H](https://github.com/grace-h), since 2019',
      '- [Lin T](https://github.com/lin-t) — core team',
      '- @mo-k, Mo Kowalski',
      '- [sam-p](https://github.com/sam-p), Sam Patel',
      '- [Old One](https://github.com/old-one), Twitter: oldone',
      '- [jo-b](https://github.com/jo-b), Example Labs LLC',
      '- [kim-c](https://github.com/kim-c), Acme',
      '- Ria D (@ria-d), Sample Labs',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', null, 3],
      ['grace-h', 'maintainer', 'Maintainers', null, 4],
      ['lin-t', 'maintainer', 'Maintainers', null, 5],
      ['mo-k', 'maintainer', 'Maintainers', null, 6],
      ['sam-p', 'maintainer', 'Maintainers', null, 7],
      ['old-one', 'maintainer', 'Maintainers', null, 8],
      ['jo-b', 'maintainer', 'Maintainers', 'Example Labs LLC', 9],
      ['kim-c', 'maintainer', 'Maintainers', 'Acme', 10],
      ['ria-d', 'maintainer', 'Maintainers', 'Sample Labs', 11],
    ])
  })
})

describe('README team sections', () => {
  it('a team named by no other word is the maintainers; a team named by its work holds no role', () => {
    const content = [
      '# Widgets',
      '## Team',
      '- [Ada L](https://github.com/ada-l)',
      '### Docs team',
      '- [Grace H](https://github.com/grace-h)',
      '### Former',
      '- [Old One](https://github.com/old-one)',
      '## Team Members',
      '- **Lin T** ([@lin-t](https://github.com/lin-t))',
      '## Security Team',
      '- @sec-x',
      '## Team & Permissions',
      '- @admin-x',
      '### Core Contributors',
      '[![Mo K](https://avatars.example.com/u/1?s=50)](https://github.com/mo-k)',
      '### Core Contributor Alumni',
      '- [Bo Q](https://github.com/bo-q)',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Team', null, 3],
      ['old-one', 'emeritus', 'Former', null, 7],
      ['lin-t', 'maintainer', 'Team Members', null, 9],
      ['sec-x', 'security-contact', 'Security Team', null, 11],
      ['mo-k', 'maintainer', 'Core Contributors', null, 15],
      ['bo-q', 'emeritus', 'Core Contributor Alumni', null, 17],
    ])
  })

  it('a line holding one profile link names that person; a sentence with one does not', () => {
    const content = [
      '## The Team',
      '### Ada L',
      '<https://github.com/ada-l>',
      '<https://x.com/ada-l>',
      '### Grace H',
      'https://github.com/grace-h',
      '',
      'Our logo was drawn by [Eve X](https://github.com/eve-x) for us.',
      '## Sponsors',
      '<https://github.com/acme>',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Ada L', null, 3],
      ['grace-h', 'maintainer', 'Grace H', null, 6],
    ])
  })

  it('a GFM table needs no leading pipe, and a header of avatars names people', () => {
    const content = [
      '## Maintainers',
      '',
      '[![Ada L](https://github.com/ada-l.png?size=100)](https://ada.example) | [![Grace H](https://github.com/grace-h.png)](https://github.com/grace-h)',
      '---|---',
      '[Ada L](https://ada.example) | [Grace H](https://github.com/grace-h)',
      '',
      'Build | Status',
      '---',
      'docs | ok | @not-a-row',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', null, 3],
      ['grace-h', 'maintainer', 'Maintainers', null, 3],
    ])
  })
})

describe('real files: sindresorhus/got readme.md, node-fetch/node-fetch README.md (__fixtures__/real/SOURCES.md)', () => {
  const real = (path: string) => readFileSync(join(import.meta.dirname, '../../__fixtures__/real', path), 'utf8')
  it('reads the maintainers of a table without leading pipes, avatars in its header', () => {
    // Sindre Sorhus's name links to his site: his avatar, https://github.com/sindresorhus.png, gives the login.
    expect(people('readme.md', real('sindresorhus__got/readme.md'))).toEqual([
      ['sindresorhus', 'maintainer', 'Maintainers', null, 3],
      ['szmarczak', 'maintainer', 'Maintainers', null, 3],
    ])
  })
  it('reads "Team" as the maintainers and "Former" below it as emeritus', () => {
    expect(people('README.md', real('node-fetch__node-fetch/README.md'))).toEqual([
      ['bitinn', 'maintainer', 'Team', null, 3],
      ['jimmywarting', 'maintainer', 'Team', null, 3],
      ['xxczaki', 'maintainer', 'Team', null, 3],
      ['Richienb', 'maintainer', 'Team', null, 3],
      ['gr2m', 'maintainer', 'Team', null, 3],
      ['timothygu', 'emeritus', 'Former', null, 9],
      ['jkantr', 'emeritus', 'Former', null, 10],
    ])
  })
})

describe('real files: urllib3/urllib3 README.md "Maintainers" (__fixtures__/real/SOURCES.md)', () => {
  const content = readFileSync(join(import.meta.dirname, '../../__fixtures__/real/urllib3__urllib3/README.md'), 'utf8')
  it('reads a roll of maintainers "since 2008" as maintainers: it marks a lead, never who has left', () => {
    // Marking the others emeritus would be a claim the file does not make (urllib3's CODEOWNERS names sethmlarson and
    // pquentin as current approvers), and urllib3 would be reported with one maintainer.
    const section = 'Meet our maintainers since 2008'
    expect(people('README.md', content)).toEqual([
      ['illia-v', 'maintainer', section, null, 5],
      ['sethmlarson', 'maintainer', section, null, 6],
      ['pquentin', 'maintainer', section, null, 7],
      ['theacodes', 'maintainer', section, null, 8],
      ['haikuginger', 'maintainer', section, null, 9],
      ['lukasa', 'maintainer', section, null, 10],
      ['sigmavirus24', 'maintainer', section, null, 11],
      ['shazow', 'maintainer', section, null, 12],
    ])
  })
  it('reads a role "since" a year as that role, in a README label and a MAINTAINERS.md heading', () => {
    const content = ['## Maintainers', '', 'Maintainers since 2015:', '', '- @ada-l', '- @grace-h'].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers since 2015', null, 5],
      ['grace-h', 'maintainer', 'Maintainers since 2015', null, 6],
    ])
    const heading = ['# Maintainers since 2019', '', '- @ada-l', '- @grace-h (current lead)'].join('\n')
    expect(people('MAINTAINERS.md', heading)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers since 2019', null, 3],
      ['grace-h', 'maintainer', 'Maintainers since 2019', null, 4],
    ])
  })
})

describe('real files: chaijs/chai README.md "Core Contributors" (__fixtures__/real/SOURCES.md)', () => {
  const content = readFileSync(join(import.meta.dirname, '../../__fixtures__/real/chaijs__chai/README.md'), 'utf8')
  it("reads the alumni as emeritus: the sentence introducing them names no role and leaves them the heading's", () => {
    expect(people('README.md', content)).toEqual([
      ['keithamus', 'maintainer', 'Core Contributors', null, 6],
      ['43081j', 'maintainer', 'Core Contributors', null, 7],
      ['koddsson', 'maintainer', 'Core Contributors', null, 8],
      ['logicalparadox', 'emeritus', 'Core Contributor Alumni', null, 15],
      ['vesln', 'emeritus', 'Core Contributor Alumni', null, 16],
      ['lucasfcosta', 'emeritus', 'Core Contributor Alumni', null, 17],
      ['meeber', 'emeritus', 'Core Contributor Alumni', null, 18],
    ])
  })
  it('a sentence saying thanks, release managers or sponsors gives its people none under "Maintainers"', () => {
    const content = [
      '## Maintainers',
      '',
      '- @ada-l',
      '',
      'Many thanks to the following people who have contributed to the project over the years:',
      '',
      '- @bob-t',
      '',
      'The project also relies on the following release managers who cut releases but do not merge code:',
      '',
      '- @cy-r',
      '',
      'We are grateful for the continued support of our sponsors listed below:',
      '',
      '- @dee-s',
      '',
      'We are grateful for the help of the people',
      'in our triage rotation, who are listed below:',
      '',
      '- @eve-t',
    ].join('\n')
    expect(people('README.md', content)).toEqual([['ada-l', 'maintainer', 'Maintainers', null, 3]])
  })
  it('a sentence naming no role takes the nearest heading that says anything, not an ancestor', () => {
    const content = [
      '## Maintainers',
      '',
      '- @ada-l',
      '',
      '### Sponsors',
      '',
      'This project would not be what it is without the people listed below, forever:',
      '',
      '- @bob-t',
      '',
      '### Current',
      '',
      'This project would not be what it is without the people listed below, forever:',
      '',
      '- @cy-r',
    ].join('\n')
    expect(people('README.md', content)).toEqual([
      ['ada-l', 'maintainer', 'Maintainers', null, 3],
      ['cy-r', 'maintainer', 'Current', null, 15],
    ])
  })
  it('a short label naming no role ("Contributors:") still gives its people none under a role heading', () => {
    const content = ['## Maintainers', '', '- @ada-l', '', 'Contributors:', '', '- @grace-h'].join('\n')
    expect(people('README.md', content)).toEqual([['ada-l', 'maintainer', 'Maintainers', null, 3]])
  })
})
