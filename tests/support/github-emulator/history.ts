import type {FixtureRepo} from './fixtures.js'

/**
 * A GraphQL `Commit` of a fixture repository with `committedDate` and `history(first, path, until)`. The fixture
 * tree is the same at every commit, so a file's last change is the oldest commit reachable from this one (the
 * one that added it); a path the tree does not hold has no history. Without a path, history lists the commits
 * reachable from this one, newest first, committed at or before `until`.
 */
export function commitObject(repo: FixtureRepo, sha: string) {
  const commit = repo.bySha.get(sha)
  return {
    __typename: 'Commit',
    oid: sha,
    committedDate: utc(commit?.committer.date ?? '1970-01-01T00:00:00Z'),
    history: ({first, path, until}: {first?: number; path?: string; until?: string}) => {
      const end = until ? Date.parse(until) : Number.POSITIVE_INFINITY
      const reachable = ancestors(repo, sha).filter((c) => Date.parse(c.committer.date) <= end)
      const nodes = path === undefined ? reachable : repo.files.has(path) ? reachable.slice(-1) : []
      const limited = nodes.slice(0, first ?? 100)
      return {nodes: limited.map((c) => commitObject(repo, c.sha)), totalCount: nodes.length}
    },
  }
}

function ancestors(repo: FixtureRepo, sha: string): FixtureRepo['commits'] {
  const seen = new Set<string>()
  const stack = [sha]
  while (stack.length > 0) {
    const next = stack.pop()!
    if (seen.has(next) || !repo.bySha.has(next)) continue
    seen.add(next)
    stack.push(...repo.bySha.get(next)!.parents)
  }
  return repo.commits.filter((c) => seen.has(c.sha))
}

function utc(date: string): string {
  return new Date(Date.parse(date)).toISOString().replace('.000Z', 'Z')
}
