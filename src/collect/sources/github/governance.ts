import {z} from 'zod'
import type {GovernanceFile} from '../../../core/model.js'
import {compare} from '../../../core/compare.js'
import {GOVERNANCE_PATHS} from '../../governance-files.js'
import {MAX_GOVERNANCE_FILE_BYTES} from '../../governance/index.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {CollectFailure} from '../../octokit/errors.js'
import {getPage, postGraphql} from './http.js'
import {CommitList, ContentResponse} from './schema.js'

export interface GovernanceTarget {
  owner: string
  name: string
  /** Commit (or branch, or `HEAD`) whose tree is read. */
  at: string
  /** Prepended to each path (`external/owner__repo/` for files of another repository). */
  prefix: string
  /** Paths to read (default: every path a repository governance source reads). */
  paths?: readonly string[]
  /** Where the files were found, recorded on each (absent: the repository itself). */
  origin?: GovernanceFile['origin']
}

/** A file's last change at or before the commit read: the date its statements are evidence as of. */
const History = z.object({nodes: z.array(z.object({oid: z.string(), committedDate: z.string()}).nullish())}).nullish()
const Blob = z
  .object({text: z.string().nullish(), isBinary: z.boolean().nullish(), byteSize: z.number().nullish()})
  .nullish()
const GovernanceAnswer = z.object({
  data: z
    .record(
      z.string(),
      z
        .object({c: z.record(z.string(), z.unknown()).nullish()})
        .catchall(z.unknown())
        .nullish(),
    )
    .nullish(),
  errors: z.array(z.object({type: z.string().optional(), message: z.string()})).optional(),
})

/**
 * With a token: one GraphQL query reads every candidate file of every target (`object(expression:
 * "<sha>:<path>")` is null when the file is absent) and, per file, its last change before that commit
 * (`history(first: 1, path:)`), instead of one contents request per path. Anonymous callers cannot use GraphQL:
 * list the directories with the contents API, then fetch only the files that exist (any case), each with its last
 * change (`commits?path=`). A file over the size cap (MAX_GOVERNANCE_FILE_BYTES) makes the read fail: not read, not cut.
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
  return files.sort((a, b) => compare(a.path, b.path))
}

async function viaGraphql(
  client: StewardsOctokit,
  url: string,
  targets: GovernanceTarget[],
  signal: AbortSignal,
): Promise<GovernanceFile[]> {
  const variables: Record<string, string> = {}
  const declarations: string[] = []
  const declare = (name: string, value: string) => {
    variables[name] = value
    declarations.push(`$${name}: String!`)
  }
  const blocks = targets.map((target, t) => {
    declare(`o${t}`, target.owner)
    declare(`n${t}`, target.name)
    declare(`a${t}`, target.at)
    const paths = target.paths ?? GOVERNANCE_PATHS
    const history = paths.map((path, f) => {
      declare(`p${t}_${f}`, path)
      return `h${f}: history(first: 1, path: $p${t}_${f}) { nodes { oid committedDate } }`
    })
    const fields = paths.map((path, f) => {
      declare(`e${t}_${f}`, `${target.at}:${path}`)
      return `f${f}: object(expression: $e${t}_${f}) { ... on Blob { text isBinary byteSize } }`
    })
    const commit = `c: object(expression: $a${t}) { ... on Commit { ${history.join(' ')} } }`
    return `r${t}: repository(owner: $o${t}, name: $n${t}) { ${commit} ${fields.join(' ')} }`
  })
  const query = `query Governance(${declarations.join(', ')}) { ${blocks.join(' ')} }`
  const answer = await postGraphql(client, url, query, variables, GovernanceAnswer, signal)
  const unexpected = (answer.errors ?? []).filter((e) => e.type !== 'NOT_FOUND')
  if (unexpected.length > 0 || !answer.data) {
    throw Object.assign(new Error(`GraphQL: ${unexpected[0]?.message ?? 'no data'}`), {status: 502})
  }
  const files: GovernanceFile[] = []
  targets.forEach((target, t) => {
    const repo = answer.data?.[`r${t}`]
    ;(target.paths ?? GOVERNANCE_PATHS).forEach((path, f) => {
      const blob = Blob.safeParse(repo?.[`f${f}`]).data
      if (!blob || typeof blob.text !== 'string' || blob.isBinary) return
      checkSize(target, path, blob.byteSize ?? Buffer.byteLength(blob.text))
      const file: GovernanceFile = {path: target.prefix + path, content: blob.text}
      const last = History.safeParse(repo?.c?.[`h${f}`]).data?.nodes?.[0]
      if (last) file.revision = {sha: last.oid, date: last.committedDate}
      if (target.origin) file.origin = {...target.origin}
      files.push(file)
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
    const paths = target.paths ?? GOVERNANCE_PATHS
    const wanted = new Map(paths.map((p) => [p.toLowerCase(), p]))
    const dirs = [...new Set(paths.filter((p) => p.includes('/')).map((p) => p.slice(0, p.lastIndexOf('/'))))]
    const rootEntries = await listDir(client, target, '', signal)
    const existing: Array<{path: string; size?: number}> = []
    const take = (entries: Awaited<ReturnType<typeof listDir>>) => {
      for (const entry of entries)
        if (entry.type === 'file' && wanted.has(entry.path.toLowerCase())) existing.push({path: entry.path})
    }
    take(rootEntries)
    for (const dir of dirs) {
      // Only directories that exist (any case) are listed: one request each.
      const found = rootEntries.find(
        (e) => e.type === 'dir' && e.path.toLowerCase() === dir.split('/')[0].toLowerCase(),
      )
      if (found && !dir.includes('/')) take(await listDir(client, target, found.path, signal))
    }
    for (const {path} of existing.sort((a, b) => compare(a.path, b.path))) {
      const {data} = await getPage(
        client,
        'GET /repos/{owner}/{repo}/contents/{path}',
        {owner: target.owner, repo: target.name, path, ref: target.at},
        ContentResponse,
        signal,
      )
      if (Array.isArray(data) || data.encoding !== 'base64' || data.content === undefined) continue
      const bytes = Buffer.from(data.content, 'base64')
      checkSize(target, path, bytes.length)
      const file: GovernanceFile = {path: target.prefix + path, content: bytes.toString('utf8')}
      // The file's last change at or before the commit read, as GraphQL's history gives it: one request more.
      const {data: changes} = await getPage(
        client,
        'GET /repos/{owner}/{repo}/commits',
        {owner: target.owner, repo: target.name, path, sha: target.at, per_page: 1},
        CommitList,
        signal,
      )
      if (changes[0]) file.revision = {sha: changes[0].sha, date: changes[0].commit.committer.date}
      if (target.origin) file.origin = {...target.origin}
      files.push(file)
    }
  }
  return files
}

function checkSize(target: GovernanceTarget, path: string, bytes: number): void {
  if (bytes > MAX_GOVERNANCE_FILE_BYTES)
    throw new CollectFailure(
      'too-large',
      `${target.owner}/${target.name}/${path} is larger than the ${MAX_GOVERNANCE_FILE_BYTES / 1024 / 1024} MiB cap on governance files (${bytes} bytes): not read`,
    )
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
