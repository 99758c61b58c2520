/** `stewards collect`: repositories named on the command line through the collect stage, settings as `scan` reads them. */
import {
  type CollectFlagValues,
  type CollectOptions,
  type CollectRun,
  collectOptionsFrom,
  collectProjects,
  hostsFor,
  collectNotice,
  pairGitDirs,
  parseRepo,
} from '../collect/index.js'
import {ExitCode, usageError} from '../core/errors.js'
import type {Window} from '../core/model.js'
import {openCacheStore} from '../core/cache/open.js'
import {RecordingStore} from '../core/cache/recording.js'
import {inShard, parseShard} from '../core/shard.js'
import {checkWriteTarget, writeFileAtomic} from '../core/write-file.js'
import {loadScanConfig, type ScanConfig} from './config.js'
import {nextStepFor, runContext} from './next-step.js'
import {collectTargets} from './targets.js'

export interface CollectCommandFlags extends CollectFlagValues {
  config?: string
  git?: string[]
  /** A saved scan report whose projects are collected too. */
  from?: string
  /** A file listing repositories, one a line. */
  repos?: string
  /** `I/N`: only this worker's share of the repositories. */
  shard?: string
  /** Also write the cache entries this run read or wrote as a bundle. */
  bundle?: string
}

export interface CollectCallbacks {
  /** What a user must see even without a terminal (waits, rate limits): `live` for the terminal's status line. */
  onNotice?: (notice: {text: string; live: boolean}) => void
  /** Per-project progress lines. */
  onProgress?: (message: string) => void
  /** The bundle `--bundle` wrote, with how many entries. */
  onBundle?: (file: string, entries: number) => void
}

/** `OWNER/REPO` (or `github.com/OWNER/REPO`, or the Enterprise host's) as a repository key, else a usage error. */
export function repoKey(input: string, apiUrl: string | readonly string[] | undefined): string {
  const ref = parseRepo(input, hostsFor(apiUrl))
  if ('error' in ref) throw usageError('bad-repo', ref.error)
  return ref.key
}

/** The collecting flags over `.stewards.yaml`; `--git` makes the local clones the source. */
export async function collectSettings(
  flags: CollectCommandFlags,
  config: ScanConfig,
  repos: (apiUrl: string | readonly string[] | undefined) => string[],
  callbacks: CollectCallbacks,
): Promise<{options: CollectOptions; keys: string[]}> {
  const options = await collectOptionsFrom(flags, config)
  const keys = repos(options.apiUrl)
  if (flags.git?.length) Object.assign(options, {source: 'git', gitDirs: pairGitDirs(keys, flags.git)})
  options.onProgress = (event) => {
    const notice = collectNotice(event)
    if (notice) callbacks.onNotice?.(notice)
    else if (event.type === 'project-done') callbacks.onProgress?.(`collected ${event.repo} (${event.status})`)
  }
  return {options, keys}
}

/**
 * Collects every repository (named, listed in `--repos`, or the projects of `--from`), or this worker's share of
 * them (`--shard I/N`); exit 2 when something could not be collected (each project lists what in `missing`). With
 * `--cache-url` or `--bundle`, the pipeline opens the store (and records what the run read or wrote).
 */
export async function collectRepos(
  args: readonly string[],
  flags: CollectCommandFlags,
  callbacks: CollectCallbacks = {},
): Promise<{window: Window; run: CollectRun; exitCode: ExitCode; next?: string; warnings: string[]}> {
  const shard = flags.shard ? parseShard(flags.shard) : undefined
  if (flags.bundle) checkWriteTarget(flags.bundle, BUNDLE_TARGET)
  const inputs = await collectTargets({args: [...args], from: flags.from, reposFile: flags.repos})
  const {options, keys} = await collectSettings(
    flags,
    await loadScanConfig(flags.config),
    (apiUrl) => {
      const all = inputs.map((input) => repoKey(input, apiUrl))
      return shard ? all.filter((key) => inShard(key, shard)) : all
    },
    callbacks,
  )
  const opened =
    options.cacheUrl || flags.bundle
      ? openCacheStore({
          cacheDir: options.cacheDir,
          cacheUrl: options.cacheUrl,
          maxAgeMs: options.maxAge,
          onUnusable: (text) => callbacks.onNotice?.({text, live: false}),
        })
      : undefined
  const cache = opened && flags.bundle ? new RecordingStore(opened) : opened
  if (cache) options.cache = cache
  const run = await collectProjects(keys, options).finally(() => cache?.close?.())
  if (flags.bundle && cache instanceof RecordingStore) {
    const bundle = cache.bundle()
    await writeFileAtomic(flags.bundle, `${JSON.stringify(bundle)}\n`, BUNDLE_TARGET)
    callbacks.onBundle?.(flags.bundle, bundle.entries.length)
  }
  // One line for what the run could not collect, instead of a warning per project with the same cause.
  const next = nextStepFor(run.projects, runContext(options))
  const covered = new Set(next?.repos ?? [])
  const warnings = run.problems.filter((problem) => ![...covered].some((repo) => problem.startsWith(`${repo}: `)))
  return {
    window: options.window,
    run,
    exitCode: run.incomplete ? ExitCode.incomplete : ExitCode.clean,
    warnings,
    ...(next ? {next: next.line} : {}),
  }
}

const BUNDLE_TARGET = {what: 'collect --bundle'}

/** One tab-separated line per project: status, counts, what is missing and why. */
export function collectSummaryLines(run: CollectRun): string[] {
  return run.projects.map((p) =>
    [
      p.repo,
      p.status,
      `${p.commits.length} commits`,
      `${p.governance.length} files`,
      `${Object.keys(p.profiles).length} profiles`,
      ...(p.missing?.length ? [`missing: ${p.missing.join(', ')}`] : []),
      ...(p.reason ? [p.reason] : []),
    ].join('\t'),
  )
}
