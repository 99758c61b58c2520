/**
 * Image fields of Kubernetes resources. Pod templates are found by shape, not by kind, so custom resources
 * that embed one (Argo Rollout, Knative Service, OpenKruise CloneSet, Volcano Job, KEDA ScaledJob...) need no
 * table: any mapping with a `containers`-like list of mappings is a pod spec. Operators' own image fields
 * (Prometheus `spec.image`) come from the table in ./operator-fields.ts; the images an operator deploys by OLM's
 * conventions from a ClusterServiceVersion's `spec.relatedImages` and containers' `RELATED_IMAGE_*` variables. The
 * manifests' readers also list the images GitOps objects' kustomize overrides pin (./gitops-image-overrides.ts).
 */
import {appendAll} from '../core/arrays.js'
import {elide} from '../core/elide.js'
import {namesRegistry} from '../core/image-ref.js'
import type {Origin, ScanError, Skipped} from '../core/model.js'
import {GITOPS_KINDS} from './gitops-charts.js'
import {gitopsImageOverrides} from './gitops-image-overrides.js'
import {lineStarts, readEmbeddedDocuments} from './embedded-yaml.js'
import {goBinaryText} from './go-binary.js'
import {operatorImagePaths} from './operator-fields.js'
import {errorAt} from './output.js'
import {readJsonTree} from './json-tree.js'
import {GITLAB_TAGS, readYaml} from './yaml.js'
import {
  at,
  describe,
  isMap,
  isScalar,
  isSeq,
  stringValue,
  type YamlMap,
  type YamlNode,
  type YamlScalar,
} from './yaml-tree.js'

/** Lists of containers: PodSpec, plus Tekton `steps`/`sidecars` and OpenKruise SidecarSet. */
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers', 'steps', 'sidecars']
/** Single containers: Argo Workflows `container`/`script` templates, Tekton `stepTemplate`. */
const CONTAINER_MAPS = ['container', 'script', 'stepTemplate']
/** Kinds that describe fields rather than set them (their schemas mention `containers` and `image`). */
const SCHEMA_KINDS: ReadonlySet<string> = new Set(['CustomResourceDefinition'])

export interface ImageField {
  /** The scalar holding the reference. */
  node: YamlScalar
  /** The registry a reference without one is pulled from, when not docker's default (Crossplane's packages). */
  registry?: string
  /** Characters of a scheme before the reference (`docker://`), not part of it. */
  strip?: number
  /** Where it was found: `containers`, `initContainers`, `volumes`, `spec.image`... */
  field: string
  origin: Origin
  /** The image, when not the node's text: the one a kustomize image override pins (./gitops-image-overrides.ts). */
  ref?: string
}

export interface ImageFieldProblem {
  node: YamlNode
  message: string
}

export interface ResourceImages {
  images: ImageField[]
  problems: ImageFieldProblem[]
}

/** apiVersion and kind of a Kubernetes object, or undefined when the node is not one. */
export function resourceType(node: YamlNode | undefined): {apiVersion: string; kind: string} | undefined {
  const apiVersion = stringValue(at(node, 'apiVersion'))
  const kind = stringValue(at(node, 'kind'))
  return apiVersion && kind ? {apiVersion, kind} : undefined
}

/** The objects of a document: the document itself, or the items of a `List` (kind `List`, `DeploymentList`...). */
export function resourcesOf(root: YamlNode | null): YamlMap[] {
  return typedResourcesOf(root).map(({resource}) => resource)
}

type ResourceType = {apiVersion: string; kind: string}

/** resourcesOf, each object with its apiVersion and kind (read once). */
function typedResourcesOf(root: YamlNode | null): Array<{resource: YamlMap; type: ResourceType}> {
  const type = resourceType(root ?? undefined)
  if (!type || !isMap(root)) return []
  const items = root.entries.get('items')
  if (!type.kind.endsWith('List') || !isSeq(items)) return [{resource: root, type}]
  const out: Array<{resource: YamlMap; type: ResourceType}> = []
  for (const item of items.items) {
    const itemType = resourceType(item)
    if (itemType) out.push({resource: item as YamlMap, type: itemType})
  }
  return out
}

