/**
 * Images in Helm values: `image:` blocks `{registry, repository (or image), tag, digest}` (and `*Image:` keys), plain
 * `image:` strings with a sibling `tag:`/`imageTag:`, as images marked `origin: helm-values`. Shared by the values
 * files of a chart (formats/helm-values) and the values a GitOps object gives the chart it installs
 * (./gitops-charts.ts: a Flux HelmRelease's `spec.values`, an Argo CD source's `helm.valuesObject`). A block without
 * tag or digest takes the chart's appVersion when it is known (`appVersion`), made a tag as the chart's templates
 * make it (`appVersionTag`: `v` + appVersion, or listed without a version when they do not say), else it is reported.
 */
import {imageComponent, parseImageRef, TAG_RE} from '../core/image-ref.js'
import type {Location} from '../core/model.js'
import {addImageRef, locationOf, type Output} from './output.js'
import {isMap, isScalar, isSeq, stringValue, text, type YamlMap, type YamlNode} from './yaml-tree.js'

export interface ValuesScan {
  file: string
  out: Output
  globalRegistry?: string
  /** The chart's appVersion: the tag of an image whose values give none. */
  appVersion: string | undefined
  /** Why there is no appVersion to use, for the report of a block without tag or digest. */
  noAppVersion: string
  /**
   * The tag the chart's templates build from the appVersion for the block at a values path (`kubeRBACProxy.image`),
   * or why it is not known (the image is then listed without a version). Absent: no appVersion is used.
   */
  appVersionTag?: (path: string) => {tag: string} | {missing: string}
  /**
   * Whether the chart's templates give the block at a values path to Bitnami's `common.images.image` helper, where a
   * non-empty `global.imageRegistry` wins over the block's own `registry` (./formats/helm-values/app-version-tag.ts).
   */
  bitnamiImage?: (path: string) => boolean
  /** `global.imageRegistry` of these values, when set (the registry Bitnami's helper puts first). */
  globalImageRegistry?: string
  /** Set while inside a subchart's values: whose appVersion a missing tag would be. */
  subchart?: string
  /**
   * Who fills in `{{ }}` in these values when Helm does not (an ApplicationSet's generators): an image holding one is
   * reported as theirs, not as a Helm template.
   */
  filledInBy?: string
  /**
   * The `global` mapping beside the values being read or one of their enclosing mappings (the root's, or istio's
   * `_internal_defaults_do_not_set.global`): its `hub`/`registry`/`tag` are what templates combine with a plain
   * `image:` name (`{{ .Values.hub | default .Values.global.hub }}/{{ .Values.image }}:…`).
   */
  enclosingGlobal?: YamlMap
  /**
   * Whether an image (as the values compose it, tag or not) is one the project builds itself: it is then neither
   * listed nor reported, and only its own entries are dropped (another image set on the same line is still read).
   */
  isOwn?: (ref: string) => boolean
  /**
   * For values merged from several files (./values-layers.ts): where the image the `nodes` compose is told (the first
   * node is where values read alone place it); null when it is not reported here (another read reports it).
   */
  place?: (nodes: ReadonlyArray<YamlNode | undefined>) => Location | null
}

/** Where the image the `nodes` compose is told: at the first, in the values' file, unless `scan.place` says. */
function placeOf(scan: ValuesScan, nodes: ReadonlyArray<YamlNode | undefined>): Location | null {
  return scan.place ? scan.place(nodes) : locationOf(scan.file, nodes[0] as YamlNode)
}

/** The images of one values document (`root`), with `global.image` and `global.imageRegistry` applied. */
export function valuesImages(
  root: YamlMap,
  scan: Omit<ValuesScan, 'globalRegistry' | 'subchart' | 'globalImageRegistry'>,
  subchartKeys: ReadonlySet<string> = new Set(),
): void {
  const global = root.entries.get('global')
  const globalImageRegistry = stringValue(isMap(global) ? global.entries.get('imageRegistry') : undefined)?.trim()
  const shared: ValuesScan = {
    ...scan,
    ...(isMap(global) ? {enclosingGlobal: global} : {}),
    ...(globalImageRegistry ? {globalImageRegistry} : {}),
    globalRegistry:
      stringValue(isMap(global) ? at2(global, 'image', 'registry') : undefined) ??
      stringValue(isMap(global) ? global.entries.get('imageRegistry') : undefined),
  }
  const globalImage = isMap(global) ? global.entries.get('image') : undefined
  if (isMap(globalImage)) imageBlock(globalImage, shared, {key: 'image', parent: {key: 'global'}})
  for (const [key, value] of root.entries) {
    if (key === 'global') continue
    visitEntry(key, value, root, subchartKeys.has(key) ? {...shared, subchart: key} : shared, 1, {key})
  }
}

