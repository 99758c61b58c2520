import {createHash} from 'node:crypto'
import {z} from 'zod'
import type {GovernanceFile} from '../../../core/model.js'
import {compare} from '../../../core/compare.js'
import {GOVERNANCE_PATHS} from '../../governance-files.js'
import {MAX_GOVERNANCE_FILE_BYTES} from '../../governance/index.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {readRecord, writeRecord} from '../../octokit/cache-plugin.js'
import {CollectFailure} from '../../octokit/errors.js'
import type {StewardsHttpOptions} from '../../octokit/options.js'
import {FACTS_FIELDS} from './facts.js'
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
  /**
   * Also read the repository's facts (facts.ts FACTS_FIELDS) in the same GraphQL query and hand them here: a
   * refresh of a project with new commits (session.ts). Not called when the files come from a record or REST.
   */
  facts?: (repository: Record<string, unknown>) => void
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

/** A file of one target as its record keeps it: the path in its repository, the text, its last change. */
const TargetFiles = z.array(
  z.object({
    path: z.string(),
    content: z.string(),
    revision: z.object({sha: z.string(), date: z.string()}).optional(),
  }),
)
type TargetFile = z.infer<typeof TargetFiles>[number]

/** What one target's read gave: its files, and (GraphQL) the commit it was read at, null when there was none. */
interface TargetAnswer {
  files: TargetFile[]
  oid?: string | null
}

/**
 * Where the governance files of one target are kept (`FILES <host>/<owner>/<name>@<at>#<paths>`), whichever query
 * or project read them (#18): a project carrying its organisation's places in its query, or asking for them on
 * its own, leaves the same records, so a cache filled by any subset of projects in any order (shards, other scans)
 * answers any other. Files at a commit never change: such a record is served at any age. Files at `HEAD` (the
 * organisation's and foundation's places, pointers) are asked again past max-age.
 */
const FILES = 'FILES'

/**
 * With a token: one GraphQL query reads every candidate file of every target (`object(expression:
 * "<sha>:<path>")` is null when the file is absent) and, per file, its last change before that commit
 * (`history(first: 1, path:)`), instead of one contents request per path. Anonymous callers cannot use GraphQL:
 * list the directories with the contents API, then fetch only the files that exist (any case), each with its last
 * change (`commits?path=`). A file over the size cap (MAX_GOVERNANCE_FILE_BYTES) makes the read fail: not read, not cut.
 * With `http` (a cache), each target's files are kept as a record of their own, and only targets without a usable
 * record are asked for.
 */
export async function fetchGovernance(
  client: StewardsOctokit,
  targets: GovernanceTarget[],
  mode: {graphqlUrl: string | null},
  signal: AbortSignal,
  http?: StewardsHttpOptions,
): Promise<GovernanceFile[]> {
  if (targets.length === 0) return []
  const byTarget = new Map<GovernanceTarget, TargetFile[]>()
  /** What is asked for each target without a record: the target, at the commit its `HEAD` pointed to when known. */
  const wanted = new Map<GovernanceTarget, GovernanceTarget>()
  for (const target of targets) {
    const asked = http?.cache ? await pinned(http, target) : target
    if (asked === null) byTarget.set(target, [])
    else {
      const kept = http?.cache ? await recalled(http, asked) : null
      if (kept) byTarget.set(target, kept)
      else wanted.set(target, asked)
    }
  }
  // One query saved (the stats count requests not made), however many records answered it.
  if (wanted.size === 0 && http) http.stats.cached++
  if (wanted.size > 0) {
    // Online the records keep the answers; offline, a cache of an older stewards holds the query itself.
    const cacheQuery = !http?.cache || http.offline
    const asked = [...wanted.values()]
    const read = mode.graphqlUrl
      ? await viaGraphql(client, mode.graphqlUrl, asked, signal, cacheQuery)
      : await viaContents(client, asked, signal)
    for (const [target, question] of wanted) {
      const answer = read.get(question)!
      byTarget.set(target, answer.files)
      if (http?.cache && !http.offline) await remember(http, question, answer)
    }
  }
  const files = targets.flatMap((target) => (byTarget.get(target) ?? []).map((file) => placed(target, file)))
  return files.sort((a, b) => compare(a.path, b.path))
}

/**
 * Where a repository's `HEAD` pointed when it was last read (`REF <host>/<owner>/<name>@HEAD`): its commit, or null
 * when the repository (or a commit) is not there. Younger than max-age, a target at `HEAD` is read at that commit,
 * whose files are a record for ever: a project whose organisation's places did not move asks nothing about them, and
 * the one query a run makes to refresh an organisation's places (the project carrying them) refreshes the pointers.
 */
const REF = 'REF'
const RefRecord = z.object({oid: z.string().nullable()})

/** The target as it is to be read: at the commit its fresh `HEAD` pointer names; null when the pointer says absent. */
async function pinned(http: StewardsHttpOptions, target: GovernanceTarget): Promise<GovernanceTarget | null> {
  if (isCommit(target.at)) return target
  const ref = await readRecord(http, REF, refId(target), RefRecord)
  if (!ref?.value || !(ref.fresh || http.offline)) return target
  return ref.value.oid === null ? null : {...target, at: ref.value.oid}
}

