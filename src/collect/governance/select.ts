/**
 * Which role holders are "the maintainers" of a project, by one general rule: the first of these that names
 * anyone, from the closest place outwards.
 * 1. a MAINTAINERS file (plain or Markdown, in the repository, another repository of the project or the one a
 *    pointer leads to): its maintainers and committers (emeritus and other roles out);
 * 2. a file a README says maintains the repository, through its link (webpack/webpack WORKING_GROUP.md): its members;
 *    else a README role list (or an AUTHORS file's, psf/requests): its maintainers; else a documentation team page's core
 *    team (VitePress team data, vitejs/vite);
 * 3. the root OWNERS file: `owners`, `approvers` and Helm's `maintainers` (OWNERS_ALIASES expanded);
 * 4. the effective CODEOWNERS: individuals of the catch-all rule, and the members of its teams when visible;
 * 5. GOVERNANCE.md sections listing maintainers;
 * 6. the package manifest's maintainers (pyproject.toml `[project]`/`[tool.poetry]`, package.json), by GitHub profile
 *    or by an address the project's commits link to an account;
 * 7. the organisation's files: the maintainers of this project (its section, its table rows, its file), with the
 *    organisation-wide maintainers the same files name;
 * 8. a foundation's list (CNCF project-maintainers.csv): the rows about this project;
 * 9. an organisation-wide list (a CORE-MAINTAINERS or MAINTAINERS file of the community repository).
 * Nobody named anywhere: the maintainers are unknown (never zero), unless teams of rule 4 stand for them, whose
 * members the API did not show: then the maintainers are those teams, members unknown. A triage team never stands
 * for them.
 * Each group lists each login once (case-insensitive), in file order.
 */
import type {Role} from '../../core/model.js'
import {CATCH_ALL} from './parsers/codeowners.js'
import type {GovernanceKind, GovernanceRole, TeamReference} from './types.js'

export type RoleGroupId =
  | 'maintainers'
  | 'approvers'
  | 'reviewers'
  | 'committers'
  | 'codeowners'
  | 'security-contacts'
  | 'triagers'

export interface RoleGroup {
  id: RoleGroupId
  /** The rule that chose the members, in words (for reports). */
  rule: string
  holders: GovernanceRole[]
  /** Maintainers only: teams standing for the maintainers whose members could not be read (`org/team`). */
  teams?: string[]
}

export interface RoleQuery {
  roles: readonly Role[]
  kinds?: readonly GovernanceKind[]
  /** Section (heading, label, OWNERS key, CODEOWNERS pattern) must match. */
  section?: (section: string | undefined) => boolean
  scopes?: ReadonlyArray<GovernanceRole['scope']>
}

