/**
 * Affiliations governance files declare next to a person: MAINTAINERS tables with a company column, README role
 * lists "[Name](https://github.com/login), Company", Flux-style "Name, Company <email> (github: @login)" lines,
 * organisation member tables, a foundation's maintainer list (CNCF project-maintainers.csv).
 *
 * Dated by the file's revision (README "Dates of governance evidence"): a declaration is evidence as of the day the
 * file last changed (the window's last day when the collector could not tell). From that day on it ranks as
 * `governance` in the precedence order; before it, it is read backwards: a `backdated` claim that decides only
 * when no source has anything else (the lowest precedence), marked with its date so a reader sees it.
 */
import {lastDayBefore} from '../../../core/dates.js'
import {type Claim, type GovernancePlace, INDEPENDENT} from '../../../core/model.js'
import {declarationStands, employerWords} from '../../employer-words.js'
import type {EvidenceSourcePlugin} from '../../types.js'

/** How each place's declaration is labelled in the evidence (`method`). */
const LABELS: Record<GovernancePlace, string> = {
  repository: 'login',
  project: 'login, project repository file',
  pointer: 'login, file the project points to',
  organisation: 'login, organisation governance file',
  foundation: 'login, foundation maintainers list',
}

/** Within the source, the closest place's declaration ranks first (the repository's own file before a foundation's). */
const PLACE_RANK: Record<GovernancePlace, number> = {
  repository: 0,
  project: 1,
  pointer: 2,
  organisation: 3,
  foundation: 4,
}

export const source: EvidenceSourcePlugin = {
  id: 'governance',
  description: 'company declared next to a maintainer in governance files (repository, organisation, foundation)',
  claims(subject, context, evidence) {
    const claims: Claim[] = []
    const logins = [subject.login, subject.noreplyLogin].filter(Boolean)
    const windowEnd = lastDayBefore(evidence.project.window.until)
    evidence.roles.forEach((holder, rank) => {
      const declared = holder.declaredAffiliation?.trim()
      // An emeritus table's company is the one they had while serving: stale, so not evidence.
      if (!declared || holder.role === 'emeritus' || !logins.includes(holder.login.toLowerCase())) return
      // "Self-employed" is no employer, "N/A" or "Student" says nothing: read as a profile's company is (../../employer-words.ts).
      const words = employerWords(declared)
      if (words === 'none') return
      // Written only beside the person ("[Ada Lovelace](link) (London)" reads as "(Isovalent)" does): a company only
      // when the organisation data knows the name, or it says no employer; unknown otherwise, never a guess.
      if (!declarationStands(holder, context.entities, {words})) return
      const claim: Claim = {
        person: holder.login.toLowerCase(),
        organization: words === 'independent' ? INDEPENDENT : declared,
        source: 'governance',
        confidence: 'medium',
        citation: holder.source,
        method: LABELS[holder.place ?? 'repository'],
        rank: PLACE_RANK[holder.place ?? 'repository'] * evidence.roles.length + rank,
      }
      const asOf = holder.declaredAsOf ?? windowEnd
      if (!asOf) {
        claims.push(claim)
        return
      }
      claims.push({...claim, from: asOf, asOf}, {...claim, until: asOf, asOf, backdated: true})
    })
    return claims
  },
}
