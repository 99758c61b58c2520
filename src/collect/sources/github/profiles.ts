import type {Profile} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {getPage, postGraphql} from './http.js'
import {OrgList, type UsersQueryResponse as UsersAnswer, UserResponse, UsersQueryResponse} from './schema.js'
import type {z} from 'zod'

/** Users per GraphQL query: 50 × up to 100 organisations stays far below GitHub's node limit. */
const BATCH = 50

/**
 * Profiles (login, name, company, blog, email, created_at) and public organisation memberships.
 * With a token: GraphQL, 50 people per request. Anonymous: REST, two requests per person.
 * Logins are expected lower-case, unique and valid; the result is keyed by lower-case login.
 * A login GitHub does not know is simply absent; a failed batch is reported and the others go on.
 */
export async function fetchProfiles(
  client: StewardsOctokit,
  logins: string[],
  mode: {graphqlUrl: string | null},
  signal: AbortSignal,
): Promise<{profiles: Map<string, Profile>; errors: unknown[]}> {
  const profiles = new Map<string, Profile>()
  const errors: unknown[] = []
  const sorted = [...logins].sort()
  const batches: string[][] = []
  const size = mode.graphqlUrl ? BATCH : 1
  for (let i = 0; i < sorted.length; i += size) batches.push(sorted.slice(i, i + size))
  for (const batch of batches) {
    try {
      const found = mode.graphqlUrl ? await graphqlBatch(client, mode.graphqlUrl, batch, signal) : await restProfile(client, batch[0], signal)
      for (const profile of found) profiles.set(profile.login.toLowerCase(), profile)
    } catch (error) {
      errors.push(error)
    }
  }
  return {profiles, errors}
}

async function graphqlBatch(client: StewardsOctokit, url: string, logins: string[], signal: AbortSignal): Promise<Profile[]> {
  const variables: Record<string, string> = {}
  const fields = logins.map((login, i) => {
    variables[`l${i}`] = login
    return `u${i}: user(login: $l${i}) { login name company websiteUrl email createdAt organizations(first: 100) { nodes { login } } }`
  })
  const declarations = logins.map((_, i) => `$l${i}: String!`).join(', ')
  const answer: z.infer<typeof UsersAnswer> = await postGraphql(client, url, `query Users(${declarations}) { ${fields.join(' ')} }`, variables, UsersQueryResponse, signal)
  const unexpected = (answer.errors ?? []).filter((e) => e.type !== 'NOT_FOUND')
  if (unexpected.length > 0 || !answer.data) throw Object.assign(new Error(`GraphQL: ${unexpected[0]?.message ?? 'no data'}`), {status: 502})
  const profiles: Profile[] = []
  for (const user of Object.values(answer.data)) {
    if (!user) continue
    profiles.push({
      login: user.login,
      name: blankToNull(user.name),
      company: blankToNull(user.company),
      blog: blankToNull(user.websiteUrl),
      email: blankToNull(user.email),
      createdAt: user.createdAt ?? null,
      orgs: (user.organizations?.nodes ?? []).flatMap((n) => (n ? [n.login] : [])).sort(),
    })
  }
  return profiles
}

async function restProfile(client: StewardsOctokit, login: string, signal: AbortSignal): Promise<Profile[]> {
  try {
    const {data: user} = await getPage(client, 'GET /users/{username}', {username: login}, UserResponse, signal)
    const {data: orgs} = await getPage(client, 'GET /users/{username}/orgs', {username: login, per_page: 100}, OrgList, signal)
    return [
      {
        login: user.login,
        name: blankToNull(user.name),
        company: blankToNull(user.company),
        blog: blankToNull(user.blog),
        email: blankToNull(user.email),
        createdAt: user.created_at ?? null,
        orgs: orgs.map((o) => o.login).sort(),
      },
    ]
  } catch (error) {
    if ((error as {status?: number}).status === 404) return []
    throw error
  }
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value
}
