/**
 * Helm charts: the dependencies of Chart.yaml (and Helm 2 requirements.yaml) and the pinned ones of Chart.lock
 * (requirements.lock), as `chart` components. Versions are kept as written (`v1.16.2`, `~1.2.0`).
 * The packaged subcharts `helm dependency build` puts in the chart's `charts/` folder (`NAME-VERSION.tgz`) are
 * unpacked by the discover stage (../../chart-archive.ts), and their own Chart.yaml and values read here and by
 * helm-values as any chart's.
 */
import {appendAll} from '../../../core/arrays.js'
import {isHelmChartFile} from '../../file-names.js'
import {readEmbeddedYaml} from '../../embedded-yaml.js'
import {addImageRef, chartComponent, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isSeq, nearest, stringValue, toPlain, type YamlMap} from '../../yaml-tree.js'
import {check, checkValue} from '../../checked.js'

const ChartFileCheck = check('helm-chart/ChartFile')

export const discoverer: Discoverer = {
  id: 'helm-chart',
  description: 'Helm Chart.yaml and Chart.lock (and requirements.yaml/.lock): chart dependencies',
  matches: isHelmChartFile,
  // Chart.lock: `generated:` and `digest:` at the top level; Chart.yaml: apiVersion v1/v2 and a name, no kind.
  identify: (head) =>
    (/^generated: /m.test(head) && /^digest: sha256:/m.test(head)) ||
    (/^apiVersion: ["']?v[12]["']?\s*$/m.test(head) && /^name: /m.test(head) && !/^kind: /m.test(head)),
  discover,
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  appendAll(out.errors, yaml.errors)
  const root = yaml.documents.find((doc) => doc.root !== null)?.root
  if (!root) return out
  if (!isMap(root)) {
    out.errors.push(errorAt(input.file, root, 'invalid-chart', 'a chart file must be a mapping'))
    return out
  }
  const result = checkValue(ChartFileCheck, toPlain(root))
  if (!result.success) {
    for (const issue of result.error.issues) {
      out.errors.push(
        errorAt(input.file, nearest(root, issue.path), 'invalid-chart', `${issue.path.join('.')}: ${issue.message}`),
      )
    }
    return out
  }
  for (const [i, dependency] of (result.data.dependencies ?? []).entries()) {
    const node = at(root, 'dependencies', i, 'name')!
    const chart = {
      name: dependency.name,
      version: dependency.version ?? undefined,
      repository: dependency.repository ?? undefined,
    }
    out.components.push(chartComponent(chart, locationOf(input.file, node), 'helm-chart'))
  }
  annotatedImages(root, input, out)
  return out
}

/**
 * The images a chart says it uses, in its annotations: Artifact Hub's `artifacthub.io/images` (a YAML list of
 * `{name, image, whitelisted}` in a string: https://artifacthub.io/docs/topics/annotations/helm/), and the `images`
 * annotation of the same form that Bitnami's charts carry and VMware's distribution tooling for Helm reads. Listed
 * as images with `origin: helm-chart`, each at its `image:` line when the list is a literal block.
 */
function annotatedImages(root: YamlMap, input: DiscoverInput, out: Output): void {
  const annotations = root.entries.get('annotations')
  if (!isMap(annotations)) return
  for (const key of IMAGE_ANNOTATIONS) {
    const node = annotations.entries.get(key)
    if (node === undefined) continue
    const errors: typeof out.errors = []
    const list = readEmbeddedYaml(node, input.text, input.file, errors)
    // `images` is a plain word another tool may use for something else: read only when it is such a list.
    const strict = key !== 'images'
    if (strict) appendAll(out.errors, errors)
    if (list === undefined) continue
    const entries = isSeq(list) ? list.items : undefined
    if (entries === undefined || (!strict && !entries.every((entry) => stringValue(at(entry, 'image'))))) {
      if (strict)
        out.errors.push(errorAt(input.file, list, 'invalid-chart', `annotation ${key} is not a list of {name, image}`))
      continue
    }
    for (const entry of entries) {
      const imageNode = at(entry, 'image')
      const image = stringValue(imageNode)?.trim()
      if (!image || imageNode === undefined) {
        out.errors.push(errorAt(input.file, entry, 'invalid-chart', `annotation ${key}: an entry without an image`))
        continue
      }
      addImageRef(out, image, locationOf(input.file, imageNode), 'helm-chart')
    }
  }
}

const IMAGE_ANNOTATIONS = ['artifacthub.io/images', 'images']
