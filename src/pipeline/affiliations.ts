/**
 * `--affiliations cncf-gitdm`: the CNCF gitdm files `stewards affiliations update` stored in the cache (or a
 * snapshot's cache bundle) stand in the list where the keyword is, in gitdm order, named for their citations
 * (`cncf/gitdm@abc1234:developers_affiliations3.txt:120`); their `companies.yaml` applies unless `--companies`
 * gives one. Read offline: a scan never fetches them by surprise.
 */
import {type EvidenceText, loadAttributionContext} from '../attribute/index.js'
import {
  type AffiliationFetchOptions,
  type CollectFlagValues,
  collectOptionsFrom,
  fetchAffiliationFiles,
  type Snapshot,
} from '../collect/index.js'
import {openCacheStore} from '../core/cache/open.js'
import {loadScanConfig} from './config.js'
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
    /** The shared store `affiliations update --cache-url` filled, instead of the directory. */
    cacheUrl?: string
    snapshot?: string
    /** `snapshot` already read (a scan reads it once for every stage). */
    snapshotContent?: Snapshot
    githubApiUrl?: string | readonly string[]
    token?: string
    githubComToken?: string
  },
): Promise<AffiliationSources> {
  if (!affiliations?.includes(CNCF_GITDM))
    return {...(affiliations ? {affiliations: [...affiliations]} : {}), companies}
  const cache = options.snapshot ? undefined : sharedStore(options.cacheUrl)
  const fetched = await fetchAffiliationFiles({
    source: options.snapshot ? 'snapshot' : 'github',
    snapshot: options.snapshot,
    ...(options.snapshotContent ? {snapshotContent: options.snapshotContent} : {}),
    cacheDir: options.cacheDir,
    ...(cache ? {cache} : {}),
    apiUrl: options.githubApiUrl,
    token: options.token,
    githubComToken: options.githubComToken,
    offline: true,
  }).finally(() => cache?.close?.())
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

/** What `stewards affiliations update` takes: the collecting flags it shares with `scan` (the `.stewards.yaml`
 * keys of the same names apply), without the window (files are read at a commit, not over a period). */
export type AffiliationUpdateFlags = Pick<
  CollectFlagValues,
  'token' | 'github-api-url' | 'cache-dir' | 'cache-url' | 'offline' | 'on-rate-limit'
> & {config?: string}

/**
 * `stewards affiliations update`: the CNCF gitdm files at the default branch's head, through the cache (every
 * entry revalidated with its ETag: unchanged files cost a 304), then read as a scan would read them. Settings as
 * every collecting command takes them (`collectOptionsFrom`): flags, then `.stewards.yaml`.
 */
export async function updateAffiliations(
  flags: AffiliationUpdateFlags,
  onProgress?: AffiliationFetchOptions['onProgress'],
): Promise<AffiliationUpdate> {
  const options = await collectOptionsFrom(flags, await loadScanConfig(flags.config))
  const cache = sharedStore(options.cacheUrl, (text) => onProgress?.({type: 'notice', message: text}))
  let requests = {total: 0, cached: 0}
  const set = await fetchAffiliationFiles({
    ...options,
    ...(cache ? {cache} : {}),
    source: 'github',
    offline: options.offline ?? false,
    maxAge: 0,
    onProgress,
    onStats: (stats) => {
      requests = {total: stats.total, cached: stats.cached}
    },
  }).finally(() => cache?.close?.())
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

/** The update as people read it: where the files come from, what they hold, what the requests cost. */
export function affiliationUpdateLines(update: AffiliationUpdate): string[] {
  const {set} = update
  return [
    `${set.repo} at ${set.commit} (${set.date}): ${set.files.length} affiliation files, ${updateBytes(update)} bytes, ${update.blocks} records; companies.yaml: ${set.companies ? `${update.acquisitions} acquisition rules` : 'none'}`,
    ...set.files.map((f) => `  ${f.path}`),
    `Requests: ${update.requests.total} sent, ${update.requests.cached} answered from the cache.`,
    'Use them with --affiliations cncf-gitdm.',
  ]
}

/** The update for machines (`--format json`): the same facts, the file texts left out (they are in the cache). */
export function affiliationUpdateJson(update: AffiliationUpdate) {
  const {set} = update
  return {
    repo: set.repo,
    commit: set.commit,
    date: set.date,
    files: set.files.map((f) => ({path: f.path, bytes: Buffer.byteLength(f.text)})),
    companies: set.companies ? {path: set.companies.path, acquisitions: update.acquisitions} : null,
    records: update.blocks,
    problems: update.problems,
    requests: update.requests,
  }
}

/** The shared store when --cache-url names one (`affiliations update` fills it, `scan` reads it), else none: the
 * source opens the cache directory itself. */
function sharedStore(cacheUrl: string | undefined, onUnusable?: (text: string) => void) {
  return cacheUrl ? openCacheStore({cacheUrl, onUnusable}) : undefined
}

function updateBytes(update: AffiliationUpdate): number {
  return update.set.files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0)
}
