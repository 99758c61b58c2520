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
import {loadScanConfig, type ScanConfig} from './config.js'

export interface CollectCommandFlags extends CollectFlagValues {
  config?: string
  git?: string[]
}

export interface CollectCallbacks {
  /** What a user must see even without a terminal (waits, rate limits): `live` for the terminal's status line. */
  onNotice?: (notice: {text: string; live: boolean}) => void
  /** Per-project progress lines. */
  onProgress?: (message: string) => void
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

/** Collects every repository; exit 2 when something could not be collected (each project lists what in `missing`). */
export async function collectRepos(
  inputs: readonly string[],
  flags: CollectCommandFlags,
  callbacks: CollectCallbacks = {},
): Promise<{window: Window; run: CollectRun; exitCode: ExitCode}> {
  const {options, keys} = await collectSettings(
    flags,
    await loadScanConfig(flags.config),
    (apiUrl) => inputs.map((input) => repoKey(input, apiUrl)),
    callbacks,
  )
  const run = await collectProjects(keys, options)
  return {window: options.window, run, exitCode: run.incomplete ? ExitCode.incomplete : ExitCode.clean}
}

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
