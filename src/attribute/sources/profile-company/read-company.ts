/**
 * How a profile's free-text `company` value is read. It is a self-description, often not an employer at all
 * ("Open to work", "ex-Huawei", "@google @huawei", a URL), so it is read conservatively: at most one
 * organisation, and only when the value names it exactly. Everything else gives no claim (unknown stays
 * unknown). Hand-written: the rules are ours (project rule: no affiliation beyond explicit evidence); matching
 * itself is the organisation data's exact, normalised lookup (`../../entities/normalize.ts`), never fuzzy.
 */
import type {Organization} from '../../../core/model.js'
import type {EntityLookup} from '../../types.js'

export type CompanyReading =
  | {kind: 'organization'; organization: Organization; via: 'github-org' | 'name'}
  | {kind: 'independent'}
  | {kind: 'none'; reason: NoClaimReason}

export type NoClaimReason = 'empty' | 'past-or-negated' | 'availability' | 'url' | 'several' | 'unmatched'

/** Self-descriptions that explicitly say "no employer" (the whole value, lower-cased, punctuation trimmed). */
const INDEPENDENT_WORDS = new Set(['independent', 'freelance', 'freelancer', 'self-employed', 'self employed'])
/** Values that say nothing. */
const EMPTY_WORDS = new Set(['', '-', 'n/a', 'na', 'none', 'null', 'nil', 'no', 'unknown', '?'])

// Words that put the organisation in the past or deny it: "Formerly @redhat", "ex-Huawei", "Not Google",
// "Google (2018-2021)". CJK: a leading 前/原 (former) or 曾 (once); 离职 (left), 退休 (retired).
const PAST_OR_NEGATED = new RegExp(
  [
    String.raw`\b(?:formerly|former|previously|previous|prev|past|was|were|used to|no longer|retired|alumni|alumnus|alumna|alum|emeritus|left|quit|until|till)\b`,
    String.raw`\b(?:not|non|never|nobody|nothing|unaffiliated)\b`,
    String.raw`(?:^|[^\p{L}\p{N}])(?:ex(?:[-.:@]|\s)|x-)`,
    String.raw`\b(?:19|20)\d{2}\s*[-–—]\s*(?:(?:19|20)\d{2}|present|now)?`,
    '^[前原曾]|离职|退休',
  ].join('|'),
  'iu',
)

// Availability, not an employer: "Open to work", "Looking for opportunities", "#OpenToWork".
const AVAILABILITY = new RegExp(
  [
    String.raw`\bopen\s*(?:to|for)\s*(?:work|opportunities|new)`,
    String.raw`\bopentowork\b`,
    String.raw`\b(?:looking for|seeking|available|for hire|hire me|job hunting|job seeking|between jobs|unemployed|jobless|in transition)\b`,
    '求职|待业',
  ].join('|'),
  'iu',
)

const URL = /\b[a-z][a-z0-9+.-]*:\/\/|(?:^|\s)www\./iu

/** Anything that lists several things: "huawei, alibaba", "Google / Huawei", "A & B", "A and B". */
const SEVERAL = /[,;/&|+、，；]|\s(?:and|or)\s/iu

// `@handle`: GitHub's login grammar; not part of an e-mail address (`a@b.com`) nor a domain (`@google.com`).
const HANDLE = /(?<![\w.@])@([A-Za-z0-9][A-Za-z0-9-]{0,38})(?![\w-]|\.\w)/gu

/** Reads one `company` value; see the module comment. */
export function readCompany(text: string, entities: EntityLookup | undefined): CompanyReading {
  const cleaned = text
    .normalize('NFKC')
    .replace(/^[\s"'`]+|[\s"'`,;:.]+$/gu, '')
    .replace(/\s+/gu, ' ')
  const lower = cleaned.toLowerCase()
  if (EMPTY_WORDS.has(lower)) return {kind: 'none', reason: 'empty'}
  if (URL.test(cleaned)) return {kind: 'none', reason: 'url'}
  if (AVAILABILITY.test(cleaned)) return {kind: 'none', reason: 'availability'}
  if (PAST_OR_NEGATED.test(cleaned)) return {kind: 'none', reason: 'past-or-negated'}
  if (INDEPENDENT_WORDS.has(lower)) return {kind: 'independent'}

  const handles = [...new Set([...cleaned.matchAll(HANDLE)].map((m) => m[1].toLowerCase()))]
  if (handles.length === 0) {
    // Plain text: the whole value must be an organisation's name or alias (the shipped normaliser decides).
    const organization = entities?.byName(cleaned)
    return organization ? {kind: 'organization', organization, via: 'name'} : {kind: 'none', reason: 'unmatched'}
  }
  if (handles.length > 1 || SEVERAL.test(cleaned)) return {kind: 'none', reason: 'several'}
  // One handle: only the GitHub organisations the data lists ("@redhat" is not Red Hat's `RedHatOfficial`).
  const organization = entities?.matchGithubOrg(handles[0])?.organization
  if (!organization) return {kind: 'none', reason: 'unmatched'}
  // "Huawei @google": the rest of the value names another organisation.
  const rest = cleaned.replace(HANDLE, ' ').trim()
  const other = rest ? entities?.byName(rest) : undefined
  if (other && other.id !== organization.id) return {kind: 'none', reason: 'several'}
  return {kind: 'organization', organization, via: 'github-org'}
}
