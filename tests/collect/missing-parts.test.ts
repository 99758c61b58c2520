import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {collectProjects} from '../../src/collect/index.js'
import {StewardsError} from '../../src/core/errors.js'
import {type GithubEmulator, startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, FAST_HTTP, fixtureRoot, freshCacheDir, WINDOW_2024} from './helpers.js'

/** `CollectedProject.missing`: the parts that could not be read, so that metrics on them are unknown, not "absent". */
const WIDGET = 'github.com/example/widget'
let emulator: GithubEmulator | undefined
afterEach(async () => {
  await emulator?.close()
  emulator = undefined
})

describe('missing parts, GitHub source', () => {
  it('lists profiles as missing for the project whose people could not be read, and only then', async () => {
    // Anonymous: REST, one person at a time; frank (named in CODEOWNERS) keeps failing.
    emulator = await startGithubEmulator({
      roots: [fixtureRoot],
      faults: [{kind: 'server-error', match: /^GET \/users\/frank/}],
    })
    const run = await collectFrom(emulator.url, [WIDGET, 'github.com/example/empty'], {token: undefined})
    const by = Object.fromEntries(run.projects.map((p) => [p.repo, p]))
    expect(by[WIDGET]).toMatchObject({
      status: 'partial',
      missing: ['profiles'],
      reason: 'some profiles could not be fetched',
    })
    expect(Object.keys(by[WIDGET].profiles).sort()).toEqual(['alice', 'bob', 'carol'])
    expect(by[WIDGET].governance.map((f) => f.path)).toEqual(['.github/CODEOWNERS', 'OWNERS', 'SECURITY.md'])
    expect(by['github.com/example/empty'].missing).toBeUndefined()
    expect(run.incomplete).toBe(true)
    expect(run.problems).toEqual(['profiles: GitHub server error (502) after retries'])
  })

  it('lists nothing when everything was read', async () => {
    emulator = await startGithubEmulator({roots: [fixtureRoot]})
    const run = await collectFrom(emulator.url, [WIDGET], {token: undefined})
    expect(run.projects[0].status).toBe('ok')
    expect(run.projects[0].missing).toBeUndefined()
  })
})

describe('missing parts, recorded collections', () => {
  it('replays what a recording missed as missing, and the replay is incomplete too', async () => {
    const recording = {
      projects: [
        {
          repo: WIDGET,
          source: 'github',
          status: 'partial',
          reason: 'github.com/example/widget governance files: timed out',
          missing: ['governance'],
          window: WINDOW_2024,
          commits: [],
          governance: [],
          profiles: {},
        },
      ],
    }
    const file = join(await freshCacheDir(), 'recording.json')
    await writeFile(file, JSON.stringify(recording))
    const run = await collectProjects([WIDGET], {source: 'snapshot', snapshot: file, window: WINDOW_2024})
    expect(run.projects[0]).toMatchObject({source: 'snapshot', status: 'partial', missing: ['governance']})
    expect(run.incomplete).toBe(true)
    expect(run.problems).toEqual(['github.com/example/widget: github.com/example/widget governance files: timed out'])
    // A window the recording does not cover misses commits as well.
    const wider = await collectProjects([WIDGET], {
      source: 'snapshot',
      snapshot: file,
      window: {since: '2023-01-01T00:00:00.000Z', until: WINDOW_2024.until},
    })
    expect(wider.projects[0].missing).toEqual(['commits', 'governance'])
  })
})

describe('missing parts and bad paths, git source', () => {
  function gitRepo(): string {
    const dir = mkdtempSync(join(tmpdir(), 'stewards-git-missing-'))
    const env = {...process.env, GIT_AUTHOR_DATE: '2024-05-01T10:00:00Z', GIT_COMMITTER_DATE: '2024-05-01T10:00:00Z'}
    const git = (...args: string[]) => {
      const r = spawnSync(
        'git',
        ['-C', dir, '-c', 'user.name=Dana Example', '-c', 'user.email=dana@example.com', ...args],
        {env, encoding: 'utf8'},
      )
      if (r.status !== 0) throw new Error(r.stderr)
    }
    git('init', '-q', '-b', 'main')
    writeFileSync(join(dir, 'SECURITY.md'), 'Report to security@example.com\n')
    git('add', '.')
    git('commit', '-q', '-m', 'first')
    return dir
  }

  it('lists facts and profiles as missing: git knows neither', async () => {
    const run = await collectProjects([WIDGET], {source: 'git', gitDirs: {[WIDGET]: gitRepo()}, window: WINDOW_2024})
    expect(run.incomplete).toBe(false)
    expect(run.projects[0]).toMatchObject({
      status: 'ok',
      missing: ['facts', 'profiles'],
      governance: [{path: 'SECURITY.md', content: 'Report to security@example.com\n'}],
    })
    expect(run.projects[0].commits.map((c) => c.author.email)).toEqual(['dana@example.com'])
  })

  it('refuses a --git path that does not exist or is not a repository, naming it (exit 3)', async () => {
    for (const [dir, what] of [
      ['/nonexistent/stewards-clone', 'no such directory'],
      [mkdtempSync(join(tmpdir(), 'stewards-not-git-')), 'not a git repository'],
    ]) {
      const error = await collectProjects([WIDGET], {
        source: 'git',
        gitDirs: {[WIDGET]: dir},
        window: WINDOW_2024,
        http: FAST_HTTP,
      }).catch((e) => e)
      expect(error).toBeInstanceOf(StewardsError)
      expect(error.exitCode).toBe(3)
      expect(error.message).toBe(`--git ${dir}: ${what}`)
    }
  })
})
