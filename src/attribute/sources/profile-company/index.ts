/**
 * The GitHub profile `company` field, as the person wrote it, read conservatively (`read-company.ts`): one
 * `@handle` of a GitHub organisation the organisation data lists, or a value equal to an organisation's name or
 * alias, or a "no employer" word (Independent). Past, negated or availability wording, URLs, several
 * organisations and unmatched text give no claim. Undated: it states the affiliation when the profile was read.
 */
import {type Claim, INDEPENDENT} from '../../../core/model.js'
import {findProfile} from '../../profiles.js'
import type {EvidenceSourcePlugin} from '../../types.js'
import {readCompany} from './read-company.js'

export const source: EvidenceSourcePlugin = {
  id: 'profile-company',
  description:
    'the company field of the GitHub profile: a listed GitHub organisation, an exact name or alias, or Independent',
  claims(subject, context, evidence) {
    const login = subject.login ?? subject.noreplyLogin
    const profile = login ? findProfile(evidence.project.profiles, login) : undefined
    const text = profile?.company?.trim()
    if (!profile || !text) return []
    const reading = readCompany(text, context.entities)
    if (reading.kind === 'none') return []
    const claim: Claim = {
      person: profile.login.toLowerCase(),
      organization: reading.kind === 'independent' ? INDEPENDENT : reading.organization.name,
      source: 'profile-company',
      confidence: 'medium',
      citation: `GitHub profile of ${profile.login}: company "${text}"`,
      method: 'login',
      rank: 0,
    }
    return [claim]
  },
}
