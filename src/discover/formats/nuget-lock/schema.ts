/** The fields of a packages.lock.json dependency entry stewards reads. */
import {z} from 'zod'

export const Entry = z.looseObject({
  type: z.enum(['Direct', 'Transitive', 'CentralTransitive', 'Project']),
  resolved: z.string().min(1).max(128).optional(),
  requested: z.string().optional(),
})
export type Entry = z.infer<typeof Entry>