/** The files of a target read at a commit (for ever), or at `HEAD` with the commit it pointed to (and the pointer). */
async function remember(http: StewardsHttpOptions, asked: GovernanceTarget, answer: TargetAnswer): Promise<void> {
  if (isCommit(asked.at)) return writeRecord(http, FILES, targetId(asked), answer.files)
  // REST does not say which commit HEAD was: the files are kept under HEAD, for max-age.
  if (answer.oid === undefined) return writeRecord(http, FILES, targetId(asked), answer.files)
  await writeRecord(http, REF, refId(asked), {oid: answer.oid})
  if (answer.oid) await writeRecord(http, FILES, targetId({...asked, at: answer.oid}), answer.files)
}

function refId(target: GovernanceTarget): string {
  return `${target.owner}/${target.name}@${target.at}`.toLowerCase()
}

/** A target's record when it can answer: any age offline or at a commit, else younger than max-age. */
async function recalled(http: StewardsHttpOptions, target: GovernanceTarget): Promise<TargetFile[] | null> {
  const maxAge = isCommit(target.at) ? Number.POSITIVE_INFINITY : http.maxAgeMs
  const record = await readRecord(http, FILES, targetId(target), TargetFiles, maxAge)
  if (!record?.value || !(record.fresh || http.offline)) return null
  return record.value
}

function targetId(target: GovernanceTarget): string {
  const paths = createHash('sha256')
    .update((target.paths ?? GOVERNANCE_PATHS).join('\n'))
    .digest('hex')
    .slice(0, 16)
  return `${target.owner}/${target.name}@${target.at}#${paths}`.toLowerCase()
}

/** A full commit id (SHA-1 or SHA-256), not a branch or `HEAD`: what it names never changes. */
function isCommit(at: string): boolean {
  return /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(at)
}

function placed(target: GovernanceTarget, file: TargetFile): GovernanceFile {
  const out: GovernanceFile = {path: target.prefix + file.path, content: file.content}
  if (file.revision) out.revision = {...file.revision}
  if (target.origin) out.origin = {...target.origin}
  return out
}

async function viaGraphql(
  client: StewardsOctokit,
  url: string,
  targets: GovernanceTarget[],
  signal: AbortSignal,
  cache: boolean,
): Promise<Map<GovernanceTarget, TargetAnswer>> {
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
    const commit = `c: object(expression: $a${t}) { ... on Commit { oid ${history.join(' ')} } }`
    const facts = target.facts ? ` ${FACTS_FIELDS}` : ''
    return `r${t}: repository(owner: $o${t}, name: $n${t}) { ${commit}${facts} ${fields.join(' ')} }`
  })
  const query = `query Governance(${declarations.join(', ')}) { ${blocks.join(' ')} }`
  const answer = await postGraphql(client, url, query, variables, GovernanceAnswer, signal, cache)
  const unexpected = (answer.errors ?? []).filter((e) => e.type !== 'NOT_FOUND')
  if (unexpected.length > 0 || !answer.data) {
    throw Object.assign(new Error(`GraphQL: ${unexpected[0]?.message ?? 'no data'}`), {status: 502})
  }
  const out = new Map<GovernanceTarget, TargetAnswer>()
  targets.forEach((target, t) => {
    const files: TargetFile[] = []
    const repo = answer.data?.[`r${t}`]
    const oid = repo?.c?.oid
    if (repo && target.facts) target.facts(repo)
    ;(target.paths ?? GOVERNANCE_PATHS).forEach((path, f) => {
      const blob = Blob.safeParse(repo?.[`f${f}`]).data
      if (!blob || typeof blob.text !== 'string' || blob.isBinary) return
      checkSize(target, path, blob.byteSize ?? Buffer.byteLength(blob.text))
      const file: TargetFile = {path, content: blob.text}
      const last = History.safeParse(repo?.c?.[`h${f}`]).data?.nodes?.[0]
      if (last) file.revision = {sha: last.oid, date: last.committedDate}
      files.push(file)
    })
    out.set(target, {files, oid: typeof oid === 'string' && isCommit(oid) ? oid : null})
  })
  return out
}

async function viaContents(
  client: StewardsOctokit,
  targets: GovernanceTarget[],
  signal: AbortSignal,
): Promise<Map<GovernanceTarget, TargetAnswer>> {
  const out = new Map<GovernanceTarget, TargetAnswer>()
  for (const target of targets) {
    const files: TargetFile[] = []
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
    // Only directories that exist (any case) are listed, each once: one request each. A nested directory
    // (`docs/_data` of a team page) is looked for in its parent's listing.
    const listings = new Map<string, Awaited<ReturnType<typeof listDir>>>([['', rootEntries]])
    for (const dir of dirs) {
      let parent = ''
      for (const part of dir.split('/')) {
        const found = listings
          .get(parent)
          ?.find(
            (e) => e.type === 'dir' && e.path.toLowerCase() === (parent ? `${parent}/${part}` : part).toLowerCase(),
          )
        if (!found) break
        if (!listings.has(found.path)) {
          const entries = await listDir(client, target, found.path, signal)
          listings.set(found.path, entries)
          take(entries)
        }
        parent = found.path
      }
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
      const file: TargetFile = {path, content: bytes.toString('utf8')}
      // The file's last change at or before the commit read, as GraphQL's history gives it: one request more.
      const {data: changes} = await getPage(
        client,
        'GET /repos/{owner}/{repo}/commits',
        {owner: target.owner, repo: target.name, path, sha: target.at, per_page: 1},
        CommitList,
        signal,
      )
      if (changes[0]) file.revision = {sha: changes[0].sha, date: changes[0].commit.committer.date}
      files.push(file)
    }
    out.set(target, {files})
  }
  return out
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