/** Where a value is in the values, innermost key first (built into `a.b.c` only when an image needs it). */
interface ValuesPath {
  key: string
  parent?: ValuesPath
}

function dotted(path: ValuesPath | undefined): string {
  const keys: string[] = []
  for (let at = path; at !== undefined; at = at.parent) keys.push(at.key)
  return keys.reverse().join('.')
}

function at2(node: YamlMap, a: string, b: string): YamlNode | undefined {
  const inner = node.entries.get(a)
  return isMap(inner) ? inner.entries.get(b) : undefined
}

function visit(node: YamlNode, scan: ValuesScan, depth: number, path: ValuesPath | undefined): void {
  if (depth > 256) return
  if (isSeq(node)) for (const item of node.items) visit(item, scan, depth + 1, path && {key: '[]', parent: path})
  if (!isMap(node)) return
  const global = node.entries.get('global')
  const inner = isMap(global) ? {...scan, enclosingGlobal: global} : scan
  for (const [key, value] of node.entries) visitEntry(key, value, node, inner, depth, {key, parent: path})
}

function visitEntry(
  key: string,
  value: YamlNode,
  parent: YamlMap,
  scan: ValuesScan,
  depth: number,
  path: ValuesPath,
): void {
  if ((key === 'image' || /[a-z]Image$/.test(key)) && isMap(value) && imageBlock(value, scan, path)) return
  // A block under another key (`redis: {repository: redis, tag: 7.0.7}`, as podinfo's chart writes its cache) is an
  // image when it names both an image repository and a tag or digest, so that a chart's second image is not missed.
  // Not a subchart's values (`mysql: {repository: …, tag: …}` under the mysql subchart's key is that chart's root),
  // and what is under the block is read as well (an `image:` block inside it).
  if (isMap(value) && !(depth === 1 && scan.subchart === key)) {
    if (isTaggedImageBlock(value) && imageBlock(value, scan, path)) {
      visit(value, scan, depth + 1, path)
      return
    }
    // `cache: {repository: redis, tag: ""}`: an image whose tag the templates choose (a default, the appVersion of
    // this chart or another): not listed, and not passed over in silence either.
    const repository = emptyTagImageBlock(value)
    const location =
      repository !== undefined && !isOwnImage(scan, stringValue(value.entries.get('registry')), repository)
        ? placeOf(scan, [value.entries.get('repository'), value.entries.get('tag'), value.entries.get('registry')])
        : null
    if (location !== null) {
      scan.out.skipped.push({
        file: location.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image ${repository} under \`${key}\` has an empty tag: its chart's templates choose the tag, which is not known here`,
      })
    }
  }
  const image = key === 'image' ? stringValue(value) : undefined
  if (image !== undefined) {
    if (!image.includes('{{') && composedImage(image, value, parent, scan)) return
    // `image: repo/name` with `tag: 1.2` (or `imageTag:`) beside it, as older charts write it.
    const sibling = text(parent.entries.get('tag')) || text(parent.entries.get('imageTag'))
    // `image: repo@sha256` with the digest's hex in `imageTag:` (the template joins them with `:`), as kafka's chart.
    const written =
      sibling && (!hasTagOrDigest(image) || /@[A-Za-z][A-Za-z0-9]*$/.test(image)) ? `${image}:${sibling}` : image
    const location = placeOf(scan, [value, parent.entries.get('tag') ?? parent.entries.get('imageTag')])
    if (location !== null) addValuesImage(scan, written, location)
    return
  }
  visit(value, scan, depth + 1, path)
}

