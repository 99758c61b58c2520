/**
 * The parts of a kustomization we read (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/).
 * Loose: the other keys are kept as they are, so a real kustomization is plainly valid (src/core/plan.ts) and needs
 * no zod.
 */
import {z} from 'zod'

export const ImageOverride = z.looseObject({
  name: z.string().min(1),
  newName: z.string().nullish(),
  newTag: z.string().nullish(),
  digest: z.string().nullish(),
})
export type ImageOverride = z.infer<typeof ImageOverride>

export const HelmChart = z.looseObject({
  name: z.string().min(1),
  repo: z.string().nullish(),
  version: z.string().nullish(),
})
export type HelmChart = z.infer<typeof HelmChart>

export const Kustomization = z.looseObject({
  images: z.array(ImageOverride).nullish(),
  resources: z.array(z.string()).nullish(),
  components: z.array(z.string()).nullish(),
  /** Deprecated alias of resources, still accepted by kustomize. */
  bases: z.array(z.string()).nullish(),
  helmCharts: z.array(HelmChart).nullish(),
})
export type Kustomization = z.infer<typeof Kustomization>
