import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {StewardsError} from '../../../core/errors.js'
import type {CollectedProject} from '../../../core/model.js'
import {parseRepo, type RepoRef} from '../../../core/repo-name.js'
import type {ResolvedOptions, SourcePeers, SourceSession} from '../../types.js'
import {source} from './index.js'

/** Replays of a recorded collection (`stewards collect --format json`); cache bundles replay through the github source. */
const dir = mkdtempSync(join(tmpdir(), 'stewards-snapshot-source-'))
const RECORDED = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}
const signature = (email: string, date: string) => ({name: email.split('@')[0], email, date})
const widget: CollectedProject = {
  repo: 'github.com/example/widget',
  source: 'github',
  status: 'ok',
  window: RECORDED,
  commits: [
    {
      sha: 'a1',
      author: signature('alice@example.com', '2024-02-01T00:00:00Z'),
      committer: signature('alice@example.com', '2024-02-01T00:00:00Z'),
      login: 'alice',
    },
    {
      sha: 'b2',
      author: signature('bob@example.org', '2024-09-01T00:00:00Z'),
      committer: signature('bob@example.org', '2024-09-01T00:00:00Z'),
      login: null,
    },
  ],
  governance: [{path: 'OWNERS', content: 'approvers:\n  - alice\n'}],
  profiles: {alice: {login: 'alice', company: '@example'}},
}
const recording = join(dir, 'recording.json')
writeFileSync(recording, JSON.stringify({window: RECORDED, projects: [widget]}))
const noPeers: SourcePeers = {
  open: () => {
    throw new Error('a recorded collection replays without another source')
  },
}

async function open(snapshot: string, window = RECORDED): Promise<SourceSession> {
  return source.open({window, snapshot, source: 'snapshot'} as ResolvedOptions, noPeers)
}

function ref(name: string): RepoRef {
  const parsed = parseRepo(name)
  if ('error' in parsed) throw new Error(parsed.error)
  return parsed
}

const signal = new AbortController().signal

describe('snapshot source (recorded collection)', () => {
  it('replays a recorded project for any window inside the recording, commits cut to the window', async () => {
    const session = await open(recording, {since: '2024-06-01T00:00:00.000Z', until: RECORDED.until})
    const {project, incomplete, problems} = await session.collectProject(ref('Example/Widget'), signal)
    expect([incomplete, problems]).toEqual([false, []])
    expect(project).toMatchObject({repo: 'github.com/Example/Widget', source: 'snapshot', status: 'ok'})
    expect(project.commits.map((c) => c.sha)).toEqual(['b2'])
    expect(project.governance).toEqual(widget.governance)
    expect(project.profiles).toEqual(widget.profiles)
  })

  it('marks commits missing when the window reaches outside the recording', async () => {
    const session = await open(recording, {since: '2023-01-01T00:00:00.000Z', until: RECORDED.until})
    const {project, incomplete, problems} = await session.collectProject(ref('example/widget'), signal)
    expect(incomplete).toBe(true)
    expect(project).toMatchObject({status: 'partial', missing: ['commits']})
    expect(problems).toEqual([
      `github.com/example/widget: the snapshot covers ${RECORDED.since} to ${RECORDED.until} only`,
    ])
  })

  it('reports a project the recording does not hold as not read, never as absent', async () => {
    const session = await open(recording)
    const {project, incomplete} = await session.collectProject(ref('example/other'), signal)
    expect(incomplete).toBe(true)
    expect(project).toMatchObject({status: 'partial', reason: 'github.com/example/other: not in the snapshot'})
    expect(project.missing).toEqual(['facts', 'commits', 'governance', 'profiles'])
  })

  it('refuses a file that is missing, not JSON, or not a snapshot, naming it (exit 3)', async () => {
    const notJson = join(dir, 'broken.json')
    writeFileSync(notJson, '{"projects": [\n')
    const other = join(dir, 'other.json')
    writeFileSync(other, JSON.stringify({hello: 'world'}))
    const cases: Array<[string, string, RegExp]> = [
      [
        join(dir, 'missing.json'),
        'file-unreadable',
        /missing\.json: cannot read the snapshot \(no such file or directory\)$/,
      ],
      [notJson, 'json-invalid', /broken\.json(:\d+)?: invalid JSON at line/],
      [other, 'snapshot-invalid', /other\.json: neither a cache bundle nor a recorded collection/],
    ]
    for (const [file, code, message] of cases) {
      const error = await open(file).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error, file).toBeInstanceOf(StewardsError)
      expect([(error as StewardsError).code, (error as StewardsError).exitCode]).toEqual([code, 3])
      expect((error as StewardsError).message).toMatch(message)
    }
  })
})
