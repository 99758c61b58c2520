import {usageError} from '../core/errors.js'
import type {ScanError} from '../core/model.js'
import {type Acquisition, loadAcquisitions} from './acquisitions.js'
import {botMatcher, loadBotRules} from './bots.js'
import {DEFAULT_STALE_AFTER_YEARS} from './decide.js'
import type {EvidenceText} from './evidence-text.js'
import {sources as registered} from './registry.js'
import type {FileProblem} from './sources/gitdm/parse.js'
import {type GitdmIndex, loadGitdm} from './sources/gitdm/load.js'
import {loadOverrides, type OverrideEntry} from './sources/override/load.js'
import type {AttributionContext, EntityLookup} from './types.js'

export interface AttributionOptions {
  /**
   * cncf/gitdm `developers_affiliations*.txt` files, in gitdm order (`--affiliations`, repeatable): paths, or
   * texts already fetched (`stewards affiliations update`), named for their citations.
   */
  affiliations?: Array<string | EvidenceText>
  /** cncf/gitdm `companies.yaml`: acquisition renames (a path or a fetched text). */
  companies?: string | EvidenceText
  /** The user's `affiliations.yaml` overrides. */
  overrides?: string
  /** Organisation data (`loadEntities()`): email domains, GitHub orgs, names and aliases. */
  entities?: EntityLookup
  /** Evidence sources to use (ids); default all. Precedence stays the registry order. */
  sources?: string[]
  /** Further bot accounts: logins, emails or author names. */
  bots?: string[]
  /** Bot rule files (`--bots`), read after the shipped `rules/bots/default.yaml`. */
  botFiles?: string[]
  /** Years after which an open affiliation-file period is stale (default 5). */
  staleAfterYears?: number
}

/**
 * Reads every evidence file once. Unreadable or invalid files are usage errors naming the file (and line); an
 * `--affiliations` file with no usable gitdm record at all is one too. Bad lines of an otherwise usable gitdm
 * file are kept in `problems` (see `attributionErrors`).
 */
export async function loadAttributionContext(options: AttributionOptions = {}): Promise<AttributionContext> {
  const enabled = selectSources(options.sources)
  const problems: FileProblem[] = []
  let gitdm: GitdmIndex | undefined
  if (options.affiliations?.length) {
    const loaded = await loadGitdm(options.affiliations)
    gitdm = loaded.index
    problems.push(...loaded.problems)
  }
  const acquisitions: Acquisition[] = options.companies ? await loadAcquisitions(options.companies) : []
  const overrides: OverrideEntry[] = options.overrides ? await loadOverrides(options.overrides) : []
  return {
    sources: enabled,
    gitdm,
    acquisitions,
    overrides,
    entities: options.entities,
    bots: botMatcher(await loadBotRules(options.botFiles ?? []), options.bots),
    staleAfterYears: options.staleAfterYears ?? DEFAULT_STALE_AFTER_YEARS,
    problems,
  }
}

/**
 * The evidence files' unreadable lines, in the shape of `ScanResult.errors` (code `invalid-affiliation`), in
 * file order then line order as read. The lines were skipped; the rest of each file was used.
 */
export function attributionErrors(context: Pick<AttributionContext, 'problems'>): ScanError[] {
  return context.problems.map(({file, line, message}) => ({
    file,
    ...(line === undefined ? {} : {line}),
    code: 'invalid-affiliation',
    message,
  }))
}

function selectSources(ids: string[] | undefined) {
  if (!ids) return registered
  const known = registered.map((source) => source.id)
  for (const id of ids) {
    if (!known.includes(id as (typeof known)[number])) {
      throw usageError('unknown-source', `unknown evidence source '${id}'`, `known sources: ${known.join(', ')}`)
    }
  }
  return registered.filter((source) => ids.includes(source.id))
}
