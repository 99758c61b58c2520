/**
 * Where a project's maintainers may be listed besides its own repository (src/collect/governance README): the
 * organisation's community repositories, a foundation's list, a repository its MAINTAINERS file or README points
 * to. Reading them costs no request of its own in the usual case:
 * - Shared places (an organisation's repositories, a foundation's list) are read once per run, inside the
 *   governance query of the first project that needs them: projects start in input order and claim places
 *   synchronously, so the same scan composes the same queries (a warm cache answers all of them). Later projects
 *   of the organisation wait for that answer; if the first project never reads it (unavailable, failed), each
 *   reads it in a query of its own. What the query composes does not matter to the cache: the files of each
 *   repository read are kept as a record of their own (governance.ts, `FILES`), so a cache or bundle filled by any
 *   subset of projects in any order (shards) answers any other subset without a request.
 * - Per-project paths in the organisation's repositories (`<org>/community/<repo>/MAINTAINERS.md`) ride in the
 *   project's own query.
 * - Pointers are followed once, on github.com, at most two per project, from files of the repository itself;
 *   a pointed file already read as an organisation file costs nothing, the others one query for all. A file of the
 *   repository its README links as who maintains it (WORKING_GROUP.md) is such a pointer: no path is asked of
 *   every repository for the few that keep one.
 * - CODEOWNERS teams that stand for the maintainers are resolved with the team members API when a token is given;
 *   otherwise (or when GitHub does not show them) they stay unresolved role holders, never "nobody".
 */
import {z} from 'zod'
import type {GovernanceFile, GovernanceSearch, TeamMembers} from '../../../core/model.js'
import type {RepoRef} from '../../../core/repo-name.js'
import {
  externalPrefix,
  type GovernanceSource,
  governanceSources,
  inRoot,
  isGroupFile,
  pointersIn,
  type ProjectRef,
  placeOf,
  type SourceLocation,
  teamsToResolve,
} from '../../governance/index.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import type {GovernanceTarget} from './governance.js'
import {getPage} from './http.js'

type Read = (targets: GovernanceTarget[], signal: AbortSignal) => Promise<GovernanceFile[]>

/** Pointers followed per project, teams resolved per project: bounds on what one repository can make us read. */
const MAX_POINTERS = 2
const MAX_TEAMS = 5

interface SharedPlace {
  source: GovernanceSource
  target: GovernanceTarget
  /** The raw files (before extraction per project), or undefined when the carrying project did not read them. */
  files: Promise<GovernanceFile[] | undefined>
  settle(files: GovernanceFile[] | undefined): void
}

export interface PlacesPlan {
  project: ProjectRef
  /** Shared places this project reads for everyone. */
  carried: SharedPlace[]
  /** Shared places another project reads. */
  awaited: SharedPlace[]
  /** Per-project paths of organisation repositories, read in the project's own query. */
  own: Array<{source: GovernanceSource; target: GovernanceTarget}>
}

export interface PlacesResult {
  files: GovernanceFile[]
  searched: GovernanceSearch[]
  teams?: Record<string, TeamMembers>
}

const TeamMembersAnswer = z.array(z.object({login: z.string()}))

export class GovernancePlaces {
  private readonly shared = new Map<string, SharedPlace>()

  constructor(
    private readonly read: Read,
    private readonly client: StewardsOctokit,
    private readonly hasToken: boolean,
  ) {}

  /** Called synchronously when a project starts (before any await): claims the shared places nobody claimed yet. */
  plan(ref: RepoRef): PlacesPlan {
    const project: ProjectRef = {host: ref.host, owner: ref.owner, name: ref.name}
    const plan: PlacesPlan = {project, carried: [], awaited: [], own: []}
    for (const source of governanceSources) {
      for (const location of source.locations?.(project) ?? []) {
        if (same(location, project)) continue
        const target = targetOf(source, location, project.host)
        if (location.shared === 'project') {
          plan.own.push({source, target})
          continue
        }
        const key = `${source.id}\n${project.host}/${location.owner}/${location.name}`.toLowerCase()
        const existing = this.shared.get(key)
        if (existing) {
          plan.awaited.push(existing)
          continue
        }
        let settle: SharedPlace['settle'] = () => {}
        const files = new Promise<GovernanceFile[] | undefined>((resolve) => {
          settle = resolve
        })
        const place: SharedPlace = {source, target, files, settle}
        this.shared.set(key, place)
        plan.carried.push(place)
      }
    }
    return plan
  }

