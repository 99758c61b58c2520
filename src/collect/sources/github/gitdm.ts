/**
 * The CNCF gitdm affiliation files (`developers_affiliationsN.txt`, `src/companies.yaml`) read through the same
 * client, cache and ETags as everything else, pinned to one commit: the default branch's head, then the root
 * listing at that commit, then each file as a git blob (the blob API serves files over the contents API's 1 MB
 * limit, and a blob never changes, so a warm cache answers it). Offline, the same requests come from the cache
 * or a bundle; nothing is fetched by hand.
 */
import {z} from 'zod'
import type {AffiliationFileSet} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {CollectFailure} from '../../octokit/errors.js'
import {getPage} from './http.js'
import {CommitList, RepoResponse} from './schema.js'

export const GITDM_REPO = {owner: 'cncf', name: 'gitdm'}

const AFFILIATIONS_FILE = /^developers_affiliations(\d+)\.txt$/
const COMPANIES_PATH = 'src/companies.yaml'
/** The ten files are about 9 MB together; anything far beyond is not what we expect to read. */
const MAX_TOTAL_BYTES = 200 * 1024 * 1024

const Listing = z.array(z.object({type: z.string(), name: z.string(), path: z.string(), sha: z.string()}))
const Blob = z.object({content: z.string(), encoding: z.string()})

export async function fetchGitdmFiles(
  client: StewardsOctokit,
  signal: AbortSignal,
  repo: {owner: string; name: string} = GITDM_REPO,
): Promise<AffiliationFileSet> {
  const params = {owner: repo.owner, repo: repo.name}
  const {data: facts} = await getPage(client, 'GET /repos/{owner}/{repo}', params, RepoResponse, signal)
  const {data: head} = await getPage(
    client,
    'GET /repos/{owner}/{repo}/commits',
    {...params, sha: facts.default_branch, per_page: 1},
    CommitList,
    signal,
  )
  const commit = head[0]
  if (!commit) throw new CollectFailure('invalid-response', `${repo.owner}/${repo.name} has no commit`)
  const {data: root} = await getPage(
    client,
    'GET /repos/{owner}/{repo}/contents',
    {...params, ref: commit.sha},
    Listing,
    signal,
  )
  const wanted = root
    .flatMap((entry) => {
      const match = entry.type === 'file' ? AFFILIATIONS_FILE.exec(entry.name) : null
      return match ? [{entry, n: Number(match[1])}] : []
    })
    .sort((a, b) => a.n - b.n)
  if (wanted.length === 0)
    throw new CollectFailure('invalid-response', `${repo.owner}/${repo.name}: no developers_affiliations*.txt file`)
  let total = 0
  const files: AffiliationFileSet['files'] = []
  for (const {entry} of wanted) {
    const {data} = await getPage(
      client,
      'GET /repos/{owner}/{repo}/git/blobs/{file_sha}',
      {...params, file_sha: entry.sha},
      Blob,
      signal,
    )
    const text = decode(data, entry.path)
    total += text.length
    if (total > MAX_TOTAL_BYTES)
      throw new CollectFailure(
        'too-large',
        `${repo.owner}/${repo.name}: affiliation files over ${MAX_TOTAL_BYTES} bytes`,
      )
    files.push({path: entry.path, text})
  }
  const set: AffiliationFileSet = {
    repo: `${repo.owner}/${repo.name}`,
    commit: commit.sha,
    date: commit.commit.committer.date,
    files,
  }
  try {
    const {data} = await getPage(
      client,
      'GET /repos/{owner}/{repo}/contents/{path}',
      {...params, path: COMPANIES_PATH, ref: commit.sha},
      Blob,
      signal,
    )
    set.companies = {path: COMPANIES_PATH, text: decode(data, COMPANIES_PATH)}
  } catch (error) {
    if ((error as {status?: number}).status !== 404) throw error
  }
  return set
}

function decode(blob: z.infer<typeof Blob>, path: string): string {
  if (blob.encoding !== 'base64')
    throw new CollectFailure('invalid-response', `${path}: unexpected blob encoding '${blob.encoding}'`)
  return Buffer.from(blob.content, 'base64').toString('utf8')
}