/** Every image field of one Kubernetes object. */
export function findResourceImages(resource: YamlMap, type = resourceType(resource)): ResourceImages {
  const found: ResourceImages = {images: [], problems: []}
  if (!type || SCHEMA_KINDS.has(type.kind)) return found
  for (const {path, registry} of operatorImagePaths(type.apiVersion, type.kind))
    for (const node of nodesAt(resource, path)) addImage(found, node, path.join('.'), 'operator-field', registry)
  visit(resource, found, 0, GITOPS_KINDS.has(type.kind) ? VALUES_KEYS : NO_KEYS)
  if (type.kind === 'ClusterServiceVersion' && type.apiVersion.startsWith('operators.coreos.com/'))
    relatedImages(resource, found)
  return found
}

/** The nodes at `path` (`*`: each item of a list there), in order. */
function nodesAt(node: YamlNode | undefined, path: readonly string[]): YamlNode[] {
  if (node === undefined) return []
  if (path.length === 0) return [node]
  const [first, ...rest] = path
  if (first === '*') return isSeq(node) ? node.items.flatMap((item) => nodesAt(item, rest)) : []
  return nodesAt(at(node, first), rest)
}

/**
 * OLM's ClusterServiceVersion lists every image its operator may pull, its operands' too, in `spec.relatedImages`
 * (`{name, image}`), so that a disconnected cluster can mirror them. The operator's own image is listed there as
 * well: an entry the CSV's deployments or their `RELATED_IMAGE_*` variables already name is not listed again.
 */
function relatedImages(resource: YamlMap, found: ResourceImages): void {
  const related = at(resource, 'spec', 'relatedImages')
  if (!isSeq(related)) return
  const named = new Set(found.images.map((image) => image.node.text.trim()))
  for (const item of related.items) {
    const image = at(item, 'image')
    // An entry without an image, or an empty one (a bundle's template before its images are pinned), names none.
    if (image === undefined || blank(image) || (isScalar(image) && named.has(image.text.trim()))) continue
    addImage(found, image, 'spec.relatedImages', 'operator-field')
  }
}

/**
 * The values a GitOps object gives its chart (a HelmRelease's `spec.values`, an Argo CD source's `helm.valuesObject`):
 * read as values by ./gitops-charts.ts, not searched for pod templates here too (the same image would be listed twice).
 */
const VALUES_KEYS: ReadonlySet<string> = new Set(['values', 'valuesObject'])
const NO_KEYS: ReadonlySet<string> = new Set()

function visit(node: YamlNode, found: ResourceImages, depth: number, skipped: ReadonlySet<string>): void {
  if (depth > 512) return
  if (isSeq(node)) {
    for (const item of node.items) visit(item, found, depth + 1, skipped)
    return
  }
  if (!isMap(node)) return
  for (const [key, value] of node.entries) {
    if (skipped.has(key)) continue
    if (CONTAINER_LISTS.includes(key) && isSeq(value)) {
      for (const item of value.items) containerImage(item, key, found)
    } else if (CONTAINER_MAPS.includes(key) && isMap(value) && value.entries.has('image')) {
      containerImage(value, key, found)
    } else if (key === 'volumes' && isSeq(value)) {
      volumeImages(value.items, found)
    } else if ((key === 'taskRef' || key === 'pipelineRef') && isMap(value)) {
      tektonBundle(value, key, found)
    } else if (key === 'source' && isMap(value)) {
      registryDisk(value, found)
    }
    visit(value, found, depth + 1, skipped)
  }
}

function containerImage(container: YamlNode, field: string, found: ResourceImages): void {
  if (!isMap(container)) return
  const image = container.entries.get('image')
  // A container may omit its image for a controller to default it; nothing to list then.
  if (image !== undefined) addImage(found, image, field, 'manifest')
  const env = container.entries.get('env')
  if (isSeq(env)) for (const variable of env.items) relatedImage(variable, found)
}

/**
 * `env: [{name: RELATED_IMAGE_DB, value: quay.io/…}]`: the images an operator deploys, given to it by the convention
 * of Operator SDK and OLM (an operator reads each such variable for an operand's image; `make bundle` copies them
 * into the CSV's `relatedImages`). A variable without a value, or set from elsewhere (`valueFrom`), names none here.
 */
function relatedImage(variable: YamlNode, found: ResourceImages): void {
  const name = stringValue(at(variable, 'name'))
  const value = at(variable, 'value')
  if (name === undefined || !name.startsWith('RELATED_IMAGE_') || value === undefined || blank(value)) return
  addImage(found, value, `env ${name}`, 'operator-field')
}

