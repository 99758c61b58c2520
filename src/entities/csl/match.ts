import type {EntityIndex} from '../entity-index.js'
import {compare} from '../../core/compare.js'
import type {ListDefinition} from '../schema.js'
import {containment, distinctiveTokens, listedParty} from './names.js'
import type {CslFile} from './read.js'
import type {CslRecord} from './schema.js'

/** A membership the CSL supports: exact normalised name or alias match. */
export interface ProposedMembership {
  organization: string
  list: string
  since: string | null
  until?: string
  listed_name: string
  federal_register?: string
  csl_id: string
  /** Set when a CSL date could not be read: which one, as written (the membership is proposed without it). */
  note?: string
  source: string
  /** The CSL name (listed name or alias) that matched, and the organisation's name or alias it equals. */
  matched: {csl_name: string; alias: string}
}

/** Already on file for the organisation (same list): shown, not repeated. */
export interface RecordedMembership extends ProposedMembership {
  recorded_since: string | null
}

/** Looks alike but is not equal after normalisation: for a human to decide, never applied. */
export interface NearMatch extends Omit<ProposedMembership, 'matched'> {
  csl_name: string
  alias: string
  shared_words: string[]
  /** For an Entity List affiliate: the parent named before `Affiliated Entity:`. */
  affiliate_of?: string
}

export type SkipReason = 'individual' | 'vessel' | 'aircraft' | 'unknown-list'

export interface CslImport {
  file: string
  format: CslFile['format']
  source: string
  records: number
  skipped: Partial<Record<SkipReason, number>>
  /** Source labels of records skipped as `unknown-list`, with counts. */
  unknownLists: Record<string, number>
  problems: string[]
  /** Proposed entries written without a CSL date that is not a date (`since: null`, no `until`), with a note. */
  warnings: string[]
  add: ProposedMembership[]
  alreadyRecorded: RecordedMembership[]
  nearMatches: NearMatch[]
}

/** The published download each format comes from: the default citation of imported memberships. */
export const CSL_DOWNLOAD: Record<CslFile['format'], string> = {
  json: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json',
  csv: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv',
  tsv: 'https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.tsv',
}

interface Alias {
  organization: string
  name: string
  words: Set<string>
}

/**
 * Matches CSL records to organisations: exact normalised name or alias only (applied as proposed
 * memberships); token containment for near-matches (reported for review, never applied).
 * Records of individuals, vessels and aircraft are skipped without reading their names.
 */
export function matchCsl(csl: CslFile, index: EntityIndex, options: {source?: string} = {}): CslImport {
  const source = options.source ?? CSL_DOWNLOAD[csl.format]
  const lists = listsByCode(index.listDefinitions())
  const aliases = aliasWords(index)
  const result: CslImport = {
    file: csl.file,
    format: csl.format,
    source,
    records: csl.records.length + csl.problems.length,
    skipped: {},
    unknownLists: {},
    problems: [...csl.problems],
    warnings: [],
    add: [],
    alreadyRecorded: [],
    nearMatches: [],
  }
  for (const record of csl.records) {
    const skip = skipReason(record, lists)
    if (skip) {
      result.skipped[skip] = (result.skipped[skip] ?? 0) + 1
      if (skip === 'unknown-list') result.unknownLists[record.source] = (result.unknownLists[record.source] ?? 0) + 1
      continue
    }
    const proposed = matchRecord(record, lists.get(record.code!)!, index, aliases, source, result)
    const unread = invalidDates(record)
    if (proposed && unread)
      result.warnings.push(`${csl.path}: ${record.position}: ${unread}; proposed without it, for review`)
  }
  const order = (a: {organization: string; list: string; csl_id: string}, b: typeof a) =>
    compare(a.organization, b.organization) || compare(a.list, b.list) || compare(a.csl_id, b.csl_id)
  result.add.sort(order)
  result.alreadyRecorded.sort(order)
  result.nearMatches.sort(order)
  return result
}

