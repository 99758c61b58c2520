/** The parts of a kustomization we read (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/). */
import {z} from 'zod'

export const ImageOverride = z.object({
  name: z.string().min(1),
  newName: z.string().nullish(),
  newTag: z.string().nullish(),
  digest: z.string().nullish(),
})
export type ImageOverride = z.infer<typeof ImageOverride>

export const HelmChart = z.object({
  name: z.string().min(1),
  repo: z.string().nullish(),
  version: z.string().nullish(),
})
export type HelmChart = z.infer<typeof HelmChart>

export const Kustomization = z.object({
  images: z.array(ImageOverride).nullish(),
  resources: z.array(z.string()).nullish(),
  components: z.array(z.string()).nullish(),
  /** Deprecated alias of resources, still accepted by kustomize. */
  bases: z.array(z.string()).nullish(),
  helmCharts: z.array(HelmChart).nullish(),
})
export type Kustomization = z.infer<typeof Kustomization>
