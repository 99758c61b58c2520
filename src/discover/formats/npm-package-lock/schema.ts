import {z} from 'zod'

/** Fields we read from an entry of `packages` (lockfileVersion 2 and 3). Loose: npm adds fields over time. */
/** npm 6 wrote `"resolved": false` for bundled dependencies. */
const Resolved = z.union([z.string(), z.boolean()]).optional()

export const PackagesEntry = z.looseObject({
  version: z.string().optional(),
  name: z.string().optional(),
  resolved: Resolved,
  link: z.boolean().optional(),
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  devOptional: z.boolean().optional(),
  peer: z.boolean().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
})
export type PackagesEntry = z.infer<typeof PackagesEntry>

/** An entry of the nested `dependencies` tree (lockfileVersion 1). */
export const DependenciesEntry = z.looseObject({
  version: z.string(),
  resolved: Resolved,
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  bundled: z.boolean().optional(),
})
export type DependenciesEntry = z.infer<typeof DependenciesEntry>