  /** Releases what a project claimed but will not read (it ended before its governance query). */
  release(plan: PlacesPlan): void {
    for (const place of plan.carried) place.settle(undefined)
  }

  /** Reads the project's targets with the places it carries, then everything else it needs. */
  async collect(plan: PlacesPlan, targets: GovernanceTarget[], signal: AbortSignal): Promise<PlacesResult> {
    const own = plan.own.map((o) => o.target)
    let files: GovernanceFile[]
    let awaited: GovernanceFile[][]
    try {
      // The places another project reads first: their read also says where the organisation's repositories stand
      // (governance.ts, REF records), so this project's own paths in them are then found in the cache when unchanged.
      awaited = await Promise.all(
        plan.awaited.map(async (place) => (await place.files) ?? this.read([place.target], signal)),
      )
      files = await this.readCarrying(plan, targets, own, signal)
    } catch (error) {
      this.release(plan)
      throw error
    }
    const isFrom = (target: GovernanceTarget) => (file: GovernanceFile) =>
      file.path.startsWith(target.prefix) && (target.paths ?? []).includes(inRoot(file.path))
    for (const place of plan.carried) place.settle(files.filter(isFrom(place.target)))
    const fromPlaces = (file: GovernanceFile) => [...plan.carried, ...plan.own].some((p) => isFrom(p.target)(file))
    const projectFiles = files.filter((f) => !fromPlaces(f))
    const raw: Array<{source: GovernanceSource; files: GovernanceFile[]}> = [
      ...plan.carried.map((p) => ({source: p.source, files: files.filter(isFrom(p.target))})),
      ...plan.own.map((o) => ({source: o.source, files: files.filter(isFrom(o.target))})),
      ...plan.awaited.map((place, i) => ({source: place.source, files: awaited[i]})),
    ]
    const extracted = raw.flatMap(({source, files: placeFiles}) => extract(source, placeFiles, plan.project))
    const pointed = await this.follow(
      plan.project,
      projectFiles,
      raw.flatMap((r) => r.files),
      signal,
    )
    const pointedPaths = new Set(pointed.map((f) => f.path))
    const all = [...projectFiles, ...extracted.filter((f) => !pointedPaths.has(f.path)), ...pointed]
    const result: PlacesResult = {files: all, searched: searched(plan, targets, pointed)}
    const teams = await this.resolveTeams(all, plan.project, signal)
    if (teams) result.teams = teams
    return result
  }

  /**
   * The project's query with the places it carries. Each target's files are kept as a record of their own
   * (governance.ts), so whichever project carried a place when the cache was filled, any other finds it.
   */
  private async readCarrying(
    plan: PlacesPlan,
    targets: GovernanceTarget[],
    own: GovernanceTarget[],
    signal: AbortSignal,
  ): Promise<GovernanceFile[]> {
    return this.read([...targets, ...plan.carried.map((p) => p.target), ...own], signal)
  }

  private async follow(
    project: ProjectRef,
    projectFiles: GovernanceFile[],
    known: GovernanceFile[],
    signal: AbortSignal,
  ): Promise<GovernanceFile[]> {
    if (project.host !== 'github.com') return []
    // A pointer into the project itself is a file its README links (pointer source: "maintained by the [Core Working
    // Group](./WORKING_GROUP.md)"), a Markdown file named for a group (an absolute link to its CONTRIBUTING.md, which
    // no source reads, would cost a query for nothing), read unless it was already.
    const own = new Set(projectFiles.map((f) => f.path.toLowerCase()))
    const pointers = pointersIn(projectFiles, project)
      .filter(
        (p) =>
          !(eq(p.owner, project.owner) && eq(p.name, project.name)) ||
          (p.path && isGroupFile(p.path.slice(p.path.lastIndexOf('/') + 1)) && !own.has(p.path.toLowerCase())),
      )
      .slice(0, MAX_POINTERS)
    const files: GovernanceFile[] = []
    const toRead: GovernanceTarget[] = []
    for (const pointer of pointers) {
      const prefix = externalPrefix(pointer.owner, pointer.name)
      const origin: GovernanceFile['origin'] = {
        place: 'pointer',
        repo: `github.com/${pointer.owner}/${pointer.name}`,
        via: pointer.from,
      }
      const already = known.filter(
        (f) =>
          f.path.toLowerCase().startsWith(prefix.toLowerCase()) &&
          (pointer.path ? inRoot(f.path) === pointer.path : isListFile(inRoot(f.path))),
      )
      if (already.length > 0) {
        files.push(...already.map((f) => ({...f, origin})))
        continue
      }
      const paths = pointer.path ? [pointer.path, siblingAliases(pointer.path)].filter(Boolean) : undefined
      toRead.push({owner: pointer.owner, name: pointer.name, at: 'HEAD', prefix, origin, ...(paths ? {paths} : {})})
    }
    if (toRead.length > 0) files.push(...(await this.read(toRead, signal)))
    return files
  }

