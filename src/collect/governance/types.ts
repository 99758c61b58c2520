import type {RoleHolder} from '../../core/model.js'
import type {Problem} from '../../core/problem.js'

/** The kind of governance file, from its name (README.md only counts for its role lists). */
export type GovernanceKind = 'owners' | 'owners-aliases' | 'maintainers' | 'codeowners' | 'readme' | 'security-contacts'

/** A role holder with where exactly the file names them. `source` reads `file:line`. */
export interface GovernanceRole extends RoleHolder {
  file: string
  line: number
  kind: GovernanceKind
  /** Heading, list label, OWNERS key or CODEOWNERS pattern the person is listed under. */
  section?: string
  /** OWNERS_ALIASES entry the login came through (`file:line alias`). */
  via?: string
}

/** A team named where people are expected (`@org/team` in CODEOWNERS or a README label). */
export interface TeamReference {
  team: string
  file: string
  line: number
  section?: string
}

/** Something a governance file says that could not be read: the shared `Problem`. */
export type GovernanceProblem = Problem

export interface GovernanceParse {
  roles: GovernanceRole[]
  teams: TeamReference[]
  problems: GovernanceProblem[]
}
