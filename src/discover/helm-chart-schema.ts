/**
 * The part of Chart.yaml / Chart.lock (and Helm 2's requirements.yaml / requirements.lock) stewards reads: its
 * dependencies and appVersion (https://helm.sh/docs/topics/charts/#the-chartyaml-file). Loose: a chart's other keys
 * are kept as they are, so a real chart is plainly valid (src/core/plan.ts) and never needs zod.
 */
import {z} from 'zod'

export const Dependency = z.looseObject({
  name: z.string().min(1),
  version: z.string().nullish(),
  repository: z.string().nullish(),
  alias: z.string().nullish(),
})
export type Dependency = z.infer<typeof Dependency>

/** Chart.yaml, Chart.lock, and Helm 2's requirements.yaml / requirements.lock share this part. */
export const ChartFile = z.looseObject({
  appVersion: z.string().nullish(),
  dependencies: z.array(Dependency).nullish(),
})
export type ChartFile = z.infer<typeof ChartFile>
