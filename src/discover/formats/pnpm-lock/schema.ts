import {z} from 'zod'

/** Fields we read from a `packages` entry (pnpm-lock.yaml 5.x, 6.x, 9.x). */
export const PackageEntry = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  resolution: z
    .looseObject({
      directory: z.string().optional(),
      tarball: z.string().optional(),
      repo: z.string().optional(),
      commit: z.string().optional(),
    })
    .optional(),
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
})
export type PackageEntry = z.infer<typeof PackageEntry>

/** 5.x importers map names to versions; 6.x and 9.x to `{specifier, version}`. */
const ImporterVersion = z.union([z.string(), z.looseObject({version: z.string()})])
const ImporterDependencies = z.record(z.string(), ImporterVersion).optional()

export const Importer = z.looseObject({
  dependencies: ImporterDependencies,
  devDependencies: ImporterDependencies,
  optionalDependencies: ImporterDependencies,
})
export type Importer = z.infer<typeof Importer>

/**
 * The importer of an env lockfile (the first of two YAML documents, pnpm 11 and later: https://pnpm.io/lockfile): the
 * config dependencies and the pnpm version the project pins, `{specifier, version}` each.
 */
export const EnvImporter = z.looseObject({
  configDependencies: ImporterDependencies,
  packageManagerDependencies: ImporterDependencies,
})
export type EnvImporter = z.infer<typeof EnvImporter>

/** A 9.x snapshot: `optional`, and the snapshots it depends on (name → version, peers in parentheses). */
export const SnapshotEntry = z.looseObject({
  optional: z.boolean().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
})
