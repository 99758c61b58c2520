import {z} from 'zod'

/** `--map FILE`: user overrides, first match wins. Strict: a mistyped key is an error, not ignored. */
export const MapFile = z.strictObject({
  mappings: z.array(
    z
      .strictObject({
        /** A glob over `pkg:<type>/<name>[@version]` (purl type names, unencoded) or an image name/ref. */
        match: z.string().min(1),
        /** `github.com/owner/name`, a repository URL, or `host/path`. */
        repo: z.string().min(1).optional(),
        /** Instead of `repo`: why the component has no public upstream (reported as unresolved, reason `excluded`). */
        unresolved: z.string().min(1).optional(),
        directory: z.string().min(1).optional(),
        note: z.string().optional(),
      })
      .refine((e) => (e.repo === undefined) !== (e.unresolved === undefined), {
        error: 'give either repo or unresolved',
      }),
  ),
})
export type MapFile = z.infer<typeof MapFile>
