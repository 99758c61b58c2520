/** User overrides (`affiliations.yaml`): login or email → organisation, with optional dates. Highest precedence. */
import type {Claim} from '../../../core/model.js'
import type {EvidenceSourcePlugin} from '../../types.js'

export const source: EvidenceSourcePlugin = {
  id: 'override',
  description: 'affiliations.yaml: the user’s own login/email → organisation statements, with dates',
  claims(subject, context) {
    const claims: Claim[] = []
    for (const entry of context.overrides) {
      const byLogin =
        entry.login !== undefined && (entry.login === subject.login || entry.login === subject.noreplyLogin)
      const byEmail = entry.email !== undefined && entry.email === subject.email
      if (!byLogin && !byEmail) continue
      const claim: Claim = {
        person: (entry.login ?? entry.email) as string,
        organization: entry.organization,
        source: 'override',
        confidence: 'high',
        citation: entry.note ? `${entry.citation} (${entry.note})` : entry.citation,
        method: byEmail ? 'email' : 'login',
        rank: entry.rank,
      }
      if (entry.from) claim.from = entry.from
      if (entry.until) claim.until = entry.until
      claims.push(claim)
    }
    return claims
  },
}
