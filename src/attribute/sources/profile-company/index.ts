/**
 * The GitHub profile `company` field, as the person wrote it. `@handle` tokens name GitHub organisations and
 * count only when the organisation data knows them; plain text maps to an organisation by exact normalised name
 * or alias, else is kept as written (low confidence). Words meaning "no employer" give Independent.
 * Undated: it states the affiliation when the profile was read.
 */
import type {Claim} from '../../../core/model.js'
import {findProfile} from '../../profiles.js'
import type {EntityLookup, EvidenceSourcePlugin} from '../../types.js'

/** Self-descriptions that explicitly say "no employer" (compared lower-cased, punctuation trimmed). */
const INDEPENDENT_WORDS = new Set(['independent', 'freelance', 'freelancer', 'self-employed', 'self employed'])
/** Values that say nothing. */
const EMPTY_WORDS = new Set(['', '-', 'n/a', 'na', 'none', 'null', 'nil', 'no', 'unknown', '?'])

export const source: EvidenceSourcePlugin = {
  id: 'profile-company',
  description: 'the company field of the GitHub profile, normalised (@handle, legal suffixes, case, aliases)',
  claims(subject, context, evidence) {
    const login = subject.login ?? subject.noreplyLogin
    const profile = login ? findProfile(evidence.project.profiles, login) : undefined
    const text = profile?.company?.trim()
    if (!profile || !text) return []
    const base = {person: profile.login.toLowerCase(), source: 'profile-company' as const, method: 'login'}
    const citation = `GitHub profile of ${profile.login}: company "${text}"`
    const organizations = companies(text, context.entities)
    return organizations.map(
      ({name, confidence}, rank): Claim => ({...base, organization: name, confidence, citation, rank}),
    )
  },
}

function companies(text: string, entities: EntityLookup | undefined): Array<{name: string; confidence: 'medium' | 'low'}> {
  const handles = [...text.matchAll(/(?<![\w.])@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\b/g)].map((m) => m[1])
  if (handles.length) {
    const found = handles.map((handle) => entities?.matchName(`@${handle}`)?.organization).filter((e) => e !== undefined)
    return [...new Map(found.map((e) => [e.id, {name: e.name, confidence: 'medium' as const}])).values()]
  }
  const cleaned = text.replace(/^[\s"']+|[\s"',;:]+$/g, '')
  const lower = cleaned.toLowerCase()
  if (EMPTY_WORDS.has(lower)) return []
  if (INDEPENDENT_WORDS.has(lower)) return [{name: 'Independent', confidence: 'medium'}]
  const entity = entities?.byName(cleaned)
  return [entity ? {name: entity.name, confidence: 'medium'} : {name: cleaned, confidence: 'low'}]
}
