/**
 * The GitHub profile `company` field, as the person wrote it, read conservatively (`read-company.ts`): one
 * organisation of the organisation data (`@handle` it lists, exact name or alias), one `@handle` naming a GitHub
 * organisation account (identity from that account), one other name as declared, or a "no employer" word
 * (Independent). Past, negated or availability wording, URLs, several organisations and role sentences give no
 * claim. Undated: it states the affiliation when the profile was read.
 *
 * Organisations the organisation data does not name are `selfDeclared`: they count for concentration, never
 * for a list, a country or a parent.
 */
import {type Claim, INDEPENDENT} from '../../../core/model.js'
import {accountIdentity, describeAccount} from '../../org-accounts.js'
import {findProfile} from '../../profiles.js'
import type {EvidenceSourcePlugin} from '../../types.js'
import {readCompany} from './read-company.js'

export const source: EvidenceSourcePlugin = {
  id: 'profile-company',
  description:
    'the company field of the GitHub profile: a listed organisation, an organisation account named by @handle, another name as declared, or Independent',
  claims(subject, context, evidence) {
    const login = subject.login ?? subject.noreplyLogin
    const profile = login ? findProfile(evidence.project.profiles, login) : undefined
    const text = profile?.company?.trim()
    if (!profile || !text) return []
    const reading = readCompany(text, context.entities)
    const claim: Claim = {
      person: profile.login.toLowerCase(),
      organization: '',
      source: 'profile-company',
      confidence: 'medium',
      citation: `GitHub profile of ${profile.login}: company "${text}"`,
      method: 'login',
      rank: 0,
    }
    switch (reading.kind) {
      case 'none':
        return []
      case 'independent':
        return [{...claim, organization: INDEPENDENT}]
      case 'organization':
        return [{...claim, organization: reading.organization.name}]
      case 'declared':
        return [{...claim, organization: reading.name, selfDeclared: true}]
      case 'account': {
        const account = evidence.project.orgAccounts?.[reading.handle]
        // Not read (local git, an old recording) or not an organisation (a person's login): no claim.
        if (!account?.organization) return []
        const identity = accountIdentity(account, context.entities)
        return [
          {
            ...claim,
            organization: identity.name,
            citation: `${claim.citation}; ${describeAccount(account)}`,
            ...(identity.curated ? {} : {selfDeclared: true}),
          },
        ]
      }
    }
  },
}
