/**
 * Which role holders are "the maintainers" of a project, by one general rule (first that names anyone):
 * 1. a MAINTAINERS file (plain or Markdown): its maintainers and committers (emeritus and other roles out);
 * 2. a README role list: its maintainers;
 * 3. the root OWNERS file: `owners` and `approvers` (OWNERS_ALIASES expanded);
 * 4. the effective CODEOWNERS: individuals of the catch-all rule (`*`); teams never count as people.
 * Each group lists each login once (case-insensitive), in file order.
 */
import type {Role} from '../../core/model.js'
import {CATCH_ALL} from './codeowners.js'
import type {GovernanceKind, GovernanceRole} from './types.js'

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
}

export interface RoleQuery {
  roles: readonly Role[]
  kinds?: readonly GovernanceKind[]
  /** Section (heading, label, OWNERS key, CODEOWNERS pattern) must match. */
  section?: (section: string | undefined) => boolean
}

export function selectRoles(holders: readonly GovernanceRole[], query: RoleQuery): GovernanceRole[] {
  const seen = new Set<string>()
  return holders.filter((holder) => {
    if (!query.roles.includes(holder.role)) return false
    if (query.kinds && !query.kinds.includes(holder.kind)) return false
    if (query.section && !query.section(holder.section)) return false
    const key = holder.login.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const MAINTAINER_RULES: Array<{rule: string; query: RoleQuery}> = [
  {
    rule: 'MAINTAINERS file: maintainers and committers',
    query: {roles: ['maintainer', 'committer'], kinds: ['maintainers']},
  },
  {rule: 'README role list: maintainers', query: {roles: ['maintainer'], kinds: ['readme']}},
  {
    rule: 'OWNERS owners + approvers (OWNERS_ALIASES expanded)',
    query: {roles: ['owner', 'approver'], kinds: ['owners']},
  },
  {
    rule: 'CODEOWNERS catch-all rule individuals',
    query: {roles: ['codeowner'], kinds: ['codeowners'], section: (section) => CATCH_ALL.has(section ?? '')},
  },
]

export function selectMaintainers(holders: readonly GovernanceRole[]): RoleGroup {
  for (const {rule, query} of MAINTAINER_RULES) {
    const selected = selectRoles(holders, query)
    if (selected.length) return {id: 'maintainers', rule, holders: selected}
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
