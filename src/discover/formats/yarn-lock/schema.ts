import {z} from 'zod'

/** `__metadata` of a berry lockfile; parseSyml reads every scalar as a string. */
export const BerryMetadata = z.looseObject({version: z.string().regex(/^\d+$/, 'expected an integer lockfile version')})
export type BerryMetadata = z.infer<typeof BerryMetadata>

export const BerryEntry = z.looseObject({version: z.string(), resolution: z.string()})
export type BerryEntry = z.infer<typeof BerryEntry>
