/**
 * Helm values files: `image:` blocks `{registry, repository (or image), tag, digest}` and plain `image:`
 * strings, as images marked `origin: helm-values`. The reference as written is the block composed as the
 * chart author wrote it; the normalised name adds `global.image.registry` / `global.imageRegistry` when the
 * block names no registry, since that is what the chart's templates pull. A block without tag or digest
 * takes the chart's appVersion as the chart's templates make a tag of it (`default .Chart.AppVersion`, or with a
 * literal before it: `printf "v%s" .Chart.AppVersion`; ./app-version-tag.ts), and is listed without a version when
 * they do not say how (or are not in the tree); except under a subchart's key (a dependency's name or alias in
 * Chart.yaml): that subchart's templates use its own appVersion, which is not here. `global.image` is an image block too, and a plain `image: repo/name` takes a sibling `tag:` / `imageTag:`.
 * A plain `image: name` that the templates combine with a `hub:`/`registry:` beside it or a `global.hub`/`global.registry`
 * is composed only when the values beside it settle it (`hub/name:tag`), else skipped, naming those values.
 * The reading of values is ../../helm-value-images.ts, shared with the values GitOps objects give their charts.
 */
import {appendAll} from '../../../core/arrays.js'
import {posix} from 'node:path'
import {isHelmValuesFile} from '../../file-names.js'
import {emptyOutput, type Output} from '../../output.js'
import {withoutOwnImages} from '../../own-images.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {isMap} from '../../yaml-tree.js'
import {chartFacts} from '../../helm-chart-file.js'
import {pathsAbove} from '../../paths-above.js'
import {valuesImages} from '../../helm-value-images.js'
import {appVersionTag, type ChartTemplates, chartTemplates} from './app-version-tag.js'

export const discoverer: Discoverer = {
  id: 'helm-values',
  description: 'Helm values.yaml: image blocks {registry, repository, tag, digest} and image strings',
  matches: isHelmValuesFile,
  discover,
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  // Helm reads values with sigs.k8s.io/yaml (go-yaml): an unknown tag (`!vault path`, for helm-secrets) is its text.
  const yaml = readYaml(input.text, input.file, {keepUnknownTags: 'quietly'})
  appendAll(out.errors, yaml.errors)
  // The chart the values are for: the nearest Chart.yaml, beside the file or above it (a chart's `ci/` and
  // `examples/*/` values files are that chart's: opentelemetry-collector's examples were told it had no appVersion).
  let chartFile = posix.join(posix.dirname(input.file), 'Chart.yaml')
  let chartText: string | null = null
  for (const path of pathsAbove(input.file, 'Chart.yaml')) {
    chartText = context.readText(path)
    if (chartText === null) continue
    chartFile = path
    break
  }
  const requirementsFile = posix.join(posix.dirname(chartFile), 'requirements.yaml')
  const chart = chartFacts(chartText, chartFile, {
    text: context.readText(requirementsFile),
    file: requirementsFile,
  })
  // The chart's templates, read once and only when a block needs the appVersion: how they make a tag of it.
  let templates: ChartTemplates | undefined | null = null
  const appVersion = chart.appVersion
  const read = () => {
    if (templates === null) templates = chartTemplates(posix.dirname(chartFile), context)
    return templates
  }
  const tagOf = (path: string) => appVersionTag(read(), appVersion as string, path)
  const bitnamiImage = (path: string) => read()?.commonImageRoots.has(path) === true
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    valuesImages(
      doc.root,
      {
        file: input.file,
        out,
        appVersion,
        noAppVersion: 'no appVersion in Chart.yaml',
        ...(appVersion ? {appVersionTag: tagOf} : {}),
        bitnamiImage,
      },
      chart.subchartKeys,
    )
  }
  // Images a Skaffold configuration or a Tiltfile of the project builds, and gives the chart when it deploys it.
  withoutOwnImages(out, input.file, context)
  return out
}
