import {stat} from 'node:fs/promises'
import {usageError} from '../../../core/errors.js'
import type {CollectedProject, CommitRecord, GovernanceFile} from '../../../core/model.js'
import {EXTERNAL_GOVERNANCE, externalPrefix, GOVERNANCE_PATHS} from '../../governance-files.js'
import {unreadProject} from '../../missing.js'
import {parseRepo, type RepoRef, repoIdentity, hostOfKey} from '../../../core/repo-name.js'
import type {ProjectResult, ResolvedOptions, Source, SourceSession} from '../../types.js'
import {loginFromNoreply, sortCommits} from '../../window.js'
import {inWindow} from '../../../core/window.js'
import {git, readBlobs} from './git.js'

const FIELD = '%x1f'
const RECORD = '%x1e'
/** Raw author and committer fields, no .mailmap (%an, not %aN), original offsets (%aI). */
const FORMAT = ['%H', '%an', '%ae', '%aI', '%cn', '%ce', '%cI'].join(FIELD) + RECORD

/**
 * A local clone or bare repository (`git` on the PATH): no network, no rate limit, no profiles.
 * C = `git rev-list -1 --first-parent --before=<until> HEAD`; commits are the non-merge commits
 * reachable from C with their author date in the window; governance files are read at C.
 * Logins are known only where the address carries one (GitHub noreply addresses). Facts and profiles
 * are never read here: every project lists them in `missing`.
 */
export const source = {
  id: 'git',
  description: 'local git clones or bare repositories (git log, git cat-file)',
  async open(options: ResolvedOptions): Promise<SourceSession> {
    const dirs = new Map<string, string>()
    const hosts = new Set(['github.com'])
    for (const [key, dir] of Object.entries(options.gitDirs ?? {})) {
      const ref = parseRepo(key, ['github.com', hostOfKey(key)])
      if ('error' in ref) continue
      await checkGitDir(dir)
      dirs.set(repoIdentity(ref), dir)
      hosts.add(ref.host)
    }
    return {
      stats: () => ({total: 0, byStatus: {}, cached: 0}),
      hosts: () => [...hosts],
      notCollected: (host) => `${host} is not collected: no local repository given for it (--git)`,
      fetchProfiles: async () => ({profiles: new Map(), incomplete: false, problems: [], failed: []}),
      collectProject: (ref, signal) => collectFromGit(ref, dirs, options, signal),
    }
  },
} satisfies Source

/**
 * A `--git` directory that does not exist or is not a repository is a usage error (exit 3) before any
 * collection starts: the user typed the path, and no project should be reported on because of it.
 */
async function checkGitDir(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null)
  if (!info?.isDirectory())
    throw usageError('git-dir', `--git ${dir}: no such directory`, 'give the path of a local clone or bare repository')
  try {
    await git(dir, ['rev-parse', '--git-dir'])
  } catch {
    throw usageError(
      'git-dir',
      `--git ${dir}: not a git repository`,
      'give the path of a local clone or bare repository',
    )
  }
}

async function collectFromGit(
  ref: RepoRef,
  dirs: Map<string, string>,
  options: ResolvedOptions,
  signal: AbortSignal,
): Promise<ProjectResult> {
  // Git knows no repository facts (archived, fork, license) and no profiles: unknown, never "absent".
  const project: CollectedProject = {
    repo: ref.key,
    source: 'git',
    status: 'ok',
    missing: ['facts', 'profiles'],
    window: options.window,
    commits: [],
    governance: [],
    profiles: {},
  }
  const dir = dirs.get(repoIdentity(ref))
  if (!dir) {
    const reason = `${ref.key}: no local repository given (--git)`
    return {project: unreadProject(ref.key, 'git', options.window, reason), incomplete: true, problems: [reason]}
  }
  try {
    const tip = await windowEnd(dir, options.window.until, signal)
    if (!tip) {
      project.status = 'empty'
      project.reason = 'no commit before the window end'
      return {project, incomplete: false, problems: []}
    }
    project.commits = await windowCommits(dir, tip, options, signal)
    project.governance = await governanceAt(dir, tip, '', signal)
    // Only the clones given are read: the organisation's and foundation's places need the GitHub source.
    project.searched = [{place: 'repository', repo: ref.key}]
    for (const key of EXTERNAL_GOVERNANCE[repoIdentity(ref)] ?? []) {
      const external = parseRepo(key)
      const externalDir = 'error' in external ? undefined : dirs.get(repoIdentity(external))
      if ('error' in external || !externalDir) continue
      const externalTip = await windowEnd(externalDir, options.window.until, signal)
      if (!externalTip) continue
      const files = await governanceAt(externalDir, externalTip, externalPrefix(external.owner, external.name), signal)
      project.governance.push(...files.map((f) => ({...f, origin: {place: 'project' as const, repo: external.key}})))
      project.searched.push({place: 'project', repo: external.key})
    }
    project.governance.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    return {project, incomplete: false, problems: []}
  } catch (error) {
    const reason = `${ref.key}: ${signal.aborted ? 'timed out' : (error as Error).message}`
    return {project: unreadProject(ref.key, 'git', options.window, reason), incomplete: true, problems: [reason]}
  }
}

async function windowEnd(dir: string, until: string, signal: AbortSignal): Promise<string | null> {
  try {
    // --before is inclusive; the window end is exclusive: one second earlier.
    const before = new Date(Date.parse(until) - 1000).toISOString()
    const out = await git(dir, ['rev-list', '-1', '--first-parent', `--before=${before}`, 'HEAD'], {signal})
    return out.trim() || null
  } catch (error) {
    if (/unknown revision|bad revision|ambiguous argument 'HEAD'/.test((error as Error).message)) return null
    throw error
  }
}

async function windowCommits(
  dir: string,
  tip: string,
  options: ResolvedOptions,
  signal: AbortSignal,
): Promise<CommitRecord[]> {
  const out = await git(dir, ['log', '--no-merges', `--format=${FORMAT}`, tip], {signal})
  const commits: CommitRecord[] = []
  for (const record of out.split('\x1e')) {
    const fields = record.replace(/^\n/, '').split('\x1f')
    if (fields.length !== 7) continue
    const [sha, an, ae, ad, cn, ce, cd] = fields
    if (!inWindow(ad, options.window)) continue
    commits.push({
      sha,
      author: {name: an, email: ae, date: ad},
      committer: {name: cn, email: ce, date: cd},
      login: loginFromNoreply(ae),
    })
  }
  return sortCommits(commits)
}

async function governanceAt(dir: string, tip: string, prefix: string, signal: AbortSignal): Promise<GovernanceFile[]> {
  const blobs = await readBlobs(
    dir,
    GOVERNANCE_PATHS.map((p) => `${tip}:${p}`),
    signal,
  )
  const files: GovernanceFile[] = []
  for (const path of GOVERNANCE_PATHS) {
    const content = blobs.get(`${tip}:${path}`)
    if (typeof content !== 'string') continue
    const file: GovernanceFile = {path: prefix + path, content}
    // The file's revision: its last change at or before the window end (its statements are evidence as of then).
    const [sha, date] = (await git(dir, ['log', '-1', '--format=%H%x1f%cI', tip, '--', path], {signal}))
      .trim()
      .split('\x1f')
    if (sha && date) file.revision = {sha, date}
    files.push(file)
  }
  return files
}
