/** Chart.yaml / Chart.lock, shared by the helm-chart and helm-values formats: dependencies (https://helm.sh/docs/topics/charts/#the-chartyaml-file). */
import {readYaml} from './yaml.js'
import {toPlain} from './yaml-tree.js'
import {check, checkValue} from './checked.js'

const ChartFileCheck = check('helm-chart/ChartFile')

/** What a values file needs of its chart's Chart.yaml, read once. */
export interface ChartFacts {
  /** appVersion: the tag of images whose values give none. */
  appVersion?: string
  /**
   * The keys under which the chart's values configure its subcharts: each dependency's alias, else its name
   * (https://helm.sh/docs/chart_template_guide/subcharts_and_globals/).
   */
  subchartKeys: Set<string>
}

/**
 * The facts of a Chart.yaml's text; none when it is missing or not a chart stewards can read. `requirements` is the
 * requirements.yaml beside it, where Helm 2 charts (apiVersion v1) list their dependencies (the same part of the
 * schema): their keys are subchart keys too.
 */
export function chartFacts(
  text: string | null,
  file: string,
  requirements?: {text: string | null; file: string},
): ChartFacts {
  const chart = readChartFile(text, file)
  const helm2 = requirements === undefined ? undefined : readChartFile(requirements.text, requirements.file)
  const dependencies = [...(chart?.dependencies ?? []), ...(helm2?.dependencies ?? [])]
  return {
    ...(chart?.appVersion != null ? {appVersion: chart.appVersion} : {}),
    subchartKeys: new Set(dependencies.map((d) => d.alias ?? d.name)),
  }
}

/** A Chart.yaml or requirements.yaml as the shared schema reads it; undefined when missing or not readable. */
function readChartFile(text: string | null, file: string) {
  const root = text === null ? undefined : readYaml(text, file).documents[0]?.root
  const parsed = root ? checkValue(ChartFileCheck, toPlain(root)) : undefined
  return parsed?.success ? parsed.data : undefined
}
