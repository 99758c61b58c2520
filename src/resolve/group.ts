import type {Location, RepoGroup, Resolution} from '../core/model.js'
import {compareComponents} from './order.js'
import {compare} from '../core/compare.js'
import type {Decided} from './types.js'

const CONFIDENCE_RANK = {high: 0, medium: 1, low: 2} as const

/**
 * Deduplicates decided components into one group per repository (all `@babel/*` → babel/babel), keeping every
 * component, its own resolution (directories differ inside a monorepo) and every location.
 * Keys compare case-insensitively (forges ignore case); the spelling shown is the one most sources agree on,
 * ignoring sources that lower-case names (deps.dev) unless they are the only ones.
 */
export function groupResolutions(decided: readonly Decided[]): RepoGroup[] {
  const byIdentity = new Map<string, Decided[]>()
  for (const item of decided) {
    const id = repoIdentity(item.resolution.repo)
    const list = byIdentity.get(id)
    if (list) list.push(item)
    else byIdentity.set(id, [item])
  }
  const groups: RepoGroup[] = []
  for (const members of byIdentity.values()) {
    members.sort((a, b) => compareComponents(a.component, b.component))
    const repo = spelling(members)
    const resolutions: Resolution[] = members.map((m) => ({...m.resolution, repo}))
    const best = [...resolutions].sort(
      (a, b) => CONFIDENCE_RANK[a.confidence] - CONFIDENCE_RANK[b.confidence] || compare(a.provenance, b.provenance),
    )[0]
    const directories = [...new Set(resolutions.flatMap((r) => (r.directory ? [r.directory] : [])))].sort(compare)
    const group: RepoGroup = {
      repo,
      provenance: best.provenance,
      confidence: best.confidence,
      components: members.map((m) => m.component),
      resolutions,
      directories,
      locations: mergeLocations(members.flatMap((m) => m.component.locations)),
    }
    if (directories.length === 1 && resolutions.every((r) => r.directory === directories[0]))
      group.directory = directories[0]
    groups.push(group)
  }
  return groups.sort((a, b) => compare(repoIdentity(a.repo), repoIdentity(b.repo)) || compare(a.repo, b.repo))
}

function spelling(members: readonly Decided[]): string {
  const reliable = members.filter((m) => m.caseReliable)
  const pool = reliable.length > 0 ? reliable : members
  const counts = new Map<string, number>()
  for (const m of pool) counts.set(m.resolution.repo, (counts.get(m.resolution.repo) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0][0]
}

function mergeLocations(locations: readonly Location[]): Location[] {
  const seen = new Map<string, Location>()
  for (const l of locations) seen.set(`${l.file}\u0000${l.line}\u0000${l.column}`, l)
  return [...seen.values()].sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column)
}

/**
 * Case-insensitive identity of a repository key (GitHub, GitLab and Bitbucket ignore case in paths). Not
 * collect's repoIdentity: keys here may be GitLab subgroup paths or `host/path`, not only `host/owner/name`.
 */
function repoIdentity(repo: string): string {
  return repo.toLowerCase()
}
