import {z} from 'zod'
import type {RepoFacts} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {CollectFailure} from '../../octokit/errors.js'
import {isValidOwner, isValidRepoName} from '../../../core/repo-name.js'
import {getPage} from './http.js'
import {RepoResponse} from './schema.js'

export interface FetchedFacts {
  facts: RepoFacts
  /** Where the repository lives now (after a rename or transfer). */
  owner: string
  name: string
}

export async function fetchFacts(
  client: StewardsOctokit,
  owner: string,
  name: string,
  signal: AbortSignal,
): Promise<FetchedFacts> {
  const {data} = await getPage(client, 'GET /repos/{owner}/{repo}', {owner, repo: name}, RepoResponse, signal)
  return factsFrom(data, owner, name)
}

/** The facts of GitHub's repository answer, asked for as `owner/name`. */
export function factsFrom(data: RepoResponse, owner: string, name: string): FetchedFacts {
  const [newOwner, newName] = data.full_name.split('/')
  // The new name came from the network: validated like any other before it builds URLs.
  if (!newOwner || !newName || !isValidOwner(newOwner) || !isValidRepoName(newName)) {
    throw new CollectFailure('invalid-response', `GitHub returned an invalid repository name '${data.full_name}'`)
  }
  const facts: RepoFacts = {
    fullName: data.full_name,
    archived: data.archived,
    fork: data.fork,
    defaultBranch: data.default_branch,
    createdAt: data.created_at ?? undefined,
    pushedAt: data.pushed_at ?? undefined,
    license: data.license?.spdx_id ?? null,
  }
  if (data.full_name.toLowerCase() !== `${owner}/${name}`.toLowerCase()) facts.renamedFrom = `${owner}/${name}`
  return {facts, owner: newOwner, name: newName}
}

/**
 * The same facts from GraphQL's `Repository` (`FACTS_FIELDS`), in the same order and shape as from REST: a refresh
 * reads them in the governance query when the listing shows new commits (session.ts). GitHub's REST names a licence
 * it does not recognise `NOASSERTION`; GraphQL's `other` licence is the same one.
 */
export const FACTS_FIELDS =
  'nameWithOwner isArchived isFork createdAt pushedAt defaultBranchRef { name } licenseInfo { spdxId key }'

export const GraphqlFacts = z.object({
  nameWithOwner: z.string(),
  isArchived: z.boolean(),
  isFork: z.boolean(),
  createdAt: z.string().nullish(),
  pushedAt: z.string().nullish(),
  defaultBranchRef: z.object({name: z.string()}).nullish(),
  licenseInfo: z.object({spdxId: z.string().nullish(), key: z.string().nullish()}).nullish(),
})

export function factsFromGraphql(data: z.infer<typeof GraphqlFacts>): RepoFacts | null {
  if (!data.defaultBranchRef) return null
  const license = data.licenseInfo
  return {
    fullName: data.nameWithOwner,
    archived: data.isArchived,
    fork: data.isFork,
    defaultBranch: data.defaultBranchRef.name,
    createdAt: data.createdAt ?? undefined,
    pushedAt: data.pushedAt ?? undefined,
    license: license ? (license.key === 'other' ? 'NOASSERTION' : (license.spdxId ?? null)) : null,
  }
}
