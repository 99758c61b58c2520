import {z} from 'zod'

/** Edges name a package (and a version when several are locked). */
const Dependency = z.looseObject({name: z.string()})
const DependencyGroups = z.record(z.string(), z.array(Dependency))

/** A `[[package]]` of uv.lock (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile). */
export const UvPackage = z.looseObject({
  name: z.string(),
  version: z.string().optional(),
  source: z.record(z.string(), z.string()).optional(),
  dependencies: z.array(Dependency).optional(),
  'optional-dependencies': DependencyGroups.optional(),
  'dev-dependencies': DependencyGroups.optional(),
})
export type UvPackage = z.infer<typeof UvPackage>

export const UvLockVersion = z.literal(1)