export function selectRoles(holders: readonly GovernanceRole[], query: RoleQuery): GovernanceRole[] {
  const seen = new Set<string>()
  return holders.filter((holder) => {
    if (!query.roles.includes(holder.role)) return false
    if (query.kinds && !query.kinds.includes(holder.kind)) return false
    if (query.section && !query.section(holder.section)) return false
    if (query.scopes && !query.scopes.includes(holder.scope)) return false
    const key = holder.login.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const catchAll = (section: string | undefined) => CATCH_ALL.has(section ?? '')

/**
 * A team named for triage (`* @npm/cli-team @npm/cli-triage`: the CODEOWNERS npm's template-oss writes into every npm
 * CLI package, npm/node-semver among them) does not stand for the maintainers, as triagers never are (./names.ts).
 */
const TRIAGE_TEAM = /(?:^|[/_.-])triage(?:rs?)?(?:$|[_.-])/i
const maintainersTeam = (team: string) => !TRIAGE_TEAM.test(team)

const ORGANISATION_WIDE_RULE = 'organisation-wide list: maintainers'

const MAINTAINER_RULES: Array<{rule: string; query: RoleQuery; unless?: RoleQuery}> = [
  {
    rule: 'MAINTAINERS file: maintainers and committers',
    query: {roles: ['maintainer', 'committer'], kinds: ['maintainers']},
  },
  // The group a README says maintains the repository, in the file it links ("maintained by the [Core Working
  // Group](./WORKING_GROUP.md)": webpack/webpack, whose README also names the project's TSC).
  {
    rule: 'file the README says maintains the repository: maintainers',
    query: {roles: ['maintainer'], kinds: ['linked']},
  },
  {rule: 'README or AUTHORS role list: maintainers', query: {roles: ['maintainer'], kinds: ['readme', 'authors']}},
  {rule: 'documentation team page: core team members', query: {roles: ['maintainer'], kinds: ['team-page']}},
  {
    rule: 'OWNERS owners, maintainers + approvers (OWNERS_ALIASES expanded)',
    query: {roles: ['owner', 'maintainer', 'approver'], kinds: ['owners']},
  },
  {
    rule: 'CODEOWNERS catch-all rule individuals',
    query: {roles: ['codeowner'], kinds: ['codeowners'], section: catchAll},
  },
  {rule: 'GOVERNANCE.md: maintainers', query: {roles: ['maintainer', 'committer'], kinds: ['governance-md']}},
  {rule: 'package manifest: maintainers', query: {roles: ['maintainer'], kinds: ['package-manifest']}},
  {
    rule: "organisation files: the project's maintainers and the organisation's",
    query: {roles: ['maintainer', 'owner', 'committer'], kinds: ['organisation']},
    unless: {roles: ['maintainer', 'owner', 'committer'], kinds: ['organisation'], scopes: ['project']},
  },
  {
    rule: 'foundation list: the project maintainers it names',
    query: {roles: ['maintainer'], kinds: ['cncf-foundation']},
  },
  {
    rule: ORGANISATION_WIDE_RULE,
    query: {roles: ['maintainer', 'owner', 'committer'], kinds: ['organisation'], scopes: ['organisation']},
  },
]

/** `teams`: team references of the files, with members already added as role holders where visible. */
export function selectMaintainers(
  holders: readonly GovernanceRole[],
  teams: readonly TeamReference[] = [],
  resolved: ReadonlySet<string> = new Set(),
): RoleGroup {
  const eligible = holders.filter((holder) => !holder.via || maintainersTeam(holder.via))
  for (const {rule, query, unless} of MAINTAINER_RULES) {
    // Rule 7 needs a maintainer of this project among the organisation's files; rule 9 takes the others.
    if (unless && selectRoles(eligible, unless).length === 0) continue
    const selected = selectRoles(eligible, query)
    if (selected.length) return {id: 'maintainers', rule, holders: selected}
  }
  const unresolved = [
    ...new Set(
      teams
        .filter(
          (t) =>
            t.file.endsWith('CODEOWNERS') &&
            catchAll(t.section) &&
            maintainersTeam(t.team) &&
            !resolved.has(t.team.toLowerCase()),
        )
        .map((t) => t.team),
    ),
  ]
  if (unresolved.length > 0)
    return {
      id: 'maintainers',
      rule: 'CODEOWNERS catch-all rule teams (members not visible with this token)',
      holders: [],
      teams: unresolved,
    }
  return {id: 'maintainers', rule: 'no governance file names maintainers', holders: []}
}

/** The maintainers plus one group per other role, for role-weighted views. */
export function roleGroups(holders: readonly GovernanceRole[]): RoleGroup[] {
  return [
    selectMaintainers(holders),
    {
      id: 'approvers',
      rule: 'approvers (OWNERS, README lists, MAINTAINERS sections)',
      holders: selectRoles(holders, {roles: ['approver']}),
    },
    {
      id: 'reviewers',
      rule: 'reviewers (OWNERS, README lists, MAINTAINERS sections)',
      holders: selectRoles(holders, {roles: ['reviewer']}),
    },
    {
      id: 'committers',
      rule: 'committers (MAINTAINERS sections)',
      holders: selectRoles(holders, {roles: ['committer']}),
    },
    {
      id: 'codeowners',
      rule: 'CODEOWNERS individuals (any rule)',
      holders: selectRoles(holders, {roles: ['codeowner']}),
    },
    {id: 'security-contacts', rule: 'SECURITY_CONTACTS', holders: selectRoles(holders, {roles: ['security-contact']})},
    {
      id: 'triagers',
      rule: 'triagers (README lists, MAINTAINERS sections); never maintainers',
      holders: selectRoles(holders, {roles: ['triager']}),
    },
  ]
}
