/**
 * Skaffold (https://skaffold.dev/docs/references/yaml/): `skaffold.yaml`, and any other YAML file whose head is a
 * Skaffold configuration (`apiVersion: skaffold/v…` and `kind: Config`; `skaffold -f other.yaml`, and the files a
 * multi-config project `requires:`). Such a file is this format's alone: the k8s-manifest format, which reads any other
 * YAML file, leaves it (Discoverer.fallback). Every document of the file (`---`) is one configuration, and the
 * `profiles[]` of each are read as it is.
 * - The Helm releases it installs (`deploy.helm.releases[]`, v1 to v4; `manifests.helm.releases[]`, v3 and v4):
 *   `remoteChart` from `repo` when written (helm's `--repo`), an `oci://` chart, or `repo/chart` of a repository the
 *   machine added (listed without its repository, and said); `chartPath` a local chart (`remote: true` of the v1 and
 *   v2 schemas makes it a remote one); `version` as helm's `--version` reads it (../../chart-version.ts). Charts are
 *   read by the helmfile rules the formats share (../../chart-ref.ts), `chart` components, direct.
 * - The images the values of a release give its chart, read as a values file is (`origin: helm-values`): its
 *   `overrides` (a values tree), with `setValues` and `setValueTemplates` (`image.repository: x`, dotted keys or
 *   nested) set over them as `--set` is. A `setValueTemplates` template Skaffold fills in (`{{.ENV}}`) is reported;
 *   one of the images it builds (`{{.IMAGE_REPO_app}}`) is the project's own. `valuesFiles` (files of the tree, from
 *   the file's folder) are layered under `overrides` and the `--set` values, all over a `chartPath` chart's
 *   values.yaml (../../values-layers.ts).
 * - The images a build pulls: `buildpacks.builder` and `runImage`, `jib.fromImage`, `ko.fromImage` of
 *   `build.artifacts[]`; and the images of `verify[].container` and `customActions[].containers[]`. An image the
 *   file builds itself (`build.artifacts[].image` of any of its configurations) is the project's own, not listed, as
 *   a Compose service's built-only image is not: its Dockerfile is read by the dockerfile format.
 *   The manifests of its folder and below do not list them either (../../own-images.ts); which images a file builds
 *   (its profiles' patches too) is ../../built-images.ts, shared with them.
 * - Not read: `deploy.kubectl.manifests`, `manifests.rawYaml` and `kustomize.paths` (files of the tree, read by their
 *   own formats), profiles' `patches` (JSON patches, not applied: one that touches what is read here is reported),
 *   `requires[].git` and other remote configurations (reported).
 * Values Skaffold fills in when it runs (`{{.ENV}}`) are reported, never guessed.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import {builtNames, isBuiltImage, isSkaffoldConfig, skaffoldBuiltImages} from '../../built-images.js'
import {helmChartRef, listChartRef, localChartName, repositoryUrl} from '../../chart-ref.js'
import {chartVersionFields} from '../../chart-version.js'
import {isManifestCandidate} from '../../file-names.js'
import {type SetValue, setValueImages} from '../../set-values.js'
import {addImageRef, chartComponent, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {addChartValues, addInlineValues, addValuesFile, placeIn, valuesStack} from '../../values-layers.js'
import {mappingDocuments} from '../../yaml.js'
import {
  at,
  describe,
  isAbsent,
  isMap,
  isScalar,
  isSeq,
  type YamlMap,
  type YamlNode,
  type YamlScalar,
  text as scalarText,
} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'skaffold',
  description:
    'Skaffold skaffold.yaml (any YAML whose head is a skaffold/v… Config): the Helm charts its releases install, the images its builders and verify containers pull',
  matches: isManifestCandidate,
  sniff: (head) => isSkaffoldConfig(head),
  identify: (head) => isSkaffoldConfig(head),
  discover,
}

/** One configuration (a document), or a profile of one: where it is read from, for messages. */
interface Config {
  file: string
  dir: string
  out: Output
  context: DiscoverContext
  /** `configuration NAME` or `profile NAME of configuration NAME`. */
  label: string
  /**
   * The images the file's configurations build (their profiles' too), as written and as normalised names
   * (`docker.io/library/app`): the project's own.
   */
  built: Set<string>
}