/** A null or an empty string: a value left to be filled in, naming no image. */
function blank(node: YamlNode): boolean {
  return isScalar(node) && (node.kind === 'null' || (node.kind === 'string' && node.text.trim() === ''))
}

/**
 * A Tekton bundle: tasks and pipelines shipped as an OCI image, named by a `taskRef` or `pipelineRef` with the
 * bundles resolver (`resolver: bundles`, `params: [{name: bundle, value: <image>}]`,
 * https://tekton.dev/docs/pipelines/bundle-resolver/) or, before it, `bundle: <image>`.
 */
function tektonBundle(ref: YamlMap, key: string, found: ResourceImages): void {
  const bundle = ref.entries.get('bundle')
  if (bundle !== undefined) addImage(found, bundle, `${key}.bundle`, 'operator-field')
  const params = ref.entries.get('params')
  if (stringValue(ref.entries.get('resolver')) !== 'bundles' || !isSeq(params)) return
  for (const param of params.items) {
    const value = at(param, 'value')
    if (stringValue(at(param, 'name')) === 'bundle' && value !== undefined)
      addImage(found, value, `${key} bundles resolver`, 'operator-field')
  }
}

/**
 * A KubeVirt CDI disk imported from a registry: a DataVolume's (or a VM's `dataVolumeTemplates`') `source.registry.url`,
 * `docker://<image>` (https://github.com/kubevirt/containerized-data-importer/blob/main/doc/image-from-registry.md);
 * an `oci-archive://` URL or an `imageStream` names no registry image.
 */
function registryDisk(source: YamlMap, found: ResourceImages): void {
  const url = at(source, 'registry', 'url')
  if (isScalar(url) && url.kind === 'string' && url.text.startsWith(DOCKER_URL))
    found.images.push({node: url, field: 'source.registry.url', origin: 'operator-field', strip: DOCKER_URL.length})
}

const DOCKER_URL = 'docker://'

/**
 * Image volumes (Kubernetes 1.31+): `volumes[].image.reference`; KubeVirt's container disks, a virtual machine's
 * disk shipped as an image (`volumes[].containerDisk.image`, https://kubevirt.io/user-guide/storage/disks_and_volumes/).
 */
function volumeImages(volumes: YamlNode[], found: ResourceImages): void {
  for (const volume of volumes) {
    const source = at(volume, 'image')
    // `reference` may be left out (as a container's image), for a controller to fill in: nothing to list then.
    const reference = isMap(source) ? source.entries.get('reference') : undefined
    if (reference !== undefined) addImage(found, reference, 'volumes', 'manifest')
    const disk = at(volume, 'containerDisk')
    if (isMap(disk) && disk.entries.has('image')) addImage(found, disk.entries.get('image')!, 'volumes', 'manifest')
  }
}

function addImage(found: ResourceImages, node: YamlNode, field: string, origin: Origin, registry?: string): void {
  if (isScalar(node) && node.kind === 'string') {
    found.images.push(registry ? {node, field, origin, registry} : {node, field, origin})
    return
  }
  // `image: !!binary ZXhhbXBsZS5vcmcveDox`: kubectl reads YAML with sigs.k8s.io/yaml over go-yaml v2, whose decoder
  // (decode.go, `(*decoder).scalar`) decodes a `!!binary` scalar with base64.StdEncoding and gives an untyped field the
  // bytes as a string: the image applied is the decoded text (../go-binary.ts). Base64 Go refuses fails the file.
  if (isScalar(node) && node.tag === '!!binary') {
    const decoded = goBinaryText(node.text)
    if ('text' in decoded) {
      const ref = decoded.text
      found.images.push(registry ? {node, field, origin, registry, ref} : {node, field, origin, ref})
    } else {
      const refuses = decoded.goRefuses ? ' (kubectl refuses the file)' : ''
      found.problems.push({
        node,
        message: `image field (${field}) is a !!binary value that ${decoded.problem}${refuses}`,
      })
    }
    return
  }
  found.problems.push({node, message: `image field (${field}) must be a string, found ${describe(node)}`})
}

/** What an image field pulls when that is not its text as written: without its scheme, or with its default registry. */
function pulledOf(image: ImageField): {pulled?: string} {
  const written = image.ref ?? image.node.text
  const text = image.strip ? written.slice(image.strip) : written
  if (image.registry && !namesRegistry(text)) return {pulled: `${image.registry}/${text}`}
  return text === written ? {} : {pulled: text}
}

