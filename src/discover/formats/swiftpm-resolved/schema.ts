/** The fields of a Package.resolved pin stewards reads (v1, and v2/v3). */
import {z} from 'zod'

const State = z.looseObject({
  version: z.string().max(128).nullish(),
  revision: z.string().max(128).nullish(),
  branch: z.string().max(256).nullish(),
})
export const PinV1 = z.looseObject({
  package: z.string().min(1),
  repositoryURL: z.string().min(1).max(2048),
  state: State,
})
export const PinV2 = z.looseObject({
  identity: z.string().min(1).max(256),
  kind: z.enum(['remoteSourceControl', 'localSourceControl', 'registry']),
  location: z.string().max(2048).optional(),
  state: State,
})
export type PinV1 = z.infer<typeof PinV1>
export type PinV2 = z.infer<typeof PinV2>
