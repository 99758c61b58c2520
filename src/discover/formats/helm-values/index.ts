/**
 * Helm values files: `image:` blocks `{registry, repository (or image), tag, digest}` and plain `image:`
 * strings, as images marked `origin: helm-values`. The reference as written is the block composed as the
 * chart author wrote it; the normalised name adds `global.image.registry` / `global.imageRegistry` when the
 * block names no registry, since that is what the chart's templates pull. A block without tag or digest
 * takes the chart's appVersion (the common `default .Chart.AppVersion` idiom), except under a subchart's key
 * (a dependency's name or alias in Chart.yaml): that subchart's templates use its own appVersion, which is not
 * here. `global.image` is an image block too, and a plain `image: repo/name` takes a sibling `tag:` / `imageTag:`.
 */
import {appendAll} from '../../../core/arrays.js'
import {posix} from 'node:path'
import {isHelmValuesFile} from '../../file-names.js'
import {addImageRef, emptyOutput, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isSeq, stringValue, text, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {chartFacts} from '../../helm-chart-file.js'

export const discoverer: Discoverer = {
  id: 'helm-values',
  description: 'Helm values.yaml: image blocks {registry, repository, tag, digest} and image strings',
  matches: isHelmValuesFile,
  discover,
}

interface Scan {
  file: string
  out: Output
  globalRegistry?: string
  /** The chart's appVersion: the tag of an image whose values give none. */
  appVersion: string | undefined
  /** Set while inside a subchart's values: whose appVersion a missing tag would be. */
  subchart?: string
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  appendAll(out.errors, yaml.errors)
  const chartFile = posix.join(posix.dirname(input.file), 'Chart.yaml')
  const chart = chartFacts(context.readText(chartFile), chartFile)
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    const scan: Scan = {
      file: input.file,
      out,
      globalRegistry:
        stringValue(at(doc.root, 'global', 'image', 'registry')) ??
        stringValue(at(doc.root, 'global', 'imageRegistry')),
      appVersion: chart.appVersion,
    }
    const globalImage = at(doc.root, 'global', 'image')
    if (isMap(globalImage)) imageBlock(globalImage, scan)
    for (const [key, value] of doc.root.entries) {
      if (key === 'global') continue
      visitEntry(key, value, doc.root, chart.subchartKeys.has(key) ? {...scan, subchart: key} : scan, 1)
    }
  }
  return out
}

function visit(node: YamlNode, scan: Scan, depth: number): void {
  if (depth > 256) return
  if (isSeq(node)) for (const item of node.items) visit(item, scan, depth + 1)
  if (!isMap(node)) return
  for (const [key, value] of node.entries) visitEntry(key, value, node, scan, depth)
}

function visitEntry(key: string, value: YamlNode, parent: YamlMap, scan: Scan, depth: number): void {
  if ((key === 'image' || /[a-z]Image$/.test(key)) && isMap(value) && imageBlock(value, scan)) return
  const image = key === 'image' ? stringValue(value) : undefined
  if (image !== undefined) {
    // `image: repo/name` with `tag: 1.2` (or `imageTag:`) beside it, as older charts write it.
    const sibling = text(parent.entries.get('tag')) || text(parent.entries.get('imageTag'))
    const written = sibling && !hasTagOrDigest(image) ? `${image}:${sibling}` : image
    addImageRef(scan.out, written, locationOf(scan.file, value), 'helm-values')
    return
  }
  visit(value, scan, depth + 1)
}

/** Whether a reference already names a tag or digest (a `:` after the last `/`, or an `@`). */
function hasTagOrDigest(image: string): boolean {
  return image.includes('@') || image.lastIndexOf(':') > image.lastIndexOf('/')
}

/** Lists one image block; false when the mapping is not one (no repository). */
function imageBlock(block: YamlMap, scan: Scan): boolean {
  const repositoryNode = block.entries.get('repository') ?? block.entries.get('image')
  const repository = stringValue(repositoryNode)
  if (repositoryNode && (isMap(repositoryNode) || isSeq(repositoryNode))) {
    // An image block whose repository is a list or a mapping: no image can be read from it, and that is said.
    scan.out.errors.push({
      ...locationOf(scan.file, repositoryNode),
      code: 'invalid-image-ref',
      message: 'image repository is a list or a mapping, not a name',
    })
    return true
  }
  if (!repository || !repositoryNode) return false
  const registry = stringValue(block.entries.get('registry'))
  let tag = text(block.entries.get('tag')) || undefined
  const digest = stringValue(block.entries.get('digest'))
  const location = locationOf(scan.file, repositoryNode)
  if ([registry, repository, tag, digest].some((part) => part?.includes('{{'))) {
    addImageRef(scan.out, [registry, repository, tag, digest].filter(Boolean).join(' '), location, 'helm-values')
    return true
  }
  if (!tag && !digest) {
    if (scan.subchart !== undefined) {
      scan.out.skipped.push({
        file: scan.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image ${repository} has no tag or digest here; subchart ${scan.subchart} takes it from its own Chart.yaml appVersion, which is not this chart's`,
      })
      return true
    }
    tag = scan.appVersion
    if (!tag) {
      scan.out.skipped.push({
        file: scan.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image ${repository} has no tag or digest here and no appVersion in Chart.yaml`,
      })
      return true
    }
  }
  const written = (registry ? `${registry}/` : '') + repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '')
  // Normalise against the registry the chart's templates prepend; `ref` keeps what the block says.
  const pulled =
    registry || !scan.globalRegistry || hasRegistry(repository) ? written : `${scan.globalRegistry}/${written}`
  addImageRef(scan.out, written, location, 'helm-values', pulled)
  return true
}

/** docker's rule: a first segment with a dot or port, or `localhost`, is a registry host. */
function hasRegistry(repository: string): boolean {
  const slash = repository.indexOf('/')
  if (slash < 0) return false
  const first = repository.slice(0, slash)
  return first.includes('.') || first.includes(':') || first === 'localhost'
}
