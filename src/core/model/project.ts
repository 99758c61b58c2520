/** Raw data collected per upstream repository (OpenSSF Scorecard's "raw" layer): no judgement here. */

/** `github.com/owner/name` style key; host lower-case, owner/name as GitHub spells them. */
export type RepoKey = string

export interface Signature {
  name: string
  email: string
  /** ISO 8601 as reported (offset kept). */
  date: string
}

export interface CommitRecord {
  sha: string
  author: Signature
  committer: Signature
  /** GitHub login of the author as the forge knows it, or null. */
  login: string | null
}

export interface GovernanceFile {
  /** Path in the repository, e.g. `OWNERS`, `.github/CODEOWNERS`, `external/owner__repo/MAINTAINERS`. */
  path: string
  content: string
}

export interface Profile {
  login: string
  name?: string | null
  company?: string | null
  blog?: string | null
  email?: string | null
  createdAt?: string | null
  /** Public organisation memberships (logins). */
  orgs?: string[]
}

export interface RepoFacts {
  fullName: string
  archived: boolean
  fork: boolean
  defaultBranch: string
  createdAt?: string
  pushedAt?: string
  license?: string | null
  /** Set when the forge redirected (renamed or transferred repository). */
  renamedFrom?: string
}

export type ProjectStatus = 'ok' | 'empty' | 'unavailable' | 'partial'

export interface Window {
  /** Inclusive, ISO 8601 UTC. */
  since: string
  /** Exclusive, ISO 8601 UTC. */
  until: string
}

/** The parts of a project that are collected, in the order they are collected; any of them can fail to be read. */
export const DATA_PARTS = ['facts', 'commits', 'governance', 'profiles'] as const
export type DataPart = (typeof DATA_PARTS)[number]

export interface CollectedProject {
  repo: RepoKey
  source: 'github' | 'git' | 'snapshot'
  status: ProjectStatus
  /** Why a project is unavailable or partial (404, 451, timeout, rate limit...). */
  reason?: string
  facts?: RepoFacts
  /**
   * Parts that could not be read (rate limit, timeout, offline cache miss): metrics built on them are unknown
   * (null), never "absent". Empty or missing when everything was read.
   */
  missing?: DataPart[]
  window: Window
  commits: CommitRecord[]
  governance: GovernanceFile[]
  profiles: Record<string, Profile>
}

/** A person named with a role by a governance file. */
export type Role =
  | 'owner'
  | 'maintainer'
  | 'approver'
  | 'reviewer'
  | 'committer'
  | 'codeowner'
  | 'security-contact'
  | 'triager'
  | 'emeritus'

export interface RoleHolder {
  login: string
  role: Role
  /** Governance file (and section) that names them. */
  source: string
  /** Company the file itself declares for them, if any (MAINTAINERS tables). */
  declaredAffiliation?: string | null
}
