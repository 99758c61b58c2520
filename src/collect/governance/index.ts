/**
 * Governance files → role holders, from every place projects keep them (README "Maintainers"): the repository,
 * another repository of the project or one a pointer leads to, the organisation's community repositories, a
 * foundation's list. Each place and file kind is a governance source (./sources/<id>/, ./registry.ts); "the
 * maintainers" are chosen by one rule (./select.ts). Files larger than the cap (./limits.ts) are not read.
 */
import type {CollectedProject, GovernanceFile, GovernancePlace, GovernanceSearch, RoleHolder} from '../../core/model.js'
import {appendAll} from '../../core/arrays.js'
import {compare} from '../../core/compare.js'
import {utcDay} from '../../core/dates.js'
import {linkAddressedRoles} from './addressed.js'
import {boundedLines, MAX_GOVERNANCE_FILE_BYTES, MAX_GOVERNANCE_LINE, tooLarge} from './limits.js'
import {externalPrefix, inRoot, isProjectPlace, placeOf, root} from './paths.js'
import {governanceSources} from './registry.js'
import {type RoleGroup, selectMaintainers} from './select.js'
import type {
  GovernanceParse,
  GovernanceProblem,
  GovernanceRole,
  GovernanceSource,
  Pointer,
  ProjectRef,
  TeamReference,
} from './types.js'

export {MAX_GOVERNANCE_FILE_BYTES} from './limits.js'
export {readGovernanceDir} from './read-dir.js'
export {caseVariants, externalPrefix, inRoot, isGroupFile, placeOf, root} from './paths.js'
export {governanceSources} from './registry.js'
export {type RoleGroup, type RoleGroupId, roleGroups, selectMaintainers, selectRoles} from './select.js'
export type {
  AddressedRole,
  Extracted,
  GovernanceKind,
  GovernanceParse,
  GovernanceProblem,
  GovernanceRole,
  GovernanceSource,
  Pointer,
  ProjectRef,
  SourceLocation,
  TeamReference,
} from './types.js'

/** The people the governance files name, with their roles (teams and unreadable lines left out). */
export function parseGovernance(files: readonly GovernanceFile[], project?: ProjectRef): GovernanceRole[] {
  return parseGovernanceFiles(files, project).roles
}

/** Every role, team reference and problem, files in path order. */
export function parseGovernanceFiles(files: readonly GovernanceFile[], project?: ProjectRef): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const sorted = [...files].sort((a, b) => compare(a.path, b.path))
  for (const file of sorted) {
    const parsed = parseOne(file, sorted, project)
    if (!parsed) continue
    // Never spread: a hostile 1 MiB team page of `{},` is some 350,000 problems, past the call stack's limit.
    appendAll(result.roles, parsed.parse.roles)
    appendAll(result.teams, parsed.parse.teams)
    appendAll(result.problems, boundedProblems(file.path, parsed.parse.problems))
    if (parsed.parse.addressed) {
      result.addressed ??= []
      appendAll(result.addressed, parsed.parse.addressed)
    }
  }
  return result
}

/**
 * `problems` bounded per file as a file's parse problems are, sharing the file's budget with those already told
 * (`told`): at most MAX_PROBLEMS_PER_FILE in all, the rest counted in one more.
 */
function boundedPerFile(
  problems: readonly GovernanceProblem[],
  told: readonly GovernanceProblem[],
): GovernanceProblem[] {
  const byFile = new Map<string, GovernanceProblem[]>()
  for (const problem of problems) {
    const list = byFile.get(problem.file)
    if (list) list.push(problem)
    else byFile.set(problem.file, [problem])
  }
  const used = new Map<string, number>()
  for (const problem of told) used.set(problem.file, (used.get(problem.file) ?? 0) + 1)
  return [...byFile].flatMap(([file, list]) =>
    boundedProblems(file, list, Math.max(0, MAX_PROBLEMS_PER_FILE - (used.get(file) ?? 0))),
  )
}

/** Most problems told for one file; the rest are counted in one more (a report lists what a person can read). */
export const MAX_PROBLEMS_PER_FILE = 100

/** The first `limit` of a file's problems, the rest counted in one more. */
function boundedProblems(
  path: string,
  problems: readonly GovernanceProblem[],
  limit = MAX_PROBLEMS_PER_FILE,
): GovernanceProblem[] {
  if (problems.length <= limit) return [...problems]
  const kept = problems.slice(0, limit)
  const rest: GovernanceProblem = {
    file: path,
    message: `and ${problems.length - limit} more problems in this file, not listed`,
  }
  // A file not read completely keeps the run incomplete, wherever its problem stood.
  if (problems.slice(limit).some((problem) => problem.unread)) rest.unread = true
  kept.push(rest)
  return kept
}