function listsByCode(definitions: ListDefinition[]): Map<string, ListDefinition> {
  const byCode = new Map<string, ListDefinition>()
  for (const list of definitions) if (list.csl_code && !byCode.has(list.csl_code)) byCode.set(list.csl_code, list)
  return byCode
}

function skipReason(record: CslRecord, lists: Map<string, ListDefinition>): SkipReason | undefined {
  const type = record.type?.toLowerCase()
  if (type === 'individual' || type === 'vessel' || type === 'aircraft') return type
  if (!record.code || !lists.has(record.code)) return 'unknown-list'
  return undefined
}

/** Aliases by each of their distinctive words: a near-match shares at least one word. */
function aliasWords(index: EntityIndex): Map<string, Alias[]> {
  const byWord = new Map<string, Alias[]>()
  for (const organization of index.all()) {
    for (const name of [organization.name, ...organization.aliases]) {
      const alias = {organization: organization.id, name, words: distinctiveTokens(name)}
      for (const word of alias.words) byWord.set(word, [...(byWord.get(word) ?? []), alias])
    }
  }
  return byWord
}

function sharingAWord(words: Set<string>, aliases: Map<string, Alias[]>): Alias[] {
  const found = new Set<Alias>()
  for (const word of words) for (const alias of aliases.get(word) ?? []) found.add(alias)
  return [...found]
}

/** Adds the record's exact and near matches to `result`; true when it added any. */
function matchRecord(
  record: CslRecord,
  list: ListDefinition,
  index: EntityIndex,
  aliases: Map<string, Alias[]>,
  source: string,
  result: CslImport,
): boolean {
  const party = listedParty(record)
  const unread = invalidDates(record)
  const base = {
    list: list.id,
    since: record.startDate ?? null,
    ...(record.endDate ? {until: record.endDate} : {}),
    listed_name: party.name,
    ...(record.federalRegister ? {federal_register: record.federalRegister} : {}),
    csl_id: record.id,
    ...(unread ? {note: `${unread}: left out of this entry; check the listing's dates before accepting it`} : {}),
    source,
  }
  const before = result.add.length + result.alreadyRecorded.length + result.nearMatches.length
  const exact = new Set<string>()
  for (const name of party.names) {
    const match = index.matchName(name)
    if (!match || exact.has(match.organization.id)) continue
    exact.add(match.organization.id)
    const proposal: ProposedMembership = {
      organization: match.organization.id,
      ...base,
      matched: {csl_name: name, alias: match.alias},
    }
    const recorded = match.organization.lists.find((membership) => membership.list === list.id)
    if (recorded) result.alreadyRecorded.push({...proposal, recorded_since: recorded.since ?? null})
    else result.add.push(proposal)
  }
  const near = new Set<string>()
  for (const name of [party.name, ...party.names]) {
    const words = distinctiveTokens(name)
    for (const alias of sharingAWord(words, aliases)) {
      if (exact.has(alias.organization) || near.has(alias.organization)) continue
      const shared = containment(words, alias.words)
      if (!shared) continue
      near.add(alias.organization)
      result.nearMatches.push({
        organization: alias.organization,
        ...base,
        csl_name: name,
        alias: alias.name,
        shared_words: shared,
        ...(party.affiliateOf ? {affiliate_of: party.affiliateOf} : {}),
      })
    }
  }
  return result.add.length + result.alreadyRecorded.length + result.nearMatches.length > before
}

/** "CSL start_date "x" is not a date" for the dates of a record that could not be read; undefined when none. */
function invalidDates(record: CslRecord): string | undefined {
  const fields = Object.entries(record.invalidDates ?? {})
  if (fields.length === 0) return undefined
  return fields.map(([field, value]) => `CSL ${field} ${JSON.stringify(shortText(value))} is not a date`).join(', ')
}

/** Third-party text in a note: one line, bounded. */
function shortText(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, ' ')
  return line.length > 40 ? `${line.slice(0, 37)}...` : line
}
