/**
 * Governance files → role holders. Which files: OWNERS (+ OWNERS_ALIASES of the same directory), MAINTAINERS
 * (plain or Markdown), the effective CODEOWNERS, README.md role lists, SECURITY_CONTACTS, at the top of the
 * repository or of `external/<owner>__<repo>/` (a project's other repository). Selection of "the maintainers"
 * is in select.ts.
 */
import type {GovernanceFile, RoleHolder} from '../../core/model.js'
import {parseCodeowners} from './codeowners.js'
import {parseMaintainersText} from './maintainers-text.js'
import {parseMarkdownRoles} from './markdown.js'
import {type Aliases, parseOwners, parseOwnersAliases} from './owners.js'
import {parseSecurityContacts} from './security-contacts.js'
import {governanceKind, root} from './kinds.js'
import type {GovernanceKind, GovernanceParse, GovernanceRole} from './types.js'

export {governanceKind} from './kinds.js'
export {readGovernanceDir} from './read-dir.js'
export {type RoleGroup, type RoleGroupId, roleGroups, selectMaintainers, selectRoles} from './select.js'
export type {GovernanceKind, GovernanceParse, GovernanceProblem, GovernanceRole, TeamReference} from './types.js'

/** The people the governance files name, with their roles (teams and unreadable lines left out). */
export function parseGovernance(files: readonly GovernanceFile[]): GovernanceRole[] {
  return parseGovernanceFiles(files).roles
}

/** Every role, team reference and problem, files in path order. */
export function parseGovernanceFiles(files: readonly GovernanceFile[]): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const effectiveCodeowners = codeownersInEffect(sorted)
  for (const file of sorted) {
    const kind = governanceKind(file.path)
    if (!kind || kind === 'owners-aliases') continue
    if (kind === 'codeowners' && file !== effectiveCodeowners.get(root(file.path))) continue
    const parsed = parseOne(file, kind, sorted, result)
    result.roles.push(...parsed.roles)
    result.teams.push(...parsed.teams)
    result.problems.push(...parsed.problems)
  }
  return result
}

/** Narrows the detailed roles to the shared model type. */
export function toRoleHolders(roles: readonly GovernanceRole[]): RoleHolder[] {
  return roles.map(({login, role, source, declaredAffiliation}) =>
    declaredAffiliation ? {login, role, source, declaredAffiliation} : {login, role, source},
  )
}

function parseOne(
  file: GovernanceFile,
  kind: GovernanceKind,
  files: GovernanceFile[],
  result: GovernanceParse,
): GovernanceParse {
  switch (kind) {
    case 'owners':
      return parseOwners(file, aliasesFor(file, files, result))
    case 'maintainers':
      return /\.(md|markdown)$/i.test(file.path) ? parseMarkdownRoles(file, 'maintainers') : parseMaintainersText(file)
    case 'readme':
      return parseMarkdownRoles(file, 'readme')
    case 'codeowners':
      return parseCodeowners(file)
    case 'security-contacts':
      return parseSecurityContacts(file)
    default:
      return {roles: [], teams: [], problems: []}
  }
}

/** GitHub reads the first CODEOWNERS of `.github/`, the root, `docs/` (in that order) and ignores the others. */
function codeownersInEffect(files: GovernanceFile[]): Map<string, GovernanceFile> {
  const effective = new Map<string, GovernanceFile>()
  for (const place of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']) {
    for (const file of files) {
      const base = root(file.path)
      if (file.path === base + place && !effective.has(base)) effective.set(base, file)
    }
  }
  return effective
}

function aliasesFor(owners: GovernanceFile, files: GovernanceFile[], result: GovernanceParse): Aliases {
  const path = owners.path.replace(/OWNERS$/, 'OWNERS_ALIASES')
  const file = files.find((f) => f.path === path)
  return file ? parseOwnersAliases(file, result.problems) : new Map()
}
