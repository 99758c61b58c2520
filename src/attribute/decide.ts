/** The precedence rule (README "Precedence"): which claim decides a person's organisation on a given day. */
import {wholeYearsBetween} from '../core/dates.js'
import type {Attribution, Claim, EvidenceSource} from '../core/model.js'
import {spellingKey} from './spelling.js'

/** A claim is valid on `day` when from <= day < until (absent bounds are open). */
export function isValidOn(claim: Claim, day: string): boolean {
  return (!claim.from || claim.from <= day) && (!claim.until || day < claim.until)
}

export interface DecideOptions {
  /** An affiliation-file period with no end that started more than this many years before the day is stale. */
  staleAfterYears?: number
}

export const DEFAULT_STALE_AFTER_YEARS = 5

/**
 * An affiliation-file claim with no end date that started more than `years` before the day: gitdm's "from"
 * lines are rarely closed when people move on, so an old open period is weak evidence of the present.
 */
export function isStale(claim: Claim, day: string, years = DEFAULT_STALE_AFTER_YEARS): boolean {
  if (claim.source !== 'gitdm' || !claim.from || claim.until) return false
  // The day `years` after the start (2019-03-01 + 5 → 2024-03-01): later days are more than `years` after it.
  const anniversary = `${String(Number(claim.from.slice(0, 4)) + years).padStart(4, '0')}${claim.from.slice(4)}`
  return day > anniversary
}

/**
 * The deciding claim is chosen in four tiers, each in source order (`order`, highest precedence first); within
 * a source the lowest rank wins, and if its valid claims name several organisations the result is `ambiguous`
 * (the winner kept, the others listed):
 * 1. sources whose winning claim is fresh (not stale) and not weak;
 * 2. sources whose winning claim is stale (ranked below fresher evidence of any other source);
 * 3. weak evidence (public organisation membership), used only when nothing else claims the person that day;
 * 4. claims read backwards (`backdated`: a governance file's statement before its revision), after all others.
 * Staleness never reorders a source's own claims: with gitdm alone the winner is gitdm's, as before.
 */
export function decide(
  claims: readonly Claim[],
  day: string | undefined,
  order: readonly EvidenceSource[],
  options: DecideOptions = {},
): Attribution {
  const valid = day ? claims.filter((claim) => isValidOn(claim, day)) : []
  const passes = [valid.filter((claim) => !claim.backdated), valid.filter((claim) => claim.backdated)]
  const winners = passes.flatMap((pass, backdated) =>
    order.flatMap((source) => {
      const candidates = pass.filter((claim) => claim.source === source).sort(byRank)
      if (candidates.length === 0) return []
      const stale = isStale(candidates[0], day as string, options.staleAfterYears)
      const tier = backdated ? 4 : candidates[0].weak ? 3 : stale ? 2 : 1
      return [{candidates, stale, tier}]
    }),
  )
  const chosen = [1, 2, 3, 4].map((tier) => winners.find((w) => w.tier === tier)).find((w) => w !== undefined)
  if (!chosen) return {organization: null, resolution: 'unknown', known: claims.length > 0}
  const winner = chosen.candidates[0]
  const others = new Map<string, string>()
  for (const claim of chosen.candidates) {
    const key = spellingKey(claim.organization)
    if (key !== spellingKey(winner.organization) && !others.has(key)) others.set(key, claim.organization)
  }
  const attribution: Attribution = {
    organization: winner.organization,
    claim: winner,
    resolution: others.size ? 'ambiguous' : 'ok',
  }
  if (others.size) attribution.alternatives = [...others.values()].sort()
  const age = winner.from && day ? wholeYearsBetween(winner.from, day) : 0
  if (age >= 1) attribution.ageYears = age
  if (chosen.stale) attribution.stale = true
  return attribution
}

function byRank(a: Claim, b: Claim): number {
  return (a.rank ?? 0) - (b.rank ?? 0)
}
