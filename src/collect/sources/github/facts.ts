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
