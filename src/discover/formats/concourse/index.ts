/**
 * Concourse CI pipelines and task configurations (https://concourse-ci.org/docs/): the container images their tasks
 * and resource types run in. Concourse gives its files no fixed name, so any `.yml`/`.yaml` file that no other format
 * names is read when its content is Concourse's: a pipeline has a top-level `jobs:` whose jobs have a `plan:`
 * (https://concourse-ci.org/docs/pipelines/), a task configuration a top-level `platform:` and `run:`
 * (https://concourse-ci.org/docs/tasks/). Such a file is this format's alone: the k8s-manifest format, which reads
 * any other YAML file, leaves it (Discoverer.fallback).
 * - `resource_types[]` of type `registry-image` or `docker-image`: the image a resource of that type runs in,
 *   `source.repository` and `source.tag`.
 * - A task's `config.image_resource` (`registry-image` or `docker-image`), in a pipeline and in a task configuration
 *   file: `source.repository`, `source.tag` and a pinned `version.digest`.
 * - A task's `image:` names an artifact of its job's plan: when a `get` step fetched it from a `registry-image` or
 *   `docker-image` resource, that resource's image (once per resource, at its `source.repository`). It overrides the
 *   task's `image_resource`, which is then not run and not listed. Image resources a pipeline only gets or puts are
 *   the pipeline's inputs and outputs (a base image it builds on, the image it publishes), not what it runs in: not
 *   listed.
 * - The image is `repository:tag` (`@digest` added for an `image_resource`'s pinned `version.digest`). docker-image
 *   (https://github.com/concourse/docker-image-resource): `tag` defaults to `latest`, a source `digest` replaces it.
 *   registry-image (https://github.com/concourse/registry-image-resource, commands/check.go): without `tag` its check
 *   runs the newest semver tag (or one `tag_regex` matches; `latest` when there is none), known only when Concourse
 *   checks: listed by its repository without a version, and reported (`unresolved-version`).
 * - `((var))` and `((source:var))` are filled in by Concourse's credential manager or `fly set-pipeline -v/-l` when the
 *   pipeline is set: a value holding one is reported (`unsupported`), never guessed. `source.username`, `password`,
 *   `aws_*` and every other source setting are credentials or settings: never read.
 * - A ytt template (`#@` annotations) is not Concourse's YAML until rendered: reported, not read.
 * - A task `file:` is another file, read on its own when it is in the tree, not through the pipeline.
 */
import {elide} from '../../../core/elide.js'
import {isBuildkiteFile, isManifestCandidate} from '../../file-names.js'
import type {SniffFile} from '../../sniff.js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Location} from '../../../core/model.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {YTT_TEMPLATE, yttAnnotationLine} from '../../ytt.js'
import {
  isAbsent,
  describe,
  isMap,
  isScalar,
  isSeq,
  stringValue,
  text,
  type YamlMap,
  type YamlNode,
} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'concourse',
  description: 'Concourse pipelines and task configurations (.yml): task images, resource type images',
  matches: (file) => isManifestCandidate(file) && !isBuildkiteFile(file),
  sniff: (head, tail, file) =>
    isConcourse(head) ||
    isYttPipeline(head) ||
    (isPipelineStart(head) &&
      (isConcourse(`${head}\n${tail?.() ?? ''}`) || (file !== undefined && isConcourse(whole(file))))),
  identify: (head) => isConcourse(head),
  discover,
}

/** The resource types whose `source.repository` and `tag` name a container image. */
const IMAGE_TYPES = new Set(['registry-image', 'docker-image'])
/** Steps that hold steps (https://concourse-ci.org/docs/steps/): a list, or `in_parallel: {steps: [...]}`. */
const STEP_LISTS = ['in_parallel', 'aggregate', 'do']
/** Steps that hold one step: `try`, and the hooks any step (and a job) may have. */
const STEP_HOOKS = ['try', 'on_success', 'on_failure', 'on_abort', 'on_error', 'ensure']

/**
 * A top-level `jobs:` that is a list (a GitHub workflow's is a mapping) and a `plan:` after it; or a top-level
 * `platform:` and `run:`.
 */
