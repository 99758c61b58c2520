import type {GovernanceFile, GovernancePlace, RoleHolder} from '../../core/model.js'
import type {Problem} from '../../core/problem.js'

/** The id of the governance source (plug-in folder under ./sources/) that read a role holder's file. */
export type GovernanceKind = string

/** A role holder with where exactly the file names them. `source` reads `file:line`. */
export interface GovernanceRole extends RoleHolder {
  file: string
  line: number
  kind: GovernanceKind
  /** Heading, list label, OWNERS key or CODEOWNERS pattern the person is listed under. */
  section?: string
  /** OWNERS_ALIASES entry the login came through (`file:line alias`), or the team (`@org/team`). */
  via?: string
  /** Organisation files: `organisation` when the list covers the whole organisation, not the project alone. */
  scope?: 'project' | 'organisation'
}

/** A team named where people are expected (`@org/team` in CODEOWNERS or a README label). */
export interface TeamReference {
  team: string
  file: string
  line: number
  section?: string
}

/** Something a governance file says that could not be read: the shared `Problem`. */
export interface GovernanceProblem extends Problem {
  /** The file could not be read completely (too large, YAML alias bomb, syntax error): the run is incomplete. */
  unread?: boolean
}

/**
 * A person a file names by e-mail address only (`Name <address>`, gunicorn's MAINTAINERS): a role holder once a
 * commit of the project authored with that address belongs to a GitHub account (`linkAddressedRoles`, ../index.ts).
 */
export interface AddressedRole extends Omit<GovernanceRole, 'login'> {
  name: string
  email: string
}

export interface GovernanceParse {
  roles: GovernanceRole[]
  teams: TeamReference[]
  problems: GovernanceProblem[]
  /** People named by address only (plain-text MAINTAINERS files). */
  addressed?: AddressedRole[]
}

/** The repository being scanned, as organisation and foundation sources match it. */
export interface ProjectRef {
  /** `github.com` or a GitHub Enterprise host. */
  host: string
  owner: string
  name: string
}

/** A MAINTAINERS file or README saying the list lives in another repository (followed once, same host). */
export interface Pointer {
  owner: string
  name: string
  /** The file pointed to, when the link names one (`blob/<ref>/<path>`); else the repository's usual files. */
  path?: string
  /** `file:line` of the link. */
  from: string
}

/** What an organisation or foundation file says about one project (other lines blanked: line numbers hold). */
export interface Extracted {
  content: string
  scope: 'project' | 'organisation'
}

/** A repository an organisation or foundation source reads, and which of its files. */
export interface SourceLocation {
  owner: string
  name: string
  paths: readonly string[]
  /**
   * `organisation`: the same for every repository of the organisation (read once per organisation in a run);
   * `run`: the same for every repository (read once per run); `project`: paths that name the project.
   */
  shared: 'organisation' | 'run' | 'project'
}

export interface ParseContext {
  /** Every governance file of the project (an OWNERS file reads the OWNERS_ALIASES beside it). */
  files: readonly GovernanceFile[]
  /** The file's path inside its own repository (without `external/<owner>__<repo>/`). */
  path: string
  /** The scanned repository, when known (organisation files keep only the parts about it). */
  project?: ProjectRef
}

/**
 * A governance source: one place where projects keep the names of their maintainers (a folder under ./sources/,
 * registered in ../registry.ts). Repository sources read files of the project's own repositories; organisation
 * and foundation sources name the repositories they read (`locations`) and keep only what concerns the project
 * (`extract`, run by the collector so that collected data stays per project).
 */
export interface GovernanceSource {
  id: string
  description: string
  place: Extract<GovernancePlace, 'repository' | 'organisation' | 'foundation'>
  /** Paths a forge is asked for, spelled exactly (the case variants a reader accepts included). */
  paths: readonly string[]
  /** Whether the source reads the file at `path` (relative to its repository's root). */
  matches(path: string): boolean
  /**
   * Whether the source reads a file of the scanned repository at `path` reached only through a pointer on that
   * repository's own README (../sources/linked), which `matches` does not read where found (a vendored copy).
   */
  pointedFrom?(path: string): boolean
  parse?(file: GovernanceFile, context: ParseContext): GovernanceParse
  /**
   * The file is code or data whose meaning spans lines (a comment, a string): a line too long to read
   * (./limits.ts MAX_GOVERNANCE_LINE) would change what the others mean (the end of a comment emptied, what it
   * commented out named), so such a file is not read at all.
   */
  wholeLinesOnly?: boolean
  /**
   * Whether the file may name anyone at all, asked of its whole text before the size and line limits: one that
   * cannot (a package.json that never says "maintainers") is not read, so a limit it would break leaves nothing
   * unread.
   */
  mayName?(content: string): boolean
  /** Links saying the list lives elsewhere (a MAINTAINERS file naming nobody, a README maintainers section). */
  pointers?(file: GovernanceFile, parsed: GovernanceParse, context: ParseContext): Pointer[]
  /** Organisation and foundation sources: the repositories they read for this project. */
  locations?(project: ProjectRef): SourceLocation[]
  /** Organisation and foundation sources: the part of a file about the project, or undefined when none. */
  extract?(file: GovernanceFile, project: ProjectRef): Extracted | undefined
}
