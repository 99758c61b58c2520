import {z} from 'zod'
import {CacheBundle} from '../../../core/cache/disk-cache.js'
import {DATA_PARTS} from '../../../core/model.js'

const Signature = z.object({name: z.string(), email: z.string(), date: z.string()})

export const RecordedProject = z.object({
  repo: z.string(),
  source: z.enum(['github', 'git', 'snapshot']),
  status: z.enum(['ok', 'empty', 'unavailable', 'partial']),
  reason: z.string().optional(),
  missing: z.array(z.enum(DATA_PARTS)).optional(),
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
  commits: z.array(z.object({sha: z.string(), author: Signature, committer: Signature, login: z.string().nullable()})),
  governance: z.array(z.object({path: z.string(), content: z.string()})),
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
})

/** The JSON `stewards collect --format json` prints: replayable as it is. */
export const RecordedCollection = z.object({projects: z.array(RecordedProject)})
export type RecordedCollection = z.infer<typeof RecordedCollection>

export const Snapshot = z.union([CacheBundle, RecordedCollection])