export interface ManifestImage {
  ref: string
  /** What is pulled, when not `ref` itself: `ref` with the registry the field's operator defaults to. */
  pulled?: string
  line: number
  column: number
  field: string
  origin: Origin
  /** Who fills in a `{{ }}` in this resource's values, and when, when that is not Helm: `Argo Workflows fills in when the Workflow runs`. */
  filledBy?: string
  /** In a manifest held in a string (an Argo Workflows resource template's): no image kustomize's overrides reach. */
  embedded?: true
}

/**
 * Argo Workflows substitutes `{{inputs.parameters.x}}`, `{{workflow.name}}`... in a workflow's templates when it runs
 * (https://argo-workflows.readthedocs.io/en/latest/variables/): such an image is no Helm template.
 */
const ARGO_WORKFLOWS_KINDS: ReadonlySet<string> = new Set([
  'Workflow',
  'WorkflowTemplate',
  'ClusterWorkflowTemplate',
  'CronWorkflow',
])

/**
 * Argo Rollouts substitutes an analysis template's arguments (`{{args.image}}`) when an analysis runs
 * (https://argo-rollouts.readthedocs.io/en/stable/features/analysis/#analysis-template-arguments).
 */
const ARGO_ANALYSIS_KINDS: ReadonlySet<string> = new Set(['AnalysisTemplate', 'ClusterAnalysisTemplate'])

function filledBy(type: {apiVersion: string; kind: string} | undefined): {filledBy?: string} {
  if (!type?.apiVersion.startsWith('argoproj.io/')) return {}
  if (ARGO_WORKFLOWS_KINDS.has(type.kind)) return {filledBy: `Argo Workflows fills in when the ${type.kind} runs`}
  if (ARGO_ANALYSIS_KINDS.has(type.kind)) return {filledBy: 'Argo Rollouts fills in when an analysis runs'}
  return {}
}

/**
 * The skip of an image whose `{{ }}` parameters Argo Workflows or Rollouts fill in when the workflow or analysis runs
 * (no Helm template: nothing to render), in `file`; undefined for any other image.
 */
export function parametersFilledLater(image: ManifestImage, file: string): Skipped | undefined {
  if (!image.filledBy || !image.ref.includes('{{')) return undefined
  const message = `image "${elide(image.ref, 200)}" holds parameters ({{ }}) that ${image.filledBy}: not guessed`
  return {file, line: image.line, reason: 'unsupported', message}
}

export interface ManifestImages {
  images: ManifestImage[]
  /** Unreadable YAML, and image fields that are not strings. */
  errors: ScanError[]
  /** Number of Kubernetes objects read. */
  resources: number
  /** Lines where `{{ }}` made YAML out of a template (collection keys); see readYaml. */
  complexKeyLines: number[]
  /** The objects of the GitOps kinds ./gitops-charts.ts reads (Argo CD applications, Flux releases and sources). */
  gitops: YamlMap[]
  /** Image overrides whose image is not known here; manifests of resource templates not read. */
  skipped: Skipped[]
  /**
   * Problems of the manifests Argo Workflows resource templates hold in strings (YAML that kubectl would refuse when
   * the workflow runs), placed in the file: kept apart from `errors`, which tell whether the file itself is YAML.
   */
  embeddedErrors: ScanError[]
}

