/**
 * zod schemas of the measured data (./model/measurement.ts and the metric values, statuses and parts it comes
 * with): what rules' test cases and a saved report give evaluation is checked against the same definitions.
 * Plain objects: fields stewards does not write are dropped.
 */
import {z} from 'zod'
import {DATA_PARTS} from './model/project.js'

export const ProjectStatus = z.enum(['ok', 'empty', 'partial', 'unavailable'])
export const DataPart = z.enum(DATA_PARTS)

export const MetricValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.record(z.string(), z.number()),
])

export const EvidencePerson = z.object({
  person: z.string(),
  organization: z.string().nullable(),
  source: z.string().optional(),
  citation: z.string().optional(),
  role: z.string().optional(),
  roleSource: z.string().optional(),
  commits: z.number().int().nonnegative().optional(),
  shas: z.array(z.string()).optional(),
  unverified: z.boolean().optional(),
  selfDeclared: z.boolean().optional(),
  stale: z.boolean().optional(),
})

export const EvidenceGroup = z.object({id: z.string(), keys: z.array(z.string()), people: z.array(EvidencePerson)})

const ListedHolder = EvidencePerson.extend({entityId: z.string()})

export const Listings = z.object({
  organizations: z.record(z.string(), z.array(z.string())),
  authors: z.array(
    z.object({
      person: z.string(),
      organization: z.string().nullable(),
      entityId: z.string(),
      commits: z.number().int().nonnegative(),
      recent: z.array(z.object({sha: z.string(), date: z.string()})),
      source: z.string().optional(),
      citation: z.string().optional(),
      unverified: z.boolean().optional(),
      selfDeclared: z.boolean().optional(),
      stale: z.boolean().optional(),
    }),
  ),
  stewards: z.array(ListedHolder),
  roleHolders: z.array(ListedHolder),
})