/** Patch paths that change what this format reads (a profile's JSON patch is not applied). */
const READ_PATHS =
  /^\/(?:deploy\/helm|manifests\/helm|verify|customActions)(?:\/|$)|^\/build\/artifacts\/[^/]*\/(?:buildpacks|jib|ko)(?:\/|$)/

function discover({file, text}: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const dir = posix.dirname(file)
  const roots = mappingDocuments(text, file, out.errors, 'a Skaffold configuration')
  // The images every configuration of the file builds (a multi-config project's, their profiles' too): the project's
  // own wherever one of them names it (../../built-images.ts, which ../../own-images.ts reads for manifests too).
  const built = builtNames(skaffoldBuiltImages(roots))
  roots.forEach((root, index) => {
    const apiVersion = scalarText(root.entries.get('apiVersion'))
    const kind = scalarText(root.entries.get('kind'))
    if (!apiVersion?.startsWith('skaffold/') || kind !== 'Config') {
      out.skipped.push({
        file,
        line: root.line,
        reason: 'unsupported',
        message: `document ${index + 1} is not a Skaffold configuration (apiVersion ${elide(apiVersion ?? 'none', 100)}, kind ${elide(kind ?? 'none', 100)}): not read`,
      })
      return
    }
    const name = scalarText(at(root, 'metadata', 'name'))
    const label = name ? `configuration ${elide(name, 200)}` : `configuration ${index + 1}`
    const profiles = root.entries.get('profiles')
    const config: Config = {file, dir, out, context, label, built}
    readConfig(config, root)
    readRequires(config, root.entries.get('requires'))
    for (const [profile, i] of mappingsOf(config, profiles, 'profiles')) {
      const profileName = scalarText(profile.entries.get('name'))
      const inProfile = {...config, label: `profile ${elide(profileName ?? `#${i + 1}`, 200)} of ${label}`}
      readConfig(inProfile, profile)
      readRequires(inProfile, profile.entries.get('requires'))
      readPatches(inProfile, profile.entries.get('patches'))
    }
  })
  return out
}

/** What a configuration (or a profile) names: its releases, the images its builds and verifications pull. */
function readConfig(c: Config, holder: YamlMap): void {
  readReleases(c, at(holder, 'deploy', 'helm', 'releases'), 'deploy.helm.releases')
  readReleases(c, at(holder, 'manifests', 'helm', 'releases'), 'manifests.helm.releases')
  readArtifacts(c, holder.entries.get('build'))
  readContainers(c, holder.entries.get('verify'), 'verify', (item) => [item.entries.get('container')])
  readContainers(c, holder.entries.get('customActions'), 'customActions', (item) => {
    const containers = item.entries.get('containers')
    return isSeq(containers) ? containers.items : []
  })
}

/** The images the builders of `build.artifacts[]` pull: a buildpacks builder and run image, jib's and ko's base. */
function readArtifacts(c: Config, build: YamlNode | undefined): void {
  if (!isMap(build)) return
  for (const [artifact, i] of mappingsOf(c, build.entries.get('artifacts'), 'build.artifacts')) {
    const fields: Array<[string, string]> = [
      ['buildpacks', 'builder'],
      ['buildpacks', 'runImage'],
      ['jib', 'fromImage'],
      ['ko', 'fromImage'],
    ]
    for (const [builder, key] of fields)
      pulledImage(c, at(artifact, builder, key), `build.artifacts[${i}].${builder}.${key}`)
  }
}

/**
 * The mappings of the list `node` (the field `key`), each with its index: a field that is no list, or an item that is
 * no mapping, is an error naming it (Skaffold refuses both).
 */
function mappingsOf(c: Config, node: YamlNode | undefined, key: string): Array<[YamlMap, number]> {
  if (isAbsent(node)) return []
  if (!isSeq(node)) {
    c.out.errors.push(shapeError(c.file, node, `${c.label}: ${key}`, 'list'))
    return []
  }
  const items: Array<[YamlMap, number]> = []
  node.items.forEach((item, i) => {
    if (isMap(item)) items.push([item, i])
    else c.out.errors.push(errorAt(c.file, item, 'invalid-entry', `${c.label}: ${key}[${i}] must be a mapping`))
  })
  return items
}

/** `verify[]` (each with a `container`) and `customActions[]` (each with `containers`): their `image`. */
function readContainers(
  c: Config,
  node: YamlNode | undefined,
  key: string,
  containersOf: (item: YamlMap) => Array<YamlNode | undefined>,
): void {
  for (const [item, i] of mappingsOf(c, node, key))
    for (const container of containersOf(item))
      if (isMap(container)) pulledImage(c, container.entries.get('image'), `${key}[${i}] image`)
}

/** An image a build or a container pulls, unless it is one the configuration builds (the project's own). */
function pulledImage(c: Config, node: YamlNode | undefined, what: string): void {
  if (isAbsent(node)) return
  if (!isScalar(node) || node.kind !== 'string') {
    c.out.errors.push(
      errorAt(c.file, node, 'invalid-image-field', `${c.label}: ${what} must be a string, not ${describe(node)}`),
    )
    return
  }
  const ref = node.text.trim()
  if (ref === '' || isBuilt(c, ref)) return
  if (ref.includes('{{')) {
    c.out.skipped.push({
      file: c.file,
      line: node.line,
      reason: 'unsupported',
      message: `${c.label}: ${what} "${elide(ref, 200)}" holds a template Skaffold fills in when it runs: not listed`,
    })
    return
  }
  addImageRef(c.out, ref, locationOf(c.file, node), 'manifest')
}

function readReleases(c: Config, node: YamlNode | undefined, key: string): void {
  for (const [release, i] of mappingsOf(c, node, key)) {
    readRelease(
      c,
      release,
      `${c.label}: release ${elide(scalarText(release.entries.get('name')) ?? `${key}[${i}]`, 200)}`,
    )
  }
}

function readRelease(c: Config, release: YamlMap, label: string): void {
  const remoteChart = stringField(c, release, 'remoteChart', label)
  const chartPath = stringField(c, release, 'chartPath', label)
  const versionNode = stringField(c, release, 'version', label)
  const repoNode = stringField(c, release, 'repo', label)
  // v1 and v2 schemas: `chartPath: stable/redis` with `remote: true` is a chart of a repository.
  const remote = scalarText(release.entries.get('remote'))?.toLowerCase() === 'true'
  const chartNode = remoteChart ?? (remote ? chartPath : undefined)
  if (chartNode !== undefined) remoteRelease(c, label, chartNode, versionNode, repoNode)
  else if (chartPath !== undefined) localRelease(c, label, chartPath, versionNode)
  else
    c.out.errors.push(
      errorAt(c.file, release, 'invalid-entry', `${label} has neither chartPath nor remoteChart (Skaffold refuses it)`),
    )
  releaseValuesImages(c, release, label, chartNode === undefined ? localChartDir(c, chartPath) : undefined)
}

/** The folder (from the scan root) of a `chartPath` of the tree, which Skaffold resolves from the file's folder. */
function localChartDir(c: Config, node: YamlScalar | undefined): string | undefined {
  const path = node?.text.trim()
  if (!path || path.includes('{{') || posix.isAbsolute(path)) return undefined
  const dir = posix.normalize(posix.join(c.dir, path))
  return dir.startsWith('../') ? undefined : dir
}

/** A non-empty scalar field (as written); an error for anything else but null. */
function stringField(c: Config, holder: YamlMap, key: string, label: string): YamlScalar | undefined {
  const node = holder.entries.get(key)
  if (isAbsent(node) || (isScalar(node) && node.text.trim() === '')) return undefined
  if (isScalar(node)) return node
  c.out.errors.push(errorAt(c.file, node, 'invalid-entry', `${label}: ${key} must be a string, not ${describe(node)}`))
  return undefined
}

/** The version, or undefined with a word when it is a template Skaffold fills in. */
function versionText(c: Config, label: string, node: YamlScalar | undefined): string | undefined {
  const version = node?.text.trim()
  if (node === undefined || !version?.includes('{{')) return version
  c.out.skipped.push({
    file: c.file,
    line: node.line,
    reason: 'unresolved-version',
    message: `${label}: version "${elide(version, 200)}" holds a template Skaffold fills in when it runs; chart listed without a version`,
  })
  return undefined
}

function templated(c: Config, label: string, what: string, node: YamlScalar): boolean {
  if (!node.text.includes('{{')) return false
  c.out.skipped.push({
    file: c.file,
    line: node.line,
    reason: 'unsupported',
    message: `${label}: ${what} "${elide(node.text.trim(), 200)}" holds a template Skaffold fills in when it runs; chart not listed`,
  })
  return true
}

function localRelease(c: Config, label: string, node: YamlScalar, versionNode: YamlScalar | undefined): void {
  if (templated(c, label, 'chartPath', node)) return
  const path = node.text.trim()
  const version = versionText(c, label, versionNode)
  const chart = {name: localChartName(path, c.dir), ...(version ? {version} : {}), repository: `file://${path}`}
  c.out.components.push({...chartComponent(chart, locationOf(c.file, node), 'manifest'), direct: true})
}

function remoteRelease(
  c: Config,
  label: string,
  node: YamlScalar,
  versionNode: YamlScalar | undefined,
  repoNode: YamlScalar | undefined,
): void {
  if (templated(c, label, 'remoteChart', node)) return
  const written = node.text.trim()
  const location = locationOf(c.file, node)
  const version = versionText(c, label, versionNode)
  const what = `${label}: chart ${elide(written, 200)}`
  const list = (chart: {name: string; repository?: string}, versioned: {version?: string; range?: string}) =>
    c.out.components.push({...chartComponent({...chart, ...versioned}, location, 'manifest'), direct: true})
  // `repo:` is helm's `--repo`: the chart is `remoteChart` of that repository, whatever it looks like.
  if (repoNode !== undefined) {
    const repo = repoNode.text.trim()
    if (repo.includes('{{')) {
      c.out.skipped.push({
        file: c.file,
        line: repoNode.line,
        reason: 'unsupported',
        message: `${label}: repo "${elide(repo, 200)}" holds a template Skaffold fills in when it runs; chart ${elide(written, 200)} listed without its repository`,
      })
      list({name: written}, chartVersionFields(version, what, location, c.out.skipped))
      return
    }
    const oci = /^oci:\/\//i.test(repo)
    list(
      {name: written, repository: repositoryUrl(repo, oci)},
      chartVersionFields(version, what, location, c.out.skipped),
    )
    return
  }
  const ref = helmChartRef(written)
  const listing = {location, out: c.out, versionLabel: what, subject: `${label}: remoteChart "${elide(written, 200)}"`}
  if (listChartRef(ref, version, listing)) return
  // `repo/chart` of a repository `helm repo add` declared on the machine, or a bare name helm looks for there.
  const name = ref.kind === 'repo' ? ref.name : written
  const repo = ref.kind === 'repo' ? ref.repo : undefined
  c.out.skipped.push({
    file: c.file,
    line: location.line,
    reason: 'missing-resource',
    message: `${label}: ${repo ? `chart repository ${elide(repo, 200)} is one \`helm repo add\` declares on the machine, not in this file` : `remoteChart ${elide(written, 200)} names no repository and no repo: is written`}: chart ${elide(name, 200)} listed without its repository`,
  })
  list({name}, chartVersionFields(version, `${label}: chart ${elide(name, 200)}`, location, c.out.skipped))
}

/**
 * The values a release gives its chart in the configuration, as one values tree read for images as a values file is
 * (../../set-values.ts, ../../helm-value-images.ts), less the images the configuration builds: `overrides` (a values
 * tree, which Skaffold passes as a values file), then `setValues` and `setValueTemplates` (Skaffold's FlatMaps: dotted
 * keys, or mappings it flattens the same way), set over it as `--set` is. A `setValueTemplates` value holding a
 * template is filled in when Skaffold runs: reported, not read, unless its templates all name an image Skaffold builds
 * (`{{.IMAGE_REPO_app}}:{{.IMAGE_TAG_app}}`): the project's own.
 */
function releaseValuesImages(c: Config, release: YamlMap, label: string, chartDir: string | undefined): void {
  const overrides = valuesMapping(c, release, 'overrides', label)
  const valuesFiles = valuesFileNodes(c, release, label)
  const pairs: SetValue[] = []
  const setValues = valuesMapping(c, release, 'setValues', label)
  if (setValues) for (const [key, value] of setValues.entries) pairs.push({key, value})
  const templates = valuesMapping(c, release, 'setValueTemplates', label)
  if (templates)
    for (const [key, value] of templates.entries) {
      if (!isScalar(value) || !value.text.includes('{{')) {
        pairs.push({key, value})
        continue
      }
      if (builtImageTemplate(value.text)) {
        // Skaffold sets it to the image it builds, over what `overrides` or `setValues` put there: a repository (or a
        // whole reference) becomes one of the built names, the project's own; a tag or digest alone becomes unknown
        // (null), so an upstream repository kept beside it is reported without a tag, never listed at a stale one.
        const own = [...c.built][0]
        const repository = /IMAGE_(?:REPO|FULLY_QUALIFIED|DOMAIN)/.test(value.text)
        const text = repository && own !== undefined ? own : ''
        pairs.push({key, value: {...value, kind: text === '' ? 'null' : 'string', text}})
        continue
      }
      c.out.skipped.push({
        file: c.file,
        line: value.line,
        reason: 'unsupported',
        message: `${label}: setValueTemplates ${elide(key, 200)} "${elide(value.text.trim(), 200)}" holds a template Skaffold fills in when it runs: not read`,
      })
    }
  if (overrides === undefined && valuesFiles.length === 0 && pairs.length === 0) return
  // As Skaffold hands them to helm: the chart's values.yaml, `-f` each values file, then `-f` the overrides (its
  // skaffold-overrides.yaml comes after the values files: pkg/skaffold/helm/args.go ConstructOverrideArgs, then
  // pkg/skaffold/deploy/helm/args.go and render/renderer/helm/args.go, GoogleContainerTools/skaffold @ 359a940c),
  // then `--set`.
  const stack = valuesStack(c.file, c.context, c.out)
  if (chartDir !== undefined) addChartValues(stack, chartDir)
  for (const item of valuesFiles) addValuesFile(stack, item.text.trim(), c.dir, item, label)
  if (overrides) addInlineValues(stack, overrides)
  if (stack.merged === undefined && pairs.length === 0) return
  const fields = [
    overrides && 'overrides',
    valuesFiles.length > 0 && 'valuesFiles',
    setValues && 'setValues',
    templates && 'setValueTemplates',
  ].filter(Boolean)
  setValueImages(
    pairs,
    setValues ?? templates ?? overrides ?? release,
    {
      file: c.file,
      out: c.out,
      label: `${label}: ${fields.join(' and ')}`,
      isOwn: (ref) => isBuilt(c, ref),
      place: placeIn(stack),
    },
    stack.merged,
  )
}

/**
 * `valuesFiles`: the paths of values files, from the file's folder (Skaffold makes them absolute from there); an item
 * that is no string is an error. Read in order by ../../values-layers.ts, which says what it cannot read.
 */
function valuesFileNodes(c: Config, release: YamlMap, label: string): YamlScalar[] {
  const node = release.entries.get('valuesFiles')
  if (isAbsent(node)) return []
  if (!isSeq(node)) {
    c.out.errors.push(shapeError(c.file, node, `${label}: valuesFiles`, 'list'))
    return []
  }
  const paths: YamlScalar[] = []
  node.items.forEach((item, i) => {
    if (isScalar(item) && item.kind === 'string' && item.text.trim() !== '') paths.push(item)
    else if (!isAbsent(item))
      c.out.errors.push(
        errorAt(c.file, item, 'invalid-entry', `${label}: valuesFiles[${i}] must be a path, not ${describe(item)}`),
      )
  })
  return paths
}

/** A template of Skaffold's alone: `{{.IMAGE_REPO_x}}`, `{{.IMAGE_TAG}}`, …; only the images it builds are so set. */
const IMAGE_TEMPLATE = /^\s*\.IMAGE_(?:REPO|TAG|DIGEST|FULLY_QUALIFIED|DOMAIN|REPO_NO_DOMAIN)(?:_\w+)?\s*$/

/** Whether every `{{ }}` of a value names an image Skaffold builds (the project's own: not reported). */
function builtImageTemplate(value: string): boolean {
  if (value.length > 4096) return false
  const parts = value.split('{{').slice(1)
  return parts.every((part) => {
    const end = part.indexOf('}}')
    return end >= 0 && IMAGE_TEMPLATE.test(part.slice(0, end))
  })
}

/** A mapping field of a release; an error for anything else but null. */
function valuesMapping(c: Config, release: YamlMap, key: string, label: string): YamlMap | undefined {
  const node = release.entries.get(key)
  if (isAbsent(node)) return undefined
  if (isMap(node)) return node
  c.out.errors.push(shapeError(c.file, node, `${label}: ${key}`, 'mapping'))
  return undefined
}

/** `requires[]`: a `path` is a file of the tree the walk reads; `git` and cloud storage configurations are remote. */
function readRequires(c: Config, node: YamlNode | undefined): void {
  if (!isSeq(node)) return
  node.items.forEach((item, i) => {
    if (!isMap(item)) return
    for (const key of ['git', 'googleCloudStorage', 'googleCloudBuildRepoV2']) {
      if (isAbsent(item.entries.get(key))) continue
      c.out.skipped.push({
        file: c.file,
        line: item.line,
        reason: 'remote-resource',
        message: `${c.label}: requires[${i}].${key}: a configuration Skaffold fetches when it runs, not this scan: its releases and images are not listed`,
      })
    }
    const path = scalarText(item.entries.get('path'))?.trim()
    if (path === undefined) return
    const joined = posix.normalize(posix.join(c.dir, path))
    if (posix.isAbsolute(path) || joined.startsWith('../') || joined === '..')
      c.out.skipped.push({
        file: c.file,
        line: item.line,
        reason: 'missing-resource',
        message: `${c.label}: requires[${i}].path "${elide(path, 200)}" is outside the scanned tree: its releases and images are not listed`,
      })
  })
}

/** A profile's `patches`: JSON patches, not applied; one that changes what this format reads is said. */
function readPatches(c: Config, node: YamlNode | undefined): void {
  if (!isSeq(node)) return
  for (const patch of node.items) {
    const path = isMap(patch) ? scalarText(patch.entries.get('path')) : undefined
    if (path === undefined || path.length > 1000 || !READ_PATHS.test(path)) continue
    c.out.skipped.push({
      file: c.file,
      line: patch.line,
      reason: 'unsupported',
      message: `${c.label}: patch of ${elide(path, 200)} is not applied (profiles' JSON patches are not read): the charts and images it changes are listed as the configuration writes them`,
    })
  }
}

/** An image the configuration builds, at any tag (Skaffold tags what it builds itself). */
function isBuilt(c: Config, ref: string): boolean {
  return isBuiltImage(ref, c.built)
}
