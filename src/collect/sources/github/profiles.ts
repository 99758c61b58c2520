import type {z} from 'zod'
import {DAY_MS} from '../../../core/dates.js'
import type {Profile} from '../../../core/model.js'
import {readRecord, writeRecord} from '../../octokit/cache-plugin.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {CollectFailure} from '../../octokit/errors.js'
import type {StewardsHttpOptions} from '../../octokit/options.js'
import {getPage, postGraphql} from './http.js'
import {
  CachedProfile,
  OrgList,
  type UsersQueryResponse as UsersAnswer,
  UserResponse,
  UsersQueryResponse,
} from './schema.js'

/** Users per GraphQL query: 50 × up to 100 organisations stays far below GitHub's node limit. */
const BATCH = 50
/** Cache records of one person each (`PROFILE <host>/<login>`): any subset of a run replays. */
const RECORD = 'PROFILE'
/** How long a profile is served without asking (`--profile-max-age`): a profile changes rarely (#18). */
export const DEFAULT_PROFILE_MAX_AGE_MS = 30 * DAY_MS

/** People whose profiles could not be read, and why (one error per failed request). */
export interface ProfileFailure {
  logins: string[]
  error: unknown
}

/**
 * Profiles (login, name, company, blog, email, created_at) and public organisation memberships.
 * Each person is cached on their own, with their own max-age (`maxAgeMs`, 30 days by default: a daily refresh
 * asks about nobody it asked about this month), whichever way they were read, so a cache filled by a scan of ten
 * projects answers for any one of them, and `people` after `scan` asks nothing. The rest is fetched: with a
 * token, GraphQL, 50 people per request; anonymous, REST, two requests per person.
 * Logins are expected lower-case, unique and valid; the result is keyed by lower-case login.
 * A login GitHub does not know is simply absent (and remembered as such); a failed batch is reported and the
 * others go on.
 */
export async function fetchProfiles(
  client: StewardsOctokit,
  http: StewardsHttpOptions,
  logins: string[],
  mode: {graphqlUrl: string | null},
  signal: AbortSignal,
  maxAgeMs: number = DEFAULT_PROFILE_MAX_AGE_MS,
): Promise<{profiles: Map<string, Profile>; failed: ProfileFailure[]}> {
  const profiles = new Map<string, Profile>()
  const failed: ProfileFailure[] = []
  const wanted: string[] = []
  for (const login of [...logins].sort()) {
    const record = await readRecord<Profile>(http, RECORD, login, CachedProfile, maxAgeMs)
    if (record && (record.fresh || http.offline)) {
      http.stats.cached++
      if (record.value) profiles.set(login, record.value)
    } else wanted.push(login)
  }
  if (http.offline && wanted.length > 0) {
    const names =
      wanted.length > 3 ? `${wanted.slice(0, 3).join(', ')} and ${wanted.length - 3} more` : wanted.join(', ')
    failed.push({
      logins: wanted,
      error: new CollectFailure(
        'offline-miss',
        `offline: the profiles of ${names} (${http.host}) are not in the cache`,
      ),
    })
    return {profiles, failed}
  }
  const size = mode.graphqlUrl ? BATCH : 1
  for (let i = 0; i < wanted.length; i += size) {
    const batch = wanted.slice(i, i + size)
    try {
      const found = mode.graphqlUrl
        ? await graphqlBatch(client, mode.graphqlUrl, batch, signal, failed)
        : await restProfile(client, batch[0], signal)
      const byLogin = new Map(found.map((p) => [p.login.toLowerCase(), p]))
      for (const login of batch) {
        if (failed.some((f) => f.logins.includes(login))) continue
        const profile = byLogin.get(login) ?? null
        await writeRecord(http, RECORD, login, profile)
        if (profile) profiles.set(login, profile)
      }
    } catch (error) {
      failed.push({logins: batch, error})
    }
  }
  return {profiles, failed}
}

async function graphqlBatch(
  client: StewardsOctokit,
  url: string,
  logins: string[],
  signal: AbortSignal,
  failed: ProfileFailure[],
): Promise<Profile[]> {
  const variables: Record<string, string> = {}
  const fields = logins.map((login, i) => {
    variables[`l${i}`] = login
    return `u${i}: user(login: $l${i}) { login name company websiteUrl email createdAt organizations(first: 100) { nodes { login } } }`
  })
  const declarations = logins.map((_, i) => `$l${i}: String!`).join(', ')
  const answer: z.infer<typeof UsersAnswer> = await postGraphql(
    client,
    url,
    `query Users(${declarations}) { ${fields.join(' ')} }`,
    variables,
    UsersQueryResponse,
    signal,
    false,
  )
  // An organisation under SAML enforcement (or banning classic tokens) answers its node FORBIDDEN and
  // null: that person's list is incomplete here, so it is read from REST, where public memberships show.
  const hidden = new Set<string>()
  const unexpected = (answer.errors ?? []).filter((e) => {
    if (e.type === 'NOT_FOUND') return false
    if (e.type === 'FORBIDDEN' && e.path?.[1] === 'organizations' && typeof e.path[0] === 'string') {
      hidden.add(e.path[0])
      return false
    }
    return true
  })
  if (unexpected.length > 0 || !answer.data)
    throw Object.assign(new Error(`GraphQL: ${unexpected[0]?.message ?? 'no data'}`), {status: 502})
  const profiles: Profile[] = []
  for (const [i, login] of logins.entries()) {
    const user = answer.data[`u${i}`]
    if (!user) continue
    let orgs = (user.organizations?.nodes ?? []).flatMap((n) => (n ? [n.login] : [])).sort()
    if (hidden.has(`u${i}`)) {
      try {
        orgs = await restOrgs(client, login, signal)
      } catch (error) {
        failed.push({logins: [login], error})
        continue
      }
    }
    profiles.push({
      login: user.login,
      name: blankToNull(user.name),
      company: blankToNull(user.company),
      blog: blankToNull(user.websiteUrl),
      email: blankToNull(user.email),
      createdAt: user.createdAt ?? null,
      orgs,
    })
  }
  return profiles
}

async function restProfile(client: StewardsOctokit, login: string, signal: AbortSignal): Promise<Profile[]> {
  try {
    const {data: user} = await getPage(client, 'GET /users/{username}', {username: login}, UserResponse, signal, false)
    return [
      {
        login: user.login,
        name: blankToNull(user.name),
        company: blankToNull(user.company),
        blog: blankToNull(user.blog),
        email: blankToNull(user.email),
        createdAt: user.created_at ?? null,
        orgs: await restOrgs(client, login, signal),
      },
    ]
  } catch (error) {
    if ((error as {status?: number}).status === 404) return []
    throw error
  }
}

async function restOrgs(client: StewardsOctokit, login: string, signal: AbortSignal): Promise<string[]> {
  const {data: orgs} = await getPage(
    client,
    'GET /users/{username}/orgs',
    {username: login, per_page: 100},
    OrgList,
    signal,
    false,
  )
  return orgs.map((o) => o.login).sort()
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value
}
