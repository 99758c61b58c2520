/** Organisations, evidence and attributions. Claims about real people: explicit evidence only. */
import type {GovernancePlace} from './project.js'

export interface ListMembership {
  list: string
  /** YYYY-MM-DD, or YYYY-MM / YYYY where the source gives no more; null when undated. */
  since?: string | null
  /** End of the listing (exclusive), when removed or expired. */
  until?: string | null
  source: string
  /** Every URL supporting the listing (`source` is the first). */
  citations?: string[]
  /** The name under which the list names the party. */
  listedName?: string
  /** Set when inherited through the parent chain: id of the listed ancestor. An inference: label it so. */
  inheritedFrom?: string
}

export interface Organization {
  id: string
  name: string
  aliases: string[]
  domains: string[]
  githubOrgs: string[]
  parent?: string | null
  /** ISO 3166-1 alpha-2. */
  country?: string | null
  lists: ListMembership[]
  kind?: 'company' | 'foundation' | 'project' | 'community' | 'unknown'
  /** Domains known only as the organisation's website (not as e-mail evidence): never attribute by default. */
  websites?: string[]
  /** How the organisation belongs to `parent`: `subsidiary`, `acquired`... */
  parentRelation?: string
  /** When the parent link began (acquisition completed); null or absent when undated. */
  parentSince?: string | null
  /** Only where notable, e.g. ceased operations. */
  status?: string
}

export type EvidenceSource = 'override' | 'gitdm' | 'governance' | 'email-domain' | 'profile-company' | 'org-membership'

/** A dated statement that a person worked for an organisation; from inclusive, until exclusive (YYYY-MM-DD). */
export interface Claim {
  person: string
  organization: string
  from?: string
  until?: string
  source: EvidenceSource
  confidence: 'high' | 'medium' | 'low'
  /** Where the claim comes from: file and line, URL, API field. */
  citation: string
  /** Organisation as the evidence writes it, before acquisitions and spelling merges. */
  raw?: string
  /** How the person was matched to the evidence: `email`, `noreply-login`, `login`, `domain`... */
  method?: string
  /** Order among valid claims of one source, lower wins (gitdm: earlier block, then later line). */
  rank?: number
  /**
   * The organisation is as the person declared it (a profile's `@handle` organisation account or free-text
   * company) and the organisation data does not name it: counted for concentration, never matched to a list,
   * a country or a parent.
   */
  selfDeclared?: boolean
  /** E-mail domain claims: what vouches for the address (README "Forged evidence"). */
  verification?: ClaimVerification
  /** Weak evidence, used only when no other source claims the person (public organisation membership). */
  weak?: boolean
  /** YYYY-MM-DD the evidence states the claim as of (a governance file's revision). */
  asOf?: string
  /**
   * The claim is read backwards: valid before `asOf` only as the lowest-precedence claim (after every source's
   * dated or per-commit claims), so a reader sees an older commit was attributed from a later statement.
   */
  backdated?: boolean
}

/** What vouches for an e-mail-domain claim: a commit e-mail alone is self-asserted (anyone can write any address). */
export interface ClaimVerification {
  /** `verified` when at least one voucher holds; `unverified` when nothing vouches for the address. */
  status: 'verified' | 'unverified'
  vouchedBy?: Voucher[]
}

export interface Voucher {
  /**
   * `commit-signature`: GitHub verified a signature of a commit by this address, committed by its author;
   * `public-email`: the address is the public e-mail of the GitHub account the commit is linked to;
   * `affiliation-file`: an affiliation file (gitdm, overrides) lists the address.
   */
  kind: 'commit-signature' | 'public-email' | 'affiliation-file'
  /** The commit, profile or file line that vouches. */
  citation: string
}

/** ok: one organisation; ambiguous: the deciding source names several (the lowest rank wins); unknown: no valid claim. */
export type AttributionResolution = 'ok' | 'ambiguous' | 'unknown'

/** The organisation of people who say they work for no employer (freelance, self-employed): a known answer, not unknown. */
export const INDEPENDENT = 'Independent'

/** The organisation decided for one commit or one role holder, with the claim that decided it. */
export interface Attribution {
  /** Organisation display name, `Independent` (see INDEPENDENT), or null when unknown. */
  organization: string | null
  /** Entity id from rules/entities when the name maps to one. */
  entityId?: string | null
  claim?: Claim
  resolution?: AttributionResolution
  /** When ambiguous: the other organisations the deciding source names at that date. */
  alternatives?: string[]
  /** When unknown: whether any source knows the person at all (false: nothing matched them). */
  known?: boolean
  /** Whole years from the deciding claim's start (`from`) to the day attributed, from one year on. */
  ageYears?: number
  /**
   * The deciding claim is an affiliation-file period with no end that started more than the configured number of
   * years before the day: kept only because no fresher evidence claims the person.
   */
  stale?: boolean
}

export interface AttributedCommit {
  sha: string
  /** Identity: lower-cased login, else lower-cased email. */
  person: string
  date: string
  bot: boolean
  attribution: Attribution
  /** Author as written in the commit (public commit metadata). */
  authorName?: string
  authorEmail?: string
}

export interface AttributedRoleHolder {
  login: string
  role: string
  source: string
  declaredAffiliation?: string | null
  /** YYYY-MM-DD of the declaring file's revision: the declared company is evidence as of that day. */
  declaredAsOf?: string
  /** Where the file naming them was found (absent: the repository itself). */
  place?: GovernancePlace
  /** RoleHolder.unidentified: no GitHub account is known for them; `login` is the name the file gives. */
  unidentified?: true
  attribution: Attribution
}

export interface AttributedProject {
  repo: string
  commits: AttributedCommit[]
  roles: AttributedRoleHolder[]
  /** Bot commits per bot identity (`name <email>`): kept out of people metrics but counted. */
  bots: Record<string, number>
  /** Per bot identity, the rule that marked it as automation (`id: why (file:line)`), or gitdm's `(Robots)`. */
  botRules?: Record<string, string>
  /** Day (YYYY-MM-DD, UTC) at which role holders were attributed. */
  asOf?: string
}

/** One unattributed author whose evidence would raise coverage (`stewards people --wanted`, reports). */
export interface WantedPerson {
  /** Identity: lower-cased login, else lower-cased e-mail. */
  person: string
  /** GitHub login, when the commits give one. */
  login?: string
  emails: string[]
  names: string[]
  /** Human commits of the window whose organisation is unknown. */
  commits: number
  /** UTC days of their first and last such commit. */
  first: string
  last: string
}

/** Who would change a coverage too low to judge: the few unattributed authors with most commits. */
export interface EvidenceWanted {
  humanCommits: number
  attributedCommits: number
  /** Distinct unattributed authors in all. */
  unknownPeople: number
  people: WantedPerson[]
  /** Their unknown commits together, and that share of human commits. */
  commits: number
  share: number
  /** Commit coverage now, and once these people are attributed. */
  coverage: number
  coverageAfter: number
  /** A ready-to-fill `affiliations.yaml` (`--overrides`) with one entry per person, organisations left empty. */
  snippet: string
}