/** A top-level `kind: CustomResourceDefinition` line: the document is a schema (confirmed on its plain value). */
const SCHEMA_KIND_LINE = /^kind:[ \t]*(["']?)CustomResourceDefinition\1[ \t]*(?:#.*)?\r?$/m
/**
 * Every image field's key has `image` in its name (./operator-fields.ts too), but Crossplane's `package:` (`"package":`
 * in JSON), Tekton's bundles (`bundle:`, `resolver: bundles`) and CDI's `docker://` URLs; a double-quoted key could
 * spell it with escapes, and a `{{ }}` template is a template. A document without these cannot hold an image.
 */
const MAY_HOLD_IMAGE = /image|package["']?\s*:|bundle|docker:\/\/|\\|\{\{/i

/**
 * Every image reference written in a multi-document manifest, with its position. Documents that cannot hold an
 * image are not read into positioned trees: CustomResourceDefinitions (most of the bytes of install bundles) are
 * recognised by their top-level lines and not parsed at all; anything whose text never says `image` is only
 * checked by js-yaml.
 */
export function readManifestImages(text: string, file: string): ManifestImages {
  const {documents, errors, complexKeyLines} = readYaml(text, file, {
    shallowKinds: SCHEMA_KINDS,
    recognise: schemaDocument,
    skim: (source) => SCHEMA_KIND_LINE.test(source) || !MAY_HOLD_IMAGE.test(source),
    needsTree: (plain, source) => !isSchema(plain) && (MAY_HOLD_IMAGE.test(source) || isGitops(plain)),
    // GitLab CI's `!reference [job, key]`: the files a pipeline includes are YAML files like any other, and their one
    // local tag must not make them errors. No Kubernetes object holds it.
    localTags: GITLAB_TAGS,
    // Any other tag (CloudFormation's `!Ref`, Ansible's `!vault`, a Ruby cassette's `!binary`) is read as kubectl reads
    // it, without a word: sigs.k8s.io/yaml's YAMLToJSON unmarshals with go-yaml v2 (go.yaml.in/yaml/v2), whose
    // resolve.go gives a tag it does not resolve the scalar's text (`if !resolvableTag(tag) { return tag, in }`) and
    // whose decoder never looks at a mapping's or a list's tag. So a file that is no Kubernetes object is never an
    // error for its tags, and an image written `image: !foo nginx:1` is the `nginx:1` kubectl applies.
    keepUnknownTags: 'quietly',
    // `!!binary` scalars kept as written, for addImage to decode them as go-yaml does.
    keepBinary: true,
  })
  const out = imagesOfDocuments(
    documents.map((doc) => doc.root),
    {text, file},
    errors,
    complexKeyLines,
  )
  for (const doc of documents)
    if (doc.root === null && doc.plain !== undefined) out.resources += plainResources(doc.plain)
  return out
}

/** A top-level key written plainly: `name:` followed by a space or the end of the line. */
const PLAIN_KEY_LINE = /^[A-Za-z0-9_][\w./-]*:(?:[ \t\r]|$)/
const API_VERSION_LINE = /^apiVersion:[ \t]*(["']?)([\w./-]+)\1[ \t]*(?:#.*)?\r?$/

/**
 * `{apiVersion, kind: 'CustomResourceDefinition'}` when the text alone shows the document is a CRD: a block mapping
 * whose top-level keys are all written plainly (a quoted or escaped key could spell a second `kind`), with one
 * `kind:` line naming the schema kind and a plain `apiVersion:`. Everything below the top level is a schema, which
 * never holds an image, so it is not parsed.
 */
export function schemaDocument(source: string): {apiVersion: string; kind: string} | undefined {
  if (!SCHEMA_KIND_LINE.test(source)) return undefined
  let apiVersion: string | undefined
  let kinds = 0
  for (let start = 0; start < source.length; ) {
    const end = source.indexOf('\n', start)
    const next = end < 0 ? source.length : end + 1
    const first = source.charCodeAt(start)
    // Indented lines, blank lines and comments; document markers.
    const topLevel = first !== 0x20 && first !== 0x09 && first !== 0x0a && first !== 0x0d && first !== 0x23
    if (topLevel && !source.startsWith('---', start) && !source.startsWith('...', start)) {
      // Without its line break: `$` in API_VERSION_LINE matches at the end of the text only.
      const line = source.slice(start, end < 0 ? source.length : end)
      if (!PLAIN_KEY_LINE.test(line)) return undefined
      if (line.startsWith('kind:')) kinds++
      else if (line.startsWith('apiVersion:')) apiVersion = API_VERSION_LINE.exec(line)?.[2]
    }
    start = next
  }
  return kinds === 1 && apiVersion ? {apiVersion, kind: 'CustomResourceDefinition'} : undefined
}

/** A document of a kind ./gitops-charts.ts reads (its charts need positions, like images). */
function isGitops(plain: unknown): boolean {
  const kind = (plain as {kind?: unknown} | null)?.kind
  return typeof kind === 'string' && GITOPS_KINDS.has(kind)
}

function isSchema(plain: unknown): boolean {
  const kind = (plain as {kind?: unknown} | null)?.kind
  return typeof kind === 'string' && SCHEMA_KINDS.has(kind)
}

/** The number of Kubernetes objects in a skimmed document, counted as resourcesOf counts a tree. */
function plainResources(plain: unknown): number {
  if (!isPlainResource(plain)) return 0
  const {kind, items} = plain as {kind: string; items?: unknown}
  if (kind.endsWith('List') && Array.isArray(items)) return items.filter(isPlainResource).length
  return 1
}

function isPlainResource(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const {apiVersion, kind} = value as {apiVersion?: unknown; kind?: unknown}
  return typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== ''
}

/** Every image reference of Kubernetes objects written as JSON (one object or a `List`), with its position. */
export function readJsonManifestImages(text: string, file: string): ManifestImages {
  const {root, errors} = readJsonTree(text, file)
  return imagesOfDocuments(root ? [root] : [], {text, file}, errors, [])
}

/** The file read; the offsets its lines start at, found once when a resource template's manifest is placed in it. */
interface Source {
  text: string
  file: string
  starts?: number[]
  /** The resource template manifests read (a mapping an alias shares holds the same one: its images are listed). */
  manifests?: Set<YamlNode>
  /** The characters of manifests read at each depth of embedding (embeddedImages' budget). */
  embeddedChars?: number[]
  /** Whether a manifest was passed over for the budget (said once). */
  overBudget?: true
}

/** The kinds that may hand kustomize image overrides (./gitops-image-overrides.ts): the others are not looked into. */
const OVERRIDING_KINDS: ReadonlySet<string> = new Set(['Kustomization', 'HelmRelease', 'Application', 'ApplicationSet'])

function imagesOfDocuments(
  roots: Array<YamlNode | null>,
  source: Source,
  errors: ScanError[],
  complexKeyLines: number[],
): ManifestImages {
  const out: ManifestImages = {
    images: [],
    errors,
    resources: 0,
    complexKeyLines,
    gitops: [],
    skipped: [],
    embeddedErrors: [],
  }
  for (const root of roots) {
    for (const {resource, type} of typedResourcesOf(root)) {
      out.resources++
      if (GITOPS_KINDS.has(type.kind)) out.gitops.push(resource)
      resourceImages(resource, type, source, out, undefined, 0)
    }
  }
  return out
}

/**
 * The images of one object into `out`; `embedding` is the Argo Workflows object whose resource template holds it in
 * a string (Argo fills in its `{{ }}` there too), `depth` how many such strings it is in.
 */
function resourceImages(
  resource: YamlMap,
  type: ResourceType,
  source: Source,
  out: ManifestImages,
  embedding: ResourceType | undefined,
  depth: number,
): void {
  const {file} = source
  const {images, problems} = findResourceImages(resource, type)
  // The images a GitOps object's kustomize overrides pin: files of GitOps repositories, not pod templates.
  const overrides =
    !embedding && OVERRIDING_KINDS.has(type.kind)
      ? gitopsImageOverrides(type.apiVersion, type.kind, resource)
      : undefined
  if (overrides) {
    for (const {node, ref, field} of overrides.images) images.push({node, ref, field, origin: 'kustomize'})
    appendAll(problems, overrides.problems)
    for (const {node, reason, message} of overrides.skips) out.skipped.push({file, line: node.line, reason, message})
  }
  for (const image of images) {
    out.images.push({
      ref: image.ref ?? image.node.text,
      ...pulledOf(image),
      line: image.node.line,
      column: image.node.column,
      field: image.field,
      origin: image.origin,
      ...filledBy(embedding ?? type),
      ...(embedding ? {embedded: true as const} : {}),
    })
  }
  for (const problem of problems)
    (embedding ? out.embeddedErrors : out.errors).push(
      errorAt(file, problem.node, 'invalid-image-field', problem.message),
    )
  if (isArgoWorkflow(type) && depth < MAX_EMBEDDING)
    for (const template of resourceTemplates(resource, 0)) embeddedImages(template, type, source, out, depth)
}

/** Workflows that create workflows that create workflows: deeper than this is not read. */
const MAX_EMBEDDING = 4

function isArgoWorkflow(type: ResourceType): boolean {
  return type.apiVersion.startsWith('argoproj.io/') && ARGO_WORKFLOWS_KINDS.has(type.kind)
}

/**
 * Argo Workflows' resource templates (`resource: {action, manifest}`,
 * https://argo-workflows.readthedocs.io/en/latest/walk-through/kubernetes-resources/), anywhere in a workflow (its
 * `templates`, a CronWorkflow's `workflowSpec`, a step's or task's `inline` template).
 */
function resourceTemplates(node: YamlNode, depth: number): YamlMap[] {
  if (depth > 64) return []
  if (isSeq(node)) return node.items.flatMap((item) => resourceTemplates(item, depth + 1))
  if (!isMap(node)) return []
  const out: YamlMap[] = []
  for (const [key, value] of node.entries) {
    if (key === 'resource' && isMap(value) && value.entries.has('manifest')) out.push(value)
    else out.push(...resourceTemplates(value, depth + 1))
  }
  return out
}

/**
 * The actions whose manifest kubectl applies to the cluster: the argo executor runs `kubectl <action> -f <manifest>`
 * (or `kubectl patch --patch-file <manifest>`) with the manifest as written, once Argo has filled in its `{{ }}`
 * (workflow/executor/resource.go, getKubectlArguments). `get` and `delete` name objects, deploying no image.
 */
const APPLYING_ACTIONS: ReadonlySet<string> = new Set(['create', 'apply', 'replace', 'patch'])
/** What a manifest must say to hold an image (MAY_HOLD_IMAGE less the escapes and templates). */
const NAMES_IMAGE = /image|package["']?\s*:|bundle|docker:\/\//i

/**
 * The images of the objects a resource template's `manifest` string holds, YAML or JSON as kubectl reads it, placed
 * in the file (../embedded-yaml.ts). A manifest whose `{{ }}` make it no YAML until Argo fills them in is skipped.
 */
function embeddedImages(
  template: YamlMap,
  workflow: ResourceType,
  source: Source,
  out: ManifestImages,
  depth: number,
): void {
  const action = stringValue(template.entries.get('action'))
  const manifest = template.entries.get('manifest')
  if (action === undefined || !APPLYING_ACTIONS.has(action) || !isScalar(manifest) || manifest.kind !== 'string') return
  if (!NAMES_IMAGE.test(manifest.text)) return
  source.manifests ??= new Set()
  if (source.manifests.has(manifest)) return
  source.manifests.add(manifest)
  // An alias of an anchored manifest (`manifest: *m`) is a string of its own, placed at the alias, and read again. The
  // manifests at one depth are distinct parts of the file, so they add up to no more than it unless aliases repeat
  // them: beyond the file's size, aliases would make the work grow as their number times the manifest's size.
  source.embeddedChars ??= []
  const chars = (source.embeddedChars[depth] ?? 0) + manifest.text.length
  if (chars > source.text.length) {
    if (!source.overBudget)
      out.skipped.push({
        file: source.file,
        line: manifest.line,
        reason: 'unsupported',
        message: `the manifests of resource templates add up to more than the file's ${source.text.length} characters (YAML aliases repeat them): this one and those after it are not read`,
      })
    source.overBudget = true
    return
  }
  source.embeddedChars[depth] = chars
  const problems: ScanError[] = []
  source.starts ??= lineStarts(source.text)
  const options = {keepUnknownTags: 'quietly', keepBinary: true} as const
  const read = readEmbeddedDocuments(manifest, source.text, source.file, problems, options, source.starts)
  if (!read) return
  if (manifest.text.includes('{{') && (problems.length > 0 || read.complexKeyLines.length > 0)) {
    out.skipped.push({
      file: source.file,
      line: manifest.line,
      reason: 'unsupported',
      message: `the manifest of a resource template holds parameters ({{ }}) that ${filledBy(workflow).filledBy}, outside quotes (YAML reads them as mappings, or fails on them, until then): its images are not read`,
    })
    return
  }
  for (const problem of problems)
    out.embeddedErrors.push({...problem, message: `resource template manifest: ${problem.message}`})
  let typed = 0
  for (const root of read.roots)
    for (const {resource, type} of typedResourcesOf(root)) {
      typed++
      resourceImages(resource, type, source, out, workflow, depth + 1)
    }
  // A patch that names no apiVersion and kind (a JSON patch, or a merge patch of an object its `flags` name) changes
  // an object this file does not hold: what its images replace is unknown, so they are told, not listed.
  if (typed === 0 && action === 'patch' && /\bimage\b/i.test(manifest.text))
    out.skipped.push({
      file: source.file,
      line: manifest.line,
      reason: 'unsupported',
      message:
        'the manifest of a patch resource template names no apiVersion and kind (the object patched is named by its flags): images it may set are not read',
    })
}
