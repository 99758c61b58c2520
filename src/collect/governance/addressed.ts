/**
 * People a governance file names by e-mail address only (`Benoit Chesneau <benoitc@gunicorn.org>`:
 * https://github.com/benoitc/gunicorn/blob/master/MAINTAINERS), as role holders.
 * - Linked: the project's commits authored with the address all belong to one GitHub account (the login GitHub's
 *   REST commit list gives as the commit's `author`, the account the address is added to), and that login holds
 *   the role. Nothing is guessed from the name or the address's domain.
 * - Unidentified: no commit of the window links the address (or commits link it to two accounts, or the commits were
 *   read from a local clone, which names no accounts). The person still holds the role, under a name that is no
 *   GitHub login (`Jane Doe <…@example.org>`: the name, and the address's domain without its local part), so that
 *   they count among the maintainers with an unknown organisation: unknown stays unknown, never fewer maintainers.
 *   A warning names the file, line and person (not for emeriti, who count for nothing).
 */
import type {CollectedProject} from '../../core/model.js'
import type {AddressedRole, GovernanceProblem, GovernanceRole} from './types.js'

export interface LinkedAddresses {
  roles: GovernanceRole[]
  problems: GovernanceProblem[]
}

export function linkAddressedRoles(
  addressed: readonly AddressedRole[],
  project: Pick<CollectedProject, 'commits' | 'source'>,
): LinkedAddresses {
  const out: LinkedAddresses = {roles: [], problems: []}
  if (addressed.length === 0) return out
  const wanted = new Set(addressed.map((person) => person.email.toLowerCase()))
  const logins = new Map<string, Set<string>>()
  for (const commit of project.commits) {
    const email = commit.author.email.trim().toLowerCase()
    if (!commit.login || !wanted.has(email)) continue
    const known = logins.get(email) ?? new Set<string>()
    known.add(commit.login)
    logins.set(email, known)
  }
  const told = new Set<string>()
  for (const {name, email, ...role} of addressed) {
    const found = [...(logins.get(email.toLowerCase()) ?? [])]
    if (found.length === 1) {
      out.roles.push({...role, login: found[0]})
      continue
    }
    out.roles.push({...role, login: unidentified(name, email), unidentified: true})
    const key = `${role.file}\n${email.toLowerCase()}`
    if (role.role === 'emeritus' || told.has(key)) continue
    told.add(key)
    const why =
      project.source === 'git'
        ? 'the commits were read from a local clone, which names no GitHub accounts'
        : found.length === 0
          ? 'no commit of the window authored with that address belongs to a GitHub account'
          : `commits authored with that address belong to ${found.length} GitHub accounts`
    out.problems.push({
      file: role.file,
      line: role.line,
      message: `${name} is named by e-mail address only, and ${why}: counted as a ${role.role} whose organisation is unknown`,
    })
  }
  return out
}

/** `Jane Doe <…@example.org>`: who the file names, as no GitHub login can be written (a space, `<`). */
function unidentified(name: string, email: string): string {
  return `${name} <…@${email.slice(email.lastIndexOf('@') + 1).toLowerCase()}>`
}
