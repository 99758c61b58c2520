/**
 * Fixture data for attribution evidence, answered by the routes (routes/orgs.ts, routes/repos.ts):
 * - organisation accounts from `<root>/<owner>__<repo>/org-accounts/<login>.json` (`{login, name, blog, is_verified}`);
 * - a file of the repository's tree by its git blob id (base64);
 * - `commit.verification` of a commit whose fixture says `"verified": true|false`.
 */
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {FixtureRepo} from './fixtures.js'

export interface FixtureOrgAccount {
  login: string
  name?: string | null
  blog?: string | null
  is_verified?: boolean
}

export function loadOrgAccounts(roots: readonly string[]): Map<string, FixtureOrgAccount> {
  const accounts = new Map<string, FixtureOrgAccount>()
  for (const root of roots) {
    for (const folder of readdirSync(root).sort()) {
      const dir = join(root, folder, 'org-accounts')
      if (!/__/.test(folder) || !existsSync(dir) || !statSync(dir).isDirectory()) continue
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const account = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FixtureOrgAccount
        accounts.set(account.login.toLowerCase(), account)
      }
    }
  }
  return accounts
}

/** GitHub's answer for `GET /orgs/{org}`, or null (404). */
export function orgJson(accounts: Map<string, FixtureOrgAccount>, login: string, base: string) {
  const account = accounts.get(login.toLowerCase())
  if (!account) return null
  return {
    login: account.login,
    id: idOf(account.login),
    url: `${base}/orgs/${account.login}`,
    name: account.name ?? null,
    blog: account.blog ?? '',
    is_verified: account.is_verified ?? false,
    type: 'Organization',
  }
}

/** The git blob id of a file's content (`git hash-object`). */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content)
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex')
}

/** `GET /repos/{o}/{r}/git/blobs/{sha}` from the repository's tree, or null (404). */
export function blobJson(repo: FixtureRepo, sha: string) {
  for (const content of repo.files.values()) {
    if (gitBlobSha(content) !== sha) continue
    const bytes = Buffer.from(content)
    return {
      sha,
      node_id: `B_${sha.slice(0, 12)}`,
      size: bytes.length,
      encoding: 'base64',
      content: bytes.toString('base64'),
    }
  }
  return null
}

/** `commit.verification` as GitHub writes it, for fixtures that say whether the commit is verified. */
export function verificationJson(verified: boolean | undefined) {
  if (verified === undefined) return {}
  return {
    verification: {
      verified,
      reason: verified ? 'valid' : 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    },
  }
}

function idOf(login: string): number {
  return createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0)
}
