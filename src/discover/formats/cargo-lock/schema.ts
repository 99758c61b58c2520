import {z} from 'zod'

/** A `[[package]]` of Cargo.lock (https://doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock.html). */
export const CargoPackage = z.looseObject({
  name: z.string(),
  version: z.string(),
  source: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
})
export type CargoPackage = z.infer<typeof CargoPackage>

/** No `version` key: v1 or v2 (cargo < 1.53); 3 and 4 are written as integers. */
export const CargoLockVersion = z.union([z.undefined(), z.literal(3), z.literal(4)])
