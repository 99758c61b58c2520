/** Chart.yaml / Chart.lock dependencies (https://helm.sh/docs/topics/charts/#the-chartyaml-file). */
import {z} from 'zod'

export const Dependency = z.object({
  name: z.string().min(1),
  version: z.string().nullish(),
  repository: z.string().nullish(),
})
export type Dependency = z.infer<typeof Dependency>

/** Chart.yaml, Chart.lock, and Helm 2's requirements.yaml / requirements.lock share this part. */
export const ChartFile = z.object({
  appVersion: z.string().nullish(),
  dependencies: z.array(Dependency).nullish(),
})
export type ChartFile = z.infer<typeof ChartFile>
