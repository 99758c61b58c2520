import {z} from 'zod'

const Signature = z.object({name: z.string(), email: z.string(), date: z.string()})

const Place = z.enum(['repository', 'project', 'pointer', 'organisation', 'foundation'])
/** A governance file with where it was found and its revision (src/core/model/project.ts). */
const GovernanceFileRecord = z.object({
  path: z.string(),
  content: z.string(),
  origin: z
    .object({
      place: Place.exclude(['repository']),
      repo: z.string(),
      via: z.string().optional(),
      scope: z.enum(['project', 'organisation']).optional(),
    })
    .optional(),
  revision: z.object({sha: z.string().optional(), date: z.string()}).optional(),
})

export const RecordedProject = z.object({
  repo: z.string(),
  source: z.enum(['github', 'git', 'snapshot']),
  status: z.enum(['ok', 'empty', 'unavailable', 'partial']),
  reason: z.string().optional(),
  missing: z.array(z.enum(['facts', 'commits', 'governance', 'profiles'])).optional(),
  facts: z
    .object({
      fullName: z.string(),
      archived: z.boolean(),
      fork: z.boolean(),
      defaultBranch: z.string(),
      createdAt: z.string().optional(),
      pushedAt: z.string().optional(),
      license: z.string().nullish(),
      renamedFrom: z.string().optional(),
    })
    .optional(),
  window: z.object({since: z.string(), until: z.string()}),
  commits: z.array(
    z.object({
      sha: z.string(),
      author: Signature,
      committer: Signature,
      login: z.string().nullable(),
      verified: z.boolean().optional(),
    }),
  ),
  governance: z.array(GovernanceFileRecord),
  searched: z.array(z.object({place: Place, repo: z.string(), unread: z.boolean().optional()})).optional(),
  teams: z
    .record(z.string(), z.object({members: z.array(z.string()).nullable(), reason: z.string().optional()}))
    .optional(),
  profiles: z.record(
    z.string(),
    z.object({
      login: z.string(),
      name: z.string().nullish(),
      company: z.string().nullish(),
      blog: z.string().nullish(),
      email: z.string().nullish(),
      createdAt: z.string().nullish(),
      orgs: z.array(z.string()).optional(),
    }),
  ),
  orgAccounts: z
    .record(
      z.string(),
      z.object({
        login: z.string(),
        organization: z.boolean(),
        name: z.string().nullish(),
        blog: z.string().nullish(),
        isVerified: z.boolean().nullish(),
      }),
    )
    .optional(),
})

/** The JSON `stewards collect --json` prints: replayable as it is. */
export const RecordedCollection = z.object({projects: z.array(RecordedProject)})
export type RecordedCollection = z.infer<typeof RecordedCollection>
