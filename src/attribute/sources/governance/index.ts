/**
 * Affiliations the project's own governance files declare (MAINTAINERS tables with a company column, README
 * role lists "[Name](https://github.com/login), Company"). Undated: they state the affiliation when the file
 * was read, so they rank below dated evidence.
 */
import type {Claim} from '../../../core/model.js'
import type {EvidenceSourcePlugin} from '../../types.js'

export const source: EvidenceSourcePlugin = {
  id: 'governance',
  description: 'company declared next to a maintainer in the project’s governance files',
  claims(subject, _context, evidence) {
    const claims: Claim[] = []
    const logins = [subject.login, subject.noreplyLogin].filter(Boolean)
    evidence.roles.forEach((holder, rank) => {
      const declared = holder.declaredAffiliation?.trim()
      // An emeritus table's company is the one they had while serving: stale, so not evidence.
      if (!declared || holder.role === 'emeritus' || !logins.includes(holder.login.toLowerCase())) return
      claims.push({
        person: holder.login.toLowerCase(),
        organization: declared,
        source: 'governance',
        confidence: 'medium',
        citation: holder.source,
        method: 'login',
        rank,
      })
    })
    return claims
  },
}
