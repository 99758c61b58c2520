import {buildSchema, type GraphQLError, graphql} from 'graphql'
import {type FixtureRepo, type Fixtures, key} from '../fixtures.js'
import {send} from '../http.js'
import {commitObject} from '../history.js'
import type {Route} from './types.js'

/**
 * The slice of GitHub's GraphQL schema the collector uses (field names and nullability as in
 * https://docs.github.com/en/graphql/reference), executed by graphql-js so aliases, variables and
 * fragments behave as they do on GitHub. Missing repositories and users are `null` with a NOT_FOUND
 * error, like GitHub's answers.
 */
const schema = buildSchema(`
  type Query {
    repository(owner: String!, name: String!): Repository
    user(login: String!): User
  }
  type Repository {
    nameWithOwner: String! object(expression: String!): GitObject
    isArchived: Boolean! isFork: Boolean! createdAt: String! pushedAt: String
    defaultBranchRef: Ref licenseInfo: License
  }
  type Ref { name: String! }
  type License { key: String! spdxId: String }
  interface GitObject { oid: String! }
  type Blob implements GitObject { oid: String! text: String isBinary: Boolean byteSize: Int! }
  type Tree implements GitObject { oid: String! }
  type Commit implements GitObject {
    oid: String! committedDate: String!
    history(first: Int, path: String, until: String): CommitHistoryConnection!
  }
  type CommitHistoryConnection { nodes: [Commit] totalCount: Int! }
  type User {
    login: String! name: String company: String websiteUrl: String email: String! createdAt: String!
    organizations(first: Int): OrganizationConnection!
  }
  type OrganizationConnection { nodes: [Organization] totalCount: Int! }
  type Organization { login: String! }
`)

class NotFound extends Error {}
class Forbidden extends Error {}

/**
 * `hiddenOrgs`: organisations under SAML enforcement (or banning classic tokens): GitHub answers their
 * nodes null with a FORBIDDEN error inside an otherwise complete answer; REST still lists the membership.
 */
export async function executeGraphql(
  fixtures: Fixtures,
  body: {query?: string; variables?: Record<string, unknown>},
  resolveRef: (repo: FixtureRepo, ref: string) => string | null,
  hiddenOrgs: ReadonlySet<string> = new Set(),
) {
  const root = {
    repository: ({owner, name}: {owner: string; name: string}) => {
      const repo = fixtures.repos.get(key(owner, name))
      if (!repo || repo.status || repo.renamedTo)
        throw new NotFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`)
      // The facts of the REST answer (repo.meta), as GitHub's GraphQL names them.
      const meta = repo.meta as {
        archived?: boolean
        fork?: boolean
        created_at?: string
        pushed_at?: string | null
        default_branch?: string
        license?: {key?: string; spdx_id?: string | null} | null
      }
      return {
        nameWithOwner: `${repo.owner}/${repo.name}`,
        isArchived: meta.archived ?? false,
        isFork: meta.fork ?? false,
        createdAt: meta.created_at,
        pushedAt: meta.pushed_at ?? null,
        defaultBranchRef: repo.commits.length > 0 ? {name: meta.default_branch ?? 'main'} : null,
        licenseInfo: meta.license ? {key: meta.license.key ?? 'other', spdxId: meta.license.spdx_id ?? null} : null,
        object: ({expression}: {expression: string}) => {
          const colon = expression.indexOf(':')
          const ref = colon < 0 ? expression : expression.slice(0, colon)
          const path = colon < 0 ? null : expression.slice(colon + 1)
          const sha = resolveRef(repo, ref)
          if (!sha) return null
          if (path === null) return commitObject(repo, sha)
          const text = repo.files.get(path)
          if (text === undefined) return null
          return {__typename: 'Blob', oid: `${sha}:${path}`, text, isBinary: false, byteSize: Buffer.byteLength(text)}
        },
      }
    },
    user: ({login}: {login: string}) => {
      const user = fixtures.users.get(login.toLowerCase())
      if (!user) throw new NotFound(`Could not resolve to a User with the login of '${login}'.`)
      return {
        login: user.login,
        name: user.name,
        company: user.company,
        websiteUrl: user.blog || null,
        email: user.email ?? '',
        createdAt: user.created_at,
        organizations: () => ({
          nodes: user.orgs.map((login) => (hiddenOrgs.has(login.toLowerCase()) ? {login: forbidden} : {login})),
          totalCount: user.orgs.length,
        }),
      }
    },
  }
  const result = await graphql({
    schema,
    source: body.query ?? '',
    rootValue: root,
    variableValues: body.variables ?? {},
  })
  const errors = result.errors?.map((error: GraphQLError) => {
    if (error.originalError instanceof NotFound)
      return {type: 'NOT_FOUND', path: error.path, locations: error.locations, message: error.message}
    // GitHub's path ends at the list item it nulls (`["u0", "organizations", "nodes", 1]`).
    if (error.originalError instanceof Forbidden)
      return {
        type: 'FORBIDDEN',
        path: error.path?.slice(0, -1),
        extensions: {saml_failure: true},
        locations: error.locations,
        message: error.message,
      }
    return {message: error.message, locations: error.locations}
  })
  return errors ? {data: result.data ?? null, errors} : {data: result.data}
}

function forbidden(): never {
  throw new Forbidden(
    'Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.',
  )
}

/** `POST /graphql` (`/api/graphql` on an Enterprise Server); requires a token, as GitHub's does. */
export function graphqlRoute(options: {hiddenOrgs?: string[]}): Route {
  const hiddenOrgs = new Set((options.hiddenOrgs ?? []).map((o) => o.toLowerCase()))
  return {
    name: 'graphql',
    async handle(ctx) {
      if (ctx.path !== '/graphql' || ctx.method !== 'POST') return null
      if (ctx.auth !== 'token') return send(ctx.res, 401, {message: 'This endpoint requires you to be authenticated.'})
      const answer = await executeGraphql(ctx.fixtures, JSON.parse(ctx.body || '{}'), ctx.resolveRef, hiddenOrgs)
      return send(ctx.res, 200, answer, ctx.req, {}, ctx.pad)
    },
  }
}
