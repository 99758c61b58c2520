import {z} from 'zod'

const Reference = z.looseObject({type: z.string(), url: z.string().optional(), reference: z.string().nullish()})

/** One package of composer.lock's `packages` / `packages-dev` (https://getcomposer.org/doc/01-basic-usage.md#commit-your-composer-lock-file-to-version-control). */
export const ComposerPackage = z.looseObject({
  name: z.string(),
  version: z.string(),
  source: Reference.optional(),
  dist: Reference.optional(),
})
export type ComposerPackage = z.infer<typeof ComposerPackage>
