import {z} from 'zod'

/** `--map FILE`: user overrides, first match wins. Strict: a mistyped key is an error, not ignored. */
export const MapFile = z.strictObject({
  mappings: z.array(
    z.strictObject({
      /** A glob over `pkg:<type>/<name>[@version]` (purl type names, unencoded) or an image name/ref. */
      match: z.string().min(1),
      /** `github.com/owner/name`, a repository URL, or `host/path`. */
      repo: z.string().min(1),
      directory: z.string().min(1).optional(),
      note: z.string().optional(),
    }),
  ),
})
export type MapFile = z.infer<typeof MapFile>
