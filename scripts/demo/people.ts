/**
 * The fictional cast of the offline demo. Every organisation, person, e-mail domain and project here is
 * invented (example.* domains, `example-*` GitHub owners, "(fictional)" in every organisation name).
 */

export interface DemoPerson {
  login: string
  name: string
  email: string
  /** Company on the fictional GitHub profile, if any (evidence source `profile-company`). */
  company?: string
  orgs?: string[]
}

export interface DemoProject {
  owner: string
  name: string
  description: string
  archived?: boolean
  /** Commit authors with their relative weights. */
  authors: Array<[DemoPerson, number]>
  commits: number
  /** ISO dates: commits are spread between them. */
  from: string
  to: string
  governance: Record<string, string>
}

const p = (login: string, name: string, email: string, extra: Partial<DemoPerson> = {}): DemoPerson => ({
  login,
  name,
  email,
  ...extra,
})

// Crestline Networks (fictional) is on the invented demo watch-list.
const crestline = [
  p('ilse-varga', 'Ilse Varga', 'ilse@crestline.example.com'),
  p('tomas-reyes-cn', 'Tomas Reyes', 'tomas.reyes@crestline.example.com'),
  p('amara-osei', 'Amara Osei', 'amara@crestline.example.com'),
  p('piet-lund', 'Piet Lund', 'piet.lund@crestline.example.com'),
  p('yara-feld', 'Yara Feld', 'yfeld@crestline.example.com'),
]
const harbor = [
  p('noor-haddad', 'Noor Haddad', 'noor@harborlight.example.org'),
  p('felix-brandt', 'Felix Brandt', 'felix@harborlight.example.org', {company: '@harborlight-example'}),
]
const meridian = [
  p('kai-moreau', 'Kai Moreau', 'kai@meridian.example.net'),
  p('lena-sato', 'Lena Sato', 'lena.sato@meridian.example.net'),
  p('omar-vidal', 'Omar Vidal', 'omar@meridian.example.net'),
]
const solace = [
  p('greta-holm', 'Greta Holm', 'greta@solace.example.com'),
  p('ravi-anand', 'Ravi Anand', 'ravi@solace.example.com'),
]
// People whose only evidence is a personal address: they stay unknown unless some record says otherwise.
const personal = Array.from({length: 18}, (_, i) =>
  p(`demo-dev-${i + 1}`, `Demo Developer ${i + 1}`, `dev${i + 1}@mail.example.net`),
)
const rowan = p('rowan-quill', 'Rowan Quill', 'rowan@quill.example.dev')
const bot = p('demo-ci[bot]', 'demo-ci[bot]', '41898282+demo-ci[bot]@users.noreply.github.com')

const securityPolicy =
  '# Security policy\n\nReport vulnerabilities to security@PROJECT.example.org (fictional). We answer within 5 working days.\n'

export const projects: DemoProject[] = [
  {
    owner: 'example-nimbus',
    name: 'nimbus-mesh',
    description: 'Fictional service-mesh proxy for the stewards demo',
    authors: [
      [crestline[0], 30],
      [crestline[1], 22],
      [crestline[2], 14],
      [crestline[3], 9],
      [crestline[4], 6],
      [harbor[0], 10],
      [harbor[1], 6],
      [personal[0], 3],
      [personal[1], 2],
      [bot, 8],
    ],
    commits: 160,
    from: '2025-01-06',
    to: '2025-12-19',
    governance: {
      'MAINTAINERS.md':
        '# Maintainers (fictional)\n\n| Name | GitHub | Company |\n|------|--------|---------|\n| Ilse Varga | @ilse-varga | Crestline Networks |\n| Tomas Reyes | @tomas-reyes-cn | Crestline Networks |\n| Amara Osei | @amara-osei | Crestline Networks |\n| Noor Haddad | @noor-haddad | Harbor Light Software |\n',
      'SECURITY.md': securityPolicy.replace('PROJECT', 'nimbus'),
      '.github/CODEOWNERS': '* @ilse-varga @tomas-reyes-cn\n/docs/ @example-nimbus/docs\n',
    },
  },
  {
    owner: 'example-tinyqueue',
    name: 'tiny-queue',
    description: 'Fictional in-process job queue for the stewards demo',
    authors: [
      [rowan, 56],
      [personal[2], 2],
      [meridian[0], 2],
    ],
    commits: 60,
    from: '2025-02-03',
    to: '2025-11-28',
    governance: {OWNERS: 'approvers:\n  - rowan-quill\nreviewers:\n  - rowan-quill\n'},
  },
  {
    owner: 'example-oldyaml',
    name: 'old-yaml',
    description: 'Fictional YAML parser, archived, for the stewards demo',
    archived: true,
    authors: [
      [solace[0], 5],
      [personal[3], 3],
    ],
    commits: 24,
    from: '2022-03-01',
    to: '2023-06-30',
    governance: {MAINTAINERS: 'Greta Holm <greta@solace.example.com> (@greta-holm)\n'},
  },
  {
    owner: 'example-vaguedb',
    name: 'vaguedb',
    description: 'Fictional embedded database client for the stewards demo',
    authors: [...personal.slice(4, 18).map((person, i): [DemoPerson, number] => [person, 6 - (i % 4)]), [solace[1], 4]],
    commits: 90,
    from: '2025-01-10',
    to: '2025-12-15',
    governance: {
      OWNERS: 'approvers:\n  - demo-dev-5\n  - demo-dev-6\n  - ravi-anand\n',
      'SECURITY.md': securityPolicy.replace('PROJECT', 'vaguedb'),
    },
  },
  {
    owner: 'example-lumen',
    name: 'lumen-web',
    description: 'Fictional web server for the stewards demo',
    authors: [
      [meridian[0], 10],
      [meridian[1], 8],
      [meridian[2], 4],
      [harbor[0], 9],
      [harbor[1], 8],
      [solace[0], 9],
      [solace[1], 7],
      [rowan, 6],
      [personal[4], 3],
      [bot, 5],
    ],
    commits: 150,
    from: '2025-01-02',
    to: '2025-12-22',
    governance: {
      OWNERS:
        'approvers:\n  - kai-moreau\n  - noor-haddad\n  - greta-holm\n  - rowan-quill\nreviewers:\n  - felix-brandt\n  - ravi-anand\n  - lena-sato\n',
      'SECURITY.md': securityPolicy.replace('PROJECT', 'lumen'),
      CODEOWNERS: '* @kai-moreau @noor-haddad @greta-holm\n',
      'GOVERNANCE.md': '# Governance (fictional)\n\nDecisions are made by lazy consensus of the approvers in OWNERS.\n',
    },
  },
]

/** gitdm-format records for some demo people (fictional), to show dated affiliation evidence. */
export const gitdmRecords = `# Fictional gitdm-format affiliation records for the stewards demo.
felix-brandt: felix!harborlight.example.org
\tMeridian Cloudworks (fictional) until 2025-04-01
\tHarbor Light Software (fictional) from 2025-04-01
rowan-quill: rowan!quill.example.dev
\tIndependent
`