/**
 * The hub (istio's word) or registry keys a plain `image:` name is combined with, beside it or under `global`. Not
 * `global.imageRegistry`: Bitnami's registry for image blocks (their `common.images.image` helper), applied to blocks
 * as the normalised name (`valuesImages`); nothing says their templates put it before a plain `image:` string.
 */
const HUB_KEYS = ['hub', 'registry'] as const

/**
 * A plain `image: name` that the chart's templates combine with a hub or registry the values name (istio's
 * `{{ .Values.hub | default .Values.global.hub }}/{{ .Values.image }}:{{ .Values.tag | default .Values.global.tag }}`):
 * listed only when the values beside it settle the whole reference, else skipped, naming the values the templates
 * combine, never completed with Docker Hub's `library/` or a `latest` tag the chart does not use. True when handled.
 * - `hub` (or `registry`) beside it: with a non-empty `tag` (or `imageTag`) beside it too, a name with no `/`, tag or
 *   digest of its own and no non-empty `variant` (istio's `Hub/Image:Tag-Variant`), it is `hub/image:tag`, as an
 *   image block's `registry/repository:tag` is composed; with the hub set and the tag empty, skipped as
 *   `unresolved-version` (the templates choose the tag); otherwise (an empty hub, which a `global.hub` or a template
 *   default fills in, or a name with a `/` that the templates may use whole) skipped as `unsupported`.
 * - none beside it, the name without a registry host, tag or digest, and a non-empty `global.hub` or `global.registry`
 *   in these values: skipped as `unsupported` (the templates may prefix it).
 * - `tag:` beside it but empty, no hub: skipped as `unresolved-version`, as a `{repository, tag: ""}` block is.
 * `global.hub`/`global.tag` are never substituted for an empty `hub`/`tag`: only the templates say whether they
 * default to them (`| default .Values.global.hub`), and templates are not read.
 */
function composedImage(image: string, node: YamlNode, parent: YamlMap, scan: ValuesScan): boolean {
  // A scalar only (a hub written or left empty): a `registry:` mapping beside it is some other setting.
  const hubKey = HUB_KEYS.find((key) => isScalar(parent.entries.get(key)))
  // The name alone is the project's own only without a hub: `hub: quay.io/other` + `image: myapp` is another
  // registry's image (addValuesImage asks about the whole reference it composes).
  if (hubKey === undefined && isOwnImage(scan, undefined, image)) return true
  const tagKey = ['tag', 'imageTag'].find((key) => parent.entries.has(key))
  const hub = hubKey === undefined ? undefined : text(parent.entries.get(hubKey))?.trim()
  const tag = tagKey === undefined ? undefined : text(parent.entries.get(tagKey))?.trim()
  const global = scan.enclosingGlobal
  const globalKeys = global
    ? [...HUB_KEYS, 'tag'].filter((key) => text(global.entries.get(key))?.trim()).map((key) => `global.${key}`)
    : []
  const location = placeOf(scan, [
    node,
    hubKey === undefined ? undefined : parent.entries.get(hubKey),
    tagKey === undefined ? undefined : parent.entries.get(tagKey),
    parent.entries.get('variant'),
  ])
  if (location === null) return true
  const skip = (reason: 'unresolved-version' | 'unsupported', message: string) => {
    scan.out.skipped.push({file: location.file, line: location.line, reason, message})
    return true
  }
  const named = (key: string, value: string | undefined) => (value ? key : `${key} (empty here)`)
  if (hubKey !== undefined) {
    const combined = listed([named(hubKey, hub), ...(tagKey ? [named(tagKey, tag)] : []), ...globalKeys])
    const variant = text(parent.entries.get('variant'))?.trim()
    const bare = !image.includes('/') && !hasTagOrDigest(image)
    if (hub && tag && bare && !variant) {
      addValuesImage(scan, `${hub}/${image}:${tag}`, location)
      return true
    }
    if (hub && !tag && bare)
      return skip(
        'unresolved-version',
        `image ${image}: the chart's templates combine it with ${combined}, and choose the tag, which is not known here; not listed`,
      )
    return skip(
      'unsupported',
      `image ${image}: the chart's templates combine it with ${combined}, in a way these values do not settle; not listed`,
    )
  }
  if (hasTagOrDigest(image) || hasRegistry(image)) return false
  const globalHubs = globalKeys.filter((key) => key !== 'global.tag')
  if (globalHubs.length > 0)
    return skip(
      'unsupported',
      `image ${image} names no registry, and ${listed(globalKeys)} ${globalKeys.length > 1 ? 'are' : 'is'} set in these values: the chart's templates may combine ${globalKeys.length > 1 ? 'them' : 'it'} with the name, in a way these values do not settle; not listed`,
    )
  if (tagKey !== undefined && !tag)
    return skip(
      'unresolved-version',
      `image ${image} has an empty ${tagKey} beside it: its chart's templates choose the tag, which is not known here`,
    )
  return false
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

/**
 * `{repository, tag}` (or `digest`) under a key not named for an image: an image block only when the repository is
 * an image name (no URL scheme, no template) and the tag a valid tag, so that a git or chart repository with a
 * version is not taken for one; the block is listed only if the whole reference parses.
 */
function isTaggedImageBlock(block: YamlMap): boolean {
  const repository = stringValue(block.entries.get('repository'))
  if (!repository || repository.includes('://') || repository.includes('{{')) return false
  const tag = text(block.entries.get('tag')) || undefined
  const digest = stringValue(block.entries.get('digest'))
  if (tag === undefined && digest === undefined) return false
  if (tag !== undefined && !TAG_RE.test(tag)) return false
  const registry = stringValue(block.entries.get('registry'))
  const ref = (registry ? `${registry}/` : '') + repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '')
  return parseImageRef(ref).ok
}