  private async resolveTeams(
    files: GovernanceFile[],
    project: ProjectRef,
    signal: AbortSignal,
  ): Promise<Record<string, TeamMembers> | undefined> {
    const wanted = teamsToResolve(files, project).slice(0, MAX_TEAMS)
    if (wanted.length === 0) return undefined
    const teams: Record<string, TeamMembers> = {}
    for (const team of wanted) {
      const [org, slug] = team.split('/')
      if (!this.hasToken) {
        teams[team] = {members: null, reason: 'team members are only visible with a token'}
        continue
      }
      try {
        const {data} = await getPage(
          this.client,
          'GET /orgs/{org}/teams/{team_slug}/members',
          {org, team_slug: slug, per_page: 100},
          TeamMembersAnswer,
          signal,
        )
        teams[team] = {members: data.map((m) => m.login).sort()}
      } catch (error) {
        const status = (error as {status?: number}).status
        if (status !== 403 && status !== 404) throw error
        teams[team] = {members: null, reason: `not visible with this token (GitHub answered ${status})`}
      }
    }
    return teams
  }
}

function targetOf(source: GovernanceSource, location: SourceLocation, host: string): GovernanceTarget {
  return {
    owner: location.owner,
    name: location.name,
    at: 'HEAD',
    prefix: externalPrefix(location.owner, location.name),
    paths: location.paths,
    origin: {
      place: source.place === 'repository' ? 'organisation' : source.place,
      repo: `${host}/${location.owner}/${location.name}`,
    },
  }
}

/** The parts of an organisation's or foundation's files that concern the project (the source decides). */
function extract(source: GovernanceSource, files: GovernanceFile[], project: ProjectRef): GovernanceFile[] {
  const out: GovernanceFile[] = []
  for (const file of files) {
    const kept = source.extract?.(file, project)
    if (!kept) continue
    out.push({...file, content: kept.content, origin: {...file.origin!, scope: kept.scope}})
  }
  return out
}

function searched(plan: PlacesPlan, targets: GovernanceTarget[], pointed: GovernanceFile[]): GovernanceSearch[] {
  const out: GovernanceSearch[] = []
  const add = (entry: GovernanceSearch) => {
    if (!out.some((e) => e.place === entry.place && e.repo.toLowerCase() === entry.repo.toLowerCase())) out.push(entry)
  }
  for (const target of targets)
    add({
      place: target.origin?.place ?? (target.prefix ? 'project' : 'repository'),
      repo: `${plan.project.host}/${target.owner}/${target.name}`,
    })
  for (const file of pointed) if (file.origin) add({place: 'pointer', repo: file.origin.repo})
  for (const {target, source} of [...plan.carried, ...plan.awaited, ...plan.own]) {
    const single = source.place === 'foundation' && target.paths?.length === 1 ? `/${target.paths[0]}` : ''
    add({place: target.origin?.place ?? 'organisation', repo: `${target.origin?.repo ?? ''}${single}`})
  }
  return out
}

/** A repository's maintainer list files, as a pointer without a path reads them. */
function isListFile(path: string): boolean {
  const file = {path, content: ''}
  return (
    placeOf(file) === 'repository' &&
    governanceSources.some((s) => s.place === 'repository' && s.parse && s.matches(path))
  )
}

/** `dir/OWNERS` → `dir/OWNERS_ALIASES`: an OWNERS file pointed to expands its aliases. */
function siblingAliases(path: string): string {
  return /(^|\/)OWNERS$/.test(path) ? path.replace(/OWNERS$/, 'OWNERS_ALIASES') : ''
}

function same(location: SourceLocation, project: ProjectRef): boolean {
  return eq(location.owner, project.owner) && eq(location.name, project.name)
}

function eq(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
