/**
 * Public GitHub organisation memberships (profile `orgs`) mapped to companies through the organisation data
 * (`githubOrgs`). Foundations and projects are not employers, so only entities of kind `company` count.
 * Undated and weak (members can be outside contributors): lowest precedence.
 */
import type {Claim} from '../../../core/model.js'
import {findProfile} from '../../profiles.js'
import type {EvidenceSourcePlugin} from '../../types.js'

export const source: EvidenceSourcePlugin = {
  id: 'org-membership',
  description: 'public GitHub organisation memberships of companies listed in the organisation data',
  claims(subject, context, evidence) {
    const login = subject.login ?? subject.noreplyLogin
    const profile = login ? findProfile(evidence.project.profiles, login) : undefined
    if (!profile?.orgs || !context.entities) return []
    const claims: Claim[] = []
    for (const org of [...profile.orgs].sort()) {
      const match = context.entities.matchGithubOrg(org)
      if (match?.organization.kind !== 'company') continue
      claims.push({
        person: profile.login.toLowerCase(),
        organization: match.organization.name,
        source: 'org-membership',
        confidence: 'low',
        citation: `public member of https://github.com/${org}, listed for '${match.organization.id}' in ${match.file}`,
        method: 'login',
        rank: claims.length,
      })
    }
    return claims
  },
}