/**
 * The governance source that reads a file found at its place (the first in registry order). A file the scanned
 * repository's own README points to (`pointedFrom`) is also read by the sources that read only such files.
 */
export function sourceOf(file: GovernanceFile, project?: ProjectRef): GovernanceSource | undefined {
  const place = placeOf(file)
  const path = inRoot(file.path)
  const pointed = fromOwnReadme(file, project)
  return governanceSources.find(
    (s) => s.parse && placeReads(s, place) && (s.matches(path) || (pointed && s.pointedFrom?.(path) === true)),
  )
}

const README_VIA = /^readme(\.(md|markdown))?:\d+$/i

/** A file read through a pointer on the scanned repository's own README (not another's), into that repository. */
function fromOwnReadme(file: GovernanceFile, project: ProjectRef | undefined): boolean {
  const origin = file.origin
  if (!project || origin?.place !== 'pointer' || !origin.via || !README_VIA.test(origin.via)) return false
  const own = `${project.host}/${project.owner}/${project.name}`.toLowerCase()
  return (
    origin.repo.toLowerCase() === own &&
    root(file.path).toLowerCase() === externalPrefix(project.owner, project.name).toLowerCase()
  )
}

function placeReads(source: GovernanceSource, place: GovernancePlace): boolean {
  return isProjectPlace(place) ? source.place === 'repository' : source.place === place
}

function parseOne(
  file: GovernanceFile,
  files: readonly GovernanceFile[],
  project: ProjectRef | undefined,
): {source: GovernanceSource; parse: GovernanceParse} | undefined {
  const source = sourceOf(file, project)
  if (!source?.parse) return undefined
  if (source.mayName && !source.mayName(file.content)) return {source, parse: {roles: [], teams: [], problems: []}}
  const bytes = Buffer.byteLength(file.content)
  if (bytes > MAX_GOVERNANCE_FILE_BYTES)
    return {
      source,
      parse: {roles: [], teams: [], problems: [{file: file.path, message: tooLarge(bytes), unread: true}]},
    }
  const read = bounded(file)
  if (source.wholeLinesOnly && read !== file)
    return {
      source,
      parse: {
        roles: [],
        teams: [],
        problems: [
          {
            file: file.path,
            message: `a line longer than ${MAX_GOVERNANCE_LINE} characters: not read (what spans lines, a comment or a string, would be misread without it)`,
            unread: true,
          },
        ],
      },
    }
  const parse = source.parse(read, {files: files.map(bounded), path: inRoot(file.path), project})
  const place = placeOf(file)
  const asOf = file.revision?.date ? utcDay(file.revision.date) : undefined
  for (const role of [...parse.roles, ...(parse.addressed ?? [])]) {
    if (place !== 'repository') role.place = place
    if (asOf) role.declaredAsOf = asOf
  }
  return {source, parse}
}

/** The file as the parsers read it: lines too long to name anyone emptied (./limits.ts MAX_GOVERNANCE_LINE). */
function bounded(file: GovernanceFile): GovernanceFile {
  const content = boundedLines(file.content)
  return content === file.content ? file : {...file, content}
}

/**
 * Links saying the maintainers are listed in another repository, from the project's own files (files read through
 * a pointer are never followed again): the collector follows them once, on the same host.
 */
export function pointersIn(files: readonly GovernanceFile[], project?: ProjectRef): Pointer[] {
  const found: Pointer[] = []
  for (const file of [...files].sort((a, b) => compare(a.path, b.path))) {
    const place = placeOf(file)
    if (place !== 'repository' && place !== 'project') continue
    const path = inRoot(file.path)
    const pointing = governanceSources.filter((s) => s.pointers && s.place === 'repository' && s.matches(path))
    if (pointing.length === 0) continue
    const parsed = parseOne(file, files, project)?.parse ?? {roles: [], teams: [], problems: []}
    for (const source of pointing)
      found.push(...(source.pointers?.(bounded(file), parsed, {files, path, project}) ?? []))
  }
  return found
}

/** What the collector reads for a project: repository paths, and the organisation and foundation locations. */
export function repositoryPaths(): string[] {
  const paths = governanceSources.filter((s) => s.place === 'repository').flatMap((s) => s.paths)
  return [...new Set([...paths, ...HEALTH_FILES])]
}

