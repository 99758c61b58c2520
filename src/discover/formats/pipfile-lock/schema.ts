import {z} from 'zod'

/** One package of a Pipfile.lock section (https://github.com/pypa/pipfile#pipfilelock). */
export const PipfileEntry = z.looseObject({
  version: z.string().optional(),
  git: z.string().optional(),
  ref: z.string().optional(),
  path: z.string().optional(),
  file: z.string().optional(),
  editable: z.boolean().optional(),
  /** The name of the `_meta.sources` index the package comes from. */
  index: z.string().optional(),
})
export type PipfileEntry = z.infer<typeof PipfileEntry>

export const PipfileMeta = z.looseObject({'pipfile-spec': z.number().int().min(1).max(6)})
