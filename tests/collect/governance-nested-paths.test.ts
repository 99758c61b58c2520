/**
 * Governance files in nested directories (a documentation team page's `docs/_data/team.js`) are found the same way
 * by the GraphQL query and by the anonymous REST contents listing, which looks for each directory in its parent's.
 */
import {mkdir, mkdtemp, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {collectProjects} from '../../src/collect/index.js'
import {startGithubEmulator} from '../support/github-emulator/index.js'
import {collectFrom, FAST_HTTP, freshCacheDir, TOKEN, WINDOW_2024} from './helpers.js'

async function siteRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'stewards-nested-'))
  const governance = join(root, 'example__site', 'governance')
  await mkdir(join(governance, 'docs', '_data'), {recursive: true})
  await mkdir(join(governance, 'docs', 'guide'), {recursive: true})
  const commit = {
    sha: 'a'.repeat(40),
    author: {name: 'Ada L', email: 'ada@example.com', date: '2024-03-01T00:00:00Z'},
    committer: {name: 'Ada L', email: 'ada@example.com', date: '2024-03-01T00:00:00Z'},
    login: 'ada-l',
    parents: [],
  }
  await writeFile(join(root, 'example__site', 'commits.json'), JSON.stringify([commit]))
  await writeFile(join(governance, 'docs', '_data', 'team.js'), "export const core = [{github: 'ada-l'}]\n")
  await writeFile(join(governance, 'docs', 'guide', 'MAINTAINERS'), '@not-read\n')
  await writeFile(join(governance, 'docs', 'SECURITY.md'), '# Security\n')
  return root
}

describe('governance files in nested directories', () => {
  it('are read through GraphQL and through REST contents alike (directories that do not hold one: not listed)', async () => {
    const root = await siteRoot()
    const withToken = await startGithubEmulator({roots: [root], token: TOKEN})
    const anonymous = await startGithubEmulator({roots: [root]})
    try {
      const graphql = await collectFrom(withToken.url, ['github.com/example/site'])
      const rest = await collectProjects(['github.com/example/site'], {
        apiUrl: anonymous.url,
        window: WINDOW_2024,
        cacheDir: await freshCacheDir(),
        http: FAST_HTTP,
      })
      expect([graphql.projects[0].status, rest.projects[0].status]).toEqual(['ok', 'ok'])
      const paths = (run: typeof rest) => run.projects[0].governance.map((f) => f.path).sort()
      expect(paths(graphql)).toEqual(['docs/SECURITY.md', 'docs/_data/team.js'])
      expect(paths(rest)).toEqual(['docs/SECURITY.md', 'docs/_data/team.js'])
      const listed = anonymous.requests.map((r) => r.url.split('?')[0]).filter((u) => u.includes('/contents'))
      expect(listed.filter((u) => u.endsWith('/contents/docs/guide'))).toEqual([])
    } finally {
      await withToken.close()
      await anonymous.close()
    }
  })
})
