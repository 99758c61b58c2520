/**
 * The organisation's community repositories: `<org>/community`, `<org>/governance` and `<org>/.github` (GitHub's
 * home for organisation-wide defaults). Read once per organisation in a run; for each project only what concerns
 * it is kept (./sections.ts): its section or its rows of a table with a project column (scope `project`), and the
 * organisation-wide parts (scope `organisation`: "Organization maintainers", a CORE-MAINTAINERS list, an OWNERS
 * file of the community repository). Per-project files (`<org>/community/<repo>/MAINTAINERS.md`) are whole.
 * Organisation-wide lists count as the project's maintainers only when nothing closer names anyone (../../select.ts).
 * The `.github` repository's SECURITY.md and GOVERNANCE.md are community-health defaults that GitHub shows on every
 * repository of the organisation that has none
 * (https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/creating-a-default-community-health-file).
 */
import type {GovernanceFile} from '../../../../core/model.js'
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import {parseOwners, parseOwnersAliases} from '../../parsers/owners.js'
import {parseMaintainersText} from '../../parsers/text.js'
import {inRoot} from '../../paths.js'
import type {GovernanceParse, GovernanceSource, ProjectRef, SourceLocation} from '../../types.js'
import {classifyMarkdown} from './sections.js'

/** Repositories where organisations keep governance, in the order searched. */
export const COMMUNITY_REPOSITORIES = ['community', 'governance', '.github'] as const

const LISTS = [
  'MAINTAINERS',
  'MAINTAINERS.md',
  'CORE-MAINTAINERS',
  'OWNERS',
  'OWNERS_ALIASES',
  'OWNERS.md',
  'MEMBERS.md',
]
const HEALTH = ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md', 'GOVERNANCE.md']
const PER_PROJECT = ['{repo}/MAINTAINERS.md', '{repo}/MAINTAINERS', '{repo}/OWNERS', 'projects/{repo}/MAINTAINERS.md']

const SECURITY = /(^|\/)security\.(md|markdown|txt|rst)$/i
const MARKDOWN = /\.(md|markdown)$/i

export const source: GovernanceSource = {
  id: 'organisation',
  description:
    "the organisation's community, governance and .github repositories: the project's section or table rows, organisation-wide lists, health-file defaults",
  place: 'organisation',
  paths: [...LISTS, ...HEALTH],
  matches: (path) =>
    /^(maintainers|core-maintainers|owners|owners_aliases|members|governance|security)(\.(md|markdown|txt))?$/i.test(
      path.split('/').pop() ?? '',
    ),
  locations(project: ProjectRef): SourceLocation[] {
    const perProject = PER_PROJECT.map((p) => p.replace('{repo}', project.name))
    return COMMUNITY_REPOSITORIES.filter((name) => name.toLowerCase() !== project.name.toLowerCase()).flatMap(
      (name): SourceLocation[] => {
        const shared: SourceLocation = {
          owner: project.owner,
          name,
          paths: name === '.github' ? ['MAINTAINERS', 'MAINTAINERS.md', ...HEALTH] : [...LISTS, ...HEALTH],
          shared: 'organisation',
        }
        return name === '.github'
          ? [shared]
          : [shared, {owner: project.owner, name, paths: perProject, shared: 'project'}]
      },
    )
  },
  extract(file, project) {
    const path = inRoot(file.path)
    if (perProject(path, project)) return {content: file.content, scope: 'project'}
    if (SECURITY.test(path) || !MARKDOWN.test(path)) return {content: file.content, scope: 'organisation'}
    const scopes = classifyMarkdown(file.content, project)
    const kept = file.content.split('\n').map((line, i) => (scopes[i] === 'other' ? '' : line))
    return {content: kept.join('\n'), scope: scopes.includes('project') ? 'project' : 'organisation'}
  },
  parse(file, context) {
    const name = context.path.split('/').pop() ?? ''
    if (SECURITY.test(context.path) || /^owners_aliases$/i.test(name)) return {roles: [], teams: [], problems: []}
    const parsed = parseAny(file, name, context.files)
    const project = context.project
    const whole = project !== undefined && perProject(context.path, project)
    const scopes = project && !whole && MARKDOWN.test(name) ? classifyMarkdown(file.content, project) : undefined
    for (const role of parsed.roles)
      role.scope = whole || scopes?.[role.line - 1] === 'project' ? 'project' : 'organisation'
    return parsed
  },
}

/** `<repo>/MAINTAINERS.md`, `projects/<repo>/MAINTAINERS.md`: a file about the project alone. */
function perProject(path: string, project: ProjectRef): boolean {
  const lower = path.toLowerCase()
  const name = project.name.toLowerCase()
  return lower.startsWith(`${name}/`) || lower.startsWith(`projects/${name}/`)
}

function parseAny(file: GovernanceFile, name: string, files: readonly GovernanceFile[]): GovernanceParse {
  if (name === 'OWNERS') {
    const problems: GovernanceParse['problems'] = []
    const aliasesFile = files.find((f) => f.path === file.path.replace(/OWNERS$/, 'OWNERS_ALIASES'))
    const parsed = parseOwners(
      file,
      aliasesFile ? parseOwnersAliases(aliasesFile, problems) : new Map(),
      'organisation',
    )
    return {...parsed, problems: [...problems, ...parsed.problems]}
  }
  if (!MARKDOWN.test(name)) return parseMaintainersText(file, 'organisation')
  const governance = /^governance\./i.test(name)
  return parseMarkdownRoles(file, 'organisation', {
    mode: governance ? 'lists' : 'every-line',
    processHeadings: governance,
  })
}
