import type {GovernanceFile} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {GOVERNANCE_PATHS} from '../../governance-files.js'
import {getPage, postGraphql} from './http.js'
import {ContentResponse, GovernanceQueryResponse} from './schema.js'

export interface GovernanceTarget {
  owner: string
  name: string
  /** Commit (or branch) whose tree is read. */
  at: string
  /** Prepended to each path (`external/owner__repo/` for files kept in another repository). */
  prefix: string
}

/**
 * With a token: one GraphQL query reads every candidate file of every target (`object(expression:
 * "<sha>:<path>")` is null when the file is absent), instead of one contents request per path.
 * Anonymous callers cannot use GraphQL: list the root, `.github/` and `docs/` with the contents API,
 * then fetch only the files that exist.
 */
export async function fetchGovernance(
  client: StewardsOctokit,
  targets: GovernanceTarget[],
  mode: {graphqlUrl: string | null},
  signal: AbortSignal,
): Promise<GovernanceFile[]> {
  if (targets.length === 0) return []
  const files = mode.graphqlUrl
    ? await viaGraphql(client, mode.graphqlUrl, targets, signal)
    : await viaContents(client, targets, signal)
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

async function viaGraphql(
  client: StewardsOctokit,
  url: string,
  targets: GovernanceTarget[],
  signal: AbortSignal,
): Promise<GovernanceFile[]> {
  const variables: Record<string, string> = {}
  const declarations: string[] = []
  const blocks = targets.map((target, t) => {
    variables[`o${t}`] = target.owner
    variables[`n${t}`] = target.name
    declarations.push(`$o${t}: String!`, `$n${t}: String!`)
    const fields = GOVERNANCE_PATHS.map((path, f) => {
      variables[`e${t}_${f}`] = `${target.at}:${path}`
      declarations.push(`$e${t}_${f}: String!`)
      return `f${f}: object(expression: $e${t}_${f}) { ... on Blob { text isBinary } }`
    })
    return `r${t}: repository(owner: $o${t}, name: $n${t}) { ${fields.join(' ')} }`
  })
  const query = `query Governance(${declarations.join(', ')}) { ${blocks.join(' ')} }`
  const answer = await postGraphql(client, url, query, variables, GovernanceQueryResponse, signal)
  const unexpected = (answer.errors ?? []).filter((e) => e.type !== 'NOT_FOUND')
  if (unexpected.length > 0 || !answer.data) {
    throw Object.assign(new Error(`GraphQL: ${unexpected[0]?.message ?? 'no data'}`), {status: 502})
  }
  const files: GovernanceFile[] = []
  targets.forEach((target, t) => {
    const repo = answer.data?.[`r${t}`]
    GOVERNANCE_PATHS.forEach((path, f) => {
      const blob = repo?.[`f${f}`]
      if (blob && typeof blob.text === 'string' && !blob.isBinary)
        files.push({path: target.prefix + path, content: blob.text})
    })
  })
  return files
}

async function viaContents(
  client: StewardsOctokit,
  targets: GovernanceTarget[],
  signal: AbortSignal,
): Promise<GovernanceFile[]> {
  const files: GovernanceFile[] = []
  for (const target of targets) {
    const wanted = new Set<string>(GOVERNANCE_PATHS)
    const existing: string[] = []
    const dirs = [
      '',
      ...new Set(GOVERNANCE_PATHS.filter((p) => p.includes('/')).map((p) => p.slice(0, p.lastIndexOf('/')))),
    ]
    const rootEntries = await listDir(client, target, '', signal)
    for (const dir of dirs) {
      const entries =
        dir === ''
          ? rootEntries
          : rootEntries.some((e) => e.path === dir && e.type === 'dir')
            ? await listDir(client, target, dir, signal)
            : []
      for (const entry of entries) if (entry.type === 'file' && wanted.has(entry.path)) existing.push(entry.path)
    }
    for (const path of existing.sort()) {
      const {data} = await getPage(
        client,
        'GET /repos/{owner}/{repo}/contents/{path}',
        {owner: target.owner, repo: target.name, path, ref: target.at},
        ContentResponse,
        signal,
      )
      if (Array.isArray(data) || data.encoding !== 'base64' || data.content === undefined) continue
      files.push({path: target.prefix + path, content: Buffer.from(data.content, 'base64').toString('utf8')})
    }
  }
  return files
}

async function listDir(client: StewardsOctokit, target: GovernanceTarget, dir: string, signal: AbortSignal) {
  const route = dir === '' ? 'GET /repos/{owner}/{repo}/contents' : 'GET /repos/{owner}/{repo}/contents/{path}'
  try {
    const {data} = await getPage(
      client,
      route,
      {owner: target.owner, repo: target.name, path: dir, ref: target.at},
      ContentResponse,
      signal,
    )
    return Array.isArray(data) ? data : []
  } catch (error) {
    if ((error as {status?: number}).status === 404) return []
    throw error
  }
}
