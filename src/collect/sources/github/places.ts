/**
 * Where a project's maintainers may be listed besides its own repository (src/collect/governance README): the
 * organisation's community repositories, a foundation's list, a repository its MAINTAINERS file or README points
 * to. Reading them costs no request of its own in the usual case:
 * - Shared places (an organisation's repositories, a foundation's list) are read once per run, inside the
 *   governance query of the first project that needs them: projects start in input order and claim places
 *   synchronously, so the same scan composes the same queries (a warm cache answers all of them). Later projects
 *   of the organisation wait for that answer; if the first project never reads it (unavailable, failed), each
 *   reads it in a query of its own. Each place read is also kept as a record of its own (`PLACE host/...`), so
 *   offline, a project that did not carry its places when the cache was filled reads its own query and the
 *   places from their records: a cache or bundle replays any subset of the projects it holds.
 * - Per-project paths in the organisation's repositories (`<org>/community/<repo>/MAINTAINERS.md`) ride in the
 *   project's own query.
 * - Pointers are followed once, on github.com, at most two per project, from files of the repository itself;
 *   a pointed file already read as an organisation file costs nothing, the others one query for all.
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
  pointersIn,
  type ProjectRef,
  placeOf,
  type SourceLocation,
  teamsToResolve,
} from '../../governance/index.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import type {GovernanceTarget} from './governance.js'
import {getPage} from './http.js'
import {isOfflineMiss} from '../../octokit/errors.js'

type Read = (targets: GovernanceTarget[], signal: AbortSignal) => Promise<GovernanceFile[]>

/** Records of places read (the session's cache records, ../../octokit/cache-plugin.ts readRecord/writeRecord). */
export interface PlaceRecords {
  offline: boolean
  recall(id: string): Promise<GovernanceFile[] | null>
  remember(id: string, files: GovernanceFile[]): Promise<void>
}

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
    private readonly records: PlaceRecords,
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
    try {
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
    ]
    for (const place of plan.awaited) {
      const got = (await place.files) ?? (await this.read([place.target], signal))
      raw.push({source: place.source, files: got})
    }
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
   * The project's query with the places it carries; each place's files also kept as a record. Offline, when the
   * cache was filled by runs in which other projects carried some of them (another subset, other shards), that
   * query is not in the cache: the query this project did make then is (with the places it carried then, among
   * those it carries or awaits now: every combination of at most a few), and the other places' records are.
   */
  private async readCarrying(
    plan: PlacesPlan,
    targets: GovernanceTarget[],
    own: GovernanceTarget[],
    signal: AbortSignal,
  ): Promise<GovernanceFile[]> {
    const carried = plan.carried.map((p) => p.target)
    const awaited = plan.awaited.map((p) => p.target)
    try {
      const files = await this.read([...targets, ...carried, ...own], signal)
      for (const target of carried) await this.records.remember(placeId(target), files.filter(isFromTarget(target)))
      return files
    } catch (error) {
      const optional = [...carried, ...awaited]
      if (!this.records.offline || optional.length === 0 || optional.length > 4 || !isOfflineMiss(error)) throw error
      const stored = new Map<GovernanceTarget, GovernanceFile[]>()
      for (const target of carried) {
        const files = await this.records.recall(placeId(target))
        if (files) stored.set(target, files)
      }
      // Combinations of the optional places in the query, largest first (the carried set was just tried).
      const subsets = Array.from({length: 2 ** optional.length}, (_, mask) =>
        optional.filter((_, i) => (mask >> i) & 1),
      ).sort((x, y) => y.length - x.length)
      const fromAwaited = (file: GovernanceFile) => awaited.some((t) => isFromTarget(t)(file))
      for (const inQuery of subsets) {
        if (inQuery.length === carried.length && carried.every((t) => inQuery.includes(t))) continue
        const rest = carried.filter((t) => !inQuery.includes(t))
        if (rest.some((t) => !stored.has(t))) continue
        try {
          const files = await this.read([...targets, ...inQuery, ...own], signal)
          // Awaited places come from the project that carries them now, as online.
          return [...files.filter((f) => !fromAwaited(f)), ...rest.flatMap((t) => stored.get(t) ?? [])]
        } catch (miss) {
          if (!isOfflineMiss(miss)) throw miss
        }
      }
      throw error
    }
  }

  private async follow(
    project: ProjectRef,
    projectFiles: GovernanceFile[],
    known: GovernanceFile[],
    signal: AbortSignal,
  ): Promise<GovernanceFile[]> {
    if (project.host !== 'github.com') return []
    const pointers = pointersIn(projectFiles, project)
      .filter((p) => !(eq(p.owner, project.owner) && eq(p.name, project.name)))
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

/** Where a place's own record is kept: the repository, the paths read and the revision. */
function placeId(target: GovernanceTarget): string {
  return `${target.owner}/${target.name}@${target.at}:${(target.paths ?? []).join(',')}`
}

function isFromTarget(target: GovernanceTarget): (file: GovernanceFile) => boolean {
  return (file) => file.path.startsWith(target.prefix) && (target.paths ?? []).includes(inRoot(file.path))
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
