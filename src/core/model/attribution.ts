/** Organisations, evidence and attributions. Claims about real people: explicit evidence only. */

export interface ListMembership {
  list: string
  since?: string | null
  source: string
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
}

/** The organisation decided for one commit or one role holder, with the claim that decided it. */
export interface Attribution {
  /** Organisation display name, `Independent`, or null when unknown. */
  organization: string | null
  /** Entity id from rules/entities when the name maps to one. */
  entityId?: string | null
  claim?: Claim
}

export interface AttributedCommit {
  sha: string
  /** Identity: lower-cased login, else lower-cased email. */
  person: string
  date: string
  bot: boolean
  attribution: Attribution
}

export interface AttributedRoleHolder {
  login: string
  role: string
  source: string
  declaredAffiliation?: string | null
  attribution: Attribution
}

export interface AttributedProject {
  repo: string
  commits: AttributedCommit[]
  roles: AttributedRoleHolder[]
  bots: Record<string, number>
}
