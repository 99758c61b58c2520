/**
 * Words a person's declared employer is written with when it names no organisation: "Independent" (no employer),
 * "N/A" (nothing said), "Student" (a situation). Shared by the evidence sources that read an employer someone wrote
 * down: a GitHub profile's `company` (./sources/profile-company/read-company.ts) and a company declared next to a
 * maintainer in a governance file (./sources/governance/index.ts), so a MAINTAINERS table's "Self-employed" is
 * Independent and its "N/A" is unknown, as a profile's are, never an organisation of that name. Whole values only,
 * lower-cased, surrounding punctuation trimmed (`employerWords`).
 */

import type {RoleHolder} from '../core/model.js'
import {trimEnd} from '../core/trim-end.js'
import type {EntityLookup} from './types.js'

/** Self-descriptions that explicitly say "no employer" (the whole value, lower-cased, punctuation trimmed). */
export const INDEPENDENT_WORDS = new Set([
  'independent',
  'independent contributor',
  'independent consultant',
  'independent developer',
  'individual',
  'individual contributor',
  'unaffiliated',
  'freelance',
  'freelancer',
  'self-employed',
  'self employed',
])
/** Values that say nothing. */
export const EMPTY_WORDS = new Set([
  '',
  '-',
  '–',
  '—',
  'n/a',
  'na',
  'none',
  'null',
  'nil',
  'no',
  'unknown',
  '?',
  'tbd',
  'tba',
])
/** Whole values that describe a situation, not an organisation someone works for. */
export const NOT_AN_ORGANISATION = new Set([
  'student',
  'phd student',
  'home',
  'personal',
  'private',
  'self',
  'me',
  'myself',
  'hobby',
  'hobbyist',
  'various',
  'multiple',
  'many',
  'everywhere',
  'anywhere',
  'earth',
  'world',
  'the internet',
  'internet',
])

export type EmployerWords = 'independent' | 'none'

/** What a declared employer says when it names no organisation; undefined when it may name one. */
export function employerWords(text: string): EmployerWords | undefined {
  const lower = text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim()
  const bare = trimEnd(lower.replace(/^["'`(]+/u, ''), '"\'`,;:.)')
  if (INDEPENDENT_WORDS.has(bare)) return 'independent'
  if (EMPTY_WORDS.has(bare) || NOT_AN_ORGANISATION.has(bare)) return 'none'
  return undefined
}

/**
 * Whether a role holder's declared company stands as what the file declares: always, but for one written only beside
 * the person (`declaredBeside`: "[Ada Lovelace](link) (London)" is written as "(Isovalent)" is), which stands only
 * when it says no employer or the organisation data knows the name. Shared by the governance evidence source and the
 * role holders a report shows, so neither shows a place or a name as a company.
 */
export function declarationStands(
  holder: Pick<RoleHolder, 'declaredAffiliation' | 'declaredBeside'>,
  entities?: EntityLookup,
  /** `employerWords` of the trimmed declaration, when the caller has read it already (not read twice). */
  read?: {words: EmployerWords | undefined},
): boolean {
  const declared = holder.declaredAffiliation?.trim()
  if (!declared) return false
  if (!holder.declaredBeside) return true
  const words = read ? read.words : employerWords(declared)
  return words === 'independent' || entities?.byName(declared) !== undefined
}
