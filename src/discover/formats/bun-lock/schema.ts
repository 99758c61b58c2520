import {z} from 'zod'

const Dependencies = z.record(z.string(), z.string()).optional()

/** A member of `workspaces` (the key is its folder, `""` the root): what its package.json declares. */
export const Workspace = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  dependencies: Dependencies,
  devDependencies: Dependencies,
  optionalDependencies: Dependencies,
  peerDependencies: Dependencies,
})
export type Workspace = z.infer<typeof Workspace>

/** The metadata object of a `packages` entry: the dependency maps (the rest, `bin`, `os`, `cpu`..., is not read). */
export const PackageInfo = z.looseObject({
  dependencies: Dependencies,
  optionalDependencies: Dependencies,
  peerDependencies: Dependencies,
})
export type PackageInfo = z.infer<typeof PackageInfo>
