import {corruptNotice} from '../../../core/cache/bundle.js'
import {usageError} from '../../../core/errors.js'
import type {CollectedProject} from '../../../core/model.js'
import {parseRepo, repoIdentity, hostOfKey} from '../../../core/repo-name.js'
import {inWindow} from '../../../core/window.js'
import {snapshotMissMessage} from '../../miss-reason.js'
import {addMissing, unreadProject} from '../../missing.js'
import {cachedHosts} from '../../octokit/cache-plugin.js'
import type {ProjectResult, ResolvedOptions, Source, SourcePeers, SourceSession} from '../../types.js'
import {type Snapshot, readSnapshot, snapshotStore} from './read.js'
import type {RecordedCollection} from './schema.js'

/**
 * Replays collected data without network: either a cache bundle (`stewards cache export`), read by
 * the GitHub source in offline mode, or a recorded collection (`stewards collect --format json`).
 * A bundle's entries are verified (checksums): one that fails is left out, so what it held is reported
 * missing, never replayed. Any host the data holds replays, whatever `--github-api-url` says.
 */
export const source = {
  id: 'snapshot',
  description: 'replay a cache bundle or a recorded `stewards collect --format json` without network',
  async open(options: ResolvedOptions, peers: SourcePeers): Promise<SourceSession> {
    if (!options.snapshot) throw usageError('snapshot-missing', 'the snapshot source needs a file (--snapshot FILE)')
    // Read once per scan: the pipeline hands over what it read for the resolve stage.
    const given = options.snapshotContent
    const snapshot = given?.file === options.snapshot ? given : await readSnapshot(options.snapshot)
    if (snapshot.kind === 'recording') return openRecording(snapshot.recording, options)
    if (snapshot.corrupt.length > 0)
      options.onProgress?.({type: 'notice', message: corruptNotice(snapshot.file, snapshot.corrupt)})
    return openBundle(snapshot, options, peers)
  },
} satisfies Source

async function openBundle(
  snapshot: Extract<Snapshot, {kind: 'bundle'}>,
  options: ResolvedOptions,
  peers: SourcePeers,
): Promise<SourceSession> {
  const {bundle} = snapshot
  // The bundle is the whole cache of the replay, held in memory (never the user's own cache, never written).
  const github = await peers.open('github', {
    ...options,
    cache: await snapshotStore(snapshot),
    offline: true,
    offlineHosts: cachedHosts(bundle.entries),
  })
  return {
    stats: () => github.stats(),
    hosts: () => github.hosts(),
    notCollected: (host) =>
      `${host} is not in the snapshot (it holds ${cachedHosts(bundle.entries).join(', ') || 'no GitHub data'})`,
    fetchProfiles: (logins, signal, host) => github.fetchProfiles(logins, signal, host),
    fetchOrgAccounts:
      github.fetchOrgAccounts && ((handles, signal, host) => github.fetchOrgAccounts!(handles, signal, host)),
    fetchAffiliationFiles: github.fetchAffiliationFiles && ((signal) => github.fetchAffiliationFiles!(signal)),
    async collectProject(ref, signal) {
      const result = await github.collectProject(ref, signal)
      return {...result, project: {...result.project, source: 'snapshot'}}
    },
  }
}

function openRecording(recording: RecordedCollection, options: ResolvedOptions): SourceSession {
  const byRepo = new Map<string, CollectedProject>()
  const hosts = new Set(['github.com'])
  for (const project of recording.projects) {
    const ref = parseRepo(project.repo, ['github.com', hostOfKey(project.repo)])
    if ('error' in ref) continue
    byRepo.set(repoIdentity(ref), project as CollectedProject)
    hosts.add(ref.host)
  }
  return {
    stats: () => ({total: 0, byStatus: {}, cached: 0}),
    hosts: () => [...hosts].sort(),
    notCollected: (host) => `${host} is not in the recorded collection`,
    // Profiles travel inside each recorded project.
    fetchProfiles: async () => ({profiles: new Map(), incomplete: false, problems: [], failed: []}),
    async collectProject(ref): Promise<ProjectResult> {
      const recorded = byRepo.get(repoIdentity(ref))
      if (!recorded) {
        // Not recorded says nothing about the project: unread, like an offline cache miss.
        const reason = snapshotMissMessage(ref.key)
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
