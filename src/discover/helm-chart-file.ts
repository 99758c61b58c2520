/** Chart.yaml / Chart.lock, shared by the helm-chart and helm-values formats: dependencies (https://helm.sh/docs/topics/charts/#the-chartyaml-file). */
import {readYaml} from './yaml.js'
import {toPlain} from './yaml-tree.js'
import {check, checkValue} from './checked.js'

const ChartFileCheck = check('helm-chart/ChartFile')

/** appVersion of a Chart.yaml's text: the tag of images whose values give none. */
export function chartAppVersion(text: string, file: string): string | undefined {
  const root = readYaml(text, file).documents[0]?.root
  const parsed = root ? checkValue(ChartFileCheck, toPlain(root)) : undefined
  return parsed?.success ? (parsed.data.appVersion ?? undefined) : undefined
}

/**
 * The keys under which a chart's values configure its subcharts: each dependency's alias, else its name
 * (https://helm.sh/docs/chart_template_guide/subcharts_and_globals/).
 */
export function chartSubchartKeys(text: string, file: string): Set<string> {
  const root = readYaml(text, file).documents[0]?.root
  const parsed = root ? checkValue(ChartFileCheck, toPlain(root)) : undefined
  if (!parsed?.success) return new Set()
  return new Set((parsed.data.dependencies ?? []).map((d) => d.alias ?? d.name))
}
