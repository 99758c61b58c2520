import {z} from 'zod'

/** A `[[package]]` of poetry.lock: `category` up to lock 1.x (Poetry < 1.5), neither in 2.0, `groups` from 2.1 (Poetry 2). */
export const PoetryPackage = z.looseObject({
  name: z.string(),
  version: z.string(),
  optional: z.boolean().optional(),
  category: z.string().optional(),
  groups: z.array(z.string()).optional(),
  source: z
    .looseObject({
      type: z.string(),
      url: z.string().optional(),
      reference: z.string().optional(),
      resolved_reference: z.string().optional(),
    })
    .optional(),
})
export type PoetryPackage = z.infer<typeof PoetryPackage>
