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
  /**
   * GitHub's signature verification of the commit (`commit.verification.verified` of the REST commit list): true
   * when GitHub verified the signature against a key and a verified e-mail of the committer's account. Absent when
   * not read (local git, recordings without it): never read as false.
   */
  verified?: boolean
}

/**
 * Where a governance file was found: the repository itself, another repository of the same project (listed in
 * the collector, e.g. containerd/project), a repository a MAINTAINERS file or README points to, the
 * organisation's community repositories (`<org>/community`, `<org>/governance`, `<org>/.github`), a foundation's
 * list of its projects' maintainers.
 */
export type GovernancePlace = 'repository' | 'project' | 'pointer' | 'organisation' | 'foundation'

export interface GovernanceFile {
  /** Path in the repository, e.g. `OWNERS`, `.github/CODEOWNERS`, `external/owner__repo/MAINTAINERS`. */
  path: string
  content: string
  /** Files of another repository (path `external/<owner>__<repo>/...`); absent for the repository's own files. */
  origin?: {
    place: Exclude<GovernancePlace, 'repository'>
    /** `github.com/owner/name` of the repository holding the file. */
    repo: RepoKey
    /** Pointer: the `file:line` that points there. */
    via?: string
    /**
     * Organisation and foundation files: `project` when only the parts about the scanned repository were kept
     * (rows of a table with a project column, a section or key named after it), `organisation` for a list that
     * covers the whole organisation.
     */
    scope?: 'project' | 'organisation'
  }
  /**
   * The file's revision: the last commit that changed it, at or before the commit it was read at, when the
   * source can tell (GitHub GraphQL, local git); its claims are evidence as of that date. Absent: as of the
   * window end.
   */
  revision?: {sha?: string; date: string}
}

/** One place the collector looked for governance files (reports say where stewards looked). */
export interface GovernanceSearch {
  place: GovernancePlace
  /** `github.com/owner/name`, or `github.com/owner/name/path` for a single file (a foundation's list). */
  repo: string
  /** The place was searched but could not be read (then `missing` lists `governance` too). */
  unread?: boolean
}

/** Members of a GitHub team named where people are expected (`@org/team` in CODEOWNERS). */
export interface TeamMembers {
  /** Logins, or null when the API did not show the members with the given token (not "nobody"). */
  members: string[] | null
  reason?: string
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

/**
 * The GitHub organisation account a profile names as `@handle` in its company field (`GET /orgs/{org}`): the
 * organisation's identity comes from its own account, never from the person's wording.
 */
export interface OrgAccount {
  login: string
  /** False when GitHub has no organisation by that login (a person's account, or nothing). */
  organization: boolean
  name?: string | null
  /** The website the organisation gives (`blog`). */
  blog?: string | null
  /** GitHub's verified-domain badge (`is_verified`), when the API shows it. */
  isVerified?: boolean | null
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
  /** Where governance files were looked for, in the order searched; absent in older recordings. */
  searched?: GovernanceSearch[]
  /** CODEOWNERS teams that stand for the maintainers, by `org/team`, with their members when visible. */
  teams?: Record<string, TeamMembers>
  profiles: Record<string, Profile>
  /** Organisation accounts named as `@handle` by the profiles' company fields, by lower-case login. */
  orgAccounts?: Record<string, OrgAccount>
}

/** Affiliation files read from a GitHub repository at one commit (`stewards affiliations update`). */
export interface AffiliationFileSet {
  /** `owner/name` of the repository the files were read from (cncf/gitdm). */
  repo: string
  /** The commit they were read at, and its committer date (ISO 8601). */
  commit: string
  date: string
  /** `developers_affiliationsN.txt` in gitdm order (N ascending). */
  files: Array<{path: string; text: string}>
  /** `src/companies.yaml` (acquisition renames), when the repository has it. */
  companies?: {path: string; text: string}
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
  /**
   * The company is only written beside the person (`[Name](link), Company`, `[Name] (Company)`), where a location, a
   * name or a note may stand as well: evidence only when the organisation data knows the name (or it says no employer).
   */
  declaredBeside?: true
  /** YYYY-MM-DD of the declaring file's revision: the declared company is evidence as of that day. */
  declaredAsOf?: string
  /** Where the declaring file was found (absent: the repository itself). */
  place?: GovernancePlace
  /**
   * Named by e-mail address only, and no commit links the address to a GitHub account: `login` is the name the file
   * gives (`Jane Doe <…@example.org>`, never a GitHub login), and the organisation is unknown.
   */
  unidentified?: true
}
