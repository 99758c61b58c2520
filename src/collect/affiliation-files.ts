/**
 * `stewards affiliations update` and `--affiliations cncf-gitdm`: the CNCF gitdm files through the GitHub
 * source (or a snapshot's cache bundle), with the client, cache and ETags every other request uses. Offline
 * (the default for reading), the files come from the cache; `affiliations update` refreshes them.
 */
import {ExitCode, StewardsError, usageError} from '../core/errors.js'
import type {AffiliationFileSet, RequestStats} from '../core/model.js'
import {CollectFailure} from './octokit/errors.js'
import {sourcePeers} from './collect.js'
import type {CollectOptions, ResolvedOptions} from './types.js'

export type AffiliationFetchOptions = Omit<CollectOptions, 'window' | 'gitDirs' | 'concurrency'> & {
  /** Called once at the end with the requests made (and answered from the cache). */
  onStats?: (stats: RequestStats) => void
}

export async function fetchAffiliationFiles(options: AffiliationFetchOptions): Promise<AffiliationFileSet> {
  const id = options.source === 'snapshot' ? 'snapshot' : 'github'
  // The window plays no part in reading files at a commit.
  const resolved: ResolvedOptions = {...options, source: id, window: {since: '', until: ''}}
  const session = await sourcePeers().open(id, resolved)
  try {
    if (!session.fetchAffiliationFiles)
      throw usageError(
        'affiliations-unavailable',
        'this snapshot holds no affiliation files (a recorded `collect --json` keeps none)',
        'use a cache bundle (`stewards cache export`) made after `stewards affiliations update`',
      )
    return await session.fetchAffiliationFiles(AbortSignal.timeout(options.projectTimeoutMs ?? 10 * 60_000))
  } catch (error) {
    if (error instanceof CollectFailure && error.kind === 'offline-miss')
      throw usageError(
        'affiliations-not-cached',
        `the CNCF gitdm affiliation files are not in the cache (${error.message})`,
        'run `stewards affiliations update` (online) first, or import a cache bundle that holds them',
      )
    if (error instanceof CollectFailure && error.kind === 'unauthorized')
      throw new StewardsError('github-unauthorized', 'GitHub rejected the token (401 Bad credentials)', {
        hint: 'check --token, GITHUB_TOKEN or GH_TOKEN (expired or revoked?), or unset them to run anonymously',
      })
    if (error instanceof CollectFailure)
      throw new StewardsError('affiliations-incomplete', `cannot read the CNCF gitdm files: ${error.message}`, {
        exitCode: ExitCode.incomplete,
        hint: 'try again later (--on-rate-limit wait waits for a rate-limit reset), or with a token',
      })
    throw error
  } finally {
    options.onStats?.(session.stats())
    await session.close?.()
  }
}
