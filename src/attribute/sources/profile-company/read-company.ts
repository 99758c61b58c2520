/**
 * How a profile's free-text `company` value is read. It is a self-description, often not an employer at all
 * ("Open to work", "ex-Huawei", "@google @huawei", a URL), so it is read conservatively: at most one
 * organisation. A value naming an organisation of the organisation data (its GitHub organisation, exact name
 * or alias) is that organisation; one `@handle` the data does not list is the GitHub organisation account it
 * names (its identity read from the account, `index.ts`); any other single name is an organisation as declared
 * (`self-declared`), named by the value with case, punctuation and legal suffixes folded. Past, negated,
 * availability, several or role wording gives no claim (unknown stays unknown). Hand-written: the rules are
 * ours (project rule: no affiliation beyond explicit evidence); matching is the organisation data's exact,
 * normalised lookup (`../../entities/normalize.ts`), never fuzzy.
 */
import {COMPANY_HANDLE} from '../../../core/github-handle.js'
import type {Organization} from '../../../core/model.js'
import {declaredName} from '../../../entities/index.js'
import {EMPTY_WORDS, INDEPENDENT_WORDS, NOT_AN_ORGANISATION} from '../../employer-words.js'
import type {EntityLookup} from '../../types.js'

export type CompanyReading =
  | {kind: 'organization'; organization: Organization; via: 'github-org' | 'name'}
  | {kind: 'independent'}
  /** One `@handle` the organisation data does not list: an organisation account, if GitHub says it is one. */
  | {kind: 'account'; handle: string}
  /** A single name the organisation data does not know: an organisation as declared. */
  | {kind: 'declared'; name: string}
  | {kind: 'none'; reason: NoClaimReason}

export type NoClaimReason =
  | 'empty'
  | 'past-or-negated'
  | 'availability'
  | 'url'
  | 'several'
  | 'not-an-organisation'
  | 'role'
  | 'prose'

/** A role description ("SRE at Example Corp") is a sentence about the person, not an organisation's name. */
const ROLE = /\s(?:at|@)\s/iu
/** Longer values are bios, not names. */
const MAX_NAME_WORDS = 6
const MAX_NAME_LENGTH = 80
/** A value longer than this is not read at all (GitHub's own form takes far less). */
const MAX_TEXT_LENGTH = 1_000

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
/** An e-mail address, or a bare domain ("@example.com", "booking.com"): contact details, not a name we can read. */
const ADDRESS = /\S@\S+\.\S|^@?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}$/iu

/** Anything that lists several things: "huawei, alibaba", "Google / Huawei", "A & B", "A and B". */
const SEVERAL = /[,;/&|+、，；]|\s(?:and|or)\s/iu

const HANDLE = COMPANY_HANDLE

/** Reads one `company` value; see the module comment. */
export function readCompany(text: string, entities: EntityLookup | undefined): CompanyReading {
  // Far longer than any name read (MAX_NAME_LENGTH): prose, and kept from the expressions below, some of which are
  // quadratic in a long value's runs of spaces or punctuation (a profile is an upstream's, possibly hostile, answer).
  if (text.length > MAX_TEXT_LENGTH) return {kind: 'none', reason: 'prose'}
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
  if (handles.length === 0) return readName(cleaned, lower, entities)
  if (handles.length > 1 || SEVERAL.test(cleaned)) return {kind: 'none', reason: 'several'}
  // One handle: the GitHub organisations the data lists; a handle is never matched against names ("@redhat"
  // is not Red Hat's `RedHatOfficial`): any other handle is read from its own account.
  const organization = entities?.matchGithubOrg(handles[0])?.organization
  // "Huawei @google": the rest of the value names another organisation.
  const rest = cleaned.replace(HANDLE, ' ').trim()
  const other = rest ? entities?.byName(rest) : undefined
  if (other && other.id !== organization?.id) return {kind: 'none', reason: 'several'}
  return organization ? {kind: 'organization', organization, via: 'github-org'} : {kind: 'account', handle: handles[0]}
}

/** Plain text: an organisation's exact name or alias, else one name as declared. */
function readName(cleaned: string, lower: string, entities: EntityLookup | undefined): CompanyReading {
  const organization = entities?.byName(cleaned)
  if (organization) return {kind: 'organization', organization, via: 'name'}
  // Legal forms off first: "Acme, Inc." is one name, "Acme, Globex" two.
  const name = declaredName(cleaned)
  if (SEVERAL.test(name)) return {kind: 'none', reason: 'several'}
  if (ADDRESS.test(name)) return {kind: 'none', reason: 'url'}
  if (NOT_AN_ORGANISATION.has(lower)) return {kind: 'none', reason: 'not-an-organisation'}
  if (ROLE.test(name)) return {kind: 'none', reason: 'role'}
  if (name.length > MAX_NAME_LENGTH || name.split(' ').length > MAX_NAME_WORDS) return {kind: 'none', reason: 'prose'}
  return name ? {kind: 'declared', name} : {kind: 'none', reason: 'empty'}
}
