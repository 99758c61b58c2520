/**
 * Helm values files: `image:` blocks `{registry, repository (or image), tag, digest}` and plain `image:`
 * strings, as images marked `origin: helm-values`. The reference as written is the block composed as the
 * chart author wrote it; the normalised name adds `global.image.registry` / `global.imageRegistry` when the
 * block names no registry, since that is what the chart's templates pull. A block without tag or digest
 * takes the chart's appVersion (the common `default .Chart.AppVersion` idiom).
 */
import {appendAll} from '../../../core/arrays.js'
import {posix} from 'node:path'
import {isHelmValuesFile} from '../../file-names.js'
import {addImageRef, emptyOutput, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isSeq, stringValue, text, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {chartAppVersion} from '../../helm-chart-file.js'

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
  appVersion: () => string | undefined
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  appendAll(out.errors, yaml.errors)
  let appVersion: string | null | undefined = null
  const chartFile = posix.join(posix.dirname(input.file), 'Chart.yaml')
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    const scan: Scan = {
      file: input.file,
      out,
      globalRegistry:
        stringValue(at(doc.root, 'global', 'image', 'registry')) ??
        stringValue(at(doc.root, 'global', 'imageRegistry')),
      appVersion: () => {
        if (appVersion === null) {
          const chart = context.readText(chartFile)
          appVersion = chart === null ? undefined : chartAppVersion(chart, chartFile)
        }
        return appVersion
      },
    }
    visit(doc.root, scan, 0)
  }
  return out
}

function visit(node: YamlNode, scan: Scan, depth: number): void {
  if (depth > 256) return
  if (isSeq(node)) for (const item of node.items) visit(item, scan, depth + 1)
  if (!isMap(node)) return
  for (const [key, value] of node.entries) {
    if (key === 'global') continue
    if ((key === 'image' || /[a-z]Image$/.test(key)) && isMap(value) && imageBlock(value, scan)) continue
    if (key === 'image' && stringValue(value) !== undefined) {
      addImageRef(scan.out, stringValue(value)!, locationOf(scan.file, value), 'helm-values')
      continue
    }
    visit(value, scan, depth + 1)
  }
}

/** Lists one image block; false when the mapping is not one (no repository). */
function imageBlock(block: YamlMap, scan: Scan): boolean {
  const repositoryNode = block.entries.get('repository') ?? block.entries.get('image')
  const repository = stringValue(repositoryNode)
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
    tag = scan.appVersion()
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