/** GitHub's community-health files we report on, where GitHub reads them (root, .github/, docs/). */
export const HEALTH_FILES = ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md', 'security.md'] as const

/** Everything the later stages need from a project's governance files. */
export interface ProjectGovernance {
  /** Role holders (an organisation-wide list's only when it gives the maintainers), team members included. */
  roles: GovernanceRole[]
  /** The maintainers; `holders` empty and no `teams`: unknown, and `searched` says where stewards looked. */
  maintainers: RoleGroup
  teams: TeamReference[]
  problems: GovernanceProblem[]
  searched: GovernanceSearch[]
}

export function governanceOf(project: CollectedProject): ProjectGovernance {
  const ref = projectRef(project.repo)
  const parsed = parseGovernanceFiles(project.governance, ref)
  const resolved = new Set<string>()
  // People named by address only, as linked through the commits or unidentified (./addressed.ts). Not from an
  // organisation's or a foundation's files: their lists name the people of many projects, whose addresses this
  // project's commits would not link, and every project would be told about each.
  const addressed = (parsed.addressed ?? []).filter((p) => p.place !== 'organisation' && p.place !== 'foundation')
  const linked = linkAddressedRoles(addressed, project)
  const roles = [...parsed.roles, ...linked.roles]
  for (const team of parsed.teams) {
    const members = project.teams?.[team.team]?.members ?? project.teams?.[team.team.toLowerCase()]?.members
    if (!members) continue
    resolved.add(team.team.toLowerCase())
    for (const login of members)
      roles.push({
        login,
        role: 'codeowner',
        file: team.file,
        line: team.line,
        kind: 'codeowners',
        section: team.section,
        source: `${team.file}:${team.line}`,
        via: `@${team.team}`,
      })
  }
  const maintainers = selectMaintainers(roles, parsed.teams, resolved)
  // An organisation-wide list's people are role holders of this project only when its files give the maintainers.
  const fromOrganisation = maintainers.holders.some((h) => h.kind === 'organisation')
  return {
    roles: roles.filter((r) => fromOrganisation || r.scope !== 'organisation'),
    maintainers,
    teams: parsed.teams,
    problems: [...parsed.problems, ...boundedPerFile(linked.problems, parsed.problems)],
    searched: project.searched ?? [{place: 'repository', repo: project.repo}],
  }
}

/** Teams the collector should ask GitHub for: those that would stand for the maintainers. */
export function teamsToResolve(files: readonly GovernanceFile[], project?: ProjectRef): string[] {
  const parsed = parseGovernanceFiles(files, project)
  return selectMaintainers(parsed.roles, parsed.teams).teams ?? []
}

/** Narrows the detailed roles to the shared model type. */
export function toRoleHolders(roles: readonly GovernanceRole[]): RoleHolder[] {
  return roles.map(({login, role, source, declaredAffiliation, declaredBeside, declaredAsOf, place, unidentified}) => {
    const holder: RoleHolder = {login, role, source}
    if (unidentified) holder.unidentified = true
    if (declaredAffiliation) holder.declaredAffiliation = declaredAffiliation
    if (declaredAffiliation && declaredBeside) holder.declaredBeside = true
    if (declaredAsOf) holder.declaredAsOf = declaredAsOf
    if (place) holder.place = place
    return holder
  })
}

/** `github.com/owner/name` (or `owner/name`) as organisation and foundation sources match it. */
export function projectRef(repo: string): ProjectRef | undefined {
  const parts = repo.split('/')
  if (parts.length === 2) return {host: 'github.com', owner: parts[0], name: parts[1]}
  if (parts.length === 3) return {host: parts[0].toLowerCase(), owner: parts[1], name: parts[2]}
  return undefined
}

/**
 * Governance files that could not be read completely (over the size cap, a YAML alias bomb, a syntax error), as
 * scan errors naming the repository, file and line: the scan is then incomplete. Content problems of readable
 * files (a line naming no login) are warnings of `stewards people`, not errors.
 */
export function governanceProblems(
  repo: string,
  governance: Pick<ProjectGovernance, 'problems'>,
): Array<{file: string; line?: number; code: string; message: string}> {
  return governance.problems
    .filter((p) => p.unread)
    .map((p) => ({
      file: `${repo}:${p.file}`,
      ...(p.line ? {line: p.line} : {}),
      code: 'governance-unread',
      message: `${repo}: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`,
    }))
}