function isConcourse(text: string): boolean {
  const jobs = /^jobs:[ \t]*(?:\[|(?:#[^\r\n]*)?\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*[ \t]*-[ \t\r\n])/m.exec(text)
  if (jobs !== null && /^[ \t]+(?:-[ \t]+)?plan:|[{,][ \t]*plan:/m.test(text.slice(jobs.index))) return true
  return /^platform:/m.test(text) && /^run:/m.test(text)
}

/**
 * A pipeline written as a ytt template (`#@ load(...)`, jobs written by functions at any indentation): `#@` lines and a
 * top-level key only a pipeline has. Reported by this format (not read), never read as a broken Kubernetes manifest.
 */
function isYttPipeline(head: string): boolean {
  return /^#@/m.test(head) && /^(?:jobs|resources|resource_types):/m.test(head)
}

/** The whole text, for a head that starts a pipeline whose jobs are neither in its first nor its last SNIFF_BYTES. */
function whole(file: SniffFile): string {
  let text = ''
  for (const chunk of file.chunks()) text += chunk
  return text
}

/** A head that may be a large pipeline's: its jobs may come after the first SNIFF_BYTES. */
function isPipelineStart(head: string): boolean {
  return /^(?:resources|resource_types|jobs|groups|var_sources):/m.test(head)
}

interface Place {
  out: Output
  file: string
  /** Resources by name: what a task's `image:` artifact was fetched from. */
  resources: Map<string, YamlMap>
  /** Resources whose image was listed: once each. */
  listed: Set<YamlMap>
  /** Task configurations already read: one reused through an alias is listed once. */
  seen: Set<YamlNode>
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const annotation = yttAnnotationLine(input.text)
  if (annotation !== undefined) {
    out.skipped.push({file: input.file, line: annotation, reason: 'unsupported', message: YTT_TEMPLATE})
    return out
  }
  for (const root of mappingDocuments(
    input.text,
    input.file,
    out.errors,
    'a Concourse pipeline or task configuration',
  )) {
    const place: Place = {out, file: input.file, resources: new Map(), listed: new Set(), seen: new Set()}
    if (root.entries.has('jobs')) pipeline(place, root)
    else taskConfig(place, root, '')
  }
  return out
}

function pipeline(place: Place, root: YamlMap): void {
  const types = listOf(place, root.entries.get('resource_types'), 'resource_types')
  types.forEach((type, i) => {
    if (IMAGE_TYPES.has(stringValue(type.entries.get('type')) ?? ''))
      sourceImage(place, type, stringValue(type.entries.get('type')) as string, `resource_types[${i}] ${nameOf(type)}`)
  })
  for (const resource of listOf(place, root.entries.get('resources'), 'resources')) {
    const name = stringValue(resource.entries.get('name'))
    if (name !== undefined) place.resources.set(name, resource)
  }
  listOf(place, root.entries.get('jobs'), 'jobs').forEach((job, i) => {
    const path = `jobs[${i}] ${nameOf(job)}`
    const plan = job.entries.get('plan')
    if (plan === undefined) place.out.errors.push(errorAt(place.file, job, 'invalid-entry', `${path} has no plan`))
    const artifacts = new Map<string, string>()
    const images: Array<{node: YamlNode; path: string}> = []
    stepList(place, plan, `${path}.plan`, artifacts, images)
    for (const hook of STEP_HOOKS) step(place, job.entries.get(hook), `${path}.${hook}`, artifacts, images)
    for (const image of images) taskImage(place, image.node, image.path, artifacts)
  })
}

/** The mappings of a top-level list (`resources`, `jobs`…); anything else in it is an error. */
function listOf(place: Place, node: YamlNode | undefined, path: string): YamlMap[] {
  if (isAbsent(node)) return []
  if (!isSeq(node)) {
    place.out.errors.push(shapeError(place.file, node, path, 'list'))
    return []
  }
  const maps: YamlMap[] = []
  node.items.forEach((item, i) => {
    if (isMap(item)) maps.push(item)
    else place.out.errors.push(shapeError(place.file, item, `${path}[${i}]`, 'mapping'))
  })
  return maps
}

function nameOf(node: YamlMap): string {
  return elide(text(node.entries.get('name')) ?? '(no name)', 100)
}

function stepList(
  place: Place,
  node: YamlNode | undefined,
  path: string,
  artifacts: Map<string, string>,
  images: Array<{node: YamlNode; path: string}>,
  depth = 0,
): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    place.out.errors.push(
      errorAt(place.file, node, 'invalid-entry', `${path} must be a list of steps, not ${describe(node)}`),
    )
    return
  }
  node.items.forEach((item, i) => {
    step(place, item, `${path}[${i}]`, artifacts, images, depth + 1)
  })
}

/**
 * One step: a `get` names an artifact and the resource it comes from, a `task` may run in one (`image:`) or in its
 * configuration's `image_resource`; steps that hold steps are read through. Tasks' images are resolved once the
 * whole job is read: a `get` may be written after the task in another branch of the plan.
 */
function step(
  place: Place,
  node: YamlNode | undefined,
  path: string,
  artifacts: Map<string, string>,
  images: Array<{node: YamlNode; path: string}>,
  depth = 0,
): void {
  if (isAbsent(node)) return
  // Deeper than any YAML the reader accepts (its depth limit): nothing there but what aliases repeat.
  if (depth > 300) return
  if (!isMap(node)) {
    place.out.errors.push(errorAt(place.file, node, 'invalid-entry', `${path} must be a step, not ${describe(node)}`))
    return
  }
  const get = stringValue(node.entries.get('get'))
  if (get !== undefined) artifacts.set(get, stringValue(node.entries.get('resource')) ?? get)
  if (node.entries.has('task')) {
    const where = `${path} task ${elide(text(node.entries.get('task')) ?? '?', 100)}`
    const image = node.entries.get('image')
    if (image !== undefined && !(isScalar(image) && image.kind === 'null'))
      images.push({node: image, path: `${where}.image`})
    else {
      const config = node.entries.get('config')
      if (config !== undefined && !place.seen.has(config)) {
        place.seen.add(config)
        if (isMap(config)) taskConfig(place, config, `${where}.config.`)
        else if (!(isScalar(config) && config.kind === 'null'))
          place.out.errors.push(
            errorAt(
              place.file,
              config,
              'invalid-entry',
              `${where}.config must be a task configuration, not ${describe(config)}`,
            ),
          )
      }
    }
  }
  for (const key of STEP_LISTS) {
    const inner = node.entries.get(key)
    if (inner === undefined) continue
    const list = key === 'in_parallel' && isMap(inner) ? inner.entries.get('steps') : inner
    stepList(place, list, `${path}.${key}`, artifacts, images, depth + 1)
  }
  for (const hook of STEP_HOOKS) step(place, node.entries.get(hook), `${path}.${hook}`, artifacts, images, depth + 1)
}

/** A task's `image:`: the image of the resource its job fetched that artifact from, when it is an image resource. */
function taskImage(place: Place, node: YamlNode, path: string, artifacts: Map<string, string>): void {
  const name = stringValue(node)
  if (name === undefined) {
    place.out.errors.push(
      errorAt(place.file, node, 'invalid-entry', `${path} must name an artifact, not ${describe(node)}`),
    )
    return
  }
  if (name.includes('((')) {
    place.out.skipped.push(varSkip(place.file, node, `${path} "${elide(name, 200)}"`))
    return
  }
  const resourceName = artifacts.get(name)
  const resource = resourceName === undefined ? undefined : place.resources.get(resourceName)
  // An artifact a task wrote, or one no get step fetched from an image resource: the pipeline's own, nothing to list.
  if (resource === undefined || place.listed.has(resource)) return
  if (!IMAGE_TYPES.has(stringValue(resource.entries.get('type')) ?? '')) return
  place.listed.add(resource)
  sourceImage(place, resource, stringValue(resource.entries.get('type')) as string, `resource ${nameOf(resource)}`)
}

/** A task configuration, in a pipeline's `config:` or a file of its own: its `image_resource`. */
function taskConfig(place: Place, config: YamlMap, prefix: string): void {
  const resource = config.entries.get('image_resource')
  if (isAbsent(resource)) return
  const path = `${prefix}image_resource`
  if (!isMap(resource)) {
    place.out.errors.push(shapeError(place.file, resource, path, 'mapping'))
    return
  }
  const type = stringValue(resource.entries.get('type'))
  if (type?.includes('((')) {
    place.out.skipped.push(
      varSkip(place.file, resource.entries.get('type') as YamlNode, `${path}.type "${elide(type, 100)}"`),
    )
    return
  }
  if (type === undefined || !IMAGE_TYPES.has(type)) return
  const digest = stringValue(
    isMap(resource.entries.get('version'))
      ? (resource.entries.get('version') as YamlMap).entries.get('digest')
      : undefined,
  )
  sourceImage(place, resource, type, path, digest)
}

/**
 * `source.repository` and `source.tag` of a resource, resource type or image resource: the image, at the repository.
 * Nothing else of `source` is read (credentials: `username`, `password`, `aws_*`).
 */
function sourceImage(place: Place, owner: YamlMap, type: string, path: string, digest?: string): void {
  const {out, file} = place
  const source = owner.entries.get('source')
  const written = stringValue(source)
  if (written?.includes('((')) {
    out.skipped.push(varSkip(file, source as YamlNode, `${path}.source`))
    return
  }
  if (!isMap(source)) {
    out.errors.push(
      errorAt(
        file,
        source ?? owner,
        'invalid-entry',
        `${path}.source must be a mapping with a repository, not ${describe(source)}`,
      ),
    )
    return
  }
  const repositoryNode = source.entries.get('repository')
  const repository = stringValue(repositoryNode)
  if (repositoryNode === undefined || repository === undefined) {
    out.errors.push(
      errorAt(
        file,
        repositoryNode ?? source,
        'invalid-entry',
        `${path}.source.repository must be an image repository, not ${describe(repositoryNode)}`,
      ),
    )
    return
  }
  if (repository.includes('((')) {
    out.skipped.push(varSkip(file, repositoryNode, `${path}.source.repository "${elide(repository, 200)}"`))
    return
  }
  const tagNode = source.entries.get('tag')
  const tag = text(tagNode)
  if (
    tagNode !== undefined &&
    isScalar(tagNode) &&
    tagNode.kind !== 'null' &&
    (tag === undefined || tag === '' || tagNode.kind === 'boolean')
  ) {
    out.errors.push(
      errorAt(file, tagNode, 'invalid-entry', `${path}.source.tag must be a tag, not ${describe(tagNode)}`),
    )
    return
  }
  if (tagNode !== undefined && !isScalar(tagNode)) {
    out.errors.push(
      errorAt(file, tagNode, 'invalid-entry', `${path}.source.tag must be a tag, not ${describe(tagNode)}`),
    )
    return
  }
  if (tag?.includes('((')) {
    out.skipped.push(varSkip(file, tagNode as YamlNode, `${path}.source.tag "${elide(tag, 200)}"`))
    return
  }
  const sourceDigest = type === 'docker-image' ? stringValue(source.entries.get('digest')) : undefined
  const pinned = sourceDigest ?? digest
  if (pinned?.includes('((')) {
    out.skipped.push(varSkip(file, repositoryNode, `${path} digest "${elide(pinned, 200)}"`))
    return
  }
  const location = locationOf(file, repositoryNode)
  // docker-image: `tag` defaults to latest, and a `digest` in the source replaces it. registry-image without a tag
  // checks the repository's tags and runs the newest (commands/check.go checkRepository).
  const tagged = sourceDigest !== undefined ? undefined : (tag ?? (type === 'docker-image' ? 'latest' : undefined))
  if (tagged === undefined && pinned === undefined) {
    versionless(out, repository, location, path, source)
    return
  }
  addImageRef(
    out,
    `${repository}${tagged === undefined ? '' : `:${tagged}`}${pinned ? `@${pinned}` : ''}`,
    location,
    'manifest',
  )
}

/**
 * A registry-image source without a tag (concourse/registry-image-resource commands/check.go `checkRepository`):
 * Concourse's check lists the repository's semver tags (with `variant`, those with that suffix; within
 * `semver_constraint`), or the tags `tag_regex` matches, and the newest is run (`latest` when it is no semver tag's
 * image). Which one is known when Concourse checks: the image is listed by its repository, without a version.
 */
function versionless(out: Output, repository: string, location: Location, path: string, source: YamlMap): void {
  const parsed = parseImageRef(repository)
  if (!parsed.ok || parsed.image.tag !== undefined || parsed.image.digest !== undefined) {
    const why = parsed.ok ? 'names a tag or digest: registry-image takes them in source.tag' : parsed.message
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `${path}: invalid image repository "${elide(repository, 200)}": ${why}`,
    })
    return
  }
  const component = imageComponent(parsed.image, repository, location, 'manifest')
  // imageComponent gives a reference without a tag Docker's default; this one has none: no version.
  delete component.version
  if (component.purl !== undefined) component.purl = component.purl.replace(/@latest(?=\?|$)/, '')
  out.components.push(component)
  const picks = source.entries.has('tag_regex')
    ? 'the newest tag matching its tag_regex'
    : `the newest semver tag${source.entries.has('variant') ? ' with its variant suffix' : ''}${source.entries.has('semver_constraint') ? ' within its semver_constraint' : ''} (or latest, when its image is none of those tags')`
  out.skipped.push({
    file: location.file,
    line: location.line,
    reason: 'unresolved-version',
    message: `${path}: registry-image ${elide(repository, 200)} has no tag: Concourse runs ${picks}, found when it checks the resource; listed without a version`,
  })
}

function varSkip(file: string, node: YamlNode, what: string) {
  return {
    file,
    line: node.line,
    reason: 'unsupported' as const,
    message: `${what} holds a ((var)), filled in by Concourse's credential manager or fly set-pipeline -v/-l when the pipeline is set; not guessed`,
  }
}
