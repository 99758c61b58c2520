import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {CollectedProject} from '../../../core/model.js'
import {usageError} from '../../../core/errors.js'
import {parseUserJson, readUserFile} from '../../../core/user-file.js'
import {DiskCache} from '../../../core/cache/disk-cache.js'
import {addMissing, unreadProject} from '../../missing.js'
import {repoIdentity, parseRepo} from '../../../core/repo-name.js'
import type {ProjectResult, ResolvedOptions, Source, SourcePeers, SourceSession} from '../../types.js'
import {inWindow} from '../../../core/window.js'
import {type RecordedCollection, Snapshot} from './schema.js'

/**
 * Replays collected data without network: either a cache bundle (`stewards cache export`), read by
 * the GitHub source in offline mode, or a recorded collection (`stewards collect --format json`).
 */
export const source = {
  id: 'snapshot',
  description: 'replay a cache bundle or a recorded `stewards collect --format json` without network',
  hosts() {
    return ['github.com']
  },
  async open(options: ResolvedOptions, peers: SourcePeers): Promise<SourceSession> {
    if (!options.snapshot) throw usageError('snapshot-missing', 'the snapshot source needs a file (--snapshot FILE)')
    const snapshot = await readSnapshot(options.snapshot)
    if ('format' in snapshot) return openBundle(snapshot, options, peers)
    return openRecording(snapshot, options)
  },
} satisfies Source

async function readSnapshot(file: string) {
  const hint = 'a snapshot is a `stewards cache export` bundle or `stewards collect --format json` output'
  const json = parseUserJson(await readUserFile(file, 'the snapshot', {hint}), file, hint)
  const parsed = Snapshot.safeParse(json)
  if (!parsed.success)
    throw usageError(
      'snapshot-invalid',
      `${file}: neither a cache bundle nor a recorded collection (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
    )
  return parsed.data
}

async function openBundle(
  bundle: Parameters<DiskCache['importBundle']>[0],
  options: ResolvedOptions,
  peers: SourcePeers,
): Promise<SourceSession> {
  const dir = await mkdtemp(join(tmpdir(), 'stewards-snapshot-'))
  await new DiskCache(dir).importBundle(bundle)
  const github = await peers.open('github', {...options, cacheDir: dir, offline: true})
  return {
    stats: () => github.stats(),
    fetchProfiles: (logins, signal) => github.fetchProfiles(logins, signal),
    async collectProject(ref, signal) {
      const result = await github.collectProject(ref, signal)
      return {...result, project: {...result.project, source: 'snapshot'}}
    },
    async close() {
      await rm(dir, {recursive: true, force: true})
    },
  }
}

function openRecording(recording: RecordedCollection, options: ResolvedOptions): SourceSession {
  const byRepo = new Map<string, CollectedProject>()
  for (const project of recording.projects) {
    const ref = parseRepo(project.repo)
    if (!('error' in ref)) byRepo.set(repoIdentity(ref), project as CollectedProject)
  }
  return {
    stats: () => ({total: 0, byStatus: {}, cached: 0}),
    // Profiles travel inside each recorded project.
    fetchProfiles: async () => ({profiles: new Map(), incomplete: false, problems: [], failed: []}),
    async collectProject(ref): Promise<ProjectResult> {
      const recorded = byRepo.get(repoIdentity(ref))
      if (!recorded) {
        // Not recorded says nothing about the project: unread, like an offline cache miss.
        const reason = `${ref.key}: not in the snapshot`
        return {
          project: unreadProject(ref.key, 'snapshot', options.window, reason),
          incomplete: true,
          problems: [reason],
        }
      }
      return replay(recorded, ref.key, options)
    },
  }
}

/** A recording answers for any window inside its own; a wider window makes the project partial. */
function replay(recorded: CollectedProject, repo: string, options: ResolvedOptions): ProjectResult {
  const {window} = options
  const covers =
    Date.parse(recorded.window.since) <= Date.parse(window.since) &&
    Date.parse(recorded.window.until) >= Date.parse(window.until)
  const project: CollectedProject = {
    ...recorded,
    repo,
    source: 'snapshot',
    window,
    commits: recorded.commits.filter((c) => inWindow(c.author.date, window)),
  }
  // What the recording could not read is still missing: the replay is as incomplete as the recording.
  const recordedGaps = recorded.missing?.length
    ? [`${repo}: ${recorded.reason ?? `recorded without ${recorded.missing.join(', ')}`}`]
    : []
  if (covers || recorded.status === 'unavailable')
    return {project, incomplete: recordedGaps.length > 0, problems: recordedGaps}
  const reason = `${repo}: the snapshot covers ${recorded.window.since} to ${recorded.window.until} only`
  const partial: CollectedProject = {...project, status: 'partial', reason}
  addMissing(partial, 'commits')
  return {project: partial, incomplete: true, problems: [...recordedGaps, reason]}
}
