/**
 * Normalisers for matching organisation names, e-mail domains and GitHub logins. Matching is exact
 * after normalisation, never fuzzy: two spellings match only when these functions make them equal.
 *
 * Organisation names (`normalizeName`), in this order:
 * 1. Unicode NFKC (full-width letters and digits become ASCII; `Ｈｕａｗｅｉ` → `Huawei`);
 *    typographic quotes become ASCII quotes.
 * 2. Leading `@` removed (a GitHub handle written in a profile: `@huawei` → `huawei`).
 * 3. Case-folded (`toLowerCase`, locale-independent) and whitespace collapsed to one space.
 * 4. Trailing legal-form words removed, repeatedly, with the commas, dots and spaces around them:
 *    Inc, Incorporated, Corp, Corporation, Co, Company, Ltd, Limited, LLC, LLP, LP, PLC, GmbH, AG,
 *    KG, S.A., AB, AS, Oy, B.V., N.V., Pty, S.r.l., SAS, S.p.A., K.K.
 *    (`Huawei Technologies Co., Ltd.` → `huawei technologies`). A name made only of such words
 *    is kept as it is.
 * Nothing else is removed: parentheses, `dba`, `Group`, `Holdings`, native-script legal forms
 * (有限公司) and punctuation inside the name stay, so `Alibaba Group` and `Alibaba` differ.
 */
import {trimEnd} from '../core/trim-end.js'

const LEGAL_FORMS = [
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'l\\.l\\.c',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  's\\.?a',
  'ab',
  'as',
  'oy',
  'b\\.?v',
  'n\\.?v',
  'pty',
  's\\.?r\\.?l',
  'sas',
  's\\.?p\\.?a',
  'k\\.?k',
]

// One or more legal-form words at the end, each preceded by a space or comma: `, co., ltd.`.
const LEGAL_SUFFIX = new RegExp(`(?:[\\s,]+(?:${LEGAL_FORMS.join('|')})\\.?)+$`, 'iu')
/** One character of what ends a name without being part of it (tested one at a time: trimEnd). */
const TRAILING_PUNCTUATION = /[\s.,;:]/u

/** Whether a name ends with a legal form ("Google LLC", "Datadog, Inc.", "Example GmbH"): written as a company's. */
export function hasLegalForm(name: string): boolean {
  return LEGAL_SUFFIX.test(trimEnd(name, TRAILING_PUNCTUATION))
}

/** The comparison key of an organisation name or alias; see the module comment for the rules. */
export function normalizeName(name: string): string {
  return withoutLegalForms(cleanName(name).toLowerCase())
}

/**
 * The display name of an organisation as a person declared it (a profile's free-text company): the value
 * as written, with Unicode, quotes and spaces normalised and trailing legal forms and punctuation removed
 * ("ACME Widgets, Inc." → "ACME Widgets"). Case is kept for display; `declaredKey` compares.
 */
export function declaredName(name: string): string {
  return withoutLegalForms(cleanName(name))
}

/** Steps 1-3 of the module comment but case-folding: NFKC, ASCII quotes, no leading `@`, one space, no trailing punctuation. */
function cleanName(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201B\u2032]/gu, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/gu, '"')
    .trim()
    .replace(/^@+/u, '')
    .replace(/\s+/gu, ' ')
  return trimEnd(cleaned, TRAILING_PUNCTUATION)
}

/** Step 4: trailing legal forms off; a name made only of them is kept as it is. */
function withoutLegalForms(text: string): string {
  const stripped = trimEnd(text.replace(LEGAL_SUFFIX, ''), TRAILING_PUNCTUATION)
  return stripped === '' ? text : stripped
}

/**
 * Two declared names are one organisation when this key is equal: `normalizeName` (case, legal forms) with
 * every run of punctuation or spaces folded into one space ("Acme-Widgets", "ACME Widgets Inc." → "acme widgets").
 */
export function declaredKey(name: string): string {
  return normalizeName(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/u

/**
 * The domain of an e-mail address or a bare domain, lower-cased, without a trailing dot, with
 * international names in their ASCII (punycode) form; undefined when it is not a domain name.
 */
export function normalizeDomain(emailOrDomain: string): string | undefined {
  let text = emailOrDomain.trim().replace(/^<|>$/gu, '')
  const at = text.lastIndexOf('@')
  if (at >= 0) text = text.slice(at + 1)
  text = text.toLowerCase().replace(/\.$/u, '')
  if (!/^[\x21-\x7e]+$/u.test(text)) text = toAscii(text)
  return DOMAIN.test(text) ? text : undefined
}

function toAscii(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname
  } catch {
    return ''
  }
}

// GitHub: 1-39 characters, alphanumerics and single inner hyphens (older accounts may end in `-`).
const GITHUB_LOGIN = /^[a-z0-9](?:[a-z0-9-]{0,38})$/u

/** A GitHub login or organisation handle, lower-cased and without a leading `@`; undefined when invalid. */
export function normalizeLogin(login: string): string | undefined {
  const text = login.trim().replace(/^@/u, '').toLowerCase()
  return GITHUB_LOGIN.test(text) ? text : undefined
}
