/** The precedence rule (README "Precedence"): which claim decides a person's organisation on a given day. */
import type {Attribution, Claim, EvidenceSource} from '../core/model.js'
import {spellingKey} from './spelling.js'

/** A claim is valid on `day` when from <= day < until (absent bounds are open). */
export function isValidOn(claim: Claim, day: string): boolean {
  return (!claim.from || claim.from <= day) && (!claim.until || day < claim.until)
}

/**
 * The first source in `order` with a claim valid on `day` decides; within it the lowest rank wins. If its
 * valid claims name several organisations the result is `ambiguous` (the winner is kept, the others listed).
 * Claims read backwards (`backdated`: a governance file's statement before its revision) come after all others.
 */
export function decide(
  claims: readonly Claim[],
  day: string | undefined,
  order: readonly EvidenceSource[],
): Attribution {
  const valid = day ? claims.filter((claim) => isValidOn(claim, day)) : []
  const passes = [valid.filter((claim) => !claim.backdated), valid.filter((claim) => claim.backdated)]
  for (const [pass, source] of passes.flatMap((pass) => order.map((source) => [pass, source] as const))) {
    const candidates = pass.filter((claim) => claim.source === source).sort(byRank)
    if (candidates.length === 0) continue
    const winner = candidates[0]
    const others = new Map<string, string>()
    for (const claim of candidates) {
      const key = spellingKey(claim.organization)
      if (key !== spellingKey(winner.organization) && !others.has(key)) others.set(key, claim.organization)
    }
    const attribution: Attribution = {
      organization: winner.organization,
      claim: winner,
      resolution: others.size ? 'ambiguous' : 'ok',
    }
    if (others.size) attribution.alternatives = [...others.values()].sort()
    return attribution
  }
  return {organization: null, resolution: 'unknown', known: claims.length > 0}
}

function byRank(a: Claim, b: Claim): number {
  return (a.rank ?? 0) - (b.rank ?? 0)
}