/**
 * The repository of `{repository, tag}` under a key not named for an image when its `tag:` is there but empty (`""`,
 * `~`, nothing) and there is no digest: an image name (it parses as one), whose tag the templates fill in.
 */
function emptyTagImageBlock(block: YamlMap): string | undefined {
  if (!block.entries.has('tag') || text(block.entries.get('tag')) || block.entries.has('digest')) return undefined
  const repository = stringValue(block.entries.get('repository'))
  if (!repository || repository.includes('://') || repository.includes('{{') || hasTagOrDigest(repository))
    return undefined
  const registry = stringValue(block.entries.get('registry'))
  return parseImageRef((registry ? `${registry}/` : '') + repository).ok ? repository : undefined
}

/** Whether a reference already names a tag or digest (a `:` after the last `/`, or an `@`). */
function hasTagOrDigest(image: string): boolean {
  return image.includes('@') || image.lastIndexOf(':') > image.lastIndexOf('/')
}

/** Lists one image block; false when the mapping is not one (no repository). */
function imageBlock(block: YamlMap, scan: ValuesScan, path: ValuesPath): boolean {
  const repositoryNode = block.entries.get('repository') ?? block.entries.get('image')
  const repository = stringValue(repositoryNode)
  if (repositoryNode && (isMap(repositoryNode) || isSeq(repositoryNode))) {
    // An image block whose repository is a list or a mapping: no image can be read from it, and that is said.
    const location = placeOf(scan, [repositoryNode])
    if (location === null) return true
    scan.out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: 'image repository is a list or a mapping, not a name',
    })
    return true
  }
  if (!repository || !repositoryNode) return false
  const registry = stringValue(block.entries.get('registry'))
  let tag = text(block.entries.get('tag')) || undefined
  const digest = stringValue(block.entries.get('digest'))
  const location = placeOf(scan, [
    repositoryNode,
    block.entries.get('tag'),
    block.entries.get('digest'),
    block.entries.get('registry'),
  ])
  if (location === null) return true
  if ([registry, repository, tag, digest].some((part) => part?.includes('{{'))) {
    addValuesImage(scan, [registry, repository, tag, digest].filter(Boolean).join(' '), location)
    return true
  }
  // `repository: graylog/graylog:3.1` with no tag: the templates use the repository as it is (no appVersion).
  if (!tag && !digest && !hasTagOrDigest(repository)) {
    if (isOwnImage(scan, registry, repository)) return true
    if (scan.subchart !== undefined) {
      scan.out.skipped.push({
        file: location.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image ${repository} has no tag or digest here; subchart ${scan.subchart} takes it from its own Chart.yaml appVersion, which is not this chart's`,
      })
      return true
    }
    if (!scan.appVersion) {
      scan.out.skipped.push({
        file: location.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image ${repository} has no tag or digest here and ${scan.noAppVersion}`,
      })
      return true
    }
    // The appVersion as the chart's templates make a tag of it (`printf "v%s" .Chart.AppVersion`), when they say.
    const built = scan.appVersionTag?.(dotted(path)) ?? {tag: scan.appVersion}
    if ('missing' in built) {
      versionless(scan, registry, repository, location)
      scan.out.skipped.push({
        file: location.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `image ${repository} has no tag or digest here, and ${built.missing}: the tag is not taken from the appVersion (${scan.appVersion}); listed without a version`,
      })
      return true
    }
    tag = built.tag
  }
  const written = (registry ? `${registry}/` : '') + repository + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '')
  // Normalise against the registry the chart's templates prepend; `ref` keeps what the block says.
  const pulled =
    bitnamiPulled(scan, path, repository, tag, digest) ??
    (registry || !scan.globalRegistry || hasRegistry(repository) ? written : `${scan.globalRegistry}/${written}`)
  addValuesImage(scan, written, location, pulled)
  return true
}

/**
 * A block the chart's templates give Bitnami's `common.images.image` with a non-empty `global.imageRegistry` in these
 * values: that registry, whatever the block's own (`default .imageRoot.registry ((.global).imageRegistry)`), put
 * before the repository as the helper's `printf "%s/%s%s%s"` does. Undefined otherwise.
 */
function bitnamiPulled(
  scan: ValuesScan,
  path: ValuesPath,
  repository: string,
  tag: string | undefined,
  digest: string | undefined,
): string | undefined {
  if (scan.globalImageRegistry === undefined || scan.bitnamiImage?.(dotted(path)) !== true) return undefined
  return `${scan.globalImageRegistry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
}

/**
 * An image block whose tag the chart's templates choose in a way not known here: listed by its repository, with no
 * version (not Docker's `latest`, which is not what the chart pulls).
 */
function versionless(scan: ValuesScan, registry: string | undefined, repository: string, location: Location): void {
  const written = (registry ? `${registry}/` : '') + repository
  const pulled =
    registry || !scan.globalRegistry || hasRegistry(repository) ? written : `${scan.globalRegistry}/${written}`
  const parsed = parseImageRef(pulled)
  if (!parsed.ok) {
    addValuesImage(scan, written, location, pulled)
    return
  }
  const component = imageComponent(parsed.image, written, location, 'helm-values')
  delete component.version
  if (component.purl !== undefined) component.purl = component.purl.replace(/@latest(?=\?|$)/, '')
  scan.out.components.push(component)
}

/** docker's rule: a first segment with a dot or port, or `localhost`, is a registry host. */
function hasRegistry(repository: string): boolean {
  const slash = repository.indexOf('/')
  if (slash < 0) return false
  const first = repository.slice(0, slash)
  return first.includes('.') || first.includes(':') || first === 'localhost'
}

/** Whether `registry/repository` (tag or not) is an image the project builds (`scan.isOwn`). */
function isOwnImage(scan: ValuesScan, registry: string | undefined, repository: string): boolean {
  return scan.isOwn?.((registry ? `${registry}/` : '') + repository) === true
}

/** An image of the values, or the skip of one holding `{{ }}` that `scan.filledInBy` fills in. */
function addValuesImage(scan: ValuesScan, ref: string, location: Location, pulled = ref): void {
  if (scan.isOwn?.(ref) || (pulled !== ref && scan.isOwn?.(pulled))) return
  if (scan.filledInBy !== undefined && ref.includes('{{')) {
    scan.out.skipped.push({
      file: location.file,
      line: location.line,
      reason: 'unsupported',
      message: `image "${ref}" holds a value ${scan.filledInBy} fill in ({{ }}); not read`,
    })
    return
  }
  addImageRef(scan.out, ref, location, 'helm-values', pulled)
}
