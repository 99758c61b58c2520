/**
 * Public GitHub organisation memberships (profile `orgs`) of organisations that are companies: by the
 * organisation data (`githubOrgs` of an entity of kind `company`; foundations and projects are not employers),
 * or by their own people (an organisation account that several profiles of the project name as their employer,
 * `@handle`; then self-declared). Weak evidence (members can be outside contributors, a membership is undated):
 * labelled `weak`, lowest precedence, used only when no other source claims the person on that day.
 */
import type {Claim} from '../../../core/model.js'
import {accountIdentity, SEVERAL_DECLARERS} from '../../org-accounts.js'
import {findProfile} from '../../profiles.js'
import type {EvidenceSourcePlugin} from '../../types.js'

export const source: EvidenceSourcePlugin = {
  id: 'org-membership',
  description: 'public GitHub organisation memberships of companies (organisation data, or named by several profiles)',
  claims(subject, context, evidence) {
    const login = subject.login ?? subject.noreplyLogin
    const profile = login ? findProfile(evidence.project.profiles, login) : undefined
    if (!profile?.orgs) return []
    const claims: Claim[] = []
    const base = {
      person: profile.login.toLowerCase(),
      source: 'org-membership' as const,
      confidence: 'low' as const,
      method: 'login',
      weak: true,
    }
    for (const org of [...profile.orgs].sort()) {
      const match = context.entities?.matchGithubOrg(org)
      if (match?.organization.kind === 'company') {
        claims.push({
          ...base,
          organization: match.organization.name,
          citation: `public member of https://github.com/${org}, listed for '${match.organization.id}' in ${match.file}`,
          rank: claims.length,
        })
        continue
      }
      if (match) continue
      const handle = org.toLowerCase()
      const declarers = evidence.declaredEmployers.get(handle) ?? []
      const account = evidence.project.orgAccounts?.[handle]
      if (declarers.length < SEVERAL_DECLARERS || !account?.organization) continue
      const identity = accountIdentity(account, context.entities)
      claims.push({
        ...base,
        organization: identity.name,
        citation: `public member of https://github.com/${org}, named as employer by the profiles of ${declarers.join(', ')}`,
        rank: claims.length,
        ...(identity.curated ? {} : {selfDeclared: true}),
      })
    }
    return claims
  },
}
