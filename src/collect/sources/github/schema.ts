import {z} from 'zod'

/** The parts of GitHub's answers we read; loose (GitHub adds fields) but typed where we depend on them. */

export const RepoResponse = z.object({
  full_name: z.string(),
  archived: z.boolean().catch(false),
  fork: z.boolean().catch(false),
  default_branch: z.string(),
  created_at: z.string().nullish(),
  pushed_at: z.string().nullish(),
  license: z.object({spdx_id: z.string().nullish()}).nullish(),
})
export type RepoResponse = z.infer<typeof RepoResponse>

const GitSignature = z.object({name: z.string(), email: z.string(), date: z.string()})

export const CommitResponse = z.object({
  sha: z.string(),
  commit: z.object({
    author: GitSignature,
    committer: GitSignature,
    // GitHub's signature check; a missing or odd value is "not read", never "unsigned".
    verification: z.object({verified: z.boolean()}).nullish().catch(undefined),
  }),
  author: z.object({login: z.string()}).nullish(),
  parents: z.array(z.object({sha: z.string()})),
})
export type CommitResponse = z.infer<typeof CommitResponse>

export const CommitList = z.array(CommitResponse)

export const ContentEntry = z.object({
  type: z.string(),
  name: z.string(),
  path: z.string(),
  content: z.string().optional(),
  encoding: z.string().optional(),
})
export const ContentResponse = z.union([z.array(ContentEntry), ContentEntry])

export const UserResponse = z.object({
  login: z.string(),
  name: z.string().nullish(),
  company: z.string().nullish(),
  blog: z.string().nullish(),
  email: z.string().nullish(),
  created_at: z.string().nullish(),
})
export const OrgList = z.array(z.object({login: z.string()}))

/** `GET /orgs/{org}`: the organisation's own identity. */
export const OrgResponse = z.object({
  login: z.string(),
  name: z.string().nullish(),
  blog: z.string().nullish(),
  is_verified: z.boolean().nullish().catch(null),
})

/** `path` names the aliased field an error is about (e.g. `["u3", "organizations", "nodes", 0]`). */
const GraphqlErrors = z
  .array(
    z.object({
      type: z.string().optional(),
      message: z.string(),
      path: z.array(z.union([z.string(), z.number()])).optional(),
    }),
  )
  .optional()

const Blob = z.object({text: z.string().nullish(), isBinary: z.boolean().nullish()}).nullish()

export const GovernanceQueryResponse = z.object({
  data: z.record(z.string(), z.record(z.string(), Blob).nullish()).nullish(),
  errors: GraphqlErrors,
})

export const GraphqlUser = z
  .object({
    login: z.string(),
    name: z.string().nullish(),
    company: z.string().nullish(),
    websiteUrl: z.string().nullish(),
    email: z.string().nullish(),
    createdAt: z.string().nullish(),
    organizations: z.object({nodes: z.array(z.object({login: z.string()}).nullish())}).nullish(),
  })
  .nullish()

export const UsersQueryResponse = z.object({
  data: z.record(z.string(), GraphqlUser).nullish(),
  errors: GraphqlErrors,
})

/**
 * The shape cache entries of the github namespace are written in: only the fields the schemas above keep.
 * Bump it whenever a schema here keeps a field it did not: older entries then read as misses, not as answers
 * lacking the field.
 */
export const CACHE_SHAPE = 'github/2'

/** A person's profile as cached on its own (`PROFILE <host>/<login>`), whichever batch or route read it. */
export const CachedProfile = z.object({
  login: z.string(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  blog: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string().nullable(),
  orgs: z.array(z.string()),
})
