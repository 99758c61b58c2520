/**
 * People a governance file names by e-mail address only (`Benoit Chesneau <benoitc@gunicorn.org>`:
 * https://github.com/benoitc/gunicorn/blob/master/MAINTAINERS), made role holders through the project's own commits:
 * GitHub gives a commit the login of the account that has verified its author address (the REST commit's `author`),
 * so a commit authored with the listed address says whose account it is. Nothing is guessed from the name or the
 * address's domain: an address no commit of the window links, or links to two accounts, is a problem the report
 * shows, and the person counts as no one's.
 */
import type {CommitRecord} from '../../core/model.js'
import type {AddressedRole, GovernanceProblem, GovernanceRole} from './types.js'

export interface LinkedAddresses {
  roles: GovernanceRole[]
  problems: GovernanceProblem[]
}

export function linkAddressedRoles(
  addressed: readonly AddressedRole[],
  commits: readonly CommitRecord[],
): LinkedAddresses {
  const out: LinkedAddresses = {roles: [], problems: []}
  if (addressed.length === 0) return out
  const wanted = new Set(addressed.map((person) => person.email.toLowerCase()))
  const logins = new Map<string, Set<string>>()
  for (const commit of commits) {
    const email = commit.author.email.trim().toLowerCase()
    if (!commit.login || !wanted.has(email)) continue
    const known = logins.get(email) ?? new Set<string>()
    known.add(commit.login)
    logins.set(email, known)
  }
  for (const {name, email, ...role} of addressed) {
    const found = [...(logins.get(email.toLowerCase()) ?? [])]
    if (found.length === 1) {
      out.roles.push({...role, login: found[0]})
      continue
    }
    const why =
      found.length === 0
        ? 'no commit of the window authored with that address belongs to a GitHub account'
        : `commits authored with that address belong to ${found.length} GitHub accounts`
    out.problems.push({
      file: role.file,
      line: role.line,
      message: `${name} is named by e-mail address only, and ${why}: not counted as a role holder`,
    })
  }
  return out
}
