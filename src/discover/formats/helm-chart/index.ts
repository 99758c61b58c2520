/**
 * Helm charts: the dependencies of Chart.yaml (and Helm 2 requirements.yaml) and the pinned ones of Chart.lock
 * (requirements.lock), as `chart` components. A version is kept as written (`v1.16.2`) when it is one version; a
 * range Helm resolves (`0.12.*`, `^1.2`, `>=1.0 <2.0`, `~1.2`, `1.2`: ./constraint.ts) gives no version and is kept in
 * `ref` (`name 0.12.*`). A dependency without `repository` (Helm's `charts/NAME/` subfolder) or with a `file://` one
 * is a chart of this tree: `local`, without a purl.
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
import {elide} from '../../../core/elide.js'
import {chartVersion, invalidVersionMessage} from '../../chart-version.js'
import {issueWords} from '../../../core/zod-issues.js'

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
  // Helm reads Chart.yaml with sigs.k8s.io/yaml (go-yaml): an unknown tag is its node untagged.
  const yaml = readYaml(input.text, input.file, {keepUnknownTags: 'quietly'})
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
      out.errors.push(errorAt(input.file, nearest(root, issue.path), 'invalid-chart', issueWords(issue)))
    }
    return out
  }
  // Chart.lock / requirements.lock (or a file identified as one by its `generated:` and `digest:`).
  const lockFile =
    /(?:^|\/)(?:Chart|requirements)\.lock$/.test(input.file) ||
    (root.entries.has('generated') && root.entries.has('digest') && !root.entries.has('apiVersion'))
  for (const [i, dependency] of (result.data.dependencies ?? []).entries()) {
    const node = at(root, 'dependencies', i, 'name')!
    const location = locationOf(input.file, node)
    const written = dependency.version?.trim() || undefined
    // A lock file holds the version Helm locked (the index entry's, `v.Original()`), one version whatever its form
    // (`1.10`); only a local subchart's is the constraint copied from Chart.yaml.
    const version =
      written === undefined
        ? undefined
        : lockFile && dependency.repository
          ? ({kind: 'exact', version: written} as const)
          : chartVersion(written)
    if (version?.kind === 'invalid')
      out.skipped.push({
        file: input.file,
        line: location.line,
        reason: 'unresolved-version',
        message: invalidVersionMessage(`chart ${dependency.name}`, written!),
      })
    // `@name` and `alias:name` name a repository `helm repo add` gave that name on the machine that builds
    // (https://helm.sh/docs/helm/helm_dependency/): not a URL, and not known here.
    const alias = /^(?:@|alias:)/.test(dependency.repository ?? '')
    if (alias)
      out.skipped.push({
        file: input.file,
        line: location.line,
        reason: 'missing-resource',
        message: `chart ${dependency.name}: repository "${elide(dependency.repository!, 100)}" names a repository added with helm repo add where the chart is built, whose URL is not in the tree: listed without its repository`,
      })
    const chart = {
      name: dependency.name,
      ...(version?.kind === 'exact' ? {version: version.version} : {}),
      ...(version?.kind === 'range' ? {range: version.range} : {}),
      ...(version?.kind === 'invalid' ? {range: written} : {}),
      repository: alias ? undefined : dependency.repository || undefined,
      // No repository: Helm takes the chart from the `charts/NAME/` folder beside Chart.yaml ("Local chart
      // subfolder", helm's internal/resolver/resolver.go); `file://` is a folder too (chartComponent marks it).
      ...(dependency.repository ? {} : {local: true}),
    }
    out.components.push(chartComponent(chart, location, 'helm-chart'))
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
