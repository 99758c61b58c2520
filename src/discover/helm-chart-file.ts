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
 * requirements.yaml beside it, where Helm 2 charts (apiVersion v1) list their dependencies: their keys are subchart
 * keys too.
 */
export function chartFacts(
  text: string | null,
  file: string,
  requirements?: {text: string | null; file: string},
): ChartFacts {
  const root = text === null ? undefined : readYaml(text, file).documents[0]?.root
  const parsed = root ? checkValue(ChartFileCheck, toPlain(root)) : undefined
  const keys = new Set(requirementKeys(requirements))
  if (!parsed?.success) return {subchartKeys: keys}
  const {appVersion, dependencies} = parsed.data
  for (const dependency of dependencies ?? []) keys.add(dependency.alias ?? dependency.name)
  return {...(appVersion != null ? {appVersion} : {}), subchartKeys: keys}
}

/** The alias, else the name, of each `dependencies` item of a requirements.yaml (its own problems: helm-chart's). */
function requirementKeys(requirements: {text: string | null; file: string} | undefined): string[] {
  if (requirements?.text == null) return []
  const root = readYaml(requirements.text, requirements.file).documents[0]?.root
  const plain = root ? toPlain(root) : undefined
  const dependencies =
    plain !== null && typeof plain === 'object' ? (plain as {dependencies?: unknown}).dependencies : undefined
  if (!Array.isArray(dependencies)) return []
  const keys: string[] = []
  for (const item of dependencies) {
    if (item === null || typeof item !== 'object') continue
    const {alias, name} = item as {alias?: unknown; name?: unknown}
    const key = typeof alias === 'string' && alias !== '' ? alias : typeof name === 'string' ? name : undefined
    if (key !== undefined) keys.push(key)
  }
  return keys
}
