import {trimEnd} from '../../core/trim-end.js'
import {normalizeName} from '../normalize.js'
import type {CslRecord} from './schema.js'

/** The party a record lists, and the names under which it may be matched exactly. */
export interface ListedParty {
  /** The listed name with CSL boilerplate removed. */
  name: string
  /** For an Entity List affiliate (`Parent. Affiliated Entity: Affiliate`), the parent's part. */
  affiliateOf?: string
  /** The party's own names: the (affiliate's) name and every alias. */
  names: string[]
}

// ISN records end in boilerplate that is no part of the name (CSL-FORMAT.md, section 3).
const SUCCESSOR_BOILERPLATE = /;?\s*and any successor, sub-unit,? or subsidiary thereof\.?\s*$/iu
/** Found as a literal, the parts cut by hand: `^(.*?)[.\s]*\s+Affiliated Entity:\s*(.+)$` was cubic in runs of spaces. */
const AFFILIATE = /\sAffiliated Entity:/u

/**
 * Cleans a record's names. An affiliate record names its parent first, but the listed party is
 * the affiliate: only the affiliate's name may match exactly (the parent's part is kept for
 * near-matches and for the reviewer).
 */
export function listedParty(record: CslRecord): ListedParty {
  const name = repairApostrophes(record.name.replace(SUCCESSOR_BOILERPLATE, '').trim())
  const affiliate = affiliateParts(name)
  const own = affiliate ? affiliate.affiliate : name
  const names = [own, ...record.altNames.map(repairApostrophes)]
  return affiliate ? {name, affiliateOf: affiliate.parent, names} : {name, names}
}

/** `Parent. Affiliated Entity: Affiliate` in its two parts, each trimmed (the parent's closing dots too). */
function affiliateParts(name: string): {parent: string; affiliate: string} | undefined {
  const found = AFFILIATE.exec(name)
  if (found === null) return undefined
  const affiliate = name.slice(found.index + found[0].length).trim()
  if (affiliate === '') return undefined
  return {parent: trimEnd(name.slice(0, found.index), /[.\s]/u).trim(), affiliate}
}

// Some BIS records carry `?` for an apostrophe: `?s ` for `'s ` (CSL-FORMAT.md, section 4).
function repairApostrophes(name: string): string {
  return name.replace(/(\p{L})\?s\b/gu, "$1's")
}

/**
 * Words too common in company names to make two names look alike: legal forms and generic
 * corporate words. Places and industries are kept (`China Telecom` near `Telecom` is worth a look).
 */
const STOPWORDS = new Set([
  'a',
  'affiliated',
  'and',
  'co',
  'company',
  'corp',
  'corporation',
  'de',
  'entity',
  'for',
  'group',
  'holding',
  'holdings',
  'inc',
  'international',
  'limited',
  'llc',
  'ltd',
  'of',
  'technologies',
  'technology',
  'the',
])

/** Distinctive words of a name: normalised, split on anything but letters and digits, stopwords dropped. */
export function distinctiveTokens(name: string): Set<string> {
  const words = normalizeName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !STOPWORDS.has(word))
  return new Set(words)
}

/**
 * Near-match rule: every distinctive word of one name is a word of the other (token containment).
 * Returns the shared words, sorted, or undefined. Used only to propose matches for review.
 */
export function containment(a: Set<string>, b: Set<string>): string[] | undefined {
  if (a.size === 0 || b.size === 0) return undefined
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const word of small) if (!large.has(word)) return undefined
  return [...small].sort()
}
