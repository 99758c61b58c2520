import {z} from 'zod'

/** `rules/resolve/known-images.yaml`: every entry cites a public page of the project showing the image is its own. */
export const KnownImages = z.strictObject({
  mappings: z.array(
    z.strictObject({
      match: z.string().min(1),
      repo: z.string().min(1),
      directory: z.string().min(1).optional(),
      cite: z.url({protocol: /^https$/}),
      note: z.string().optional(),
    }),
  ),
})
export type KnownImages = z.infer<typeof KnownImages>
