/**
 * Counts over an attributed project, named as in ../shared/affiliation/EXPECTED.json. The metrics stage
 * (src/measure) derives factors and shares; these are the raw tallies `stewards people` shows.
 */
import {type AttributedProject, INDEPENDENT} from '../core/model.js'

export interface CommitSummary {
  commits_total: number
  bot_commits: number
  human_commits: number
  attributed_commits: number
  unknown_commits: number
  independent_commits: number
  ambiguous_commits: number
  distinct_authors: number
  attributed_authors: number
  /** How the deciding evidence matched the author (`email`, `noreply-login`, ...; `none` when unknown). */
  resolution_methods: Record<string, number>
  /** Per evidence source that decided (`none` when unknown). */
  sources: Record<string, number>
  commits_per_org: Record<string, number>
  authors_per_org: Record<string, number>
}

export function summarizeCommits(project: AttributedProject): CommitSummary {
  const humans = project.commits.filter((commit) => !commit.bot)
  const perOrg = new Map<string, number>()
  const authorsPerOrg = new Map<string, Set<string>>()
  const methods = new Map<string, number>()
  const sources = new Map<string, number>()
  const authors = new Set<string>()
  const attributedAuthors = new Set<string>()
  let ambiguous = 0
  for (const commit of humans) {
    const {organization, claim, resolution} = commit.attribution
    authors.add(commit.person)
    increment(methods, claim?.method ?? 'none')
    increment(sources, claim?.source ?? 'none')
    if (resolution === 'ambiguous') ambiguous++
    if (!organization) continue
    attributedAuthors.add(commit.person)
    increment(perOrg, organization)
    const set = authorsPerOrg.get(organization) ?? new Set<string>()
    set.add(commit.person)
    authorsPerOrg.set(organization, set)
  }
  const attributed = [...perOrg.values()].reduce((a, b) => a + b, 0)
  return {
    commits_total: project.commits.length,
    bot_commits: project.commits.length - humans.length,
    human_commits: humans.length,
    attributed_commits: attributed,
    unknown_commits: humans.length - attributed,
    independent_commits: perOrg.get(INDEPENDENT) ?? 0,
    ambiguous_commits: ambiguous,
    distinct_authors: authors.size,
    attributed_authors: attributedAuthors.size,
    resolution_methods: sortedByCount(methods),
    sources: sortedByCount(sources),
    commits_per_org: sortedByCount(perOrg),
    authors_per_org: sortedByCount(new Map([...authorsPerOrg].map(([org, set]) => [org, set.size]))),
  }
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

/** Most first, then by name: a stable order for output. */
export function sortedByCount(map: Map<string, number>): Record<string, number> {
  const entries = [...map].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries)
}
