/**
 * The commit's author email domain, mapped to an organisation through the organisation data (`domains`,
 * sub-domains included). Public webmail and GitHub noreply addresses never attribute. The claim is about the
 * commit itself (the address it was signed with), so it holds for that commit whatever its date.
 *
 * A commit e-mail is self-asserted: anyone can commit as someone@bigcorp.com. Each claim records what vouches
 * for the address (`vouch.ts`); a claim nothing vouches for is `unverified`.
 */
import {isPublicWebmail} from '../../../entities/index.js'
import type {EvidenceSourcePlugin} from '../../types.js'
import {verification} from './vouch.js'

export const source: EvidenceSourcePlugin = {
  id: 'email-domain',
  description: 'author email domain of the commit, for domains the organisation data lists',
  claims(subject, context, evidence) {
    const email = subject.email
    if (!email || !context.entities || isPublicWebmail(email)) return []
    const match = context.entities.matchDomain(email)
    if (!match) return []
    const domain = email.slice(email.lastIndexOf('@') + 1)
    return [
      {
        person: email,
        organization: match.organization.name,
        source: 'email-domain',
        confidence: 'medium',
        citation: `author email domain ${domain}: ${match.domain} is listed for '${match.organization.id}' in ${match.file} (${match.basis})`,
        method: 'domain',
        rank: 0,
        verification: verification(subject, context, evidence),
      },
    ]
  },
}
