import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {StewardsError} from '../../../core/errors.js'
import {parseRepo, type RepoRef} from '../../../core/repo-name.js'
import type {ResolvedOptions} from '../../types.js'
import {source} from './index.js'

const WINDOW = {since: '2024-01-01T00:00:00.000Z', until: '2025-01-01T00:00:00.000Z'}

/** A real repository: each commit with its own author, dates (with offsets) and files. */
function repository(
  commits: Array<{author: string; email: string; date: string; committed?: string; files?: Record<string, string>}>,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'stewards-git-source-'))
  const git = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', ['-C', dir, ...args], {env: {...process.env, ...env}, encoding: 'utf8'})
  git(['init', '-q', '-b', 'main'])
  for (const [i, c] of commits.entries()) {
    for (const [path, text] of Object.entries(c.files ?? {[`change-${i}.txt`]: `${i}\n`})) {
      mkdirSync(join(dir, path, '..'), {recursive: true})
      writeFileSync(join(dir, path), text)
    }
    git(['add', '-A'])
    git(['commit', '-q', '-m', `change ${i}`], {
      GIT_AUTHOR_NAME: c.author,
      GIT_AUTHOR_EMAIL: c.email,
      GIT_AUTHOR_DATE: c.date,
      GIT_COMMITTER_NAME: c.author,
      GIT_COMMITTER_EMAIL: c.email,
      GIT_COMMITTER_DATE: c.committed ?? c.date,
    })
  }
  return dir
}

function ref(name: string): RepoRef {
  const parsed = parseRepo(name)
  if ('error' in parsed) throw new Error(parsed.error)
  return parsed
}

async function collect(gitDirs: Record<string, string>, repo: string) {
  const session = await source.open({window: WINDOW, gitDirs} as ResolvedOptions)
  return session.collectProject(ref(repo), new AbortController().signal)
}

describe('git source', () => {
  it('reads the non-merge commits authored in the window (UTC) and the governance files at the window end', async () => {
    const dir = repository([
      // 2023-12-31 23:30 at -02:00 is 2024-01-01 01:30 UTC: in the window.
      {
        author: 'Alice',
        email: 'alice@example.com',
        date: '2023-12-31T23:30:00-02:00',
        files: {OWNERS: 'approvers:\n  - alice\n'},
      },
      // 2023-12-31 20:00 at -01:00 is still 2023 in UTC: out.
      {author: 'Bob', email: 'bob@example.org', date: '2023-12-31T20:00:00-01:00'},
      {author: 'Carol', email: '12345+carol@users.noreply.github.com', date: '2024-06-01T08:00:00Z'},
      // After the window end: its commit is out, and so is the governance file it rewrites.
      {author: 'Dan', email: 'dan@example.net', date: '2025-02-01T00:00:00Z', files: {OWNERS: 'approvers:\n  - dan\n'}},
    ])
    const {project, incomplete, problems} = await collect({'github.com/example/widget': dir}, 'example/widget')
    expect([incomplete, problems]).toEqual([false, []])
    expect(project).toMatchObject({repo: 'github.com/example/widget', source: 'git', status: 'ok', window: WINDOW})
    expect(project.commits.map((c) => [c.author.name, c.author.date, c.login])).toEqual([
      ['Alice', '2023-12-31T23:30:00-02:00', null],
      ['Carol', '2024-06-01T08:00:00+00:00', 'carol'],
    ])
    // Each governance file with its content at the window end and the revision it was last changed in.
    expect(project.governance.map(({path, content}) => ({path, content}))).toEqual([
      {path: 'OWNERS', content: 'approvers:\n  - alice\n'},
    ])
    expect(project.governance[0].revision?.date).toMatch(/^\d{4}-\d{2}-\d{2}/)
    // Git has no repository facts and no profiles: unknown, never "absent".
    expect(project.missing).toEqual(['facts', 'profiles'])
  })

  it('says a repository with no commit before the window end is empty', async () => {
    const dir = repository([{author: 'Dan', email: 'dan@example.net', date: '2025-03-01T00:00:00Z'}])
    const {project, incomplete} = await collect({'github.com/example/late': dir}, 'github.com/example/late')
    expect(incomplete).toBe(false)
    expect(project).toMatchObject({status: 'empty', reason: 'no commit before the window end', commits: []})
  })

  it('reports a repository without a clone as not read, making the run incomplete', async () => {
    const {project, incomplete, problems} = await collect({}, 'example/elsewhere')
    expect(incomplete).toBe(true)
    expect(problems).toEqual(['github.com/example/elsewhere: no local repository given (--git)'])
    expect(project).toMatchObject({status: 'partial', missing: ['facts', 'commits', 'governance', 'profiles']})
  })

  it('refuses a --git path that is not a repository before collecting anything (exit 3)', async () => {
    const notGit = mkdtempSync(join(tmpdir(), 'stewards-not-git-'))
    for (const dir of [join(notGit, 'missing'), notGit]) {
      const error = await source.open({window: WINDOW, gitDirs: {'github.com/a/b': dir}} as ResolvedOptions).then(
        () => null,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(StewardsError)
      expect((error as StewardsError).code).toBe('git-dir')
      expect((error as StewardsError).exitCode).toBe(3)
    }
  })
})
