/**
 * `--affiliations cncf-gitdm`: the CNCF gitdm files `stewards affiliations update` stored in the cache (or a
 * snapshot's cache bundle) stand in the list where the keyword is, in gitdm order, named for their citations
 * (`cncf/gitdm@abc1234:developers_affiliations3.txt:120`); their `companies.yaml` applies unless `--companies`
 * gives one. Read offline: a scan never fetches them by surprise.
 */
import {type EvidenceText, loadAttributionContext} from '../attribute/index.js'
import {type AffiliationFetchOptions, fetchAffiliationFiles} from '../collect/index.js'
import type {AffiliationFileSet} from '../core/model.js'

export const CNCF_GITDM = 'cncf-gitdm'

export interface AffiliationSources {
  affiliations?: Array<string | EvidenceText>
  companies?: string | EvidenceText
  /** The fetched set, when `cncf-gitdm` was asked for: which commit, how old. */
  fetched?: AffiliationFileSet
}

export async function resolveAffiliations(
  affiliations: readonly string[] | undefined,
  companies: string | undefined,
  options: {
    cacheDir?: string
    snapshot?: string
    githubApiUrl?: string | readonly string[]
    token?: string
    githubComToken?: string
  },
): Promise<AffiliationSources> {
  if (!affiliations?.includes(CNCF_GITDM))
    return {...(affiliations ? {affiliations: [...affiliations]} : {}), companies}
  const fetched = await fetchAffiliationFiles({
    source: options.snapshot ? 'snapshot' : 'github',
    snapshot: options.snapshot,
    cacheDir: options.cacheDir,
    apiUrl: options.githubApiUrl,
    token: options.token,
    githubComToken: options.githubComToken,
    offline: true,
  })
  const named = (path: string, text: string): EvidenceText => ({file: citationName(fetched, path), text})
  return {
    affiliations: affiliations.flatMap(
      (entry): Array<string | EvidenceText> =>
        entry === CNCF_GITDM ? fetched.files.map((f) => named(f.path, f.text)) : [entry],
    ),
    companies: companies ?? (fetched.companies && named(fetched.companies.path, fetched.companies.text)),
    fetched,
  }
}

/** `cncf/gitdm@abc1234:developers_affiliations1.txt`: the repository, the commit read, the file. */
export function citationName(set: Pick<AffiliationFileSet, 'repo' | 'commit'>, path: string): string {
  return `${set.repo}@${set.commit.slice(0, 12)}:${path}`
}

export interface AffiliationUpdate {
  set: AffiliationFileSet
  /** gitdm blocks read from the files, and the acquisition rules of companies.yaml. */
  blocks: number
  acquisitions: number
  /** Lines the gitdm parser could not read (skipped, reported). */
  problems: Array<{file: string; line?: number; message: string}>
  /** Requests that reached GitHub, and those the cache answered (304s included). */
  requests: {total: number; cached: number}
}

/**
 * `stewards affiliations update`: the CNCF gitdm files at the default branch's head, through the cache (every
 * entry revalidated with its ETag: unchanged files cost a 304), then read as a scan would read them.
 */
export async function updateAffiliations(
  options: {
    cacheDir?: string
    githubApiUrl?: string | readonly string[]
    token?: string
    githubComToken?: string
    offline?: boolean
  } & Pick<AffiliationFetchOptions, 'onRateLimit' | 'onProgress'>,
): Promise<AffiliationUpdate> {
  let requests = {total: 0, cached: 0}
  const set = await fetchAffiliationFiles({
    source: 'github',
    cacheDir: options.cacheDir,
    apiUrl: options.githubApiUrl,
    token: options.token,
    githubComToken: options.githubComToken,
    offline: options.offline ?? false,
    maxAge: 0,
    onRateLimit: options.onRateLimit,
    onProgress: options.onProgress,
    onStats: (stats) => {
      requests = {total: stats.total, cached: stats.cached}
    },
  })
  const context = await loadAttributionContext({
    affiliations: set.files.map((f) => ({file: citationName(set, f.path), text: f.text})),
    ...(set.companies ? {companies: {file: citationName(set, set.companies.path), text: set.companies.text}} : {}),
    sources: ['gitdm'],
  })
  return {
    set,
    blocks: context.gitdm?.blocks.length ?? 0,
    acquisitions: context.acquisitions.length,
    problems: context.problems,
    requests,
  }
}
