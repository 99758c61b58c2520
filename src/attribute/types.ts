import type {Claim, CollectedProject, EvidenceSource, RoleHolder} from '../core/model.js'
import type {Acquisition} from './acquisitions.js'
import type {BotMatcher} from './bots.js'
import type {EntityIndex} from '../entities/index.js'
import type {FileProblem} from './sources/gitdm/parse.js'
import type {GitdmIndex} from './sources/gitdm/load.js'
import type {OverrideEntry} from './sources/override/load.js'

/**
 * What attribution needs from the organisation data (`loadEntities()`): lookups by exact normalised name or
 * alias, by email domain (sub-domains included) and by GitHub organisation, with the citations of each match.
 */
export type EntityLookup = Pick<EntityIndex, 'byName' | 'matchName' | 'matchDomain' | 'matchGithubOrg'>

/** The person one lookup is about: a commit author (email, maybe logins) or a role holder (login). */
export interface Subject {
  /** Lower-cased GitHub login known for the person (API commit author, or role holder). */
  login?: string
  /** Lower-cased login carried by a GitHub noreply address. */
  noreplyLogin?: string
  /** Lower-cased author email. */
  email?: string
}

/** Inputs of the project being attributed that some sources read (profiles, governance roles). */
export interface ProjectEvidence {
  project: CollectedProject
  roles: readonly RoleHolder[]
  /**
   * Lower-cased author e-mail → the first (by sha) commit GitHub verified as signed by that address's account,
   * committed by its own author (the signature covers the committer: README "Forged evidence").
   */
  signed: ReadonlyMap<string, string>
  /** Organisation accounts the project's profiles name as their employer: handle → declaring logins. */
  declaredEmployers: ReadonlyMap<string, readonly string[]>
}

/** One evidence source: explicit, citable claims about a subject. Never inferred from names or places. */
export interface EvidenceSourcePlugin {
  id: EvidenceSource
  description: string
  /** Every claim the source holds about the subject, dated where the evidence is; organisation as written. */
  claims(subject: Subject, context: AttributionContext, evidence: ProjectEvidence): Claim[]
  /** The login the source joins the subject's email to (gitdm headers), when it knows one. */
  login?(subject: Subject, context: AttributionContext): string | undefined
}

export interface AttributionContext {
  /** Enabled sources, highest precedence first. */
  sources: readonly EvidenceSourcePlugin[]
  gitdm?: GitdmIndex
  acquisitions: readonly Acquisition[]
  overrides: readonly OverrideEntry[]
  entities?: EntityLookup
  bots: BotMatcher
  /**
   * An affiliation-file period with no end that started more than this many years before the day is stale and
   * ranks below fresher evidence (README "Precedence"); default 5.
   */
  staleAfterYears: number
  /** Unreadable lines of the evidence files: reported, never fatal. */
  problems: FileProblem[]
}
